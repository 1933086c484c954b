"""Shared builders for the standards tests (no database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from giamngheo.standards import HouseholdFacts, MemberFacts

REFERENCE_DATE = dt.date(2025, 10, 1)

# Each entry adds one household-level deprivation common to every standard version.
HOUSEHOLD_DEPRIVATIONS: list[tuple[dict[str, Any], str]] = [
    ({"latrine": "simple_pit"}, "latrine"),
    ({"water_source": "surface_water"}, "water_source"),
    ({"floor_area_m2": 5.0}, "housing_area"),
]


def household(code: str = "H1", **facts: Any) -> HouseholdFacts:
    """A household with no deprivation by default (rural, income 1,000,000)."""
    defaults: dict[str, Any] = {"area": "rural", "income_per_capita": 1_000_000}
    return HouseholdFacts(household_code=code, **{**defaults, **facts})


def member(number: int = 1, age: int = 40, code: str = "H1", **facts: Any) -> MemberFacts:
    """A member aged `age` at the 2025 reference date, by default with no deprivation."""
    defaults: dict[str, Any] = {"birth_year": REFERENCE_DATE.year - age}
    if age < 18:
        defaults |= {
            "relation": "child",
            "in_school": age >= 3,
            "education": "primary",
            "employment": "not_in_labour_force",
        }
    return MemberFacts(household_code=code, member_no=number, **{**defaults, **facts})


def with_deprivations(count: int, **facts: Any) -> tuple[dict[str, Any], set[str]]:
    """Household facts with exactly `count` household-level deprivations (0–3), and their keys."""
    merged: dict[str, Any] = {}
    keys: set[str] = set()
    for extra, key in HOUSEHOLD_DEPRIVATIONS[:count]:
        merged |= extra
        keys.add(key)
    return merged | facts, keys
