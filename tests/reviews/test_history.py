"""A household's status history: the transitions with their decisions, and "newly escaped" for 36 months."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.registry.models import StatusTransition
from giamngheo.reviews.history import household_status_history, newly_escaped_since
from giamngheo.reviews.models import Decision, TransitionLink
from tests.fixtures.people import client_for
from tests.fixtures.reviews import make_household

pytestmark = pytest.mark.django_db

ESCAPED_ON = dt.date(2024, 10, 20)


@pytest.fixture
def escaped(officer_a, chair_a, commune_a, village_a, campaign):
    household = make_household(officer_a, commune_a, village_a, "Hồ Văn Thoát", "none")
    decision = Decision.objects.create(
        campaign=campaign, commune=commune_a, number="77/QĐ-UBND", signed_on=ESCAPED_ON, signer=chair_a
    )
    StatusTransition.objects.create(
        household=household,
        kind="new_poor",
        from_status="none",
        to_status="poor",
        effective_on=dt.date(2022, 12, 1),
    )
    escape = StatusTransition.objects.create(
        household=household,
        kind="escaped_poor",
        from_status="poor",
        to_status="none",
        effective_on=ESCAPED_ON,
    )
    TransitionLink.objects.create(transition=escape, campaign=campaign, decision=decision)
    return household


@pytest.mark.parametrize(
    ("on", "since"),
    [
        (dt.date(2024, 10, 19), None),  # before the recognition
        (ESCAPED_ON, ESCAPED_ON),
        (dt.date(2027, 10, 19), ESCAPED_ON),  # 35 full months
        (dt.date(2027, 10, 20), None),  # 36 months: no longer newly escaped
    ],
)
def test_newly_escaped_for_36_months_from_the_recognition(escaped, on, since):
    assert newly_escaped_since(escaped, on) == since


def test_relapse_ends_newly_escaped_and_poor_to_near_poor_counts_as_escape(escaped):
    StatusTransition.objects.create(
        household=escaped,
        kind="relapse_poor",
        from_status="none",
        to_status="poor",
        effective_on=dt.date(2025, 10, 1),
    )
    assert newly_escaped_since(escaped, dt.date(2025, 12, 1)) is None
    StatusTransition.objects.create(
        household=escaped,
        kind="poor_to_near_poor",
        from_status="poor",
        to_status="near_poor",
        effective_on=dt.date(2026, 10, 1),
    )
    assert newly_escaped_since(escaped, dt.date(2026, 12, 1)) == dt.date(2026, 10, 1)


def test_history_lists_every_transition_with_its_decision(escaped, django_assert_num_queries):
    with django_assert_num_queries(1):
        history = household_status_history(escaped, on=dt.date(2026, 1, 1))
    assert [(e.kind_label, e.from_label, e.to_label) for e in history.entries] == [
        ("Phát sinh mới hộ nghèo", "Không thuộc diện", "Hộ nghèo"),
        ("Thoát nghèo", "Hộ nghèo", "Không thuộc diện"),
    ]
    assert history.entries[1].decision.number == "77/QĐ-UBND"
    assert (history.newly_escaped_since, history.newly_escaped_until) == (ESCAPED_ON, dt.date(2027, 10, 19))


def test_household_page_shows_the_history(escaped, officer_a, officer_b):
    page = client_for(officer_a).get(f"/ho/{escaped.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="status-history"' in html
    assert "77/QĐ-UBND" in html
    assert client_for(officer_b).get(f"/ho/{escaped.pk}/").status_code == 404
