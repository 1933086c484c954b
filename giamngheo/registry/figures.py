"""Figures of the registry for home pages: status counts by place, movements by year, households to survey."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import ExtractYear

from giamngheo.registry.models import (
    Household,
    HouseholdStatus,
    StatusTransition,
    SurveyRound,
    TransitionKind,
)
from giamngheo.registry.selectors import household_scope, households_for_user

# Which transitions bring a household into the lists (in) and which take it out (out).
MOVES_IN = (
    TransitionKind.NEW_POOR,
    TransitionKind.NEW_NEAR_POOR,
    TransitionKind.RELAPSE_POOR,
    TransitionKind.RELAPSE_NEAR_POOR,
)
MOVES_OUT = (TransitionKind.ESCAPED_POOR, TransitionKind.ESCAPED_NEAR_POOR)


def percent(part: int, whole: int) -> Decimal | None:
    """part / whole × 100 with two decimals, None without a whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class PlaceCounts:
    """Active households of one place (commune or village) by recognised status."""

    place_id: int | None
    name: str
    total: int = 0
    poor: int = 0
    near_poor: int = 0

    @property
    def poverty_rate(self) -> Decimal | None:
        return percent(self.poor, self.total)

    @property
    def near_poverty_rate(self) -> Decimal | None:
        return percent(self.near_poor, self.total)


def status_counts_by_place(user: Any, *, by: str) -> list[PlaceCounts]:
    """Active households of the user's area by commune or by village (`by`), with poor and near-poor counts.

    One grouped query. Households without a village are counted under a place named «—».
    """
    if by not in {"commune", "village"}:
        raise ValueError(by)
    rows: dict[int | None, PlaceCounts] = {}
    grouped = (
        households_for_user(user)
        .filter(is_active=True)
        .values_list(f"{by}_id", f"{by}__name", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for place_id, name, status, count in grouped:
        row = rows.setdefault(place_id, PlaceCounts(place_id, name or "—"))
        row.total += count
        if status == HouseholdStatus.POOR:
            row.poor += count
        elif status == HouseholdStatus.NEAR_POOR:
            row.near_poor += count
    return sorted(rows.values(), key=lambda row: row.name)


def area_totals(places: list[PlaceCounts]) -> PlaceCounts:
    """The sum over places: the whole area's counts."""
    return PlaceCounts(
        None,
        "",
        total=sum(row.total for row in places),
        poor=sum(row.poor for row in places),
        near_poor=sum(row.near_poor for row in places),
    )


@dataclass(frozen=True)
class YearMovements:
    year: int
    moved_in: int
    moved_out: int


def movements_by_year(user: Any, *, first_year: int, last_year: int) -> list[YearMovements]:
    """Households entering (new, relapse) and leaving (escaped) the poor and near-poor lists, per year.

    One grouped query over the status transitions of the user's area, by the year they took effect.
    """
    counts: dict[tuple[int, str], int] = {
        (year, kind): n
        for year, kind, n in StatusTransition.objects.filter(
            household__in=Household.objects.filter(household_scope(user)).values("pk"),
            effective_on__year__gte=first_year,
            effective_on__year__lte=last_year,
            kind__in=[*MOVES_IN, *MOVES_OUT],
        )
        .annotate(year=ExtractYear("effective_on"))
        .values_list("year", "kind")
        .annotate(n=Count("id"))
        .order_by()
    }
    return [
        YearMovements(
            year,
            sum(counts.get((year, kind), 0) for kind in MOVES_IN),
            sum(counts.get((year, kind), 0) for kind in MOVES_OUT),
        )
        for year in range(first_year, last_year + 1)
    ]


def households_to_survey(user: Any, *, since: dt.date) -> QuerySet[Household]:
    """Active households of the user's area with no survey round dated on or after `since`."""
    surveyed = SurveyRound.objects.filter(household=OuterRef("pk"), reference_date__gte=since)
    return (
        households_for_user(user)
        .filter(is_active=True)
        .exclude(Exists(surveyed))
        .select_related("village")
        .order_by("village__name", "head_name", "pk")
    )
