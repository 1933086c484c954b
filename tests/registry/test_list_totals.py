"""The household list's total from the kept counts equals a count of the rows it lists, for every filter."""

from __future__ import annotations

import itertools
import random

import pytest
from django.db.models import F

from giamngheo.core.pagination import CountedPaginator
from giamngheo.registry.models import Household
from giamngheo.registry.selectors import HouseholdFilter, household_list, household_list_count
from tests.fixtures.household_writer import Writer
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def test_kept_totals_equal_the_rows_for_every_user_and_filter(places, province_officer, admin_user):
    writer = Writer(random.Random(11), places)
    for _ in range(30):
        writer.step()
    Household.objects.filter(pk__in=Household.objects.order_by("pk").values("pk")[:2]).update(
        status="poor", version=F("version") + 1
    )
    (officer_a, commune_a, villages_a), (officer_b, commune_b, _villages_b) = places
    users = [officer_a, officer_b, province_officer, admin_user]
    filters = itertools.product(
        [None, commune_a.pk, commune_b.pk],
        [None, villages_a[0].pk],
        ["", "poor", "none"],
        [None, True, False],
        [None, False],
    )
    checked = 0
    for commune, village, status, ethnic, merit in filters:
        chosen = HouseholdFilter(
            commune=commune, village=village, status=status, ethnic_minority=ethnic, merit=merit
        )
        for user in users:
            assert household_list_count(user, chosen) == household_list(user, chosen).count(), (user, chosen)
            checked += 1
    assert checked == 3 * 2 * 3 * 3 * 2 * 4
    assert household_list_count(admin_user, HouseholdFilter()) > 0


@pytest.mark.parametrize(
    "chosen",
    [
        HouseholdFilter(search="an"),
        HouseholdFilter(category="poor"),
        HouseholdFilter(children_under_five=True),
        HouseholdFilter(include_closed=True),
    ],
)
def test_filters_the_counts_do_not_keep_are_counted_from_the_rows(officer_a, chosen):
    assert household_list_count(officer_a, chosen) is None


def test_a_broad_search_says_more_than_the_cap_and_pages_on(places, officer_a):
    writer = Writer(random.Random(3), places)
    for _ in range(12):
        writer.register()
    everyone = household_list(officer_a, HouseholdFilter(search="a"))
    total = everyone.count()
    assert total > 5
    paginator = CountedPaginator(everyone, 2, cap=4)
    assert paginator.capped and paginator.count == 5
    assert [h.pk for h in paginator.page(3)] == [h.pk for h in everyone[4:5]]
    exact = CountedPaginator(everyone, 2, cap=total)
    assert not exact.capped and exact.count == total


def test_the_list_page_and_the_api_give_the_kept_total(places, officer_a):
    writer = Writer(random.Random(4), places)
    for _ in range(8):
        writer.register()
    expected = household_list(officer_a, HouseholdFilter()).count()
    client = client_for(officer_a)
    page = client.get("/ho/").content.decode()
    assert f"{expected} hộ" in page
    api = client.get("/api/v1/households", {"limit": 1}).json()
    assert api["count"] == expected and len(api["items"]) == 1
