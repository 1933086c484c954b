"""Registry fixtures: a household with members in Xã A Lưới 1, and a facts form that is not deprived."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from giamngheo.areas.services import village_create
from giamngheo.registry.services import household_register, member_add

REFERENCE = dt.date(2026, 10, 1)

COMFORTABLE_HOUSEHOLD: dict[str, Any] = {
    "income_per_capita": 4_000_000,
    "income_score": None,
    "has_house": True,
    "foundation_material": "brick_stone",
    "walls_material": "brick_stone",
    "roof_material": "tile",
    "floor_area_m2": 60,
    "water_source": "piped",
    "latrine": "septic",
    "internet_use": True,
    "phone_use": True,
    "digital_services_use": True,
    "has_television": True,
    "has_radio": False,
    "has_computer": False,
    "has_smartphone": True,
    "loudspeaker_access": True,
    "waste_treatment": True,
    "agricultural": True,
}

HEALTHY_ADULT: dict[str, Any] = {
    "employment": "self_employed",
    "working_capacity": "full",
    "disability": "none",
    "social_allowance": False,
    "health_insurance": True,
    "education": "upper_secondary",
    "in_school": False,
    "nutrition": "not_measured",
    "ill_untreated": False,
}


@pytest.fixture
def village_a(admin_user, commune_a):
    return village_create(actor=admin_user, commune=commune_a, name="Thôn Ka Vân")


@pytest.fixture
def household(officer_a, commune_a, village_a):
    household = household_register(
        actor=officer_a,
        commune=commune_a,
        village=village_a,
        address="Thôn Ka Vân",
        head={
            "full_name": "Hồ Văn Tâm",
            "sex": "male",
            "birth_year": 1980,
            "ethnicity": "19",
            "personal_id": "046080000123",
        },
        registered_on=dt.date(2022, 1, 1),
    )
    member_add(
        actor=officer_a,
        household=household,
        full_name="Kăn Thị Hoa",
        sex="female",
        birth_year=1984,
        relation="spouse",
        ethnicity="19",
    )
    member_add(
        actor=officer_a,
        household=household,
        full_name="Hồ Văn Nam",
        sex="male",
        birth_year=2012,
        relation="child",
        ethnicity="19",
    )
    household.refresh_from_db()
    return household
