"""Computations of computed indicators, by name: a value for a unit, period and group, or why there is none.

Indicators name a computation (`Indicator.computation`). Those reading the registry count households by
their recognised status, or read the latest assessment and survey round of poor and near-poor households
(deprivations, members' health insurance and schooling). Without data they say why — never a made-up number.

A period still running reads the registry as it is now. A period that has ended reads it as of its last
day (see docs/monitoring.md, "Chỉ số tại một ngày"): the households registered by then and not yet closed,
each with the status of its last status transition effective by then (else the `from_status` of its first
later transition, else its present status), the latest assessment and survey round with a reference date by
then, and the members who had not left by then.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Case, CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.core.models import Period
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.monitoring.groups import group_filter
from giamngheo.monitoring.memo import announced_groups, shared
from giamngheo.monitoring.models import Report
from giamngheo.programs.models import BudgetAllocation, Disbursement, Task, TaskStatus
from giamngheo.programs.scope import equivalent_current_unit
from giamngheo.registry.member_counts import SCHOOL_AGES
from giamngheo.registry.models import Assessment, Household, MemberFacts, StatusTransition
from giamngheo.registry.models_counts import HouseholdCount, RoundMemberCount


@dataclass(frozen=True)
class Computed:
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    message: str = ""


Computation = Callable[[AdminUnit, Period, str], Computed]
COMPUTATIONS: dict[str, Computation] = {}
QUANTUM = Decimal("0.01")


def current_unit(unit: AdminUnit) -> AdminUnit | None:
    """`equivalent_current_unit`, asked once per unit inside `shared_figures`."""
    return shared(("current", unit.pk), lambda: equivalent_current_unit(unit))


def computation(name: str) -> Callable[[Computation], Computation]:
    """Register a function under the name indicators use."""

    def register(function: Computation) -> Computation:
        COMPUTATIONS[name] = function
        return function

    return register


def compute(name: str, unit: AdminUnit, period: Period, group: str) -> Computed:
    """Run a registered computation."""
    function = COMPUTATIONS.get(name)
    if function is None:
        return Computed(None, message=_("Hàm tính %(name)s chưa được đăng ký.") % {"name": name})
    return function(unit, period, group)


def _percent(numerator: int | Decimal, denominator: int | Decimal) -> Computed:
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(QUANTUM, rounding=ROUND_HALF_UP)
    return Computed(value, Decimal(numerator), Decimal(denominator))


# Registry -------------------------------------------------------------------------------------------

REGISTRY_FIELD = {Level.PROVINCE: "province", Level.COMMUNE: "commune", Level.VILLAGE: "village"}


def as_of_day(period: Period, today: datetime.date | None = None) -> datetime.date | None:
    """The day a period's registry figures describe: None (now) while the period runs, else its end."""
    today = today or timezone.localdate()
    return period.end_date if period.end_date < today else None


def status_on(day: datetime.date) -> Coalesce:
    """A household's recognised status on a day, from its insert-only transitions (an annotation)."""
    history = StatusTransition.objects.filter(household=OuterRef("pk"))
    return Coalesce(
        Subquery(
            history.filter(effective_on__lte=day).order_by("-effective_on", "-id").values("to_status")[:1]
        ),
        Subquery(
            history.filter(effective_on__gt=day).order_by("effective_on", "id").values("from_status")[:1]
        ),
        F("status"),
        output_field=CharField(),
    )


def _assessment_on(day: datetime.date, field: str) -> Subquery:
    """A field of the household's latest assessment with a reference date on or before the day."""
    latest = Assessment.objects.filter(household=OuterRef("pk"), reference_date__lte=day)
    return Subquery(latest.order_by("-reference_date", "-id").values(field)[:1])


def _unit_area(unit: AdminUnit) -> tuple[Q | None, str]:
    """The filter of the unit's households (on `Household` or on `HouseholdCount`, whose fields share their
    names), or why there is none."""
    current = current_unit(unit)
    if current is None or current.level not in REGISTRY_FIELD:
        return None, _("Chưa có dữ liệu sổ hộ cho đơn vị này (đơn vị cũ đã sáp nhập hoặc chia tách).")
    return Q(**{REGISTRY_FIELD[Level(current.level)]: current.pk}), ""


def _group_area(unit: AdminUnit, period: Period, group: str, status_field: str) -> Q | None:
    """The filter of a group's households at the period's end (None: the registry cannot tell the group)."""
    return group_filter(group, period.end_date, current_unit(unit), status_field=status_field)


NO_GROUP = gettext_lazy("Chưa có dữ liệu sổ hộ theo nhóm này.")


