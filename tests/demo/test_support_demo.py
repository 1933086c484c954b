"""Demo support year: plans for most poor households, lists, loans and houses through the services, once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from giamngheo.core.models import AuditEvent
from giamngheo.core.services import period_get_or_create
from giamngheo.demo.registry import registry_demo_load
from giamngheo.demo.support import support_demo_load
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.monitoring.computations import compute
from giamngheo.programs.catalogue import catalogue_load
from giamngheo.registry.models import Household
from giamngheo.support.catalogue import poverty_causes_load, support_catalogue_load
from giamngheo.support.models import BeneficiaryList, HouseholdPlan, HousingCase, SupportRecord

pytestmark = pytest.mark.django_db

SCALE = 0.005


@pytest.fixture
def demo(db):
    catalogue_load()
    support_catalogue_load()
    poverty_causes_load()
    registry_demo_load(scale=SCALE)
    return support_demo_load()


def test_the_demo_year_of_support_is_written_through_the_services(demo):
    poor = Household.objects.filter(status="poor").count()
    assert demo.created
    assert demo.plans == HouseholdPlan.objects.count()
    assert 0.8 * poor <= demo.plans < poor
    assert not HouseholdPlan.objects.exclude(household__status="poor").exists()
    assert HouseholdPlan.objects.exclude(helper_name="").count() == demo.plans
    assert set(BeneficiaryList.objects.values_list("status", flat=True)) == {"approved"}
    assert SupportRecord.objects.filter(support_type__code="vay-ho-ngheo").exists()
    assert HousingCase.objects.filter(stage="accepted").exists()
    assert HousingCase.objects.filter(stage="proposed").exists()
    assert AuditEvent.objects.filter(object_type__contains="householdplan").count() >= demo.plans
    # The indicators of the group «hộ nghèo, hộ cận nghèo» have values on the demo data.
    hue = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code="46")
    period = period_get_or_create(year=2026, kind="year", number=1)
    accepted = HousingCase.objects.filter(stage="accepted").count()
    assert compute("support_houses_supported", hue, period, "poor_near_poor").value == Decimal(accepted)
    for name in ("registry_poor_households", "support_households_helped", "support_credit_access"):
        assert compute(name, hue, period, "poor_near_poor").value > 0, name


def support_counts() -> tuple[int, ...]:
    return (
        HouseholdPlan.objects.count(),
        SupportRecord.objects.count(),
        HousingCase.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_second_run_changes_nothing(demo):
    counts = support_counts()
    again = support_demo_load()
    assert not again.created
    assert support_counts() == counts
