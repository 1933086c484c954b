"""Registry indicators computed together (`shared_figures`) equal the per-indicator formulas they replace."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.computations import _assessed, _registry_households, compute
from giamngheo.monitoring.memo import shared_figures
from giamngheo.registry.models import Assessment, Household, StatusTransition, SurveyRound

pytestmark = pytest.mark.django_db

_codes = itertools.count(1)
STATUSES = ("poor", "near_poor", "none", "average")
DEPRIVED = ("", "water_source", "latrine,telecom", "water_source,latrine,information_means", "waterxsource")
REGISTRY = {
    "registry_poverty_rate": ("count", "poor", True),
    "registry_near_poverty_rate": ("count", "near_poor", True),
    "registry_poor_households": ("count", "poor", False),
    "registry_near_poor_households": ("count", "near_poor", False),
    "registry_safe_water": ("covered", "water_source", True),
    "registry_hygienic_latrine": ("covered", "latrine", True),
    "registry_telecom_use": ("covered", "telecom", True),
    "registry_information_access": ("covered", "information_means", True),
}
GROUPS = ("all", "poor_near_poor", "ethnic_minority", "merit_households")


def _percent(numerator: int, denominator: int) -> Decimal:
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _reference(name: str, unit, period, group) -> Decimal | None:
    """The formulas as each indicator ran them alone before: one aggregate (and a regex) per indicator."""
    kind, key, as_rate = REGISTRY[name]
    if kind == "count":
        households, _why = _registry_households(unit, period, group)
        counts = households.aggregate(total=Count("pk"), matching=Count("pk", filter=Q(status_then=key)))
        if not counts["total"]:
            return None
        return _percent(counts["matching"], counts["total"]) if as_rate else Decimal(counts["matching"])
    assessed, _why = _assessed(unit, period, group)
    counts = assessed.aggregate(
        total=Count("pk"), deprived=Count("pk", filter=Q(deprived_then__regex=rf"(^|,){key}(,|$)"))
    )
    if not counts["total"]:
        return None
    return _percent(counts["total"] - counts["deprived"], counts["total"])


def _household(commune, n: int) -> None:
    household = Household.objects.create(
        code=f"M{next(_codes):07d}",
        province_id=commune.province_id,
        commune=commune,
        registered_on=dt.date(2020, 1, 1),
        status=STATUSES[n % 4],
        head_name="Hộ thử",
        is_ethnic_minority=n % 3 == 0,
        has_merit_member=n % 5 == 0,
    )
    if n % 7 != 6:
        survey_round = SurveyRound.objects.create(
            household=household, reference_date=dt.date(2025, 6, 1), area="rural"
        )
        latest = Assessment.objects.create(
            household=household,
            round=survey_round,
            standard="2022-2025",
            reference_date=dt.date(2025, 6, 1),
            income_path="income",
            deprived=DEPRIVED[n % len(DEPRIVED)],
            deprivation_count=1,
            score_b=10,
            category="poor",
            explanation={},
        )
        Household.objects.filter(pk=household.pk).update(latest_assessment=latest)
    if n % 4 == 1:  # poor until the end of 2025, near poor since
        StatusTransition.objects.create(
            household=household,
            kind="poor_to_near_poor",
            from_status="poor",
            to_status="near_poor",
            effective_on=dt.date(2026, 1, 10),
        )


@pytest.fixture
def households(commune_a, commune_b):
    for n in range(36):
        _household(commune_a if n % 2 else commune_b, n)


@pytest.mark.parametrize("past", [False, True], ids=["running period", "ended period"])
def test_shared_figures_equal_the_per_indicator_formulas(households, commune_a, hue, past):
    today = timezone.localdate()
    period = (
        period_get_or_create(year=2025, kind="year")
        if past
        else period_get_or_create(year=today.year, kind="month", number=today.month)
    )
    for unit in (hue, commune_a):
        for group in GROUPS:
            expected = {name: _reference(name, unit, period, group) for name in REGISTRY}
            alone = {name: compute(name, unit, period, group).value for name in REGISTRY}
            with shared_figures():
                together = {name: compute(name, unit, period, group).value for name in REGISTRY}
            assert alone == expected, (unit, group)
            assert together == expected, (unit, group)
    assert any(value for value in expected.values())


def test_shared_figures_read_each_figure_once(households, hue, django_assert_max_num_queries):
    period = period_get_or_create(year=2025, kind="year")
    with django_assert_max_num_queries(3), shared_figures():
        for name in REGISTRY:
            compute(name, hue, period, "all")
