"""Shared helpers of the review services: the campaign must be open; moves along the transition table."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.reviews.models import (
    TRANSITIONS,
    Campaign,
    CaseEvent,
    ReviewCase,
    Step,
)


def _open(campaign: Campaign) -> None:
    if campaign.is_closed:
        raise AppError(ErrorCode.CAMPAIGN_CLOSED)


def _move(case: ReviewCase, to: str, *, actor: Any, note: str = "") -> None:
    """Move a case along the transition table, or explain why it cannot move."""
    if to not in TRANSITIONS[case.step]:
        raise AppError(
            ErrorCode.CASE_STEP_INVALID,
            _("Hộ %(code)s: không thể chuyển từ bước «%(from)s» sang «%(to)s».")
            % {"code": case.household.code, "from": Step(case.step).label, "to": Step(to).label},
        )
    CaseEvent.objects.create(case=case, from_step=case.step, to_step=to, note=note[:500], actor=actor)
    case.step = to
    case.version += 1
