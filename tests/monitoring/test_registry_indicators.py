"""Indicators computed from the latest assessments and survey rounds of poor and near-poor households."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.computations import compute
from giamngheo.registry.models import Household
from giamngheo.registry.services import household_register, member_add
from giamngheo.registry.surveys import survey_submit
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT

pytestmark = pytest.mark.django_db


def surveyed(officer, commune, name, status, household_values, child_at_school):
    household = household_register(
        actor=officer,
        commune=commune,
        village=None,
        head={"full_name": name, "sex": "male", "birth_year": 1980},
    )
    member_add(
        actor=officer,
        household=household,
        full_name=f"Con {name}",
        sex="female",
        birth_year=2016,
        relation="child",
    )
    household.refresh_from_db()
    members = {}
    for member in household.members.all():
        facts = dict(HEALTHY_ADULT)
        if member.relation == "child":
            facts.update(in_school=child_at_school, health_insurance=False, employment="not_in_labour_force")
        members[member.pk] = facts
    survey_submit(
        actor=officer,
        household=household,
        reference_date=timezone.localdate(),
        household_values=household_values,
        member_values=members,
        version=household.version,
    )
    Household.objects.filter(pk=household.pk).update(status=status)


def test_registry_indicators_for_poor_and_near_poor_households(officer_a, commune_a):
    surveyed(
        officer_a,
        commune_a,
        "A",
        "poor",
        dict(COMFORTABLE_HOUSEHOLD, water_source="unprotected_dug_well", latrine="none"),
        child_at_school=True,
    )
    surveyed(officer_a, commune_a, "B", "near_poor", dict(COMFORTABLE_HOUSEHOLD), child_at_school=False)
    surveyed(
        officer_a, commune_a, "C", "none", dict(COMFORTABLE_HOUSEHOLD, latrine="none"), child_at_school=False
    )
    today = timezone.localdate()
    period = period_get_or_create(year=today.year, kind="month", number=today.month)
    results = {
        name: compute(name, commune_a, period, "all").value
        for name in (
            "registry_safe_water",
            "registry_hygienic_latrine",
            "registry_telecom_use",
            "registry_health_insurance_poor",
            "registry_children_at_school",
        )
    }
    assert results == {
        "registry_safe_water": Decimal("50.00"),
        "registry_hygienic_latrine": Decimal("50.00"),
        "registry_telecom_use": Decimal("100.00"),
        "registry_health_insurance_poor": Decimal("50.00"),  # 2 heads insured, 2 children not
        "registry_children_at_school": Decimal("50.00"),
    }


def test_registry_indicator_without_data_says_why(commune_b):
    today = timezone.localdate()
    period = period_get_or_create(year=today.year, kind="month", number=today.month)
    result = compute("registry_safe_water", commune_b, period, "all")
    assert result.value is None
    assert "Chưa có" in result.message
