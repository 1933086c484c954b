"""Shared helpers of the review services: the campaign must be open; moves along the transition table."""

from __future__ import annotations

from typing import Any

from giamngheo.core.errors import AppError
from giamngheo.reviews.models import (
    TRANSITIONS,
    Campaign,
    CaseEvent,
    ReviewCase,
    Step,
)


def _open(campaign: Campaign) -> None:
    if campaign.is_closed:
        raise AppError("invalid", "Đợt rà soát đã kết thúc; chỉ thay đổi được sau khi mở lại có ghi lý do.")


def _move(case: ReviewCase, to: str, *, actor: Any, note: str = "") -> None:
    """Move a case along the transition table, or explain why it cannot move."""
    if to not in TRANSITIONS[case.step]:
        raise AppError(
            "invalid",
            f"Hộ {case.household.code}: không thể chuyển từ bước «{Step(case.step).label}» "
            f"sang «{Step(to).label}».",
        )
    CaseEvent.objects.create(case=case, from_step=case.step, to_step=to, note=note[:500], actor=actor)
    case.step = to
    case.version += 1
