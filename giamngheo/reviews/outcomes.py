"""From a household's recognised status and its assessment to the review outcome and the status transition."""

from __future__ import annotations

import datetime as dt

from giamngheo.registry.models import TransitionKind
from giamngheo.reviews.models import Outcome

POOR, NEAR_POOR, NONE = "poor", "near_poor", "none"
NEWLY_ESCAPED_MONTHS = 36  # Decision 90/QĐ-TTg as quoted by the seed plans; see docs/reviews.md

# (status before, category found, escaped before?) → outcome
_RULES: dict[tuple[str, str], Outcome] = {
    (POOR, POOR): Outcome.REMAINS_POOR,
    (POOR, NEAR_POOR): Outcome.POOR_TO_NEAR_POOR,
    (NEAR_POOR, POOR): Outcome.NEAR_POOR_TO_POOR,
    (NEAR_POOR, NEAR_POOR): Outcome.REMAINS_NEAR_POOR,
}

# What each outcome makes the recognised status, and the transition it records (None: no change).
OUTCOME_STATUS: dict[str, str] = {
    Outcome.NEW_POOR: POOR,
    Outcome.RELAPSE_POOR: POOR,
    Outcome.NEAR_POOR_TO_POOR: POOR,
    Outcome.REMAINS_POOR: POOR,
    Outcome.NEW_NEAR_POOR: NEAR_POOR,
    Outcome.RELAPSE_NEAR_POOR: NEAR_POOR,
    Outcome.POOR_TO_NEAR_POOR: NEAR_POOR,
    Outcome.REMAINS_NEAR_POOR: NEAR_POOR,
    Outcome.ESCAPED_POOR: NONE,
    Outcome.ESCAPED_NEAR_POOR: NONE,
    Outcome.NOT_RECOGNISED: NONE,
}
OUTCOME_TRANSITION: dict[str, str | None] = {
    Outcome.NEW_POOR: TransitionKind.NEW_POOR,
    Outcome.RELAPSE_POOR: TransitionKind.RELAPSE_POOR,
    Outcome.NEAR_POOR_TO_POOR: TransitionKind.NEAR_POOR_TO_POOR,
    Outcome.NEW_NEAR_POOR: TransitionKind.NEW_NEAR_POOR,
    Outcome.RELAPSE_NEAR_POOR: TransitionKind.RELAPSE_NEAR_POOR,
    Outcome.POOR_TO_NEAR_POOR: TransitionKind.POOR_TO_NEAR_POOR,
    Outcome.ESCAPED_POOR: TransitionKind.ESCAPED_POOR,
    Outcome.ESCAPED_NEAR_POOR: TransitionKind.ESCAPED_NEAR_POOR,
    Outcome.REMAINS_POOR: None,
    Outcome.REMAINS_NEAR_POOR: None,
    Outcome.NOT_RECOGNISED: None,
}


def proposed_outcome(status_before: str, category: str, *, escaped_before: bool) -> Outcome:
    """The outcome a review proposes. Average-standard and not-poor households are outside both lists."""
    found = category if category in (POOR, NEAR_POOR) else NONE
    before = status_before if status_before in (POOR, NEAR_POOR) else NONE
    if (before, found) in _RULES:
        return _RULES[(before, found)]
    if before == POOR:
        return Outcome.ESCAPED_POOR
    if before == NEAR_POOR:
        return Outcome.ESCAPED_NEAR_POOR
    if found == POOR:
        return Outcome.RELAPSE_POOR if escaped_before else Outcome.NEW_POOR
    if found == NEAR_POOR:
        return Outcome.RELAPSE_NEAR_POOR if escaped_before else Outcome.NEW_NEAR_POOR
    return Outcome.NOT_RECOGNISED


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (a month counts once its day of month is reached)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def is_newly_escaped(escaped_on: dt.date | None, on: dt.date) -> bool:
    """Within 36 months of the recognition of escaping poverty (hộ mới thoát nghèo)."""
    return (
        escaped_on is not None and escaped_on <= on and months_between(escaped_on, on) < NEWLY_ESCAPED_MONTHS
    )
