"""The service-token page: a province manager creates (secret shown once), lists and revokes tokens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from giamngheo.api.models import ServiceToken
from giamngheo.api.tokens import service_token_create
from giamngheo.core.models import AuditEvent
from tests.fixtures.people import client_for, make_user
from tests.fixtures.support import join_agency

pytestmark = pytest.mark.django_db

URL = "/ma-truy-cap-dich-vu/"
IN_A_MONTH = (timezone.localdate() + dt.timedelta(days=30)).isoformat()


def test_a_province_manager_creates_a_token_and_sees_its_secret_once(province_officer, commune_a):
    client = client_for(province_officer)
    body = {"name": "Cổng dữ liệu Sở Y tế", "unit": commune_a.pk, "scopes": ["households:read"]}

    created = client.post(URL, {**body, "expires_on": IN_A_MONTH})

    assert created.status_code == 200
    token = ServiceToken.objects.get()
    secret = created.context["secret"]
    assert secret.startswith("gns_") and secret.startswith(token.prefix)
    assert secret in created.content.decode()
    assert token.unit == commune_a and token.scopes == "households:read"
    assert AuditEvent.objects.filter(action="service_token.create", object_id=str(token.pk)).exists()
    listed = client.get(URL).content.decode()
    assert token.prefix in listed and secret not in listed
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_an_agency_token_from_the_page(province_officer):
    bank = join_agency(make_user("nhtm", "agency_officer", province_officer.assignments.get().unit),
                       "Ngân hàng Chính sách xã hội", "social_policy_bank")  # fmt: skip
    body = {"name": "NHCSXH", "agency": bank.pk, "scopes": ["support:read"], "expires_on": IN_A_MONTH}

    assert client_for(province_officer).post(URL, body).status_code == 200
    assert ServiceToken.objects.get().agency == bank


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"expires_on": (timezone.localdate() + dt.timedelta(days=400)).isoformat()}, "expires_on"),
        ({"expires_on": ""}, "expires_on"),
        ({"scopes": []}, "scopes"),
        ({"scopes": ["root"]}, "scopes"),
        ({"unit": ""}, "__all__"),
    ],
)
def test_a_refused_token_creates_nothing_and_names_the_field(province_officer, commune_a, change, field):
    body = {"name": "X", "unit": commune_a.pk, "scopes": ["units:read"], "expires_on": IN_A_MONTH, **change}

    response = client_for(province_officer).post(URL, body)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert ServiceToken.objects.count() == 0


def test_a_unit_outside_the_managers_province_is_not_a_choice(province_officer, son_la):
    body = {"name": "X", "unit": son_la.pk, "scopes": ["units:read"], "expires_on": IN_A_MONTH}

    response = client_for(province_officer).post(URL, body)

    assert response.status_code == 400
    assert ServiceToken.objects.count() == 0


def test_a_commune_officer_cannot_open_the_page(officer_a):
    assert client_for(officer_a).get(URL).status_code == 403


def test_revoke_from_the_page(province_officer, commune_a):
    token, _raw = service_token_create(
        actor=province_officer, name="X", scopes=["units:read"], unit=commune_a,
        expires_on=timezone.localdate() + dt.timedelta(days=3),
    )  # fmt: skip

    response = client_for(province_officer).post(f"{URL}{token.pk}/thu-hoi/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == province_officer


def test_another_provinces_manager_neither_sees_nor_revokes_the_token(province_officer, commune_a, son_la):
    token, _raw = service_token_create(
        actor=province_officer, name="Bí mật Huế", scopes=["units:read"], unit=commune_a,
        expires_on=timezone.localdate() + dt.timedelta(days=3),
    )  # fmt: skip
    other = client_for(make_user("tinh_sonla", "province_officer", son_la))

    assert "Bí mật Huế" not in other.get(URL).content.decode()
    assert other.post(f"{URL}{token.pk}/thu-hoi/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_calls_show_in_the_audit_log_and_an_expired_token_is_marked(province_officer, commune_a):
    token, raw = service_token_create(
        actor=province_officer, name="Đối tác", scopes=["units:read"], unit=commune_a,
        expires_on=timezone.localdate() + dt.timedelta(days=3),
    )  # fmt: skip
    client = client_for(province_officer)
    assert client.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200

    log = client.get("/tai-khoan/nhat-ky/")

    assert log.status_code == 200
    assert "Gọi API bằng mã truy cập dịch vụ" in log.content.decode()
    past = timezone.now() - dt.timedelta(days=1)
    ServiceToken.objects.filter(pk=token.pk).update(created_at=past - dt.timedelta(days=1), expires_at=past)
    page = client.get(URL).content.decode()
    assert "đã hết hạn" in page
