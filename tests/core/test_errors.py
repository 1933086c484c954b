"""AppError carries an ErrorCode member; its message is translated when the error is raised."""

from __future__ import annotations

import pytest
from django.utils import translation

from giamngheo.core.errors import AppError, ErrorCode


def test_a_code_value_becomes_its_member_and_an_unknown_code_is_refused():
    assert AppError("report_locked").code is ErrorCode.REPORT_LOCKED  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="report_submitted"):
        AppError("report_submitted")  # type: ignore[arg-type]


def test_the_default_message_is_the_label_in_the_active_language():
    with translation.override("en"):
        error = AppError(ErrorCode.THROTTLED)

    assert error.as_dict() == {
        "code": "throttled",
        "message": "Too many attempts; please try again in a few minutes.",
    }
