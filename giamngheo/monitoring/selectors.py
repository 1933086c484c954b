"""Reads of monitoring through the user's area: values, achievement of a plan, rounds, reports."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.accounts.access import NOTHING, assignments_of, scope_q, token_agency
from giamngheo.accounts.roles import Role
from giamngheo.core.errors import NotFound
from giamngheo.core.models import Period, period_bounds
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.monitoring.achievement import LAGGING, SEVERITY, Achievement, Status, TargetSpec, assess
from giamngheo.monitoring.computations import compute, current_unit
from giamngheo.monitoring.memo import shared, shared_figures
from giamngheo.monitoring.models import (
    IndicatorValue,
    Report,
    ReportingRound,
    ReportStatus,
)
from giamngheo.programs.models import (
    AgencyMember,
    Aggregation,
    Indicator,
    IndicatorSource,
    Plan,
    PlanTarget,
)


def period_find(year: int, kind: str, number: int = 1) -> Period:
    """The stored period, or an unsaved one with its dates (reading never writes)."""
    found = Period.objects.filter(year=year, kind=kind, number=number).first()
    if found is not None:
        return found
    start, end = period_bounds(year, kind, number)
    return Period(year=year, kind=kind, number=number, start_date=start, end_date=end)


@dataclass(frozen=True)
class Value:
    value: Decimal | None
    origin: str  # entered, computed, aggregated or ""
    message: str = ""


def _stored_values(unit: AdminUnit, period: Period) -> dict[tuple[int, str], IndicatorValue]:
    """The values entered for the unit (and its current equivalent) in the period, first of each cell in the
    model's order, as `.first()` would pick them; one query, kept inside `shared_figures`."""

    def read() -> dict[tuple[int, str], IndicatorValue]:
        units = [unit]
        equivalent = current_unit(unit) if unit.tree == Tree.LEGACY else None
        if equivalent is not None:
            units.append(equivalent)
        found: dict[tuple[int, str], IndicatorValue] = {}
        for stored in IndicatorValue.objects.filter(unit__in=units, period=period):
            found.setdefault((stored.indicator_id, stored.group), stored)
        return found

    return shared(("stored", unit.pk, period.pk), read)


def _commune_sums(province: AdminUnit, period: Period) -> dict[tuple[int, str], dict[str, Any]]:
    """Sums of the communes' values of a province in the period, by indicator and group (one query)."""

    def read() -> dict[tuple[int, str], dict[str, Any]]:
        with_denominator = Q(denominator__isnull=False)
        rows = (
            IndicatorValue.objects.filter(province=province, commune__isnull=False, period=period)
            .order_by()
            .values("indicator_id", "group")
            .annotate(
                total=Sum("value"),
                n=Sum("numerator", filter=with_denominator),
                d=Sum("denominator", filter=with_denominator),
            )
        )
        return {(row["indicator_id"], row["group"]): dict(row) for row in rows}

    return shared(("commune sums", province.pk, period.pk), read)


