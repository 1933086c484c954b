"""The audit log reads as Vietnamese: action labels, links to the objects, filters, pages that keep them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from giamngheo.accounts.roles import Role
from giamngheo.core.audit import AuditAction
from giamngheo.core.models import AuditEvent
from giamngheo.core.services import audit_record
from tests.fixtures.people import client_for, make_user
from tests.fixtures.reviews import make_household

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(officer_a, officer_b, commune_a, commune_b):
    mine = make_household(officer_a, commune_a, None, "Hồ Văn Nhật", "none")
    other = make_household(officer_b, commune_b, None, "Người Xã Khác", "none")
    return {"mine": mine, "other": other}


def test_actions_are_words_and_objects_link_to_their_pages(province_officer, events):
    content = client_for(province_officer).get("/tai-khoan/nhat-ky/").content.decode()
    assert "<td>Đăng ký hộ</td>" in content and "<td>household.register</td>" not in content
    assert f'href="/ho/{events["mine"].pk}/"' in content


def test_a_user_link_is_shown_only_to_those_who_manage_users(hue, commune_a, province_officer, officer_a):
    audit_record(actor=province_officer, action=AuditAction.USER_CREATE, obj=officer_a, unit=commune_a)
    user_page = f'href="/tai-khoan/nguoi-dung/{officer_a.pk}/"'
    assert user_page in client_for(province_officer).get("/tai-khoan/nhat-ky/").content.decode()
    viewer = make_user("giamsat", Role.OVERSIGHT_VIEWER, hue)
    content = client_for(viewer).get("/tai-khoan/nhat-ky/").content.decode()
    assert "<td>Tạo người dùng</td>" in content and user_page not in content


def test_filters_by_who_action_unit_and_days(province_officer, events):
    client = client_for(province_officer)
    by_unit = client.get("/tai-khoan/nhat-ky/", {"unit": "a luoi 2"}).content.decode()
    assert "Người Xã Khác" in by_unit and "Hồ Văn Nhật" not in by_unit
    by_who = client.get("/tai-khoan/nhat-ky/", {"who": "xa_a"}).content.decode()
    assert "Hồ Văn Nhật" in by_who and "Người Xã Khác" not in by_who
    by_action = client.get("/tai-khoan/nhat-ky/", {"action": "village.create"}).content.decode()
    assert "Hồ Văn Nhật" not in by_action
    today = timezone.localdate()
    tomorrow = (today + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    assert "Hồ Văn Nhật" not in client.get("/tai-khoan/nhat-ky/", {"date_from": tomorrow}).content.decode()
    assert (
        "Hồ Văn Nhật"
        in client.get(
            "/tai-khoan/nhat-ky/",
            {"date_from": today.strftime("%d/%m/%Y"), "date_to": today.strftime("%d/%m/%Y")},
        ).content.decode()
    )


def test_a_reversed_date_range_is_refused_with_a_message(province_officer, events):
    content = (
        client_for(province_officer)
        .get("/tai-khoan/nhat-ky/", {"date_from": "2/1/2026", "date_to": "1/1/2026"})
        .content.decode()
    )
    assert "«Đến ngày» phải sau «Từ ngày»." in content


def test_a_commune_viewer_never_sees_another_communes_events(commune_a, events):
    viewer = make_user("giamsat_xa", Role.OVERSIGHT_VIEWER, commune_a)
    content = client_for(viewer).get("/tai-khoan/nhat-ky/", {"unit": "a luoi 2"}).content.decode()
    assert "Người Xã Khác" not in content
    assert "Hồ Văn Nhật" in client_for(viewer).get("/tai-khoan/nhat-ky/").content.decode()


def test_pages_keep_the_filters(province_officer, events, officer_a, commune_a):
    for number in range(55):
        make_household(officer_a, commune_a, None, f"Hộ Số {number}", "none")
    content = client_for(province_officer).get("/tai-khoan/nhat-ky/", {"who": "xa_a"}).content.decode()
    assert AuditEvent.objects.filter(actor=officer_a).count() > 50
    assert "?who=xa_a&amp;page=2" in content
