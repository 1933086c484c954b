"""Registry indicators of a past period: statuses, assessments and members as they were on its last day."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.computations import compute
from giamngheo.monitoring.selectors import plan_achievement
from giamngheo.programs import services as plan_services
from giamngheo.programs.catalogue import catalogue_load, indicator_catalogue_load
from giamngheo.programs.models import Indicator, Program
from giamngheo.registry.models import (
    Assessment,
    Household,
    Member,
    MemberFacts,
    StatusTransition,
    SurveyRound,
)

pytestmark = pytest.mark.django_db
_codes = itertools.count(1)
YEAR_2024 = {"year": 2024, "kind": "year", "number": 1}
YEAR_2025 = {"year": 2025, "kind": "year", "number": 1}


def household(commune, status, *, registered=dt.date(2023, 1, 1), closed=None):
    return Household.objects.create(
        code=f"Q{next(_codes):07d}",
        province_id=commune.province_id,
        commune=commune,
        registered_on=registered,
        status=status,
        head_name="Hộ thử",
        is_active=closed is None,
        closed_on=closed,
        closed_reason="moved_away" if closed else "",
    )


def moved(target, kind, before, after, on):
    StatusTransition.objects.create(
        household=target, kind=kind, from_status=before, to_status=after, effective_on=on
    )


def assessed(target, on, deprived, members=()):
    survey_round = SurveyRound.objects.create(household=target, reference_date=on, area="rural")
    assessment = Assessment.objects.create(
        household=target, round=survey_round, standard="2022-2025", reference_date=on, income_path="income",
        deprived=deprived, deprivation_count=len(deprived.split(",")) if deprived else 0, score_b=0,
        category="poor", explanation={},
    )  # fmt: skip
    for member, insured in members:
        MemberFacts.objects.create(round=survey_round, member=member, health_insurance=insured)
    Household.objects.filter(pk=target.pk).update(latest_assessment=assessment)
    return assessment


def member(target, number, *, left=None):
    return Member.objects.create(
        household=target, member_no=number, full_name=f"Người {number}", search_name=f"nguoi {number}",
        birth_year=1980, sex="male", is_active=left is None, left_on=left,
        left_reason="moved_out" if left else "",
    )  # fmt: skip


@pytest.fixture
def history(commune_a):
    """Four households of 2024: one escaped poverty in 2025, one closed in 2025, one arrived in 2025."""
    escaped = household(commune_a, "none")
    moved(escaped, "new_poor", "none", "poor", dt.date(2023, 12, 20))
    moved(escaped, "escaped_poor", "poor", "none", dt.date(2025, 6, 1))
    still_poor = household(commune_a, "poor")
    closed = household(commune_a, "near_poor", closed=dt.date(2025, 3, 1))
    household(commune_a, "poor", registered=dt.date(2025, 2, 1))
    household(commune_a, "none")
    return {"escaped": escaped, "still_poor": still_poor, "closed": closed}


def test_a_past_year_counts_the_households_and_statuses_of_its_last_day(history, commune_a):
    year_2024 = period_get_or_create(**YEAR_2024)
    year_2025 = period_get_or_create(**YEAR_2025)
    assert compute("registry_poor_households", commune_a, year_2024, "all").value == Decimal(2)
    assert compute("registry_near_poor_households", commune_a, year_2024, "all").value == Decimal(1)
    assert compute("registry_poverty_rate", commune_a, year_2024, "all").value == Decimal("50.00")
    assert compute("registry_poor_households", commune_a, year_2025, "all").value == Decimal(2)
    assert compute("registry_poverty_rate", commune_a, year_2025, "all").value == Decimal("50.00")
    assert compute("registry_poverty_rate", commune_a, year_2024, "poor_near_poor").value == Decimal("66.67")


def test_a_year_before_the_registry_began_says_there_is_no_data(history, commune_a):
    result = compute("registry_poverty_rate", commune_a, period_get_or_create(year=2022, kind="year"), "all")
    assert result.value is None
    assert result.message == "Chưa có dữ liệu sổ hộ."


def test_past_deprivations_read_the_assessment_valid_then(history, commune_a):
    poor = history["still_poor"]
    assessed(poor, dt.date(2024, 9, 1), "water_source,latrine")
    assessed(poor, dt.date(2025, 9, 1), "latrine")
    assert compute("registry_safe_water", commune_a, period_get_or_create(**YEAR_2024), "all").value == 0
    assert compute("registry_safe_water", commune_a, period_get_or_create(**YEAR_2025), "all").value == 100


def test_persons_are_the_members_not_yet_left_at_the_period_end(history, commune_a):
    poor = history["still_poor"]
    head, gone_2025, gone_2024 = (
        member(poor, 1),
        member(poor, 2, left=dt.date(2025, 5, 1)),
        member(poor, 3, left=dt.date(2024, 5, 1)),
    )
    assessed(poor, dt.date(2024, 1, 10), "", members=[(head, True), (gone_2025, False), (gone_2024, False)])
    result = compute("registry_health_insurance_poor", commune_a, period_get_or_create(**YEAR_2024), "all")
    assert (result.numerator, result.denominator) == (Decimal(1), Decimal(2))


def test_past_figures_take_a_bounded_number_of_queries(commune_a, django_assert_max_num_queries):
    for n in range(25):
        target = household(commune_a, "poor" if n % 2 else "none")
        moved(target, "new_poor", "none", "poor", dt.date(2024, 1, n + 1))
        assessed(target, dt.date(2024, 2, 1), "water_source", members=[(member(target, 1), n % 3 == 0)])
    period = period_get_or_create(**YEAR_2024)
    with django_assert_max_num_queries(12):
        for name in ("registry_poverty_rate", "registry_safe_water", "registry_health_insurance_poor"):
            assert compute(name, commune_a, period, "all").value is not None


def test_a_plan_s_progress_has_a_value_for_every_past_year(history, province_officer, hue, commune_a):
    catalogue_load()
    indicator_catalogue_load()
    plan = plan_services.plan_create(
        actor=province_officer, program=Program.objects.get(code="gnbv-2021-2025"), unit=hue,
        kind="multi_year", start_year=2024, end_year=2025, number="09/KH-UBND", issuer="UBND thành phố Huế",
        title="Kế hoạch 2024–2025",
    )  # fmt: skip
    plan_services.plan_target_add(
        actor=province_officer, plan=plan, indicator=Indicator.objects.get(code="poverty_rate"),
        kind="level", bound="at_most", target_year=2025, text="Tỷ lệ nghèo dưới 40%", value_high=Decimal(40),
    )  # fmt: skip
    for year in (2024, 2025):
        [row] = plan_achievement(plan, period_get_or_create(year=year, kind="year"))
        assert row.actual.value == Decimal("50.00"), year
        assert row.achievement.status != "no_data"
