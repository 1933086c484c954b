"""Indicators computed from the activity registers: officers trained, reach, open recommendations, fund."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from giamngheo.activities.services.oversight import recommendation_follow_up
from giamngheo.activities.services.registers import communication_create, donation_create
from giamngheo.activities.services.training import attendance_set, officer_course_create, officer_create
from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.computations import compute
from tests.fixtures.activities import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2026():
    return period_get_or_create(year=2026, kind="year", number=1)


def test_share_of_officers_trained_counts_completions_of_the_year(
    province_officer, commune_a, commune_b, hue, year_2026
):
    lan = officer_create(actor=province_officer, unit=commune_a, full_name="Hồ Thị Lan")
    officer_create(actor=province_officer, unit=commune_a, full_name="Kăn Văn Bốn")
    officer_create(actor=province_officer, unit=commune_a, full_name="Đã nghỉ", is_active=False)
    tu = officer_create(actor=province_officer, unit=commune_b, full_name="Pả Văn Tư")
    course = officer_course_create(
        actor=province_officer, unit=hue, title="Bồi dưỡng kỹ năng", starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 4, 3), organiser="Sở Nông nghiệp và Môi trường", level="province",
    )  # fmt: skip
    old = officer_course_create(
        actor=province_officer, unit=hue, title="Lớp 2025", starts_on=dt.date(2025, 4, 1),
        ends_on=dt.date(2025, 4, 3), organiser="Sở", level="province",
    )  # fmt: skip
    attendance_set(actor=province_officer, course=course, officer=lan, attended=True, completed=True)
    attendance_set(actor=province_officer, course=course, officer=tu, attended=True, completed=False)
    attendance_set(actor=province_officer, course=old, officer=tu, attended=True, completed=True)
    commune = compute("activities_officers_trained_rate", commune_a, year_2026, "all")
    assert (commune.value, commune.numerator, commune.denominator) == (Decimal("50.00"), 1, 2)
    province = compute("activities_officers_trained_rate", hue, year_2026, "all")
    assert (province.numerator, province.denominator) == (1, 3)
    assert (
        compute("officers_trained_rate", hue, year_2026, "all").value is None
    )  # a code is not a computation
    assert compute("activities_officers_trained_rate", commune_a, year_2026, "poor_near_poor").value is None


def test_without_a_register_of_officers_the_share_says_why(commune_b, year_2026):
    result = compute("activities_officers_trained_rate", commune_b, year_2026, "all")
    assert result.value is None and result.message


def test_reach_and_events_add_up_the_year(officer_a, commune_a, hue, year_2026):
    for day, reach, poor in (
        (dt.date(2026, 2, 1), 100, 40),
        (dt.date(2026, 9, 1), 250, 10),
        (dt.date(2025, 9, 1), 999, 9),
    ):
        communication_create(
            actor=officer_a, unit=commune_a, today=TODAY, kind="dialogue", title=f"Đối thoại {day}",
            held_on=day, reach=reach, reach_poor=poor,
        )  # fmt: skip
    assert compute("activities_communication_events", commune_a, year_2026, "all").value == 2
    assert compute("activities_communication_reach", hue, year_2026, "all").value == 350
    assert compute("activities_communication_reach_poor", commune_a, year_2026, "all").value == 50
    half = period_get_or_create(year=2026, kind="half_year", number=1)
    assert compute("activities_communication_reach", commune_a, half, "all").value == 100


def test_open_and_overdue_recommendations_read_the_follow_ups_by_the_periods_end(
    province_officer, inspection_a, commune_a, hue
):
    first = inspection_a.recommendations.get(number=1)
    recommendation_follow_up(
        actor=province_officer, recommendation=first, on=dt.date(2026, 10, 5), action="Đã giải ngân",
        new_status="done", today=TODAY,
    )  # fmt: skip
    q3 = period_get_or_create(year=2026, kind="quarter", number=3)
    year = period_get_or_create(year=2026, kind="year", number=1)
    assert compute("activities_recommendations_open", commune_a, q3, "all").value == 2
    assert (
        compute("activities_recommendations_overdue", commune_a, q3, "all").value == 0
    )  # due 30/9 = end of Q3
    assert compute("activities_recommendations_open", hue, year, "all").value == 1
    assert compute("activities_recommendations_overdue", hue, year, "all").value == 0
    assert compute("activities_inspections_held", hue, year, "all").value == 1


def test_fund_donations_in_million_dong_exactly(officer_a, commune_a, year_2026):
    for amount in (1_500_000, 250_001):
        donation_create(
            actor=officer_a,
            unit=commune_a,
            today=TODAY,
            donor="Nhà hảo tâm",
            donated_on=dt.date(2026, 10, 17),
            amount=amount,
        )
    assert compute("activities_fund_donations", commune_a, year_2026, "all").value == Decimal("1.750001")
