"""Indicators computed from people: a placement kept 6 months and a certificate move the computed values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from giamngheo.core.services import period_get_or_create
from giamngheo.jobs.models import Referral
from giamngheo.jobs.services.abroad import abroad_worker_register
from giamngheo.jobs.services.placements import referral_create
from giamngheo.monitoring.computations import compute
from giamngheo.registry.status import household_status_change
from tests.fixtures.jobs import TODAY, survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2027():
    return period_get_or_create(year=2027, kind="year", number=1)


def test_trained_and_certified_rates_count_the_latest_survey(officer_a, worker, poor_household, commune_a):
    spouse = poor_household.members.get(member_no=2)
    survey(officer_a, spouse, qualification=2, has_certificate=True)
    period = period_get_or_create(year=2026, kind="year", number=1)
    trained = compute("jobs_trained_rate", commune_a, period, "poor_near_poor")
    assert (trained.value, trained.numerator, trained.denominator) == (Decimal("50.00"), 1, 2)
    assert compute("jobs_certified_rate", commune_a, period, "all").value == Decimal("50.00")


def test_a_rate_without_surveys_says_why(commune_b):
    result = compute(
        "jobs_trained_rate", commune_b, period_get_or_create(year=2026, kind="year", number=1), "all"
    )
    assert result.value is None
    assert result.message


def test_a_sustainable_placement_moves_connections_and_coverage(
    officer_a, worker, vacancy, commune_a, year_2027
):
    referral = referral_create(actor=officer_a, vacancy=vacancy, member=worker, on=TODAY, today=TODAY)
    Referral.objects.filter(pk=referral.pk).update(
        placed_on=dt.date(2027, 1, 5), kept_3_months=True, kept_6_months=True
    )
    assert compute("jobs_connections", commune_a, year_2027, "all").value == 1
    assert compute("jobs_connections_poor_share", commune_a, year_2027, "all").value == Decimal("100.00")
    assert compute("jobs_placements_kept_6_months", commune_a, year_2027, "all").value == Decimal("100.00")
    coverage = compute("jobs_households_sustainable_job", commune_a, year_2027, "all")
    assert (coverage.numerator, coverage.denominator) == (1, 1)


def test_abroad_workers_and_their_households_escape(officer_a, poor_household, commune_a, year_2027):
    spouse = poor_household.members.get(member_no=2)
    abroad_worker_register(
        actor=officer_a, member=spouse, country="Hàn Quốc", departed_on=dt.date(2026, 11, 1),
        contract_ends_on=dt.date(2029, 11, 1), today=TODAY,
    )  # fmt: skip
    assert compute("jobs_abroad_escape_rate", commune_a, year_2027, "all").value == Decimal("0.00")
    household_status_change(
        actor=None, household=poor_household, to_status="none", kind=None, effective_on=dt.date(2027, 1, 1)
    )
    assert compute("jobs_abroad_escape_rate", commune_a, year_2027, "all").value == Decimal("100.00")
    period_2026 = period_get_or_create(year=2026, kind="year", number=1)
    assert compute("jobs_workers_abroad", commune_a, period_2026, "all").value == 1
