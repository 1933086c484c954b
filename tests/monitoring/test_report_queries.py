"""The monitoring report of a province and of a commune: fewer than 20 queries, figures equal to a recount."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from giamngheo.core.services import period_get_or_create
from giamngheo.demo.plans import demo_plans_load
from giamngheo.demo.registry import registry_demo_load
from giamngheo.geo.designations import commune_designations_on
from giamngheo.geo.models import AdminUnit
from giamngheo.monitoring.content import report_content
from giamngheo.monitoring.models import Report
from giamngheo.monitoring.services import round_open
from giamngheo.programs.models import Plan
from giamngheo.registry.models import Household
from giamngheo.support.eligibility import carry_legacy_until

pytestmark = pytest.mark.django_db


def _period(running: bool):
    today = timezone.localdate()
    if running:  # the current half-year, as bench/reports_bench.py reads it
        return period_get_or_create(year=today.year, kind="half_year", number=1 if today.month <= 6 else 2)
    return period_get_or_create(year=today.year - 1, kind="year")


@pytest.fixture
def demo(admin_user):
    """The demo registry of Huế (~1,660 households) and the seed plans (03/KH-UBND: 19 targets)."""
    registry_demo_load(scale=0.005)
    demo_plans_load(admin_user)


def _reports(province_officer, hue, period) -> dict[str, Report]:
    plan = Plan.objects.get(number="03/KH-UBND")
    reporting_round = round_open(
        actor=province_officer, province=hue, period=period, plan=plan,
        commune_due=period.end_date + dt.timedelta(days=5),
        province_due=period.end_date + dt.timedelta(days=10),
    )  # fmt: skip
    commune = AdminUnit.objects.get(tree="current", level="commune", name="Xã A Lưới 1", province=hue)
    reports = Report.objects.filter(round=reporting_round).select_related(
        "round__period", "round__plan", "unit"
    )
    return {
        "province": reports.get(commune__isnull=True, agency__isnull=True),
        "commune": reports.get(commune=commune),
    }


@pytest.mark.parametrize("running", [True, False], ids=["running period", "ended period"])
@pytest.mark.parametrize("level", ["province", "commune"])
def test_the_report_takes_fewer_than_20_queries(
    demo, province_officer, hue, running, level, django_assert_max_num_queries
):
    report = _reports(province_officer, hue, _period(running))[level]
    with django_assert_max_num_queries(19):
        content = report_content(report)
    assert len(content["framework"]) == 19


def _percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# The registry indicators of plan 03/KH-UBND: (status counted) or (deprivation key of the covered share).
STATUS = {"registry_poverty_rate": "poor", "registry_poor_households": "poor"}
COVERED = {
    "registry_safe_water": "water_source",
    "registry_hygienic_latrine": "latrine",
    "registry_telecom_use": "telecom",
    "registry_information_access": "information_means",
}


def _recount(computation: str, group: str, where: AdminUnit, day: dt.date) -> Decimal | None:
    """An indicator recounted in Python from the active households, household by household (designations of
    each commune on the period's last day)."""
    field = "province_id" if where.level == "province" else "commune_id"
    households = list(
        Household.objects.filter(is_active=True, province_id=where.province_id or where.pk).values(
            "province_id",
            "commune_id",
            "status",
            "is_ethnic_minority",
            "latest_assessment_id",
            "latest_assessment__deprived",
        )
    )
    by_commune: dict[int, Counter[str]] = {}
    for household in households:
        by_commune.setdefault(household["commune_id"], Counter())[household["status"]] += 1
    high_poverty = {pk for pk, counts in by_commune.items() if counts["poor"] * 100 > 25 * counts.total()}
    designations = {
        commune.pk: commune_designations_on(commune, day, carry_legacy_until=carry_legacy_until())
        for commune in AdminUnit.objects.filter(pk__in=by_commune)
    }
    member = {
        "all": lambda h: True,
        "poor_near_poor": lambda h: h["status"] in ("poor", "near_poor"),
        "ethnic_minority": lambda h: h["is_ethnic_minority"],
        "high_poverty_communes": lambda h: h["commune_id"] in high_poverty,
        "poor_district": lambda h: "poor_district" in designations[h["commune_id"]],
        "coastal_difficult": lambda h: "coastal_difficult" in designations[h["commune_id"]],
    }[group]
    chosen = [h for h in households if member(h) and h[field] == where.pk]
    if computation in STATUS:
        poor = sum(1 for h in chosen if h["status"] == STATUS[computation])
        if computation.endswith("_rate"):
            return _percent(poor, len(chosen))
        return Decimal(poor) if chosen else None
    assessed = [h for h in chosen if h["status"] in ("poor", "near_poor") and h["latest_assessment_id"]]
    deprived = sum(1 for h in assessed if COVERED[computation] in h["latest_assessment__deprived"].split(","))
    return _percent(len(assessed) - deprived, len(assessed))


def test_the_registry_figures_equal_a_recount_household_by_household(demo, province_officer, hue):
    period = _period(running=True)
    reports = _reports(province_officer, hue, period)
    checked = []
    for level, report in reports.items():
        plan = report.round.plan
        for row in report_content(report)["framework"]:
            target = plan.targets.select_related("indicator").get(pk=row["target_id"])
            computation = target.indicator.computation
            if computation not in STATUS and computation not in COVERED:
                continue
            expected = _recount(computation, target.group, hue, period.end_date)
            assert row["actual"] == expected, (level, computation, target.group)
            if level == "commune":
                local = _recount(computation, target.group, report.unit, period.end_date)
                assert row["local"] == local, (level, computation, target.group)
            checked.append((level, computation, target.group, row["actual"]))
    assert len(checked) == 2 * 9
    assert sum(1 for *_key, value in checked if value is not None) >= 10
