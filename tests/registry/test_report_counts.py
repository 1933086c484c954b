"""The household counts equal a recount from the households after any sequence of real writes, and rebuild."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import F

from giamngheo.areas.services import village_create
from giamngheo.core.errors import AppError
from giamngheo.registry.counts import counted, recounted, report_counts_rebuild
from giamngheo.registry.models import Household, HouseholdCount
from giamngheo.registry.services import (
    household_close,
    household_merge,
    household_register,
    household_split,
    household_update,
    member_add,
    member_leave,
)
from giamngheo.registry.status import household_status_change, household_statuses_import
from giamngheo.registry.surveys import survey_submit
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT, REFERENCE

pytestmark = pytest.mark.django_db

POOR_FACTS = dict(COMFORTABLE_HOUSEHOLD, income_per_capita=1_200_000, water_source="unprotected_dug_well")
STATUSES = ("none", "poor", "near_poor", "average")
DAY = dt.date(2026, 10, 1)


class Writer:
    """Random real service calls on a few households of two communes (each officer in their own)."""

    def __init__(self, rng: random.Random, places: list[tuple[Any, Any, list[Any]]]) -> None:
        self.rng, self.places = rng, places

    def active(self) -> list[Household]:
        return list(Household.objects.filter(is_active=True).order_by("pk"))

    def officer_of(self, household: Household) -> Any:
        return next(
            officer for officer, commune, _villages in self.places if commune.pk == household.commune_id
        )

    def villages_of(self, household: Household) -> list[Any]:
        return next(
            villages for _officer, commune, villages in self.places if commune.pk == household.commune_id
        )

    def register(self) -> None:
        officer, commune, villages = self.rng.choice(self.places)
        household_register(
            actor=officer,
            commune=commune,
            village=self.rng.choice([None, *villages]),
            head={
                "full_name": "Hộ thử",
                "sex": "male",
                "birth_year": 1980,
                "ethnicity": self.rng.choice(["01", "19"]),
            },
            registered_on=dt.date(2024, 1, 1),
        )

    def member(self, household: Household) -> None:
        member_add(
            actor=self.officer_of(household),
            household=household,
            full_name="Thành viên",
            sex="female",
            birth_year=1990,
            relation="other",
            has_merit=self.rng.random() < 0.5,
        )

    def leave(self, household: Household) -> None:
        members = list(household.members.filter(is_active=True).exclude(relation="head"))
        if members:
            member_leave(
                actor=self.officer_of(household), member=self.rng.choice(members), reason="died", on=DAY
            )

    def survey(self, household: Household) -> None:
        members = household.members.filter(is_active=True)
        survey_submit(
            actor=self.officer_of(household),
            household=household,
            reference_date=REFERENCE,
            household_values=dict(self.rng.choice([COMFORTABLE_HOUSEHOLD, POOR_FACTS])),
            member_values={member.pk: dict(HEALTHY_ADULT) for member in members},
            version=household.version,
        )

    def status(self, household: Household) -> None:
        household_status_change(
            actor=self.officer_of(household),
            household=household,
            to_status=self.rng.choice(STATUSES),
            kind=self.rng.choice([None, "other"]),
            effective_on=DAY,
        )

    def imported(self, household: Household) -> None:
        targets = self.rng.sample(self.active(), k=min(3, len(self.active())))
        household_statuses_import(
            households=targets, statuses={target.code: self.rng.choice(STATUSES) for target in targets}
        )

    def move(self, household: Household) -> None:
        household_update(
            actor=self.officer_of(household),
            household=household,
            village=self.rng.choice([None, *self.villages_of(household)]),
            address="",
            residence="permanent",
            version=household.version,
        )

    def close(self, household: Household) -> None:
        household_close(
            actor=self.officer_of(household), household=household, reason="moved_away", on=DAY,
            version=household.version,
        )  # fmt: skip

    def merge(self, household: Household) -> None:
        others = [
            other
            for other in self.active()
            if other.commune_id == household.commune_id and other != household
        ]
        if others:
            household_merge(
                actor=self.officer_of(household), source=household, target=self.rng.choice(others), on=DAY
            )

    def split(self, household: Household) -> None:
        members = list(household.members.filter(is_active=True).exclude(relation="head"))
        if members:
            household_split(
                actor=self.officer_of(household),
                household=household,
                members=members[:1],
                new_head=members[0],
                village=self.rng.choice([None, *self.villages_of(household)]),
                address="",
                on=DAY,
                version=household.version,
            )

    def bulk(self, household: Household) -> None:
        """A raw bulk write outside any service (as a data fix or an annual run would do)."""
        Household.objects.filter(commune_id=household.commune_id).update(
            is_ethnic_minority=self.rng.random() < 0.5, version=F("version") + 1
        )

    def step(self) -> str:
        households = self.active()
        if len(households) < 3:
            self.register()
            return "register"
        action = self.rng.choice(
            ["register", "member", "leave", "survey", "survey", "status", "imported", "move", "close",
             "merge", "split", "bulk"]
        )  # fmt: skip
        if action == "register":
            self.register()
        else:
            getattr(self, action)(self.rng.choice(households))
        return action


@pytest.fixture
def places(officer_a, officer_b, commune_a, commune_b, admin_user):
    return [
        (
            officer,
            commune,
            [village_create(actor=admin_user, commune=commune, name=f"Thôn {n}") for n in (1, 2)],
        )
        for officer, commune in ((officer_a, commune_a), (officer_b, commune_b))
    ]


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
