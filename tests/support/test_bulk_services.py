"""The bulk services (many plans, many deliveries) give what the single ones give, under the same rules."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.core.errors import AppError
from giamngheo.core.models import AuditEvent
from giamngheo.registry.services import household_register
from giamngheo.registry.surveys import survey_submit
from giamngheo.support.models import HouseholdPlan, PovertyCause, RecordStatus, SupportRecord, SupportType
from giamngheo.support.services.lists import beneficiary_list_approve, beneficiary_list_propose
from giamngheo.support.services.plans import (
    PlanDraft,
    household_plans_create_many,
    suggested_solutions,
    suggested_solutions_many,
)
from giamngheo.support.services.records import support_record_deliver, support_records_deliver_many
from tests.fixtures.support import POOR_HOUSEHOLD, SURVEYED_ON, TODAY, UNINSURED_ADULT, recognise

pytestmark = pytest.mark.django_db


def _keys(pairs):
    return sorted((t.code, m.pk if m else None) for t, m in pairs)


@pytest.fixture
def household_b(officer_a, commune_a, village_a, catalogue):
    """A second household of commune A, surveyed poor but recognised near-poor (other types suggested)."""
    other = household_register(
        actor=officer_a, commune=commune_a, village=village_a, address="Thôn A Ka",
        head={"full_name": "Kăn Văn Hai", "sex": "male", "birth_year": 1990, "ethnicity": "19"},
        registered_on=dt.date(2022, 1, 1),
    )  # fmt: skip
    survey_submit(
        actor=officer_a, household=other, reference_date=SURVEYED_ON, household_values=POOR_HOUSEHOLD,
        member_values={m.pk: dict(UNINSURED_ADULT) for m in other.members.all()}, version=other.version,
    )  # fmt: skip
    other.refresh_from_db()
    return recognise(other, "near_poor")


def test_suggestions_for_many_households_equal_those_for_one(poor_household, household_b):
    many = suggested_solutions_many([poor_household, household_b], SURVEYED_ON)

    assert _keys(many[poor_household.pk]) == _keys(suggested_solutions(poor_household, SURVEYED_ON))
    assert _keys(many[household_b.pk]) == _keys(suggested_solutions(household_b, SURVEYED_ON))
    assert many[poor_household.pk]
    assert _keys(many[household_b.pk]) != _keys(many[poor_household.pk])


def test_many_plans_take_the_engines_suggestions_and_are_audited(officer_a, poor_household):
    cause = PovertyCause.objects.order_by("order").first()

    (plan,) = household_plans_create_many(
        actor=officer_a, year=2026, on=SURVEYED_ON,
        drafts=[PlanDraft(household=poor_household, causes=[cause], helper_name="Chi hội trưởng")],
    )  # fmt: skip

    expected = _keys(suggested_solutions(poor_household, SURVEYED_ON))
    solutions = plan.solutions.select_related("support_type")
    assert sorted((s.support_type.code, s.member_id) for s in solutions) == expected
    assert all(s.suggested for s in solutions)
    assert AuditEvent.objects.filter(action="support_plan.create", object_id=str(plan.pk)).count() == 1


def test_many_plans_are_refused_all_together_for_an_officer_of_another_commune(officer_b, poor_household):
    cause = PovertyCause.objects.order_by("order").first()

    with pytest.raises(AppError) as error:
        household_plans_create_many(
            actor=officer_b, year=2026, on=SURVEYED_ON,
            drafts=[PlanDraft(household=poor_household, causes=[cause], helper_name="Người lạ")],
        )  # fmt: skip

    assert error.value.code == "permission_denied"
    assert HouseholdPlan.objects.count() == 0


@pytest.fixture
def cards(officer_a, chair_a, poor_household):
    cards = beneficiary_list_propose(
        actor=officer_a, support_type=SupportType.objects.get(code="bhyt-ho-ngheo"),
        commune=poor_household.commune, year=2026, reference_date=SURVEYED_ON,
    )  # fmt: skip
    beneficiary_list_approve(
        actor=chair_a, beneficiary_list=cards, version=1, decision_number="3/QĐ", decided_on=TODAY
    )
    return list(SupportRecord.objects.filter(entry__list=cards).order_by("pk"))


def test_delivering_many_cards_writes_one_follower_each_and_audits_each(officer_a, cards):
    delivered = support_records_deliver_many(actor=officer_a, records=cards, on=TODAY, today=TODAY)

    assert [(r.supersedes_id, r.status, r.on) for r in delivered] == [
        (card.pk, RecordStatus.DELIVERED, TODAY) for card in cards
    ]
    assert AuditEvent.objects.filter(action="support_record.deliver").count() == len(cards)


def test_delivering_many_refuses_all_when_one_was_delivered_already(officer_a, cards):
    support_record_deliver(actor=officer_a, record=cards[0], on=TODAY, today=TODAY)
    before = SupportRecord.objects.count()

    with pytest.raises(AppError) as error:
        support_records_deliver_many(actor=officer_a, records=cards, on=TODAY, today=TODAY)

    assert error.value.code == "conflict"
    assert SupportRecord.objects.count() == before


def test_delivering_many_is_refused_to_an_officer_of_another_commune(officer_b, cards):
    with pytest.raises(AppError) as error:
        support_records_deliver_many(actor=officer_b, records=cards, on=TODAY, today=TODAY)

    assert error.value.code == "permission_denied"
    assert SupportRecord.objects.filter(status=RecordStatus.DELIVERED).count() == 0
