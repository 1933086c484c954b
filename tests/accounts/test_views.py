"""Account pages: profile and tokens, user administration, audit log."""

from __future__ import annotations

import pytest

from giamngheo.accounts.models import ApiToken, AreaAssignment, User
from giamngheo.accounts.roles import Role
from tests.fixtures.people import client_for, make_user

pytestmark = pytest.mark.django_db


def test_profile_creates_a_token_shown_once(officer_a):
    client = client_for(officer_a)
    page = client.post("/tai-khoan/cua-toi/", {"token-name": "Phần mềm BHXH"})
    token = ApiToken.objects.get(user=officer_a)
    content = page.content.decode()
    assert "gn_" in content and token.prefix in content
    again = client.get("/tai-khoan/cua-toi/").content.decode()
    assert 'data-testid="new-token"' not in again


def test_token_revoke_from_profile(officer_a):
    client = client_for(officer_a)
    client.post("/tai-khoan/cua-toi/", {"token-name": "x"})
    token = ApiToken.objects.get(user=officer_a)
    client.post(f"/tai-khoan/cua-toi/ma-truy-cap/{token.pk}/thu-hoi/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_province_officer_creates_a_user_through_the_form(province_officer, commune_a):
    client = client_for(province_officer)
    assert client.get("/tai-khoan/nguoi-dung/them/").status_code == 200
    response = client.post(
        "/tai-khoan/nguoi-dung/them/",
        {
            "username": "xa.moi",
            "full_name": "Hồ Thị Mới",
            "password": "Mot-mat-khau-dai-2026",
            "role": Role.COMMUNE_OFFICER,
            "unit": commune_a.pk,
        },
    )
    user = User.objects.get(username="xa.moi")
    assert response.status_code == 302
    assert AreaAssignment.objects.get(user=user).unit == commune_a


def test_user_form_shows_vietnamese_errors_and_creates_nothing(province_officer, commune_a):
    response = client_for(province_officer).post(
        "/tai-khoan/nguoi-dung/them/",
        {
            "username": "tinh",
            "full_name": "X",
            "password": "Mot-mat-khau-dai-2026",
            "role": "commune_officer",
            "unit": commune_a.pk,
        },
    )
    assert response.status_code == 400
    assert "Tên đăng nhập đã tồn tại." in response.content.decode()
    assert User.objects.filter(username__iexact="tinh").count() == 1


def test_user_form_offers_only_units_of_the_area(province_officer, son_la):
    content = client_for(province_officer).get("/tai-khoan/nguoi-dung/them/").content.decode()
    assert "Xã A Lưới 1" in content
    assert f'value="{son_la.pk}"' not in content


def test_user_detail_adds_and_revokes_an_assignment(province_officer, officer_a, hue):
    client = client_for(province_officer)
    assert client.get(f"/tai-khoan/nguoi-dung/{officer_a.pk}/").status_code == 200
    client.post(f"/tai-khoan/nguoi-dung/{officer_a.pk}/", {"role": Role.AGENCY_OFFICER, "unit": hue.pk})
    added = AreaAssignment.objects.get(user=officer_a, role=Role.AGENCY_OFFICER)
    client.post(f"/tai-khoan/phan-cong/{added.pk}/thu-hoi/")
    added.refresh_from_db()
    assert not added.is_active


def test_commune_officer_cannot_open_user_administration(officer_a):
    client = client_for(officer_a)
    assert client.get("/tai-khoan/nguoi-dung/").status_code == 403
    assert client.get("/tai-khoan/nhat-ky/").status_code == 403


def test_audit_page_lists_events(province_officer, commune_a):
    client = client_for(province_officer)
    client.post(f"/don-vi/{commune_a.pk}/them-thon/", {"division_type": "Thôn", "name": "Thôn Mới"})
    content = client.get("/tai-khoan/nhat-ky/").content.decode()
    assert "Thêm thôn, tổ dân phố" in content and "Thôn Mới" in content


def test_area_switcher_changes_the_active_assignment(province_officer, hue):
    AreaAssignment.objects.create(user=province_officer, role=Role.AGENCY_OFFICER, unit=hue)
    client = client_for(province_officer)
    agency = AreaAssignment.objects.get(user=province_officer, role=Role.AGENCY_OFFICER)
    assert "Cán bộ cấp tỉnh" in client.get("/").content.decode().split("selected>")[1][:200]
    response = client.post("/dia-ban/chuyen/", {"assignment": agency.pk})
    assert response.status_code == 302
    assert client.session["active_assignment_id"] == agency.pk


def test_area_switcher_refuses_someone_elses_assignment(province_officer, officer_a):
    other = officer_a.assignments.get()
    client = client_for(province_officer)
    client.post("/dia-ban/chuyen/", {"assignment": other.pk})
    assert "active_assignment_id" not in client.session


def test_revoking_an_assignment_outside_the_area_is_a_404_and_changes_nothing(province_officer, son_la):
    other = make_user("tinh_son_la", Role.PROVINCE_OFFICER, son_la)
    assignment = AreaAssignment.objects.get(user=other)
    response = client_for(province_officer).post(f"/tai-khoan/phan-cong/{assignment.pk}/thu-hoi/")
    assignment.refresh_from_db()
    assert (response.status_code, assignment.is_active) == (404, True)


def test_revoking_another_users_token_is_a_404_and_changes_nothing(officer_a, officer_b):
    client_for(officer_a).post("/tai-khoan/cua-toi/", {"token-name": "x"})
    token = ApiToken.objects.get(user=officer_a)
    response = client_for(officer_b).post(f"/tai-khoan/cua-toi/ma-truy-cap/{token.pk}/thu-hoi/")
    token.refresh_from_db()
    assert (response.status_code, token.revoked_at) == (404, None)
