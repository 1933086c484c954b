"""Audit events belong to the area of the object acted on, not to the actor's assignments."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

from giamngheo.accounts.models import AreaAssignment
from giamngheo.accounts.roles import Role
from giamngheo.accounts.selectors import audit_events_for_user
from giamngheo.areas.services import village_create
from giamngheo.core.audit import AuditAction
from giamngheo.core.models import AuditEvent
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit, Level
from tests.fixtures.people import client_for, make_user

pytestmark = pytest.mark.django_db


def _son_la_commune(son_la: AdminUnit) -> AdminUnit:
    communes = AdminUnit.objects.filter(province=son_la, level=Level.COMMUNE, tree="current")
    return communes.order_by("code").first()


def test_a_user_who_moved_provinces_shows_the_new_province_their_actions(hue, son_la, commune_a):
    mover = make_user("chuyen", Role.PROVINCE_OFFICER, hue)
    in_hue = village_create(actor=mover, commune=commune_a, name="Thôn Cũ")
    AreaAssignment.objects.filter(user=mover).update(is_active=False)
    AreaAssignment.objects.create(user=mover, role=Role.PROVINCE_OFFICER, unit=son_la)
    mover = type(mover).objects.get(pk=mover.pk)
    in_son_la = village_create(actor=mover, commune=_son_la_commune(son_la), name="Bản Mới")
    hue_viewer = make_user("mttq_hue", Role.OVERSIGHT_VIEWER, hue)
    son_la_viewer = make_user("mttq_sonla", Role.OVERSIGHT_VIEWER, son_la)

    seen_in_hue = set(audit_events_for_user(hue_viewer).values_list("object_id", flat=True))
    seen_in_son_la = set(audit_events_for_user(son_la_viewer).values_list("object_id", flat=True))

    assert seen_in_hue == {str(in_hue.pk)}
    assert seen_in_son_la == {str(in_son_la.pk)}


def test_events_are_placed_in_the_objects_village_commune_and_province(province_officer, commune_a, hue):
    village = village_create(actor=province_officer, commune=commune_a, name="Thôn Hai")

    event = AuditEvent.objects.get(action="village.create")

    assert (event.unit_id, event.province_id) == (village.pk, hue.pk)


def test_a_commune_viewer_reads_only_events_of_their_commune(province_officer, commune_a, commune_b):
    village_create(actor=province_officer, commune=commune_a, name="Thôn A")
    village_create(actor=province_officer, commune=commune_b, name="Thôn B")
    viewer = make_user("xa_xem", Role.OVERSIGHT_VIEWER, commune_a)

    names = list(audit_events_for_user(viewer).values_list("object_repr", flat=True))

    assert names == ["Thôn A"]


def test_events_of_global_objects_are_read_by_national_viewers_only(admin_user, hue, province_officer):
    audit_record(actor=admin_user, action="user.update", obj=admin_user, unit=None)
    national = make_user("quocgia", Role.OVERSIGHT_VIEWER, None)

    assert list(audit_events_for_user(national).values_list("action", flat=True)) == ["user.update"]
    assert not audit_events_for_user(province_officer).exists()


def test_personal_ids_are_stored_masked(admin_user):
    audit_record(
        actor=admin_user,
        action=AuditAction.MEMBER_UPDATE,
        obj=admin_user,
        before={"personal_id": "046090001234", "full_name": "A"},
        after={"members": [{"personal_id": "046090005678"}]},
    )

    event = AuditEvent.objects.get()

    assert event.before == {"personal_id": "*********234", "full_name": "A"}
    assert event.after == {"members": [{"personal_id": "*********678"}]}


def test_the_audit_page_shows_ids_of_older_unmasked_events_masked(province_officer, commune_a, hue):
    AuditEvent.objects.create(
        action=AuditAction.MEMBER_UPDATE,
        object_type="registry.member",
        object_id="1",
        unit=commune_a,
        province=hue,
        before={"personal_id": "046080000123"},
    )

    page = client_for(province_officer).get("/tai-khoan/nhat-ky/").content.decode()

    assert "046080000123" not in page and "*********123" in page


def test_the_migration_places_events_written_before_it(officer_a, commune_a, admin_user):
    from giamngheo.registry.services import household_register

    village = village_create(actor=admin_user, commune=commune_a, name="Thôn Cũ")
    household = household_register(
        actor=officer_a,
        commune=commune_a,
        village=village,
        head={"full_name": "Hồ Văn A", "sex": "male", "birth_year": 1980},
    )
    member = household.members.get()
    old = [
        AuditEvent.objects.create(action=action, object_type=object_type, object_id=object_id)
        for action, object_type, object_id in (
            ("village.create", "geo.adminunit", str(village.pk)),
            ("member.add", "registry.member", str(member.pk)),
            ("user.update", "accounts.user", str(officer_a.pk)),
            ("old.thing", "gone.model", "7"),
        )
    ]
    migration = importlib.import_module("giamngheo.core.migrations.0004_audit_event_object_area")

    migration.place_existing_events(django_apps, None)

    placed = dict(AuditEvent.objects.filter(pk__in=[e.pk for e in old]).values_list("action", "unit_id"))
    assert placed == {
        "village.create": village.pk,
        "member.add": village.pk,
        "user.update": commune_a.pk,
        "old.thing": None,
    }
