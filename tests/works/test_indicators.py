"""Indicators computed from the works registers: works completed by kind, models, households, effect."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.computations import compute
from giamngheo.works.services.livelihood import evaluation_record, model_create, participant_add
from giamngheo.works.services.works import work_create, work_progress_record
from tests.fixtures.works import TODAY

pytestmark = pytest.mark.django_db

EVALUATION = {"evaluator": "Xã", "economic": "X", "social": "X", "environmental": "X", "today": TODAY}


@pytest.fixture
def year():
    return period_get_or_create(year=2026, kind="year", number=1)


def test_completed_works_count_in_their_year_by_kind(officer_a, commune_a, commune_b, hue, road, year):
    work_progress_record(actor=officer_a, work=road, on=dt.date(2026, 9, 1), percent=100, today=TODAY)
    school = work_create(actor=officer_a, commune=commune_a, name="Trường", kind="school")
    work_progress_record(actor=officer_a, work=school, on=dt.date(2026, 10, 1), percent=60, today=TODAY)
    assert compute("works_completed", hue, year, "all").value == 1
    assert compute("works_completed_road", hue, year, "all").value == 1
    assert compute("works_completed_school", hue, year, "all").value == 0
    assert compute("works_completed", commune_a, year, "all").value == 1
    assert compute("works_completed", commune_b, year, "all").value == 0
    last_year = period_get_or_create(year=2025, kind="year", number=1)
    assert compute("works_completed", hue, last_year, "all").value == 0
    half = period_get_or_create(year=2026, kind="half_year", number=1)
    assert compute("works_completed", hue, half, "all").value == 0  # completed in September


def test_models_projects_poor_households_and_effectiveness(
    officer_a, province_officer, commune_a, commune_b, hue, goat_model, poor_household, household_b, year
):
    participant_add(actor=officer_a, model=goat_model, household=poor_household, joined_on=TODAY, today=TODAY)
    project = model_create(
        actor=province_officer,
        communes=[commune_a, commune_b],
        name="Dược liệu",
        kind="production",
        started_on=dt.date(2026, 5, 1),
    )
    participant_add(
        actor=province_officer, model=project, household=household_b, joined_on=TODAY, today=TODAY
    )
    model_create(
        actor=province_officer,
        communes=[commune_b],
        name="Ended 2025",
        kind="model",
        started_on=dt.date(2024, 1, 1),
        ended_on=dt.date(2025, 6, 30),
    )
    assert compute("works_livelihood_models", hue, year, "all").value == 1
    assert compute("works_production_projects", hue, year, "all").value == 1
    assert compute("works_livelihood_models", commune_b, year, "all").value == 0
    assert compute("works_production_projects", commune_b, year, "all").value == 1
    assert compute("works_model_poor_households", hue, year, "all").value == 1  # household B is not poor
    assert compute("works_model_poor_households", commune_b, year, "all").value == 0
    assert compute("works_models_effective_rate", hue, year, "all").value is None
    evaluation_record(
        actor=officer_a,
        model=goat_model,
        evaluated_on=dt.date(2026, 6, 1),
        result="not_effective",
        **EVALUATION,
    )
    evaluation_record(
        actor=province_officer,
        model=project,
        evaluated_on=dt.date(2026, 6, 1),
        result="effective",
        **EVALUATION,
    )
    rate = compute("works_models_effective_rate", hue, year, "all")
    assert (rate.value, rate.numerator, rate.denominator) == (50, 1, 2)
    evaluation_record(
        actor=officer_a, model=goat_model, evaluated_on=dt.date(2026, 11, 1), result="effective", **EVALUATION
    )
    assert compute("works_models_effective_rate", hue, year, "all").value == 100
    half = period_get_or_create(year=2026, kind="half_year", number=1)
    assert compute("works_models_effective_rate", hue, half, "all").value == 50  # the June evaluations stand


def test_the_plans_indicator_reads_the_models(officer_a, hue, goat_model, poor_household, year):
    from giamngheo.monitoring.selectors import value_for
    from giamngheo.programs.catalogue import indicator_catalogue_load
    from giamngheo.programs.models import Indicator

    indicator_catalogue_load()
    value = value_for(Indicator.objects.get(code="livelihood_models"), hue, year)
    assert (value.value, value.origin) == (1, "computed")
    participant_add(actor=officer_a, model=goat_model, household=poor_household, joined_on=TODAY, today=TODAY)
    households = value_for(Indicator.objects.get(code="works_model_poor_households"), hue, year)
    assert households.value == 1
