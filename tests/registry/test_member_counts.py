"""Each round's kept member counts equal a recount from its facts after any writes; rebuild repairs them."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from giamngheo.registry import member_counts
from giamngheo.registry.models import Member
from giamngheo.registry.models_counts import RoundMemberCount
from giamngheo.registry.services import member_update
from tests.fixtures.household_writer import Writer

pytestmark = pytest.mark.django_db


class FactsWriter(Writer):
    """The counts' writer (surveys, departures, splits, imports), plus birth years corrected and raw fixes."""

    def birth_year(self, household):
        members = list(household.members.filter(is_active=True))
        if members:
            member = self.rng.choice(members)
            member_update(
                actor=self.officer_of(household), member=member, version=member.version,
                birth_year=self.rng.choice([1950, 1990, 2012, 2016, 2020]),
            )  # fmt: skip

    def raw_departure(self, household):
        member = household.members.filter(is_active=True).exclude(relation="head").first()
        if member is not None:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {Member._meta.db_table} SET is_active = %s, left_on = '2026-10-01', "
                    "left_reason = 'died' WHERE id = %s",
                    [False, member.pk],
                )

    def step(self) -> str:
        action = self.rng.choice(["birth_year", "raw_departure", "survey", "base", "base"])
        if action == "base" or len(self.active()) < 3:
            return super().step()
        getattr(self, action)(self.rng.choice(self.active()))
        return action


@pytest.mark.parametrize("seed", range(3))
def test_kept_member_counts_follow_every_writer(places, seed):
    writer = FactsWriter(random.Random(seed), places)
    done = []
    for _ in range(45):
        done.append(writer.step())
        assert member_counts.kept() == member_counts.recounted(), done
    assert {"birth_year", "raw_departure", "survey"} <= set(done)
    assert any(counts[2] for counts in member_counts.kept().values()) or seed, "no child was counted"
    assert member_counts.kept(), "no round was counted"


def test_rebuild_repairs_wrong_counts(places):
    writer = FactsWriter(random.Random(8), places)
    for _ in range(20):
        writer.step()
    expected = member_counts.recounted()
    RoundMemberCount.objects.update(insured=99)
    assert member_counts.kept() != expected
    member_counts.member_counts_rebuild()
    assert member_counts.kept() == expected