def _registry_area(unit: AdminUnit, period: Period, group: str, status_field: str) -> tuple[Q | None, str]:
    """The filter of the unit's households in the group at the period's end, or why there is none."""
    in_unit, why = _unit_area(unit)
    if in_unit is None:
        return None, why
    in_group = _group_area(unit, period, group, status_field)
    if in_group is None:
        return None, str(NO_GROUP)
    return in_unit & in_group, ""


def _households_then(period: Period) -> QuerySet[Household]:
    """The registry's households at the period's end (of every unit), annotated with `status_then`."""
    day = as_of_day(period)
    if day is None:
        return Household.objects.filter(is_active=True).annotate(status_then=F("status"))
    return Household.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day), registered_on__lte=day
    ).annotate(status_then=status_on(day))


def _registry_households(
    unit: AdminUnit, period: Period, group: str
) -> tuple[QuerySet[Household] | None, str]:
    """The unit's households of the group at the period's end, annotated with `status_then`, or why none."""
    in_area, why = _registry_area(unit, period, group, "status_then")
    if in_area is None:
        return None, why
    return _households_then(period).filter(in_area), ""


POOR_OR_NEAR_POOR = ("poor", "near_poor")


def _poor_assessed(households: QuerySet[Household], period: Period) -> QuerySet[Household]:
    """Of these households, the poor and near-poor ones at the period's end with an assessment by then,
    annotated with `deprived_then` and `round_then` of their latest assessment by then."""
    day = as_of_day(period)
    if day is None:
        households = households.annotate(
            deprived_then=F("latest_assessment__deprived"), round_then=F("latest_assessment__round_id")
        )
    else:
        households = households.annotate(
            deprived_then=_assessment_on(day, "deprived"),
            round_then=_assessment_on(day, "round_id"),
        )
    return households.filter(Q(status_then__in=POOR_OR_NEAR_POOR) & Q(round_then__isnull=False))


def _assessed(unit: AdminUnit, period: Period, group: str) -> tuple[QuerySet[Household] | None, str]:
    """Poor and near-poor households at the period's end with `deprived_then` and `round_then` of their latest
    assessment by then."""
    households, why = _registry_households(unit, period, group)
    if households is None:
        return None, why
    return _poor_assessed(households, period), ""


@dataclass(frozen=True)
class RegistryCounts:
    """A group's households at the period's end by status then, and the assessed poor and near-poor ones by
    deprivation key (the key "" counts them all)."""

    statuses: Counter[str]
    deprived: Counter[str]


def _registry_counts(unit: AdminUnit, period: Period, group: str) -> tuple[RegistryCounts | None, str]:
    """The group's `RegistryCounts` in the unit, or why none.

    Read for every group the block announced at once (`shared_figures`), one conditional sum per group: for
    a running period one query over the household counts kept by the registry's triggers
    (docs/adr/1504-report-counts.md); for an ended period one query by status and one by deprivations over
    the households as they were then.
    """
    found: dict[str, tuple[RegistryCounts | None, str]] = shared(("registry", unit.pk, period.end_date), dict)
    if group in found:
        return found[group]
    in_unit, why = _unit_area(unit)
    if in_unit is None:
        return None, why
    running = as_of_day(period) is None
    groups: dict[str, Q] = {}
    for name in announced_groups(group):
        if name in found:
            continue
        in_group = _group_area(unit, period, name, "status" if running else "status_then")
        if in_group is None:
            found[name] = (None, str(NO_GROUP))
        else:
            groups[name] = in_group
    if groups:
        read = _current_registry_counts if running else _past_registry_counts
        found.update((name, (counts, "")) for name, counts in read(in_unit, period, groups).items())
    return found[group]


def _tally(
    groups: dict[str, Q], statuses: Sequence[Mapping[str, Any]], deprived: Sequence[Mapping[str, Any]]
) -> dict[str, RegistryCounts]:
    """Rows with a sum per group ("n0", "n1"…) by `status` and by `keys` (comma-separated) into counts."""
    result = {}
    for index, name in enumerate(groups):
        column = f"n{index}"
        by_status: Counter[str] = Counter()
        for row in statuses:
            by_status[row["status"]] += row[column] or 0
        by_key: Counter[str] = Counter()
        for row in deprived:
            by_key[""] += row[column] or 0
            for key in set((row["keys"] or "").split(",")) - {""}:
                by_key[key] += row[column] or 0
        result[name] = RegistryCounts(Counter({k: n for k, n in by_status.items() if n}), by_key)
    return result


