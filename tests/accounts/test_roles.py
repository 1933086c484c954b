"""Who may grant roles and reset passwords: nobody for themselves, decisions only from strictly above."""

from __future__ import annotations

import pytest

from giamngheo.accounts.models import ApiToken, AreaAssignment, User
from giamngheo.accounts.roles import Role
from giamngheo.accounts.services import api_token_create, assignment_add, assignment_revoke, user_update
from giamngheo.core.errors import AppError, PermissionDenied
from giamngheo.core.models import AuditEvent
from tests.fixtures.people import PASSWORD, client_for, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mat-khau-moi-2026-rat-kho"


def _snapshot() -> tuple[list[tuple[int, str, int | None, bool]], int]:
    rows = list(AreaAssignment.objects.values_list("user_id", "role", "unit_id", "is_active").order_by("pk"))
    return rows, AuditEvent.objects.count()


def _reset(actor: User, user: User, password: str = NEW_PASSWORD) -> User:
    return user_update(
        actor=actor,
        user=user,
        full_name=user.full_name,
        email=user.email,
        organization=user.organization,
        phone=user.phone,
        is_active=user.is_active,
        password=password,
    )


def test_province_officer_cannot_make_themselves_commune_chair(province_officer, commune_a):
    before = _snapshot()
    with pytest.raises(AppError) as error:
        assignment_add(actor=province_officer, user=province_officer, role=Role.COMMUNE_CHAIR, unit=commune_a)
    assert error.value.code == "assignment_self"
    assert _snapshot() == before


def test_nobody_grants_themselves_even_a_read_only_role(admin_user, hue):
    before = _snapshot()
    with pytest.raises(AppError) as error:
        assignment_add(actor=admin_user, user=admin_user, role=Role.OVERSIGHT_VIEWER, unit=hue)
    assert error.value.code == "assignment_self"
    assert _snapshot() == before


def test_nobody_revokes_their_own_assignment(province_officer):
    before = _snapshot()
    with pytest.raises(AppError) as error:
        assignment_revoke(actor=province_officer, assignment=province_officer.assignments.get())
    assert error.value.code == "assignment_self"
    assert _snapshot() == before


def test_self_grant_through_the_user_page_is_refused(province_officer, commune_a):
    before = _snapshot()
    response = client_for(province_officer).post(
        f"/tai-khoan/nguoi-dung/{province_officer.pk}/", {"role": Role.COMMUNE_CHAIR, "unit": commune_a.pk}
    )
    assert response.status_code == 400
    assert "tự giao" in response.content.decode()
    assert _snapshot() == before


def test_province_officer_makes_a_commune_officer_chair_and_it_is_audited(
    province_officer, officer_a, commune_a
):
    assignment = assignment_add(
        actor=province_officer, user=officer_a, role=Role.COMMUNE_CHAIR, unit=commune_a
    )
    assert (assignment.user, assignment.role, assignment.created_by) == (
        officer_a,
        Role.COMMUNE_CHAIR,
        province_officer,
    )
    event = AuditEvent.objects.get(action="assignment.add")
    assert (event.actor, event.object_id, event.after) == (
        province_officer,
        str(officer_a.pk),
        {"role": Role.COMMUNE_CHAIR, "unit": commune_a.pk},
    )


def test_province_officer_cannot_make_another_province_officer(province_officer, hue):
    colleague = make_user("tinh2", Role.AGENCY_OFFICER, hue)
    before = _snapshot()
    with pytest.raises(AppError) as error:
        assignment_add(actor=province_officer, user=colleague, role=Role.PROVINCE_OFFICER, unit=hue)
    assert error.value.code == "assignment_rank"
    assert _snapshot() == before


def test_a_chair_role_for_a_province_level_user_needs_a_national_manager(
    province_officer, admin_user, hue, commune_a
):
    agency = make_user("so_yte", Role.AGENCY_OFFICER, hue)
    before = _snapshot()
    with pytest.raises(AppError) as error:
        assignment_add(actor=province_officer, user=agency, role=Role.COMMUNE_CHAIR, unit=commune_a)
    assert error.value.code == "assignment_rank"
    assert _snapshot() == before
    assignment_add(actor=admin_user, user=agency, role=Role.COMMUNE_CHAIR, unit=commune_a)
    assert AreaAssignment.objects.filter(user=agency, role=Role.COMMUNE_CHAIR, is_active=True).count() == 1


def test_non_decision_roles_may_still_be_granted_at_the_same_level(province_officer, hue):
    colleague = make_user("tinh2", Role.AGENCY_OFFICER, hue)
    assignment_add(actor=province_officer, user=colleague, role=Role.OVERSIGHT_VIEWER, unit=hue)
    assert AreaAssignment.objects.filter(user=colleague, role=Role.OVERSIGHT_VIEWER).count() == 1


def test_province_officer_cannot_reset_a_province_oversight_viewer_password(province_officer, hue):
    viewer = make_user("mttq", Role.OVERSIGHT_VIEWER, hue)
    events = AuditEvent.objects.count()
    with pytest.raises(AppError) as error:
        _reset(province_officer, viewer)
    assert error.value.code == "password_reset_rank"
    viewer.refresh_from_db()
    assert viewer.check_password(PASSWORD)
    assert AuditEvent.objects.count() == events


def test_reset_through_the_user_page_is_refused_and_the_viewer_still_signs_in(province_officer, hue):
    viewer = make_user("mttq", Role.OVERSIGHT_VIEWER, hue)
    response = client_for(province_officer).post(
        f"/tai-khoan/nguoi-dung/{viewer.pk}/",
        {"full_name": "Mttq", "is_active": "on", "password": NEW_PASSWORD},
    )
    assert response.status_code == 400
    viewer.refresh_from_db()
    assert viewer.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(object_id=str(viewer.pk)).exists()


def test_province_officer_resets_a_commune_officer_password_and_it_is_audited(province_officer, officer_a):
    _reset(province_officer, officer_a)
    officer_a.refresh_from_db()
    assert officer_a.check_password(NEW_PASSWORD)
    assert list(
        AuditEvent.objects.filter(object_id=str(officer_a.pk)).values_list("action", "actor").order_by("pk")
    ) == [("user.password_reset", province_officer.pk)]  # no other field changed: no user.update event


def test_national_admin_resets_a_province_officer_password(admin_user, province_officer):
    _reset(admin_user, province_officer)
    province_officer.refresh_from_db()
    assert province_officer.check_password(NEW_PASSWORD)


def test_nobody_resets_a_national_user_password_from_the_web(admin_user):
    other_admin = make_user("quantri2", Role.SYSTEM_ADMIN, None)
    with pytest.raises(AppError) as error:
        _reset(admin_user, other_admin)
    assert error.value.code == "password_reset_rank"
    other_admin.refresh_from_db()
    assert other_admin.check_password(PASSWORD)


def test_own_password_is_not_reset_from_the_admin_page(province_officer):
    with pytest.raises(AppError) as error:
        _reset(province_officer, province_officer)
    assert error.value.code == "password_self"
    province_officer.refresh_from_db()
    assert province_officer.check_password(PASSWORD)


def test_a_token_for_a_same_level_user_is_refused(province_officer, hue):
    viewer = make_user("mttq", Role.OVERSIGHT_VIEWER, hue)
    with pytest.raises(PermissionDenied):
        api_token_create(actor=province_officer, user=viewer, name="x")
    assert not ApiToken.objects.exists()
