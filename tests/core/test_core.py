from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client

from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError
from giamngheo.core.models import AuditEvent, PeriodKind, period_bounds
from giamngheo.core.services import audit_record, period_get_or_create
from giamngheo.core.text import search_key

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_with_a_working_database():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_answers_503_when_the_database_fails():
    with mock.patch("giamngheo.core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = Client().get("/healthz")
    assert response.status_code == 503


def test_audit_events_cannot_be_changed_or_deleted(officer_a):
    event = audit_record(
        actor=officer_a, action=AuditAction.USER_UPDATE, obj=officer_a, before={"a": 1}, after={"a": 2}
    )
    event.action = "rewritten"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "user.update"


def test_audit_records_client_address_of_the_request(officer_a, commune_a):
    from tests.fixtures.people import client_for

    client_for(officer_a).post(
        f"/don-vi/{commune_a.pk}/them-thon/",
        {"division_type": "Thôn", "name": "Thôn 5"},
        REMOTE_ADDR="10.1.2.3",
    )
    event = AuditEvent.objects.get(action="village.create")
    assert (event.ip_address, event.actor) == ("10.1.2.3", officer_a)


@pytest.mark.parametrize(
    ("kind", "number", "first", "last"),
    [
        (PeriodKind.YEAR, 1, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        (PeriodKind.HALF_YEAR, 2, datetime.date(2026, 7, 1), datetime.date(2026, 12, 31)),
        (PeriodKind.NINE_MONTHS, 1, datetime.date(2026, 1, 1), datetime.date(2026, 9, 30)),
        (PeriodKind.QUARTER, 1, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        (PeriodKind.MONTH, 2, datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)),
    ],
)
def test_period_bounds(kind, number, first, last):
    assert period_bounds(2026, kind, number) == (first, last)


def test_period_is_created_once_and_labelled_in_vietnamese():
    first = period_get_or_create(year=2026, kind=PeriodKind.HALF_YEAR, number=1)
    again = period_get_or_create(year=2026, kind=PeriodKind.HALF_YEAR, number=1)
    assert first.pk == again.pk
    assert first.label == "6 tháng đầu năm 2026"
    assert period_get_or_create(year=2026, kind=PeriodKind.QUARTER, number=3).label == "Quý 3/2026"


def test_period_number_out_of_range_is_refused():
    with pytest.raises(AppError):
        period_get_or_create(year=2026, kind=PeriodKind.QUARTER, number=5)


@pytest.mark.parametrize(
    ("text", "key"),
    [("Nguyễn Văn A", "nguyen van a"), ("ĐẶNG  Thị   Ảnh", "dang thi anh"), ("Xã A Lưới 1", "xa a luoi 1")],
)
def test_search_key_drops_accents(text, key):
    assert search_key(text) == key


def test_vietnamese_number_and_date_formats():
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("vi"):
        rendered = Template('{{ n }} hộ; {{ d|date:"SHORT_DATE_FORMAT" }}; {{ r|floatformat:2 }}%').render(
            Context({"n": 1595, "d": datetime.date(2022, 3, 25), "r": 2.27})
        )
    assert rendered == "1.595 hộ; 25/3/2022; 2,27%"
