"""Indicators computed from the ledger, household plans and housing cases, by unit and group."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.computations import compute
from giamngheo.registry.status import household_status_change
from giamngheo.support.models import PovertyCause, SupportType
from giamngheo.support.services.housing import (
    housing_case_accept,
    housing_case_approve,
    housing_case_open,
    housing_case_progress,
)
from giamngheo.support.services.plans import household_plan_create
from giamngheo.support.services.records import support_record_add, support_record_cancel
from tests.fixtures.support import SURVEYED_ON, TODAY

pytestmark = pytest.mark.django_db


def support(code: str) -> SupportType:
    return SupportType.objects.get(code=code)


@pytest.fixture
def supported(officer_a, chair_a, poor_household):
    """A plan registering to escape, a house built and accepted, a loan, an electricity payment cancelled."""
    household_plan_create(
        actor=officer_a, household=poor_household, year=2026, causes=list(PovertyCause.objects.all()[:1]),
        helper_name="Nguyễn Văn Bình", registers_to_escape=True, on=SURVEYED_ON,
    )  # fmt: skip
    case = housing_case_open(
        actor=officer_a, household=poor_household, support_type=support("da5-nha-xay-moi"), work="new",
        year=2026, on=SURVEYED_ON,
    )  # fmt: skip
    case = housing_case_approve(
        actor=chair_a, case=case, version=case.version, funding={"central": 40_000_000},
        on=SURVEYED_ON, decision_number="15/QĐ-UBND",
    )  # fmt: skip
    for stage in ("started", "roofed", "completed"):
        case = housing_case_progress(
            actor=officer_a, case=case, version=case.version, stage=stage, on=SURVEYED_ON, today=TODAY
        )
    housing_case_accept(
        actor=officer_a, case=case, version=case.version, on=TODAY, floor_area_m2=Decimal(36),
        hard_foundation=True, hard_frame=True, hard_roof=True, today=TODAY,
    )  # fmt: skip
    for code, amount in (("vay-ho-ngheo", 50_000_000), ("tien-dien-ho-ngheo", 1_000_000)):
        record = support_record_add(
            actor=officer_a, household=poor_household, member=None, support_type=support(code), on=TODAY,
            amount=amount, today=TODAY,
        )  # fmt: skip
    support_record_cancel(actor=officer_a, record=record, reason="Chi nhầm", on=TODAY)
    return poor_household


NAMES = (
    "support_houses_supported",
    "support_plan_coverage",
    "support_registered_to_escape",
    "support_households_helped",
    "support_credit_access",
    "support_amount_per_household",
    "support_amount_per_household_p5",
    "support_amount_per_household_p2",
)


def values(unit, group):
    period = period_get_or_create(year=2026, kind="year", number=1)
    return {name: compute(name, unit, period, group).value for name in NAMES}


def test_the_ledger_gives_the_commune_and_province_their_indicators(supported, commune_a, hue):
    expected = {
        "support_houses_supported": Decimal(1),
        "support_plan_coverage": Decimal("100.00"),
        "support_registered_to_escape": Decimal(1),
        "support_households_helped": Decimal(1),
        "support_credit_access": Decimal("100.00"),
        "support_amount_per_household": Decimal(90_000_000),  # house 40 M + loan 50 M; the cancelled 1 M not
        "support_amount_per_household_p5": Decimal(40_000_000),
        "support_amount_per_household_p2": None,
    }
    assert values(commune_a, "all") == expected
    assert values(hue, "poor_near_poor") == expected
    assert values(commune_a, "poor_district") == expected  # carried from the former district of A Lưới


def test_groups_and_units_without_the_household_count_nothing(supported, commune_b):
    assert values(commune_b, "all") == {
        "support_houses_supported": Decimal(0),
        "support_plan_coverage": None,
        "support_registered_to_escape": Decimal(0),
        "support_households_helped": Decimal(0),
        "support_credit_access": None,
        "support_amount_per_household": None,
        "support_amount_per_household_p5": None,
        "support_amount_per_household_p2": None,
    }
    assert compute(
        "support_houses_supported", commune_b, period_get_or_create(year=2026, kind="year", number=1), "urban"
    ).value == Decimal(0)


def test_a_registered_household_that_escapes_is_counted(supported, commune_a):
    period = period_get_or_create(year=2026, kind="year", number=1)
    assert compute("support_registered_escaped", commune_a, period, "all").value == Decimal(0)
    household_status_change(
        actor=None,
        household=supported,
        to_status="average",
        kind="escaped_poor",
        effective_on=dt.date(2026, 12, 1),
    )
    assert compute("support_registered_escaped", commune_a, period, "all").value == Decimal(1)
    assert compute("registry_escaped_households", commune_a, period, "all").value == Decimal(1)
    assert compute("registry_escaped_households", commune_a, period, "urban").value == Decimal(0)
    previous_year = period_get_or_create(year=2025, kind="year", number=1)
    assert compute("registry_escaped_households", commune_a, previous_year, "all").value == Decimal(0)
