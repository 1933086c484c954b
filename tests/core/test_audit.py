"""Audit actions: one enumeration, old spellings migrated, labels on the audit log page."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import translation

from giamngheo.core.audit import AuditAction, audit_action_label
from giamngheo.core.models import AuditEvent
from giamngheo.core.services import audit_record
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def test_every_action_is_spelled_entity_dot_verb_and_has_a_label():
    bad = [action.value for action in AuditAction if action.value.count(".") != 1 or not action.label]
    assert bad == []


def test_audit_record_refuses_a_string_that_is_not_an_action(officer_a):
    with pytest.raises(TypeError, match=r"household\.registered"):
        audit_record(actor=officer_a, action="household.registered", obj=officer_a)
    assert not AuditEvent.objects.exists()


def test_audit_record_refuses_an_old_spelling_now_that_every_caller_uses_the_enumeration(officer_a):
    with pytest.raises(TypeError, match="plan_create"):
        audit_record(actor=officer_a, action="plan_create", obj=officer_a)
    assert not AuditEvent.objects.exists()


def test_audit_record_takes_the_value_of_a_member_as_that_member(officer_a):
    event = audit_record(actor=officer_a, action="plan.create", obj=officer_a)
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.PLAN_CREATE


def test_the_data_migration_rewrites_every_old_spelling_to_a_defined_action():
    migration = importlib.import_module("giamngheo.core.migrations.0002_audit_action_rename")
    assert len(migration.RENAMES) == 27
    assert sorted(set(migration.RENAMES.values()) - set(AuditAction.values)) == []


class _HistoricalApps:
    """Stands in for the migration's app registry: a model whose manager allows the one-time rewrite."""

    def get_model(self, app_label: str, model_name: str) -> SimpleNamespace:
        assert (app_label, model_name) == ("core", "AuditEvent")
        return SimpleNamespace(objects=AuditEvent._base_manager)


def test_the_data_migration_rewrites_old_spellings_and_keeps_the_others(officer_a):
    old = AuditEvent.objects.create(action="report_returned", object_type="monitoring.report", object_id="1")
    kept = AuditEvent.objects.create(action="village.create", object_type="geo.village", object_id="2")
    migration = importlib.import_module("giamngheo.core.migrations.0002_audit_action_rename")
    migration.rename(_HistoricalApps(), None)
    assert list(AuditEvent.objects.order_by("pk").values_list("pk", "action")) == [
        (old.pk, "report.return"),
        (kept.pk, "village.create"),
    ]


def test_a_stored_action_no_longer_defined_shows_its_code():
    assert audit_action_label("retired.action") == "retired.action"


def test_audit_page_shows_the_action_label_not_its_code(province_officer, commune_a):
    client = client_for(province_officer)
    client.post(f"/don-vi/{commune_a.pk}/them-thon/", {"division_type": "Thôn", "name": "Thôn Mới"})
    table = client.get("/tai-khoan/nhat-ky/").content.decode().split("<table", 1)[1]  # after the filters
    assert "Thêm thôn, tổ dân phố" in table
    assert "village.create" not in table


def test_audit_page_in_english_shows_the_english_label(province_officer, commune_a):
    client = client_for(province_officer)
    client.post(f"/don-vi/{commune_a.pk}/them-thon/", {"division_type": "Thôn", "name": "Thôn Mới"})
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    content = client.get("/tai-khoan/nhat-ky/").content.decode()
    with translation.override("en"):
        english = str(AuditAction.VILLAGE_CREATE.label)
    assert english == "Add village or residential group"
    assert english in content
    assert "Thêm thôn, tổ dân phố" not in content


def test_anonymous_visitor_cannot_read_the_audit_log():
    assert Client().get("/tai-khoan/nhat-ky/").status_code == 302
