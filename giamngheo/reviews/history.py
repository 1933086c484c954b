"""A household's recognised-status history (transitions with their decisions), and "newly escaped"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from giamngheo.registry.models import Household, HouseholdStatus, StatusTransition, TransitionKind
from giamngheo.reviews.models import Campaign, Decision, TransitionLink
from giamngheo.reviews.outcomes import NEWLY_ESCAPED_MONTHS, POOR, is_newly_escaped

# Leaving the poor list, whether above the near-poverty line or onto the near-poor list, is escaping poverty
# (thoát nghèo); "newly escaped" (hộ mới thoát nghèo) counts 36 months from the recognition of that escape.
ESCAPE_KINDS = (TransitionKind.ESCAPED_POOR, TransitionKind.POOR_TO_NEAR_POOR)


@dataclass(frozen=True)
class HistoryEntry:
    transition: StatusTransition
    kind_label: str
    from_label: str
    to_label: str
    decision: Decision | None
    campaign: Campaign | None


@dataclass(frozen=True)
class StatusHistory:
    entries: list[HistoryEntry]
    newly_escaped_since: dt.date | None
    newly_escaped_until: dt.date | None


def _status_label(status: str) -> str:
    if status in HouseholdStatus.values:
        return str(HouseholdStatus(status).label)
    return status


def _link(transition: StatusTransition) -> TransitionLink | None:
    try:
        return transition.review_link
    except TransitionLink.DoesNotExist:
        return None


def _decision(transition: StatusTransition) -> Decision | None:
    link = _link(transition)
    return link.decision if link is not None else None


def _recognised_on(transition: StatusTransition) -> dt.date:
    decision = _decision(transition)
    return decision.signed_on if decision is not None else transition.effective_on


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover — day 28 exists in every month


def _newly_escaped(transitions: list[StatusTransition], on: dt.date) -> dt.date | None:
    """The recognition date of the last escape from poverty up to `on`, if within 36 months and not undone."""
    escaped: dt.date | None = None
    for transition in transitions:
        if transition.effective_on > on:
            break
        if transition.kind in ESCAPE_KINDS:
            escaped = _recognised_on(transition)
        elif transition.to_status == POOR:
            escaped = None  # back on the poor list: no longer "newly escaped"
    return escaped if is_newly_escaped(escaped, on) else None


def household_transitions(household: Household) -> list[StatusTransition]:
    return list(
        StatusTransition.objects.filter(household=household)
        .select_related("review_link__decision", "review_link__campaign", "recorded_by")
        .order_by("effective_on", "id")
    )


def newly_escaped_since(household: Household, on: dt.date) -> dt.date | None:
    """The recognition date of the escape from poverty if the household is "newly escaped" on `on`."""
    return _newly_escaped(household_transitions(household), on)


def household_status_history(household: Household, on: dt.date | None = None) -> StatusHistory:
    """Every recognised-status change of the household, oldest first, with the decision that made it."""
    transitions = household_transitions(household)
    today = on or dt.date.today()
    since = _newly_escaped(transitions, today)
    entries = [
        HistoryEntry(
            transition=transition,
            kind_label=str(TransitionKind(transition.kind).label),
            from_label=_status_label(transition.from_status),
            to_label=_status_label(transition.to_status),
            decision=_decision(transition),
            campaign=link.campaign if (link := _link(transition)) is not None else None,
        )
        for transition in transitions
    ]
    until = _add_months(since, NEWLY_ESCAPED_MONTHS) - dt.timedelta(days=1) if since else None
    return StatusHistory(entries=entries, newly_escaped_since=since, newly_escaped_until=until)
