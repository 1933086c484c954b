"""The household counts equal a recount from the households after any sequence of real writes, and rebuild."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.management import call_command
from django.db.models import F

from giamngheo.core.errors import AppError
from giamngheo.registry.counts import counted, recounted, report_counts_rebuild
from giamngheo.registry.models import Household, HouseholdCount
from giamngheo.registry.services import (
    household_close,
)
from tests.fixtures.household_writer import DAY, Writer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", range(4))
def test_counts_equal_a_recount_after_random_service_calls(places, seed):
    writer = Writer(random.Random(seed), places)
    done = []
    for _ in range(40):
        done.append(writer.step())
        assert counted() == recounted(), done
    assert {"survey", "close", "merge", "status"} <= set(done)
    assert any(key[6] for key in counted()), "no assessed household was counted"


def test_rebuild_recounts_a_wrong_table_and_is_idempotent(places):
    writer = Writer(random.Random(7), places)
    for _ in range(15):
        writer.step()
    expected = recounted()
    HouseholdCount.objects.update(households=F("households") + 5)
    HouseholdCount.objects.create(
        province_id=places[0][1].province_id, commune_id=places[0][1].pk, status="poor",
        is_ethnic_minority=False, has_merit_member=False, assessed=False, deprived="", households=9,
    )  # fmt: skip
    assert counted() != expected
    assert report_counts_rebuild() == sum(expected.values())
    assert counted() == expected
    call_command("rebuild_report_counts", verbosity=0)
    assert counted() == expected


def test_a_failed_write_leaves_the_counts_unchanged(places):
    writer = Writer(random.Random(3), places)
    for _ in range(5):
        writer.register()
    before = counted()
    household = writer.active()[0]
    with pytest.raises(AppError):
        household_close(
            actor=writer.officer_of(household), household=household, reason="nowhere", on=DAY,
            version=household.version,
        )  # fmt: skip
    assert counted() == before == recounted()


def test_a_household_pointing_at_an_assessment_inserted_later_is_counted_assessed(commune_a):
    """An import inserts households first, pointing at assessments it inserts later in the transaction."""
    from django.db import transaction

    from giamngheo.registry.models import Assessment, SurveyRound

    with transaction.atomic():
        household = Household.objects.create(
            code="I-1", province_id=commune_a.province_id, commune=commune_a, status="poor",
            registered_on=dt.date(2024, 1, 1), latest_assessment_id=987_654,
        )  # fmt: skip
        survey_round = SurveyRound.objects.create(household=household, reference_date=DAY, area="rural")
        Assessment.objects.create(
            pk=987_654, household=household, round=survey_round, standard="2022-2025", reference_date=DAY,
            income_path="income", deprived="water_source,latrine", deprivation_count=2, score_b=20,
            category="poor", explanation={},
        )  # fmt: skip
    assert counted() == recounted()
    assert any(key[6] and key[7] == "water_source,latrine" for key in counted())


def test_imports_keep_the_counts(officer_a, commune_a, village_a, django_capture_on_commit_callbacks):
    """The import service: new households with their assessments, then a changed row of an existing one."""
    from tests.fixtures.registry_files import confirm, household_row, member_rows, upload, workbook

    first = workbook(
        [household_row("H001"), household_row("H002", income=5_000_000, latrine="Tự hoại")],
        member_rows("H001") + member_rows("H002", personal_id="")[:1],
    )
    confirm(officer_a, upload(officer_a, commune_a, first, django_capture_on_commit_callbacks),
            django_capture_on_commit_callbacks)  # fmt: skip
    assert counted() == recounted()
    assert any(key[6] and key[7] for key in counted()), "the poor household's deprivations are counted"
    richer = workbook([household_row("H001", income=6_000_000, latrine="Tự hoại")], member_rows("H001")[:1])
    confirm(officer_a, upload(officer_a, commune_a, richer, django_capture_on_commit_callbacks),
            django_capture_on_commit_callbacks)  # fmt: skip
    assert counted() == recounted()
