"""Indicators computed from the activity registers: communication, officers trained, inspections,
households commended for escaping poverty, donations to the «Vì người nghèo» fund.

Counts run from the start of the period's year to its end (like the support indicators), over the rows of
the unit: a province counts its own rows and its communes', a commune its own. The registers do not split
by target group: another group answers "no data" rather than a number that would mean the whole area.
Recommendations open at the period's end take each one's status from its last follow-up by then (ADR 1701).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from giamngheo.activities.models import (
    OPEN_STATUSES,
    Attendance,
    Commendation,
    CommendationStage,
    CommunicationItem,
    Donation,
    FollowUp,
    Inspection,
    Officer,
    RecipientKind,
    Recommendation,
    RecommendationStatus,
)
from giamngheo.core.models import Period
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.monitoring.computations import Computed, _percent, computation, current_unit

DONG_PER_MILLION = Decimal(1_000_000)


def _place(unit: AdminUnit, group: str, prefix: str = "") -> tuple[Q | None, str]:
    """A filter on a register's province/commune columns for the unit, or why there is none."""
    if group != "all":
        return None, _("Sổ hoạt động không tách theo nhóm đối tượng.")
    current = current_unit(unit)
    if current is None or current.level not in {Level.PROVINCE, Level.COMMUNE}:
        return None, _(
            "Chưa có dữ liệu cho đơn vị này (đơn vị cũ đã sáp nhập hoặc chia tách, hoặc cấp thôn)."
        )
    column = "province" if current.level == Level.PROVINCE else "commune"
    return Q(**{f"{prefix}{column}": current.pk}), ""


def _year_to_date(period: Period) -> tuple[dt.date, dt.date]:
    return dt.date(period.year, 1, 1), period.end_date


def _rows[M: Any](
    model: type[M], unit: AdminUnit, period: Period, group: str, date_field: str
) -> tuple[Any, str]:
    place, why = _place(unit, group)
    if place is None:
        return None, why
    rows = model._default_manager.filter(place, **{f"{date_field}__range": _year_to_date(period)})
    return rows, ""


def _sum(rows: QuerySet[Any], field: str) -> Decimal:
    return Decimal(rows.aggregate(total=Coalesce(Sum(field), 0))["total"])


@computation("activities_communication_events")
def communication_events(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Communication products and events held, year to the period's end."""
    rows, why = _rows(CommunicationItem, unit, period, group, "held_on")
    return Computed(None, message=why) if rows is None else Computed(Decimal(rows.count()))


@computation("activities_communication_reach")
def communication_reach(unit: AdminUnit, period: Period, group: str) -> Computed:
    """People reached by communication, year to the period's end (each event's own count)."""
    rows, why = _rows(CommunicationItem, unit, period, group, "held_on")
    return Computed(None, message=why) if rows is None else Computed(_sum(rows, "reach"))


@computation("activities_communication_reach_poor")
def communication_reach_poor(unit: AdminUnit, period: Period, group: str) -> Computed:
    rows, why = _rows(CommunicationItem, unit, period, group, "held_on")
    return Computed(None, message=why) if rows is None else Computed(_sum(rows, "reach_poor"))


@computation("activities_officers_trained_rate")
def officers_trained_rate(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Officers of the register (active) who completed a course ending in the period's year by its end, over
    the active officers of the unit (its communes' too, for a province)."""
    place, why = _place(unit, group)
    if place is None:
        return Computed(None, message=why)
    officers = Officer.objects.filter(place, is_active=True)
    total = officers.count()
    if not total:
        return Computed(None, message=_("Chưa có danh sách cán bộ làm công tác giảm nghèo của đơn vị."))
    trained = Attendance.objects.filter(
        officer__in=officers.values("pk"), completed=True, course__ends_on__range=_year_to_date(period)
    ).aggregate(n=Count("officer", distinct=True))["n"]
    return _percent(trained, total)


@computation("activities_inspections_held")
def inspections_held(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Inspections and supervision visits begun, year to the period's end."""
    rows, why = _rows(Inspection, unit, period, group, "starts_on")
    return Computed(None, message=why) if rows is None else Computed(Decimal(rows.count()))


def _open_at_end(unit: AdminUnit, period: Period, group: str, *, overdue: bool) -> Computed:
    place, why = _place(unit, group, prefix="inspection__")
    if place is None:
        return Computed(None, message=why)
    end = period.end_date
    last = FollowUp.objects.filter(recommendation=OuterRef("pk"), on__lte=end).order_by("-on", "-pk")
    rows = Recommendation.objects.filter(place, inspection__starts_on__lte=end).annotate(
        status_then=Coalesce(
            Subquery(last.values("new_status")[:1]),
            Value(RecommendationStatus.OPEN.value),
            output_field=CharField(),
        )
    )
    rows = rows.filter(status_then__in=OPEN_STATUSES)
    if overdue:
        rows = rows.filter(due_on__lt=end)
    return Computed(Decimal(rows.count()))


@computation("activities_recommendations_open")
def recommendations_open(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Recommendations not yet carried out at the period's end."""
    return _open_at_end(unit, period, group, overdue=False)


@computation("activities_recommendations_overdue")
def recommendations_overdue(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Recommendations not carried out whose due date had passed by the period's end."""
    return _open_at_end(unit, period, group, overdue=True)


@computation("activities_households_commended")
def households_commended(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Households commended (awarded) for escaping poverty, year to the period's end, each counted once."""
    rows, why = _rows(Commendation, unit, period, group, "decided_on")
    if rows is None:
        return Computed(None, message=why)
    awarded = rows.filter(stage=CommendationStage.AWARDED, recipient_kind=RecipientKind.HOUSEHOLD)
    return Computed(Decimal(awarded.aggregate(n=Count("household", distinct=True))["n"]))


@computation("activities_fund_donations")
def fund_donations(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Donations to the «Vì người nghèo» fund received, year to the period's end, in million VND (exact)."""
    rows, why = _rows(Donation, unit, period, group, "donated_on")
    return Computed(None, message=why) if rows is None else Computed(_sum(rows, "amount") / DONG_PER_MILLION)
