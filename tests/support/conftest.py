"""Support fixtures: the catalogue loaded, a poor household of Xã A Lưới 1 (former poor district A Lưới)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from giamngheo.programs.catalogue import catalogue_load
from giamngheo.registry.models import Household
from giamngheo.registry.services import survey_submit
from giamngheo.registry.status import household_status_change
from giamngheo.support.catalogue import poverty_causes_load, support_catalogue_load
from tests.conftest import make_user
from tests.registry.conftest import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT, household, village_a  # noqa: F401

SURVEYED_ON = dt.date(2026, 10, 1)
TODAY = dt.date(2026, 11, 20)

# Low income, a house of earth and leaves, adults without health insurance: poor under 2022–2025.
POOR_HOUSEHOLD: dict[str, Any] = {
    **COMFORTABLE_HOUSEHOLD,
    "income_per_capita": 900_000,
    "foundation_material": "earth",
    "walls_material": "bamboo_wood",
    "roof_material": "leaves_straw",
    "floor_area_m2": 20,
}
UNINSURED_ADULT: dict[str, Any] = {**HEALTHY_ADULT, "health_insurance": False}


@pytest.fixture
def catalogue(db: Any) -> None:
    catalogue_load()
    support_catalogue_load()
    poverty_causes_load()


def recognise(target: Household, status: str) -> Household:
    """Give a household a recognised status through the registry's one writer (as an import would)."""
    household_status_change(
        actor=None, household=target, to_status=status, kind=None, effective_on=SURVEYED_ON
    )
    target.refresh_from_db()
    return target


@pytest.fixture
def poor_household(officer_a, household, catalogue):  # noqa: F811 — the registry's household fixture
    members = {member.pk: dict(UNINSURED_ADULT) for member in household.members.all()}
    survey_submit(
        actor=officer_a,
        household=household,
        reference_date=SURVEYED_ON,
        household_values=POOR_HOUSEHOLD,
        member_values=members,
        version=household.version,
    )
    household.refresh_from_db()
    assert household.latest_category == "poor"
    return recognise(household, "poor")


@pytest.fixture
def chair_a(commune_a):
    return make_user("chutich_a", "commune_chair", commune_a)


@pytest.fixture
def agency_officer(hue):
    return make_user("nganh", "agency_officer", hue)


def join_agency(user, name: str, kind: str):
    """Make the user a member of the Huế agency of this name and kind (created the first time)."""
    from giamngheo.programs.models import Agency, AgencyMember
    from tests.conftest import HUE, unit

    agency, _created = Agency.objects.get_or_create(
        province=unit("province", HUE), name=name, defaults={"kind": kind}
    )
    AgencyMember.objects.get_or_create(agency=agency, user=user)
    return agency