def _current_registry_counts(in_unit: Q, period: Period, groups: dict[str, Q]) -> dict[str, RegistryCounts]:
    sums = {f"n{index}": Sum("households", filter=in_group) for index, in_group in enumerate(groups.values())}
    poor_assessed = Q(status__in=POOR_OR_NEAR_POOR, assessed=True)
    keys = Case(When(poor_assessed, then=F("deprived")), default=Value(None), output_field=CharField())
    rows = list(
        HouseholdCount.objects.filter(in_unit).order_by().values("status", keys=keys).annotate(**sums)
    )
    return _tally(groups, rows, [row for row in rows if row["keys"] is not None])


def _past_registry_counts(in_unit: Q, period: Period, groups: dict[str, Q]) -> dict[str, RegistryCounts]:
    counts = {f"n{index}": Count("pk", filter=in_group) for index, in_group in enumerate(groups.values())}
    households = _households_then(period).filter(in_unit).order_by()
    statuses = list(households.values(state=F("status_then")).annotate(**counts))
    deprived = list(_poor_assessed(households, period).values(keys=F("deprived_then")).annotate(**counts))
    return _tally(groups, [{**row, "status": row["state"]} for row in statuses], deprived)


def _registry_count(unit: AdminUnit, period: Period, group: str, status: str, *, as_rate: bool) -> Computed:
    counts, why = _registry_counts(unit, period, group)
    if counts is None:
        return Computed(None, message=why)
    total, matching = counts.statuses.total(), counts.statuses[status]
    if not total:
        return Computed(None, message=_("Chưa có dữ liệu sổ hộ."))
    if as_rate:
        return _percent(matching, total)
    return Computed(Decimal(matching))


@computation("registry_poverty_rate")
def registry_poverty_rate(unit: AdminUnit, period: Period, group: str) -> Computed:
    return _registry_count(unit, period, group, "poor", as_rate=True)


@computation("registry_near_poverty_rate")
def registry_near_poverty_rate(unit: AdminUnit, period: Period, group: str) -> Computed:
    return _registry_count(unit, period, group, "near_poor", as_rate=True)


@computation("registry_poor_households")
def registry_poor_households(unit: AdminUnit, period: Period, group: str) -> Computed:
    return _registry_count(unit, period, group, "poor", as_rate=False)


@computation("registry_near_poor_households")
def registry_near_poor_households(unit: AdminUnit, period: Period, group: str) -> Computed:
    return _registry_count(unit, period, group, "near_poor", as_rate=False)


def _covered_households(unit: AdminUnit, period: Period, group: str, indicator: str) -> Computed:
    """Share of poor and near-poor households whose latest assessment is not deprived on `indicator`."""
    counts, why = _registry_counts(unit, period, group)
    if counts is None:
        return Computed(None, message=why)
    total = counts.deprived[""]
    if not total:
        return Computed(None, message=_("Chưa có hộ nghèo, cận nghèo nào có kết quả rà soát."))
    return _percent(total - counts.deprived[indicator], total)


def _member_facts(unit: AdminUnit, period: Period, group: str) -> tuple[QuerySet[MemberFacts] | None, str]:
    """Facts of the members of poor and near-poor households (active at the period's end), from each
    household's latest survey round by then."""

    assessed, why = _assessed(unit, period, group)
    if assessed is None:
        return None, why
    day = as_of_day(period)
    active = (
        Q(member__is_active=True) if day is None else Q(member__is_active=True) | Q(member__left_on__gt=day)
    )
    return MemberFacts.objects.filter(active, round_id__in=assessed.values(survey_round=F("round_then"))), ""


def _facts_counts(unit: AdminUnit, period: Period, group: str) -> tuple[dict[str, int] | None, str]:
    """Health insurance and schooling of the members of poor and near-poor households, in one query: for a
    running period from each latest round's kept counts (docs/adr/1507), else from the facts themselves."""
    from django.db.models import ExpressionWrapper, IntegerField
    from django.db.models.functions import ExtractYear

    def count() -> tuple[dict[str, int] | None, str]:
        if as_of_day(period) is None:
            assessed, why = _assessed(unit, period, group)
            if assessed is None:
                return None, why
            sums = RoundMemberCount.objects.filter(
                round_id__in=assessed.values(survey_round=F("round_then"))
            ).aggregate(
                known=Sum("insurance_known"),
                insured=Sum("insured"),
                children=Sum("children"),
                at_school=Sum("at_school"),
            )
            return {key: int(value or 0) for key, value in sums.items()}, ""
        facts, why = _member_facts(unit, period, group)
        if facts is None:
            return None, why
        age = ExpressionWrapper(
            ExtractYear("round__reference_date") - F("member__birth_year"), output_field=IntegerField()
        )
        child = Q(age__gte=SCHOOL_AGES[0], age__lte=SCHOOL_AGES[1], in_school__isnull=False)
        counts: dict[str, int] = facts.annotate(age=age).aggregate(
            known=Count("pk", filter=Q(health_insurance__isnull=False)),
            insured=Count("pk", filter=Q(health_insurance=True)),
            children=Count("pk", filter=child),
            at_school=Count("pk", filter=child & Q(in_school=True)),
        )
        return counts, ""

    return shared(("facts", unit.pk, period.end_date, group), count)


