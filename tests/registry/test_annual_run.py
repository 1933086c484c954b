"""The province's annual run: same results as one household at a time, idempotent, scoped, audited."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.models import AuditEvent
from giamngheo.registry import assess
from giamngheo.registry.annual.services import annual_run_create, annual_run_now
from giamngheo.registry.models import (
    AnnualRun,
    AnnualRunCommune,
    AnnualRunStatus,
    Assessment,
    Household,
    Member,
)
from giamngheo.registry.services import household_register
from giamngheo.registry.surveys import area_of, survey_submit
from giamngheo.standards.explanation_store import compact
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT
from tests.fixtures.surveyed import CASES, RUN_ON, STANDARD, surveyed

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_registry(officer_a, officer_b, commune_a, commune_b):
    households = [
        surveyed(officer_a if index % 2 else officer_b, commune_a if index % 2 else commune_b, index, *case)
        for index, case in enumerate(CASES)
    ]
    # Registered, never surveyed: counted, not classified.
    household_register(
        actor=officer_a,
        commune=commune_a,
        village=None,
        head={"full_name": "Chưa Khảo Sát", "sex": "male", "birth_year": 1990},
    )
    return households


def one_by_one(household: Household, on: dt.date) -> dict:
    """What the per-household path (survey form → assess) gives for the household's latest round."""
    survey = household.rounds.order_by("-reference_date", "-id").first()
    values, by_member = assess.round_values(survey)
    values["area"] = area_of(household, on)
    members = [
        (member, by_member[member.pk])
        for member in Member.objects.filter(pk__in=by_member, is_active=True).order_by("member_no")
    ]
    result = assess.classify(assess.standard_for(on, STANDARD), household, values, members, on)
    return {
        "category": result.category.value if result.category else "",
        "deprived": ",".join(result.deprived),
        "score_b": result.score_b,
        "income_path": result.income_path or "",
        "low_income_worker": bool(result.low_income_worker),
        "explanation": json.loads(json.dumps(assess.explanation_json(result))),
        "stored": json.loads(json.dumps(compact(assess.explanation_json(result)))),
    }


def stored(assessment: Assessment) -> dict:
    return {
        "category": assessment.category,
        "deprived": assessment.deprived,
        "score_b": assessment.score_b,
        "income_path": assessment.income_path,
        "low_income_worker": assessment.low_income_worker,
        "explanation": assessment.full_explanation,
        "stored": assessment.explanation,
    }


