"""Figures of monitoring for home pages: stored yearly rates of a unit, reports due or late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from giamngheo.core.models import PeriodKind
from giamngheo.geo.models import AdminUnit
from giamngheo.monitoring.models import IndicatorValue, Report, ReportStatus
from giamngheo.monitoring.selectors import report_list, report_timeliness


def yearly_values(
    unit: AdminUnit, codes: tuple[str, ...], *, first_year: int, last_year: int
) -> dict[str, dict[int, Decimal]]:
    """Stored values (entered, or frozen by a report) of indicators for a unit, per year: one query.

    Only the year period and the whole population («all») count; a year without a stored value is absent.
    """
    values: dict[str, dict[int, Decimal]] = {code: {} for code in codes}
    for code, year, value in IndicatorValue.objects.filter(
        indicator__code__in=codes,
        unit=unit,
        group="all",
        period__kind=PeriodKind.YEAR,
        period__year__gte=first_year,
        period__year__lte=last_year,
    ).values_list("indicator__code", "period__year", "value"):
        values[code][year] = value
    return values


@dataclass(frozen=True)
class ReportDue:
    report: Report
    timeliness: str  # overdue or pending (see report_timeliness)


def reports_due(user: Any, *, today: datetime.date, limit: int = 10) -> tuple[list[ReportDue], int, int]:
    """Reports of the user's area not yet sent (draft or returned), soonest first: (first ones, all, overdue).

    One query: the open reports are few (one per unit and round).
    """
    open_reports = list(
        report_list(user)
        .filter(Q(status=ReportStatus.DRAFT) | Q(status=ReportStatus.RETURNED))
        .order_by("due_date", "pk")
    )
    rows = [ReportDue(report, report_timeliness(report, today)) for report in open_reports]
    overdue = sum(1 for row in rows if row.timeliness == "overdue")
    return rows[:limit], len(rows), overdue
