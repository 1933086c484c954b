from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.geo.designations import commune_designations_on
from giamngheo.support.eligibility import commune_facts, judge
from giamngheo.support.models import SupportType
from tests.fixtures.support import SURVEYED_ON, recognise

pytestmark = pytest.mark.django_db


def verdict(code, household, member=None, on=SURVEYED_ON):
    support_type = SupportType.objects.get(code=code)
    return judge(support_type, household, member, commune_facts(household.commune, [household], on))


def test_a_former_poor_district_carries_to_its_successor_commune_until_end_2026(commune_a):
    assert "poor_district" in commune_designations_on(
        commune_a, SURVEYED_ON, carry_legacy_until=dt.date(2026, 12, 31)
    )
    assert "poor_district" not in commune_designations_on(
        commune_a, dt.date(2027, 1, 2), carry_legacy_until=dt.date(2026, 12, 31)
    )


def test_poor_household_in_former_poor_district_qualifies_for_project_5_housing(poor_household):
    result = verdict("da5-nha-xay-moi", poor_household)
    assert result.eligible
    assert result.reasons[0] == "Hộ nghèo"
    assert "kế thừa" in result.reasons[1]


def test_housing_of_project_5_is_refused_after_the_2021_2025_program_ends(poor_household):
    result = verdict("da5-nha-xay-moi", poor_household, on=dt.date(2027, 3, 1))
    assert not result.eligible
    assert result.reasons[-1] == "Xã không thuộc địa bàn được hỗ trợ"


def test_a_household_without_recognised_status_does_not_qualify(poor_household):
    household = recognise(poor_household, "none")
    assert not verdict("bhyt-ho-ngheo", household, household.members.first()).eligible


def test_near_poor_insurance_is_not_for_poor_households(poor_household):
    assert not verdict("bhyt-ho-can-ngheo", poor_household, poor_household.members.first()).eligible


def test_member_rules_use_age_on_the_reference_date(poor_household):
    child = poor_household.members.get(birth_year=2012)
    adult = poor_household.members.get(birth_year=1980)
    assert verdict("da3-dinh-duong-tre-em", poor_household, child).eligible
    result = verdict("da3-dinh-duong-tre-em", poor_household, adult)
    assert not result.eligible
    assert result.reasons[-1] == "46 tuổi, trên 15 tuổi"


def test_merit_only_policy_needs_a_member_with_merit(poor_household):
    assert not verdict("hue-nghe-nhin-nguoi-co-cong", poor_household).eligible