def test_the_run_gives_each_household_what_the_one_by_one_path_gives(province_registry, hue):
    before = Assessment.objects.count()
    run = annual_run_now(province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    assert run.status == AnnualRunStatus.DONE
    assert (run.households, run.assessed, run.unchanged, run.without_survey) == (6, 6, 0, 1)
    assert Assessment.objects.count() == before + 6
    categories = set()
    for household in province_registry:
        household.refresh_from_db()
        latest = household.latest_assessment
        assert latest.reference_date == RUN_ON
        assert latest.standard == STANDARD
        assert latest.round_id == household.rounds.latest("id").pk
        assert household.latest_category == latest.category
        assert stored(latest) == one_by_one(household, RUN_ON)
        categories.add(latest.category)
    assert {"poor", "near_poor", "not_poor"} <= categories  # the cases reach several categories


def test_a_second_run_with_unchanged_facts_writes_nothing(province_registry, hue):
    annual_run_now(province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    assessments = Assessment.objects.count()
    latest = dict(Household.objects.values_list("pk", "latest_assessment_id"))
    again = annual_run_now(province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    assert (again.assessed, again.unchanged) == (0, 6)
    assert Assessment.objects.count() == assessments
    assert dict(Household.objects.values_list("pk", "latest_assessment_id")) == latest
    assert sum(row.changed for row in again.communes.all()) == 0


def test_a_new_survey_is_taken_up_by_the_next_run(province_registry, hue, officer_b):
    annual_run_now(province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    household = province_registry[0]  # the poor one, in commune B
    members = list(household.members.order_by("member_no"))
    survey_submit(
        actor=officer_b,
        household=household,
        reference_date=dt.date(2026, 11, 1),
        household_values=dict(COMFORTABLE_HOUSEHOLD, income_per_capita=9_000_000),
        member_values={member.pk: dict(HEALTHY_ADULT) for member in members},
        version=household.version,
    )
    again = annual_run_now(province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    assert (again.assessed, again.unchanged) == (1, 5)
    household.refresh_from_db()
    assert household.latest_assessment.reference_date == RUN_ON
    assert stored(household.latest_assessment) == one_by_one(household, RUN_ON)


def test_statistics_count_each_commune_by_category(province_registry, hue):
    run = annual_run_now(province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    expected: dict[int, Counter] = {}
    for commune_id, category in (
        Household.objects.filter(province=hue)
        .exclude(latest_assessment=None)
        .values_list("commune_id", "latest_category")
    ):
        expected.setdefault(commune_id, Counter())[category] += 1
    rows = {row.commune_id: row for row in AnnualRunCommune.objects.filter(run=run)}
    assert set(rows) == set(expected)
    for commune_id, counts in expected.items():
        row = rows[commune_id]
        assert row.households == sum(counts.values())
        assert (row.poor, row.near_poor, row.average, row.not_poor) == (
            counts["poor"],
            counts["near_poor"],
            counts["average"],
            counts["not_poor"],
        )


def test_a_run_of_another_province_touches_none_of_these_households(province_registry, son_la):
    annual_run_now(province=son_la, standard_id=STANDARD, reference_date=RUN_ON)
    assert not Assessment.objects.filter(reference_date=RUN_ON).exists()


def test_only_a_province_officer_queues_a_run_and_it_is_audited(
    province_registry, hue, officer_a, province_officer
):
    with pytest.raises(PermissionDenied):
        annual_run_create(actor=officer_a, province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    assert not AnnualRun.objects.exists()
    run = annual_run_create(actor=province_officer, province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    run.refresh_from_db()
    # The test settings run tasks at once, after the commit.
    assert AuditEvent.objects.filter(action="annual_run.queue", object_id=str(run.pk)).exists()


def test_a_province_with_a_run_in_progress_refuses_another(hue, province_officer):
    AnnualRun.objects.create(
        province=hue, standard=STANDARD, reference_date=RUN_ON, status=AnnualRunStatus.RUNNING
    )
    with pytest.raises(AppError) as error:
        annual_run_create(actor=province_officer, province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    assert error.value.code == ErrorCode.ANNUAL_RUN_BUSY
    assert AnnualRun.objects.count() == 1


def test_the_command_runs_a_province_and_refuses_bad_input(province_registry, hue):
    call_command("annual_run", "--province", hue.code, "--date", RUN_ON.isoformat(), "--standard", STANDARD)
    assert Assessment.objects.filter(reference_date=RUN_ON).count() == 6
    with pytest.raises(CommandError):
        call_command("annual_run", "--province", "99", "--date", RUN_ON.isoformat())
    with pytest.raises(CommandError):
        call_command("annual_run", "--province", hue.code, "--date", "1/12/2026")
    with pytest.raises(CommandError):
        call_command("annual_run", "--province", hue.code, "--date", RUN_ON.isoformat(), "--standard", "x")


def test_a_run_that_fails_half_way_is_finished_by_the_next_one(province_registry, hue, monkeypatch):
    from giamngheo.registry.annual import services

    monkeypatch.setattr(services, "CHUNK_HOUSEHOLDS", 4)
    real_write = services.write_chunk
    calls = []

    def failing_second_chunk(rows, chunk):
        calls.append(chunk.height)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_write(rows, chunk)

    monkeypatch.setattr(services, "write_chunk", failing_second_chunk)
    failed = annual_run_now(province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    assert (failed.status, failed.message) == (AnnualRunStatus.FAILED, "RuntimeError")
    assert Assessment.objects.filter(reference_date=RUN_ON).count() == 4  # the first chunk is kept
    monkeypatch.setattr(services, "write_chunk", real_write)
    again = annual_run_now(province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    assert (again.status, again.assessed, again.unchanged) == (AnnualRunStatus.DONE, 2, 4)
    assert Assessment.objects.filter(reference_date=RUN_ON).count() == 6


def test_a_survey_saved_during_the_run_keeps_its_newer_assessment(province_registry, hue):
    import polars as pl

    from giamngheo.registry.annual.write import point_households

    household = province_registry[0]
    newer = household.latest_assessment_id
    stale = pl.DataFrame({"household_id": [household.pk], "previous_id": [newer - 1]})
    rows = pl.DataFrame({"household_id": [household.pk], "id": [newer], "category": ["poor"]})
    Household.objects.filter(pk=household.pk).update(latest_category="average")
    assert point_households(rows, stale) == 0
    household.refresh_from_db()
    assert (household.latest_assessment_id, household.latest_category) == (newer, "average")


@pytest.mark.django_db(transaction=True)
def test_writer_threads_give_the_same_assessments_on_postgresql(
    officer_a, officer_b, commune_a, commune_b, hue, settings
):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("writer threads run on PostgreSQL only")
    from giamngheo.registry.annual import services

    households = [
        surveyed(officer_a if index % 2 else officer_b, commune_a if index % 2 else commune_b, index, *case)
        for index, case in enumerate(CASES)
    ]
    settings.ANNUAL_RUN_WRITERS = 2
    services.CHUNK_HOUSEHOLDS, chunk = 2, services.CHUNK_HOUSEHOLDS
    try:
        run = annual_run_now(province=hue, standard_id=STANDARD, reference_date=RUN_ON)
    finally:
        services.CHUNK_HOUSEHOLDS = chunk
    assert (run.status, run.assessed, run.progress_done) == (AnnualRunStatus.DONE, 6, 6)
    for household in households:
        household.refresh_from_db()
        assert household.latest_assessment.reference_date == RUN_ON
        assert stored(household.latest_assessment) == one_by_one(household, RUN_ON)
    assert sum(row.households for row in run.communes.all()) == 6
