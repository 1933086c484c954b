"""Activity services: role and area checks, plan links, household escape check, insert-only follow-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from giamngheo.activities.models import CommunicationItem, FollowUp, Officer, Recommendation
from giamngheo.activities.services.oversight import inspection_create, recommendation_follow_up
from giamngheo.activities.services.registers import commendation_create, communication_create, donation_create
from giamngheo.activities.services.training import (
    attendance_set,
    officer_course_create,
    officer_create,
    officers_from_users,
)
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.models import AuditEvent
from giamngheo.registry.services import household_register
from giamngheo.registry.status import household_status_change
from tests.fixtures.activities import TODAY

pytestmark = pytest.mark.django_db


def _event(actor, unit, **changes):
    data = {
        "kind": "broadcast", "title": "Phóng sự giảm nghèo A Lưới", "held_on": dt.date(2026, 5, 2),
        "cost_central": Decimal("12.5"), "reach": 3000, "reach_poor": 800,
    }  # fmt: skip
    data.update(changes)
    return communication_create(actor=actor, unit=unit, today=TODAY, **data)


def test_a_commune_records_its_event_with_cost_and_reach(officer_a, commune_a):
    item = _event(officer_a, commune_a)
    assert (item.province_id, item.commune_id) == (commune_a.province_id, commune_a.pk)
    assert item.cost_total == Decimal("12.5")
    assert AuditEvent.objects.filter(action="communication.create", object_id=str(item.pk)).exists()


def test_a_commune_cannot_record_for_another_commune_or_the_province(officer_a, commune_b, hue):
    for unit in (commune_b, hue):
        with pytest.raises(PermissionDenied):
            _event(officer_a, unit)
    assert CommunicationItem.objects.count() == 0


def test_poor_reached_cannot_exceed_people_reached_nor_costs_be_negative(officer_a, commune_a):
    with pytest.raises(AppError) as error:
        _event(officer_a, commune_a, reach=10, reach_poor=11)
    assert error.value.field == "reach_poor"
    with pytest.raises(AppError) as error:
        _event(officer_a, commune_a, cost_local=Decimal("-1"))
    assert error.value.field == "cost_local"
    with pytest.raises(AppError):
        _event(officer_a, commune_a, held_on=TODAY + dt.timedelta(days=1))
    assert CommunicationItem.objects.count() == 0


def test_links_must_be_of_the_rows_province(province_officer, hue, son_la, hue_plan, admin_user):
    project = hue_plan.projects.get(local_number="6")
    item = _event(province_officer, hue, plan_project=project, lead_agency=project.lead_agency)
    assert item.plan_project == project
    with pytest.raises(AppError) as error:
        _event(admin_user, son_la, plan_project=project)
    assert error.value.code == ErrorCode.PLAN_LINK_OTHER_PLACE


def test_an_agency_officer_records_only_what_their_agency_leads(
    culture_officer, culture_agency, health_agency, hue
):
    item = _event(culture_officer, hue, lead_agency=culture_agency)
    assert item.lead_agency == culture_agency
    for lead in (health_agency, None):
        with pytest.raises(PermissionDenied):
            _event(culture_officer, hue, lead_agency=lead, title="Khác")


def test_officers_from_users_adds_each_officer_once(province_officer, officer_a, commune_a):
    added = officers_from_users(actor=province_officer, unit=commune_a)
    assert [officer.user for officer in added] == [officer_a]
    assert officers_from_users(actor=province_officer, unit=commune_a) == []
    assert Officer.objects.count() == 1


def test_attendance_only_of_the_courses_area_and_completion_needs_attendance(
    province_officer, commune_a, commune_b
):
    course = officer_course_create(
        actor=province_officer, unit=commune_a, title="Tập huấn rà soát", starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 3, 2), organiser="UBND xã", level="commune", cost=Decimal(5),
    )  # fmt: skip
    own = officer_create(actor=province_officer, unit=commune_a, full_name="Hồ Thị Lan", position="Công chức")
    other = officer_create(actor=province_officer, unit=commune_b, full_name="Pả Văn Tư")
    row, changed = attendance_set(
        actor=province_officer, course=course, officer=own, attended=True, completed=True
    )
    assert changed and row.completed
    assert (
        attendance_set(actor=province_officer, course=course, officer=own, attended=True, completed=True)[1]
        is False
    )
    with pytest.raises(AppError) as error:
        attendance_set(actor=province_officer, course=course, officer=other, attended=True, completed=False)
    assert error.value.code == ErrorCode.ACTIVITIES_OTHER_PLACE
    with pytest.raises(AppError):
        attendance_set(actor=province_officer, course=course, officer=own, attended=False, completed=True)


def test_follow_ups_move_the_status_and_close_it(province_officer, inspection_a):
    first, second = inspection_a.recommendations.order_by("number")
    recommendation_follow_up(
        actor=province_officer, recommendation=first, on=dt.date(2026, 8, 1), action="Họp rà soát hồ sơ",
        new_status="in_progress", today=TODAY,
    )  # fmt: skip
    recommendation_follow_up(
        actor=province_officer, recommendation=first, on=dt.date(2026, 9, 15), action="Đã giải ngân 95 %",
        evidence="Báo cáo 12/BC-UBND", new_status="done", today=TODAY,
    )  # fmt: skip
    first.refresh_from_db()
    assert first.status == "done"
    assert list(first.follow_ups.values_list("new_status", flat=True)) == ["in_progress", "done"]
    with pytest.raises(AppError) as error:
        recommendation_follow_up(
            actor=province_officer,
            recommendation=first,
            on=TODAY,
            action="Thêm",
            new_status="open",
            today=TODAY,
        )
    assert error.value.code == ErrorCode.ACTIVITIES_CLOSED
    with pytest.raises(AppError):  # earlier than the last follow-up
        recommendation_follow_up(
            actor=province_officer, recommendation=second, on=dt.date(2026, 5, 1), action="X",
            new_status="in_progress", today=TODAY,
        )  # fmt: skip
    assert Recommendation.objects.get(pk=second.pk).status == "open"


def test_an_agency_follows_up_only_what_is_addressed_to_it(inspection_a, health_agency, hue):
    from giamngheo.accounts.roles import Role
    from giamngheo.programs.models import AgencyMember
    from tests.fixtures.people import make_user

    user = make_user("yte", Role.AGENCY_OFFICER, hue)
    AgencyMember.objects.create(agency=health_agency, user=user)
    first, second = inspection_a.recommendations.order_by("number")
    recommendation_follow_up(
        actor=user, recommendation=second, on=TODAY, action="Đã cấp thẻ", new_status="done", today=TODAY
    )
    with pytest.raises(PermissionDenied):
        recommendation_follow_up(
            actor=user, recommendation=first, on=TODAY, action="X", new_status="done", today=TODAY
        )


def test_follow_ups_refuse_change_in_python(province_officer, inspection_a):
    """The database triggers of every insert-only table are checked in tests/core/test_history_triggers.py."""
    recommendation = inspection_a.recommendations.first()
    follow_up = recommendation_follow_up(
        actor=province_officer,
        recommendation=recommendation,
        on=TODAY,
        action="X",
        new_status="done",
        today=TODAY,
    )
    follow_up.action = "Y"
    with pytest.raises(TypeError):
        follow_up.save()
    with pytest.raises(TypeError):
        FollowUp.objects.filter(pk=follow_up.pk).delete()


def test_a_household_is_commended_only_once_it_escaped_poverty(officer_a, commune_a):
    household = household_register(
        actor=officer_a,
        commune=commune_a,
        village=None,
        head={"full_name": "Hồ Văn Thoát", "sex": "male", "birth_year": 1980},
    )
    household_status_change(
        actor=None, household=household, to_status="poor", kind="new_poor", effective_on=dt.date(2024, 1, 1)
    )
    data = {
        "stage": "awarded", "recipient_kind": "household", "recipient": "", "household": household,
        "level": "commune", "decision_number": "15/QĐ-UBND", "decided_on": dt.date(2026, 2, 1),
    }  # fmt: skip
    with pytest.raises(AppError) as error:
        commendation_create(actor=officer_a, unit=commune_a, today=TODAY, **data)
    assert error.value.code == ErrorCode.ACTIVITIES_NOT_ESCAPED
    household.refresh_from_db()
    household_status_change(
        actor=None,
        household=household,
        to_status="none",
        kind="escaped_poor",
        effective_on=dt.date(2026, 1, 1),
    )
    household.refresh_from_db()
    commendation = commendation_create(actor=officer_a, unit=commune_a, today=TODAY, **data)
    assert commendation.recipient == "Hồ Văn Thoát"


def test_donations_are_whole_dong(officer_a, commune_a):
    donation = donation_create(
        actor=officer_a, unit=commune_a, today=TODAY, donor="Công ty Điện lực",
        donated_on=dt.date(2026, 10, 17), amount=50_000_000, in_kind=False,
    )  # fmt: skip
    assert donation.amount == 50_000_000
    with pytest.raises(AppError):
        donation_create(actor=officer_a, unit=commune_a, today=TODAY, donor="X", donated_on=TODAY, amount=0)


def test_the_inspected_commune_reports_on_its_own_recommendations_only(officer_a, inspection_a):
    to_commune, to_health = inspection_a.recommendations.order_by("number")
    recommendation_follow_up(
        actor=officer_a,
        recommendation=to_commune,
        on=TODAY,
        action="Đã giải ngân",
        new_status="done",
        today=TODAY,
    )
    with pytest.raises(PermissionDenied):
        recommendation_follow_up(
            actor=officer_a, recommendation=to_health, on=TODAY, action="X", new_status="done", today=TODAY
        )
    with pytest.raises(PermissionDenied):  # the inspection is the province's record, not the commune's
        inspection_create(
            actor=officer_a, unit=to_commune.inspection.commune, kind="ad_hoc", method="inspection",
            title="Tự kiểm", body="Xã", starts_on=TODAY, ends_on=TODAY,
        )  # fmt: skip
