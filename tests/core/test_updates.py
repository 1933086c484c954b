"""model_update: only what changed is saved and audited, the version moves, personal IDs are masked."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.areas.services import village_create
from giamngheo.core.audit import AuditAction
from giamngheo.core.models import AuditEvent
from giamngheo.core.updates import model_update
from giamngheo.registry.models import Household, Member
from giamngheo.registry.services import household_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(officer_a, commune_a) -> Member:
    household = household_register(
        actor=officer_a,
        commune=commune_a,
        village=None,
        address="Thôn Ka Vân",
        head={
            "full_name": "Hồ Văn Tâm",
            "sex": "male",
            "birth_year": 1980,
            "ethnicity": "19",
            "personal_id": "046080000123",
        },
        registered_on=dt.date(2022, 1, 1),
    )
    return household.members.get()


def test_saves_and_audits_only_the_changed_fields_and_bumps_the_version(officer_a, head):
    version = head.version
    data = {"full_name": "Hồ Văn Tâm", "personal_id": "046080000456", "sex": "male"}
    member, changed = model_update(
        instance=head, fields=data, data=data, actor=officer_a, action=AuditAction.MEMBER_UPDATE
    )
    stored = Member.objects.get(pk=head.pk)
    event = AuditEvent.objects.get(action="member.update")
    assert (changed, member.version, stored.version, stored.personal_id) == (
        True,
        version + 1,
        version + 1,
        "046080000456",
    )
    assert (event.action, event.actor, event.before, event.after) == (
        "member.update",
        officer_a,
        {"personal_id": "*********123"},
        {"personal_id": "*********456"},
    )


def test_nothing_changed_saves_nothing_and_writes_no_event(officer_a, head):
    before = Member.objects.values("version", "updated_at").get(pk=head.pk)
    data = {"full_name": head.full_name, "sex": head.sex}
    member, changed = model_update(
        instance=head, fields=data, data=data, actor=officer_a, action=AuditAction.MEMBER_UPDATE
    )
    assert (member, changed) == (head, False)
    assert Member.objects.values("version", "updated_at").get(pk=head.pk) == before
    assert not AuditEvent.objects.filter(action="member.update").exists()


def test_a_related_object_is_compared_and_audited_by_its_key(officer_a, admin_user, commune_a, head):
    household = head.household
    village = village_create(actor=admin_user, commune=commune_a, name="Thôn Ka Vân")
    _, moved = model_update(
        instance=household,
        fields=("village",),
        data={"village": village},
        actor=officer_a,
        action=AuditAction.HOUSEHOLD_UPDATE,
    )
    _, again = model_update(
        instance=household,
        fields=("village",),
        data={"village": village},
        actor=officer_a,
        action=AuditAction.HOUSEHOLD_UPDATE,
    )
    event = AuditEvent.objects.get(action="household.update")
    assert (moved, again, Household.objects.get(pk=household.pk).village_id) == (True, False, village.pk)
    assert (event.before, event.after) == ({"village": None}, {"village": village.pk})


def test_a_field_missing_from_data_is_left_alone(officer_a, head):
    _, changed = model_update(
        instance=head,
        fields=("full_name", "sex"),
        data={"sex": "male"},
        actor=officer_a,
        action=AuditAction.MEMBER_UPDATE,
    )
    assert (changed, Member.objects.get(pk=head.pk).full_name) == (False, "Hồ Văn Tâm")


def test_the_event_is_filed_under_the_subject_when_given(officer_a, head):
    household = head.household
    model_update(
        instance=head,
        fields=("full_name",),
        data={"full_name": "Hồ Văn Tám"},
        actor=officer_a,
        action=AuditAction.MEMBER_UPDATE,
        subject=household,
    )
    event = AuditEvent.objects.get(action="member.update")
    assert (event.object_type, event.object_id) == ("registry.household", str(household.pk))
    assert (event.before, event.after) == (
        {"object": str(head), "full_name": "Hồ Văn Tâm"},
        {"object": str(head), "full_name": "Hồ Văn Tám"},
    )
