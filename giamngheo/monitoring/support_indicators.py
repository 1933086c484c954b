"""Indicators computed from the support ledger, household plans and housing cases, by unit, period, group.

Like the 6- and 9-month reports, values run from the start of the period's year to the period's end. The
ledger's support is already restricted by eligibility to poor, near-poor and newly escaped households, so
the group «hộ nghèo, hộ cận nghèo» counts all the support recorded (a household that has since escaped
still counts for the house it received); the other groups are those of `monitoring.groups`.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from giamngheo.core.models import Period
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.monitoring.computations import (
    REGISTRY_FIELD,
    Computed,
    _percent,
    _registry_households,
    computation,
    current_unit,
)
from giamngheo.monitoring.groups import POOR_OR_NEAR_POOR, group_filter
from giamngheo.registry.models import Household, StatusTransition
from giamngheo.support.models import HouseholdPlan, HousingCase, RecordStatus, SupportRecord
from giamngheo.support.models.housing import HousingStage

ESCAPED_POOR = "escaped_poor"
PROJECTS = ("P2", "P3", "P4", "P5", "P6")


def _households(unit: AdminUnit, period: Period, group: str) -> tuple[QuerySet[Household] | None, str]:
    """Every household of the unit and group (also those closed since), or why there is none to count."""
    current = current_unit(unit)
    if current is None or current.level not in REGISTRY_FIELD:
        return None, _("Chưa có dữ liệu sổ hộ cho đơn vị này (đơn vị cũ đã sáp nhập hoặc chia tách).")
    in_group = Q() if group == "poor_near_poor" else group_filter(group, period.end_date, current)
    if in_group is None:
        return None, _("Chưa có dữ liệu sổ hộ theo nhóm này.")
    field = REGISTRY_FIELD[Level(current.level)]
    return Household.objects.filter(in_group, **{field: current.pk}), ""


def _year_to_date(period: Period) -> tuple[dt.date, dt.date]:
    return dt.date(period.year, 1, 1), period.end_date


def _delivered_then(period: Period) -> Q:
    """Support delivered in the year to the period's end, as the ledger stands (a filter on records)."""
    return Q(status=RecordStatus.DELIVERED, superseded_by__isnull=True, on__range=_year_to_date(period))


def _delivered(households: QuerySet[Household], period: Period) -> QuerySet[SupportRecord]:
    """The support delivered to these households in the year to the period's end, as the ledger stands."""
    return SupportRecord.objects.filter(_delivered_then(period), household__in=households.values("pk"))


@computation("support_houses_supported")
def support_houses_supported(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Houses built or repaired and accepted (≥ 30 m², three hard structures), year to the period's end."""
    households, why = _households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    accepted = HousingCase.objects.filter(
        household__in=households.values("pk"),
        stage=HousingStage.ACCEPTED,
        accepted_on__range=_year_to_date(period),
    ).aggregate(n=Count("household", distinct=True))["n"]
    return Computed(Decimal(accepted))


@computation("support_plan_coverage")
def support_plan_coverage(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Poor households (at the period's end) with a support plan for the period's year, among them."""
    households, why = _registry_households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    counts = households.filter(Q(status_then="poor")).aggregate(
        total=Count("pk", distinct=True),
        planned=Count("pk", distinct=True, filter=Q(support_plans__year=period.year)),
    )
    if not counts["total"]:
        return Computed(None, message=_("Không có hộ nghèo."))
    return _percent(counts["planned"], counts["total"])


def _registered(unit: AdminUnit, period: Period, group: str) -> tuple[QuerySet[HouseholdPlan] | None, str]:
    households, why = _households(unit, period, group)
    if households is None:
        return None, why
    plans = HouseholdPlan.objects.filter(
        household__in=households.values("pk"), year=period.year, registers_to_escape=True
    )
    return plans, ""


@computation("support_registered_to_escape")
def support_registered_to_escape(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Households whose plan for the period's year registers them to escape poverty."""
    plans, why = _registered(unit, period, group)
    if plans is None:
        return Computed(None, message=why)
    return Computed(Decimal(plans.values("household").distinct().count()))


@computation("support_registered_escaped")
def support_registered_escaped(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Of the households registered to escape this year, those recognised as escaped by the period's end."""
    plans, why = _registered(unit, period, group)
    if plans is None:
        return Computed(None, message=why)
    escaped = StatusTransition.objects.filter(
        household__in=plans.values("household"), kind=ESCAPED_POOR, effective_on__range=_year_to_date(period)
    )
    return Computed(Decimal(escaped.values("household").distinct().count()))


@computation("support_households_helped")
def support_households_helped(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Households that received support (delivered, not cancelled) in the year to the period's end."""
    households, why = _households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    return Computed(Decimal(_delivered(households, period).values("household").distinct().count()))


@computation("support_credit_access")
def support_credit_access(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Poor and near-poor households (at the period's end) with a Social Policy Bank loan this year."""
    households, why = _registry_households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    # One pass over the eligible households: all of them, and those among the year's borrowers (a subquery
    # read once, not per household).
    borrowers = SupportRecord.objects.filter(_delivered_then(period), support_type__unit="loan")
    counts = households.filter(Q(status_then__in=POOR_OR_NEAR_POOR)).aggregate(
        total=Count("pk"), borrowed=Count("pk", filter=Q(pk__in=borrowers.values("household_id")))
    )
    if not counts["total"]:
        return Computed(None, message=_("Không có hộ nghèo, cận nghèo."))
    return _percent(counts["borrowed"], counts["total"])


def _amount_per_household(unit: AdminUnit, period: Period, group: str, project: str | None) -> Computed:
    households, why = _households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    records = _delivered(households, period).filter(amount__isnull=False)
    if project is not None:
        component = "support_type__component__code"
        records = records.filter(Q(**{component: project}) | Q(**{f"{component}__startswith": f"{project}."}))
    totals = records.aggregate(amount=Sum("amount"), households=Count("household", distinct=True))
    if not totals["households"]:
        return Computed(None, message=_("Chưa có khoản hỗ trợ bằng tiền nào được chi trong năm."))
    value = (Decimal(totals["amount"]) / totals["households"]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return Computed(value, Decimal(totals["amount"]), Decimal(totals["households"]))


@computation("support_amount_per_household")
def support_amount_per_household(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Money delivered in the year to the period's end, per household that received money."""
    return _amount_per_household(unit, period, group, None)


def _register_project(project: str) -> None:
    def by_project(unit: AdminUnit, period: Period, group: str) -> Computed:
        return _amount_per_household(unit, period, group, project)

    computation(f"support_amount_per_household_{project.lower()}")(by_project)


for _project in PROJECTS:
    _register_project(_project)


@computation("registry_escaped_households")
def registry_escaped_households(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Households recognised as escaped from poverty in the year to the period's end (status transitions)."""
    households, why = _households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    escaped = StatusTransition.objects.filter(
        household__in=households.values("pk"), kind=ESCAPED_POOR, effective_on__range=_year_to_date(period)
    )
    return Computed(Decimal(escaped.values("household").distinct().count()))
