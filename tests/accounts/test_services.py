from __future__ import annotations

import pytest
from django.test import Client

from giamngheo.accounts.models import ApiToken, AreaAssignment, User
from giamngheo.accounts.roles import Role
from giamngheo.accounts.selectors import audit_events_for_user, users_for_user
from giamngheo.accounts.services import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    assignment_add,
    assignment_revoke,
    user_create,
    user_update,
)
from giamngheo.core.errors import AppError, PermissionDenied
from giamngheo.core.models import AuditEvent
from tests.fixtures.people import PASSWORD, client_for, make_user

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Rat-kho-doan-2026"


def test_province_officer_creates_a_commune_user_in_the_province(province_officer, commune_a):
    user = user_create(
        actor=province_officer,
        username="xa.moi",
        password=GOOD_PASSWORD,
        full_name="Hồ Văn Mới",
        role=Role.COMMUNE_OFFICER,
        unit=commune_a,
    )
    assignment = AreaAssignment.objects.get(user=user)
    assert (assignment.role, assignment.unit, assignment.created_by) == (
        Role.COMMUNE_OFFICER,
        commune_a,
        province_officer,
    )
    assert user.check_password(GOOD_PASSWORD)
    assert list(
        AuditEvent.objects.filter(object_id=str(user.pk)).values_list("action", flat=True).order_by("id")
    ) == [
        "user.create",
        "assignment.add",
    ]


def test_user_create_outside_the_area_is_refused_and_nothing_is_written(province_officer, son_la):
    with pytest.raises(AppError) as error:
        user_create(
            actor=province_officer,
            username="sonla",
            password=GOOD_PASSWORD,
            full_name="X",
            role=Role.PROVINCE_OFFICER,
            unit=son_la,
        )
    assert error.value.code == "assignment_outside_area"
    assert not User.objects.filter(username="sonla").exists()


def test_weak_password_and_duplicate_username_are_refused(province_officer, commune_a):
    with pytest.raises(AppError) as weak:
        user_create(
            actor=province_officer,
            username="yeu",
            password="12345678",
            full_name="Y",
            role=Role.COMMUNE_OFFICER,
            unit=commune_a,
        )
    assert weak.value.field == "password"
    with pytest.raises(AppError) as duplicate:
        user_create(
            actor=province_officer,
            username="TINH",
            password=GOOD_PASSWORD,
            full_name="Z",
            role=Role.COMMUNE_OFFICER,
            unit=commune_a,
        )
    assert duplicate.value.code == "user_duplicate"


def test_role_must_fit_the_unit_level(province_officer, officer_a, hue):
    with pytest.raises(AppError) as error:
        assignment_add(actor=province_officer, user=officer_a, role=Role.COMMUNE_CHAIR, unit=hue)
    assert error.value.code == "assignment_role_scope"


def test_only_national_managers_hand_out_national_roles(province_officer, officer_a):
    with pytest.raises(AppError):
        assignment_add(actor=province_officer, user=officer_a, role=Role.SYSTEM_ADMIN, unit=None)


def test_commune_officer_cannot_manage_users(officer_a, commune_a):
    with pytest.raises(PermissionDenied):
        user_create(
            actor=officer_a,
            username="x",
            password=GOOD_PASSWORD,
            full_name="X",
            role=Role.COMMUNE_OFFICER,
            unit=commune_a,
        )


def test_revoked_assignment_removes_access_at_once(province_officer, officer_a, commune_a):
    client = client_for(officer_a)
    assert client.get(f"/don-vi/{commune_a.pk}/").status_code == 200
    assignment_revoke(actor=province_officer, assignment=officer_a.assignments.get())
    assert client.get(f"/don-vi/{commune_a.pk}/").status_code == 404
    assert AreaAssignment.objects.filter(user=officer_a, is_active=False).count() == 1


def test_users_list_is_limited_to_the_area(province_officer, officer_a, son_la, admin_user):
    other = make_user("sonla", Role.PROVINCE_OFFICER, son_la)
    visible = set(users_for_user(province_officer).values_list("username", flat=True))
    assert officer_a.username in visible and province_officer.username in visible
    assert other.username not in visible and admin_user.username not in visible
    assert set(users_for_user(admin_user).values_list("username", flat=True)) >= {"sonla", "tinh", "xa_a"}
    assert users_for_user(officer_a).count() == 0


def test_user_page_of_another_province_is_404(province_officer, son_la):
    other = make_user("sonla", Role.PROVINCE_OFFICER, son_la)
    assert client_for(province_officer).get(f"/tai-khoan/nguoi-dung/{other.pk}/").status_code == 404


def test_user_update_locks_an_account(province_officer, officer_a):
    user_update(
        actor=province_officer,
        user=officer_a,
        full_name="A",
        email="",
        organization="",
        phone="",
        is_active=False,
    )
    officer_a.refresh_from_db()
    assert not officer_a.is_active
    response = Client().post("/tai-khoan/dang-nhap/", {"username": "xa_a", "password": PASSWORD})
    assert response.status_code == 200  # the form is shown again: inactive accounts cannot sign in


def test_api_token_is_stored_hashed_and_works_until_revoked(officer_a):
    token, raw = api_token_create(actor=officer_a, user=officer_a, name="Hệ thống BHXH")
    assert raw.startswith("gn_") and raw not in token.digest
    assert api_token_authenticate(raw) == officer_a
    assert api_token_authenticate(raw + "x") is None
    api_token_revoke(actor=officer_a, token=token)
    assert api_token_authenticate(raw) is None
    assert ApiToken.objects.get().last_used_at is not None


def test_audit_log_of_a_province_shows_actions_on_its_objects_only(
    province_officer, commune_a, son_la, admin_user
):
    other = make_user("sonla", Role.PROVINCE_OFFICER, son_la)
    from giamngheo.areas.services import village_create

    village_create(actor=province_officer, commune=commune_a, name="Thôn 1")
    elsewhere = village_create(
        actor=admin_user,
        commune=commune_a.__class__.objects.filter(province=son_la, level="commune").first(),
        name="Bản 1",
    )
    assert elsewhere is not None and other is not None
    actions = list(audit_events_for_user(province_officer).values_list("actor__username", flat=True))
    assert actions == ["tinh"]
