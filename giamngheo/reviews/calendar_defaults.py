"""Default dates of an annual review campaign, pre-filled in the form, each with its source.

Only the window 1/9–14/12 is law (Decision 24/2021/QĐ-TTg, Art. 4; law.md §3 [C]); the step deadlines in
between are configuration (a plausible sequence for the commune's work), shown as such in the form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

LAW = _("theo Quyết định 24/2021/QĐ-TTg")
CONFIGURATION = _("cấu hình mặc định, chưa có văn bản quy định; sửa được")


@dataclass(frozen=True)
class DefaultDate:
    month: int
    day: int
    source: object  # a lazy Vietnamese text


ANNUAL = {
    "starts_on": DefaultDate(9, 1, LAW),
    "list_by": DefaultDate(9, 15, CONFIGURATION),
    "survey_by": DefaultDate(10, 15, CONFIGURATION),
    "meeting_by": DefaultDate(10, 31, CONFIGURATION),
    "posting_by": DefaultDate(11, 15, CONFIGURATION),
    "ends_on": DefaultDate(12, 14, LAW),
    "report_by": DefaultDate(12, 20, CONFIGURATION),
}


def annual_defaults(year: int) -> dict[str, dt.date]:
    """The seven dates of an annual campaign of `year`."""
    return {key: dt.date(year, value.month, value.day) for key, value in ANNUAL.items()}