def value_for(indicator: Indicator, unit: AdminUnit, period: Period, group: str = "all") -> Value:
    """An indicator's value for a unit, period and group: stored, computed, or summed from the units below."""
    if period.pk is not None:
        stored = _stored_values(unit, period).get((indicator.pk, group))
        if stored is not None:
            return Value(stored.value, "entered", stored.note)
    if indicator.source == IndicatorSource.COMPUTED:
        result = compute(indicator.computation, unit, period, group)
        return Value(result.value, "computed" if result.value is not None else "", result.message)
    current = current_unit(unit)
    if period.pk is not None and current is not None and current.level == Level.PROVINCE:
        sums = _commune_sums(current, period).get((indicator.pk, group), {})
        if indicator.aggregation == Aggregation.SUM and sums.get("total") is not None:
            return Value(sums["total"], "aggregated", _("Cộng từ số liệu cấp xã"))
        if indicator.aggregation == Aggregation.RATIO and sums.get("d"):
            value = (sums["n"] * 100 / sums["d"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            return Value(value, "aggregated", _("Tính từ tử số, mẫu số cấp xã"))
    return Value(None, "", _("Chưa có số liệu."))


@dataclass(frozen=True)
class TargetRow:
    target: PlanTarget
    actual: Value  # at the target's own unit (the plan's, or the unit the target names)
    achievement: Achievement
    local: Value | None = None  # the reporting unit's own value, for information, when it is another unit

    @property
    def is_lagging(self) -> bool:
        return self.achievement.status in LAGGING


def target_spec(target: PlanTarget) -> TargetSpec:
    plan = target.plan
    start_year = target.baseline_year if target.baseline_year is not None else plan.start_year - 1
    return TargetSpec(
        kind=target.kind,
        better=target.indicator.better,
        value_low=target.value_low,
        value_high=target.value_high,
        start=datetime.date(start_year, 12, 31),
        deadline=datetime.date(target.target_year, 12, 31),
        baseline=target.baseline_value,
    )


def plan_achievement(plan: Plan, period: Period, *, unit: AdminUnit | None = None) -> list[TargetRow]:
    """Each target of the plan with the actual value at the period's end and its status.

    A target is judged at its own unit (the plan's, or the unit it names): a province-wide rate is set
    against the province's rate even in a commune's report, where the commune's own value is shown beside it.
    """
    rows = []
    targets = list(plan.targets.select_related("indicator", "target_unit", "plan__unit"))
    with shared_figures(groups={target.group for target in targets}):
        for target in targets:
            where = target.target_unit or target.plan.unit
            actual = value_for(target.indicator, where, period, target.group)
            achievement = assess(target_spec(target), actual.value, period.end_date)
            if actual.value is None:
                achievement = Achievement(Status.NO_DATA, message=actual.message)
            local = None
            if unit is not None and unit.pk != where.pk:
                local = value_for(target.indicator, unit, period, target.group)
            rows.append(TargetRow(target, actual, achievement, local))
    return rows


def lagging_targets(rows: list[TargetRow]) -> list[TargetRow]:
    """Targets at risk or off track, most severe first (seed 004's "low completion" list)."""
    return sorted((row for row in rows if row.is_lagging), key=lambda row: SEVERITY[row.achievement.status])


def status_counts(rows: list[TargetRow]) -> dict[str, int]:
    counts = Counter(str(row.achievement.status) for row in rows)
    return {status: counts.get(status, 0) for status in Status.values}


def _provinces_of_communes(user: Any) -> set[int]:
    return {
        assignment.unit.province_id
        for assignment in assignments_of(user)
        if assignment.unit is not None
        and assignment.unit.province_id is not None
        and assignment.unit.level in {Level.COMMUNE, Level.VILLAGE}
    }


def round_list(user: Any) -> QuerySet[ReportingRound]:
    """Rounds of the user's provinces (commune users see their province's rounds, to reach their report)."""
    visible = scope_q(user, province="province") | Q(province_id__in=_provinces_of_communes(user))
    return ReportingRound.objects.filter(visible).select_related("province", "period", "plan", "project")


def round_get_for_user(user: Any, pk: int | str) -> ReportingRound:
    try:
        return round_list(user).get(pk=pk)
    except (ReportingRound.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def _report_scope(user: Any) -> Q:
    """Reports in the user's area; an agency officer's assignment covers only their own agencies' reports.

    A commune's officers see their commune's report; line agencies' reports are at province level, so the
    province sees them all and an agency officer sees those of the agencies they belong to in the province.
    """
    assignments = assignments_of(user)
    agency = [a for a in assignments if a.role == Role.AGENCY_OFFICER]
    others = [a for a in assignments if a.role != Role.AGENCY_OFFICER]
    result = scope_q(user, province="province", commune="commune", assignments=others) if others else NOTHING
    if agency:
        bound = token_agency(user)  # a service token bound to an agency sees that agency's reports only
        own = (
            Q(agency=bound.pk)
            if bound is not None
            else Q(agency__in=AgencyMember.objects.filter(user=user).values("agency_id"))
        )
        result |= scope_q(user, province="province", commune="commune", assignments=agency) & own
    return result


def report_list(user: Any, reporting_round: ReportingRound | None = None) -> QuerySet[Report]:
    """Reports in the user's area (a commune officer sees only their commune's, an agency its own)."""
    reports = Report.objects.filter(_report_scope(user))
    if reporting_round is not None:
        reports = reports.filter(round=reporting_round)
    return reports.select_related("unit", "agency", "round__period", "round__province").order_by(
        "round", F("commune").asc(nulls_first=True), F("agency").asc(nulls_first=True), "unit__code"
    )


def report_get_for_user(user: Any, pk: int | str) -> Report:
    """One report in the user's area, or NotFound."""
    try:
        return report_list(user).select_related("round__plan", "round__plan__unit").get(pk=pk)
    except (Report.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def report_timeliness(report: Report, today: datetime.date | None = None) -> str:
    """on_time, late, overdue (not sent, past due) or pending (not sent, not yet due)."""
    today = today or timezone.localdate()
    if report.submitted_at is not None:
        return "on_time" if timezone.localtime(report.submitted_at).date() <= report.due_date else "late"
    return "overdue" if today > report.due_date else "pending"


def days_late(report: Report, today: datetime.date | None = None) -> int:
    """Days past the deadline: of sending for a report sent late, up to today for one not yet sent."""
    today = today or timezone.localdate()
    sent = timezone.localtime(report.submitted_at).date() if report.submitted_at is not None else today
    return max(0, (sent - report.due_date).days)


TIMELINESS_LABELS = {
    "on_time": gettext_lazy("đúng hạn"),
    "late": gettext_lazy("gửi muộn"),
    "overdue": gettext_lazy("quá hạn, chưa gửi"),
    "pending": gettext_lazy("chưa đến hạn"),
}


@dataclass
class RoundProgress:
    total: int
    by_status: dict[str, int]
    by_timeliness: dict[str, int]

    @property
    def completeness(self) -> Decimal:
        sent = self.by_status.get(ReportStatus.SUBMITTED, 0) + self.by_status.get(ReportStatus.APPROVED, 0)
        return (Decimal(sent) * 100 / self.total).quantize(Decimal("0.1")) if self.total else Decimal(0)

    @property
    def timeliness(self) -> Decimal:
        sent = self.by_timeliness.get("on_time", 0) + self.by_timeliness.get("late", 0)
        return (
            (Decimal(self.by_timeliness.get("on_time", 0)) * 100 / sent).quantize(Decimal("0.1"))
            if sent
            else Decimal(0)
        )


def round_progress(reports: list[Report], *, agencies: bool = False) -> RoundProgress:
    """Completeness and timeliness over the commune reports of a round (or its line agencies' reports)."""
    communes = [
        report
        for report in reports
        if (report.agency_id is not None if agencies else report.commune_id is not None)
    ]
    today = timezone.localdate()
    return RoundProgress(
        total=len(communes),
        by_status=dict(Counter(report.status for report in communes)),
        by_timeliness=dict(Counter(report_timeliness(report, today) for report in communes)),
    )


def indicator_value_list(
    user: Any, *, indicator: str | None = None, year: int | None = None
) -> QuerySet[IndicatorValue]:
    """Indicator values of the user's area."""
    values = IndicatorValue.objects.filter(scope_q(user, province="province", commune="commune"))
    if indicator:
        values = values.filter(indicator__code=indicator)
    if year:
        values = values.filter(period__year=year)
    return values.select_related("indicator", "unit", "period").order_by(
        "indicator__order", "unit__code", "period"
    )