@computation("registry_health_insurance_poor")
def registry_health_insurance_poor(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Members of poor and near-poor households with a health insurance card, among the known."""
    counts, why = _facts_counts(unit, period, group)
    if counts is None:
        return Computed(None, message=why)
    if not counts["known"]:
        return Computed(None, message=_("Chưa có thông tin thẻ bảo hiểm y tế trong kết quả rà soát."))
    return _percent(counts["insured"], counts["known"])


@computation("registry_children_at_school")
def registry_children_at_school(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Children aged 6–14 of poor and near-poor households who attend school (age by year of birth)."""
    counts, why = _facts_counts(unit, period, group)
    if counts is None:
        return Computed(None, message=why)
    if not counts["children"]:
        return Computed(None, message=_("Không có trẻ em trong độ tuổi đi học ở các hộ nghèo, cận nghèo."))
    return _percent(counts["at_school"], counts["children"])


@computation("registry_safe_water")
def registry_safe_water(unit: AdminUnit, period: Period, group: str) -> Computed:
    return _covered_households(unit, period, group, "water_source")


@computation("registry_hygienic_latrine")
def registry_hygienic_latrine(unit: AdminUnit, period: Period, group: str) -> Computed:
    return _covered_households(unit, period, group, "latrine")


@computation("registry_telecom_use")
def registry_telecom_use(unit: AdminUnit, period: Period, group: str) -> Computed:
    return _covered_households(unit, period, group, "telecom")


@computation("registry_information_access")
def registry_information_access(unit: AdminUnit, period: Period, group: str) -> Computed:
    return _covered_households(unit, period, group, "information_means")


# Program data ---------------------------------------------------------------------------------------


@computation("programs_disbursement_rate")
def programs_disbursement_rate(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Disbursed / allocated of the plans the unit issued, up to the period's end (manual rows and ledger)."""
    from giamngheo.programs.models.budget import DONG_PER_MILLION
    from giamngheo.support.models import RecordStatus, SupportRecord

    lines = Q(line__plan__unit=unit, line__plan__start_year__lte=period.year)
    allocated = BudgetAllocation.objects.filter(lines, year__lte=period.year).aggregate(t=Sum("amount"))["t"]
    if not allocated:
        return Computed(None, message=_("Chưa có dự toán được giao cho kế hoạch của đơn vị."))
    manual = (
        Disbursement.objects.filter(lines, period__end_date__lte=period.end_date).aggregate(t=Sum("amount"))[
            "t"
        ]
        or 0
    )
    # Support delivered against the plans' lines (the ledger, đồng → million VND), cancellations excluded.
    ledger = SupportRecord.objects.filter(
        budget_line__plan__unit=unit,
        budget_line__plan__start_year__lte=period.year,
        status=RecordStatus.DELIVERED,
        superseded_by__isnull=True,
        on__lte=period.end_date,
    ).aggregate(t=Sum("amount"))["t"]
    return _percent(manual + Decimal(ledger or 0) / DONG_PER_MILLION, allocated)


@computation("programs_task_completion")
def programs_task_completion(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Tasks due by the period's end that are done, over tasks due by then."""

    due = Task.objects.filter(plan__unit=unit, due_date__lte=period.end_date).exclude(
        status=TaskStatus.CANCELLED
    )
    counts = due.aggregate(total=Count("pk"), done=Count("pk", filter=Q(status=TaskStatus.DONE)))
    if not counts["total"]:
        return Computed(None, message=_("Không có nhiệm vụ đến hạn trong kỳ."))
    return _percent(counts["done"], counts["total"])


@computation("monitoring_report_timeliness")
def monitoring_report_timeliness(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Reports of the units under a province sent on time in the period's round."""

    current = current_unit(unit)
    reports = Report.objects.filter(round__province=current, round__period=period, commune__isnull=False)
    total = reports.count()
    if current is None or not total:
        return Computed(None, message=_("Chưa mở đợt báo cáo cho kỳ này."))
    on_time = sum(
        1
        for submitted, due in reports.filter(submitted_at__isnull=False).values_list(
            "submitted_at", "due_date"
        )
        if timezone.localtime(submitted).date() <= due
    )
    return _percent(on_time, total)
