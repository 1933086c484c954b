"""The one writer of a household's status: transition recorded with the status it replaces, refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.core.errors import AppError
from giamngheo.registry.models import Household, StatusTransition
from giamngheo.registry.status import household_status_change, household_statuses_import

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 1)


def test_a_change_records_its_transition_and_bumps_the_version(officer_a, household):
    version = household.version
    transition = household_status_change(
        actor=officer_a, household=household, to_status="poor", kind="new_poor", effective_on=ON
    )
    household.refresh_from_db()
    assert (household.status, household.version) == ("poor", version + 1)
    assert transition is not None
    assert (transition.kind, transition.from_status, transition.to_status, transition.effective_on) == (
        "new_poor",
        "none",
        "poor",
        ON,
    )
    assert transition.recorded_by == officer_a


def test_without_a_kind_the_status_changes_and_no_transition_is_recorded(officer_a, household):
    transition = household_status_change(
        actor=officer_a, household=household, to_status="near_poor", kind=None, effective_on=ON
    )
    household.refresh_from_db()
    assert (transition, household.status) == (None, "near_poor")
    assert not StatusTransition.objects.exists()


@pytest.mark.parametrize(("to_status", "kind"), [("rich", "new_poor"), ("poor", "promoted")])
def test_an_unknown_status_or_kind_is_refused_and_nothing_changes(officer_a, household, to_status, kind):
    version = household.version
    with pytest.raises(AppError) as error:
        household_status_change(
            actor=officer_a, household=household, to_status=to_status, kind=kind, effective_on=ON
        )
    assert error.value.code == "invalid"
    household.refresh_from_db()
    assert (household.status, household.version) == ("none", version)
    assert not StatusTransition.objects.exists()


def test_an_import_sets_statuses_in_bulk_without_transitions(household):
    changed = household_statuses_import(households=[household], statuses={household.code: "poor"})
    again = household_statuses_import(households=[household], statuses={household.code: "poor"})
    assert (changed, again) == (1, 0)
    assert Household.objects.get(pk=household.pk).status == "poor"
    assert not StatusTransition.objects.exists()
