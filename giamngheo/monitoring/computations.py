"""Computations of computed indicators, by name: a value for a unit, period and group, or why there is none.

Indicators name a computation (`Indicator.computation`). Those reading the registry count households by
their recognised status, or read the latest assessment and survey round of poor and near-poor households
(deprivations, members' health insurance and schooling). Without data they say why — never a made-up number.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.models import Period
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.monitoring.groups import group_filter
from giamngheo.monitoring.models import Report
from giamngheo.programs.models import BudgetAllocation, Disbursement, Task, TaskStatus
from giamngheo.programs.scope import equivalent_current_unit
from giamngheo.registry.models import Household, MemberFacts


@dataclass(frozen=True)
class Computed:
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    message: str = ""


Computation = Callable[[AdminUnit, Period, str], Computed]
COMPUTATIONS: dict[str, Computation] = {}
QUANTUM = Decimal("0.01")


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


def _registry_households(unit: AdminUnit, period: Period, group: str) -> tuple[object | None, str]:
    """The active households of the unit and group, or why the registry cannot answer."""

    today = timezone.localdate()
    if period.end_date < today - datetime.timedelta(days=31):
        return None, _("Sổ hộ cho biết tình trạng hiện tại; số liệu kỳ đã qua lấy từ báo cáo đã chốt.")
    current = equivalent_current_unit(unit)
    if current is None or current.level not in REGISTRY_FIELD:
        return None, _("Chưa có dữ liệu sổ hộ cho đơn vị này (đơn vị cũ đã sáp nhập hoặc chia tách).")
    in_group = group_filter(group, period.end_date, current)
    if in_group is None:
        return None, _("Chưa có dữ liệu sổ hộ theo nhóm này.")
    households = Household.objects.filter(
        in_group, is_active=True, **{REGISTRY_FIELD[Level(current.level)]: current.pk}
    )
    return households, ""


def _registry_count(unit: AdminUnit, period: Period, group: str, status: str, *, as_rate: bool) -> Computed:
    households, why = _registry_households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    counts = households.aggregate(  # type: ignore[attr-defined]
        total=Count("pk"), matching=Count("pk", filter=Q(status=status))
    )
    if not counts["total"]:
        return Computed(None, message=_("Chưa có dữ liệu sổ hộ."))
    if as_rate:
        return _percent(counts["matching"], counts["total"])
    return Computed(Decimal(counts["matching"]))


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


POOR_OR_NEAR_POOR = ("poor", "near_poor")


def _covered_households(unit: AdminUnit, period: Period, group: str, indicator: str) -> Computed:
    """Share of poor and near-poor households whose latest assessment is not deprived on `indicator`."""
    households, why = _registry_households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    assessed = households.filter(  # type: ignore[attr-defined]
        status__in=POOR_OR_NEAR_POOR, latest_assessment__isnull=False
    )
    counts = assessed.aggregate(
        total=Count("pk"),
        deprived=Count("pk", filter=Q(latest_assessment__deprived__regex=rf"(^|,){indicator}(,|$)")),
    )
    if not counts["total"]:
        return Computed(None, message=_("Chưa có hộ nghèo, cận nghèo nào có kết quả rà soát."))
    return _percent(counts["total"] - counts["deprived"], counts["total"])


def _member_facts(unit: AdminUnit, period: Period, group: str) -> tuple[object | None, str]:
    """Facts of the members of poor and near-poor households, from each household's latest survey round."""

    households, why = _registry_households(unit, period, group)
    if households is None:
        return None, why
    chosen = households.filter(status__in=POOR_OR_NEAR_POOR, latest_assessment__isnull=False)  # type: ignore[attr-defined]
    facts = MemberFacts.objects.filter(
        round__household__in=chosen.values("pk"),
        round_id=F("round__household__latest_assessment__round_id"),
        member__is_active=True,
    )
    return facts, ""


@computation("registry_health_insurance_poor")
def registry_health_insurance_poor(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Members of poor and near-poor households with a health insurance card, among the known."""
    facts, why = _member_facts(unit, period, group)
    if facts is None:
        return Computed(None, message=why)
    counts = facts.aggregate(  # type: ignore[attr-defined]
        total=Count("pk", filter=Q(health_insurance__isnull=False)),
        insured=Count("pk", filter=Q(health_insurance=True)),
    )
    if not counts["total"]:
        return Computed(None, message=_("Chưa có thông tin thẻ bảo hiểm y tế trong kết quả rà soát."))
    return _percent(counts["insured"], counts["total"])


SCHOOL_AGES = (6, 14)  # ages 6 to 14 at the survey's reference date: primary and lower-secondary school


@computation("registry_children_at_school")
def registry_children_at_school(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Children aged 6–14 of poor and near-poor households who attend school (age by year of birth)."""
    from django.db.models import ExpressionWrapper, IntegerField
    from django.db.models.functions import ExtractYear

    facts, why = _member_facts(unit, period, group)
    if facts is None:
        return Computed(None, message=why)
    age = ExpressionWrapper(
        ExtractYear("round__reference_date") - F("member__birth_year"), output_field=IntegerField()
    )
    children = facts.annotate(age=age).filter(  # type: ignore[attr-defined]
        age__gte=SCHOOL_AGES[0], age__lte=SCHOOL_AGES[1], in_school__isnull=False
    )
    counts = children.aggregate(total=Count("pk"), at_school=Count("pk", filter=Q(in_school=True)))
    if not counts["total"]:
        return Computed(None, message=_("Không có trẻ em trong độ tuổi đi học ở các hộ nghèo, cận nghèo."))
    return _percent(counts["at_school"], counts["total"])


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

    current = equivalent_current_unit(unit)
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
