"""Search names equal the members' names after any writes; the list's name search finds what it did."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from giamngheo.core.text import search_key
from giamngheo.registry import name_search
from giamngheo.registry.models import Household, Member
from giamngheo.registry.selectors import HouseholdFilter, household_list
from giamngheo.registry.services import member_update
from tests.fixtures.household_writer import NAMES, Writer

pytestmark = pytest.mark.django_db


def expected_names() -> dict[int, tuple[str, list[str]]]:
    """Each household's own name and its active members' names (sorted: SQLite does not order them)."""
    names: dict[int, tuple[str, list[str]]] = {
        pk: (own, []) for pk, own in Household.objects.values_list("pk", "search_name")
    }
    for household_id, name in Member.objects.filter(is_active=True).values_list(
        "household_id", "search_name"
    ):
        names[household_id][1].append(name)
    return {pk: (own, sorted(members)) for pk, (own, members) in names.items()}


def stored_names() -> dict[int, tuple[str, list[str]]]:
    stored = {}
    for pk, names in Household.objects.values_list("pk", "search_names"):
        own, *members = names.split(name_search.SEPARATOR)
        stored[pk] = (own, sorted(members))
    return stored


class NameWriter(Writer):
    """The counts' writer, plus name changes through the service and raw writes no service makes."""

    def rename(self, household: Household) -> None:
        members = list(household.members.filter(is_active=True))
        if members:
            member = self.rng.choice(members)
            member_update(
                actor=self.officer_of(household), member=member, version=member.version,
                full_name=self.rng.choice(NAMES),
            )  # fmt: skip

    def raw_member(self, household: Household) -> None:
        """A data fix by SQL: a member renamed, deactivated or moved to another household."""
        member = household.members.exclude(relation="head").order_by("?").first()  # the head stays
        other = self.rng.choice(self.active())
        if member is None:
            return
        table = Member._meta.db_table
        change, value = self.rng.choice(
            [
                ("search_name = %s", search_key(self.rng.choice(NAMES))),
                ("is_active = %s, left_on = '2026-10-01', left_reason = 'died'", False),
                ("household_id = %s, member_no = member_no + 100", other.pk),
            ]
        )
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {change} WHERE id = %s", [value, member.pk])

    def stale_save(self, household: Household) -> None:
        """A full save of a household read before its members changed writes back its old names."""
        stale = Household.objects.get(pk=household.pk)
        self.member(household)
        stale.save()

    def step(self) -> str:
        action = self.rng.choice(["rename", "raw_member", "stale_save", "base", "base"])
        if action == "base" or len(self.active()) < 3:
            return super().step()
        getattr(self, action)(self.rng.choice(self.active()))
        return action


def reference_search(key: str) -> set[int]:
    """What the list found before the names were kept: the head's name or an active member's contains it."""
    found = set(
        Household.objects.filter(is_active=True, search_name__contains=key).values_list("pk", flat=True)
    )
    found |= set(
        Member.objects.filter(
            is_active=True, search_name__contains=key, household__is_active=True
        ).values_list("household_id", flat=True)
    )
    return found


@pytest.mark.parametrize("seed", range(3))
def test_search_names_follow_every_writer(places, admin_user, seed):
    writer = NameWriter(random.Random(seed), places)
    done = []
    for _ in range(50):
        done.append(writer.step())
        assert stored_names() == expected_names(), done
    assert {"rename", "raw_member", "stale_save"} <= set(done)
    assert len(set(done)) >= 9, done  # most of the services too
    for key in ("an", "van", "nguyen van an", "thi", "dang an", "tran thi an", "ho", "binh"):
        found = {household.pk for household in household_list(admin_user, HouseholdFilter(search=key))}
        assert found == reference_search(key), key


def test_rebuild_repairs_wrong_names(places):
    writer = NameWriter(random.Random(5), places)
    for _ in range(10):
        writer.step()
    expected = expected_names()
    with connection.cursor() as cursor:  # behind the triggers' back: drop them, write nonsense, put them back
        for statement in name_search.uninstall_sql(connection.vendor):
            cursor.execute(statement)
        cursor.execute(f"UPDATE {Household._meta.db_table} SET search_names = 'sai'")
        for statement in name_search.install_sql(connection.vendor):
            cursor.execute(statement)
    assert stored_names() != expected
    name_search.names_rebuild()
    assert stored_names() == expected


def test_a_search_with_the_separator_matches_no_name(places, admin_user):
    writer = NameWriter(random.Random(2), places)
    for _ in range(6):
        writer.register()
        writer.member(writer.active()[-1])
    assert list(household_list(admin_user, HouseholdFilter(search="an|thanh"))) == []
    assert list(household_list(admin_user, HouseholdFilter(search="an"))) != []
