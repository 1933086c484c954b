"""Review fixtures: a campaign in Huế, a commune chair, and two households of Xã A Lưới 1 under review."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from giamngheo.accounts.roles import Role
from giamngheo.registry.models import Household
from giamngheo.registry.services import household_register, survey_submit
from giamngheo.reviews.services import campaign_create
from tests.conftest import make_user
from tests.registry.conftest import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT, village_a  # noqa: F401 (fixture)

START = dt.date(2026, 9, 1)


@pytest.fixture
def chair_a(commune_a):
    return make_user("chutich_a", Role.COMMUNE_CHAIR, commune_a)


@pytest.fixture
def campaign(province_officer, hue):
    return campaign_create(
        actor=province_officer,
        province=hue,
        year=2026,
        kind="annual",
        starts_on=START,
        ends_on=dt.date(2026, 12, 14),
    )


def poor_values():
    return dict(
        COMFORTABLE_HOUSEHOLD,
        income_per_capita=1_100_000,
        water_source="unprotected_dug_well",
        latrine="none",
        floor_area_m2=5,
    )


def make_household(officer, commune, village, name, status):
    household = household_register(
        actor=officer,
        commune=commune,
        village=village,
        head={"full_name": name, "sex": "male", "birth_year": 1975},
    )
    Household.objects.filter(pk=household.pk).update(status=status)
    household.refresh_from_db()
    return household


def survey(officer, household, values, on=dt.date(2026, 9, 20)):
    household.refresh_from_db()
    members = {member.pk: dict(HEALTHY_ADULT) for member in household.members.filter(is_active=True)}
    return survey_submit(
        actor=officer,
        household=household,
        reference_date=on,
        household_values=values,
        member_values=members,
        version=household.version,
    )


def minutes():
    return ContentFile(b"%PDF-1.4 bien ban", name="bien-ban.pdf")
