"""Agency members (audited, province officers only) and tasks updated only by the lead agency."""

from __future__ import annotations

import datetime

import pytest

from giamngheo.core.errors import AppError, PermissionDenied
from giamngheo.core.models import AuditEvent
from giamngheo.programs import services
from giamngheo.programs.catalogue import catalogue_load
from giamngheo.programs.models import Agency, AgencyMember, Program, TaskUpdate
from tests.fixtures.people import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(province_officer, hue):
    catalogue_load()
    return services.plan_create(
        actor=province_officer, program=Program.objects.get(code="ntm-gnbv-dtts-2026-2035"), unit=hue,
        kind="annual", start_year=2026, end_year=2026, number="01/KH-UBND", issuer="UBND thành phố Huế",
        title="Kế hoạch năm 2026",
    )  # fmt: skip


@pytest.fixture
def task(plan, province_officer):
    return services.task_add(
        actor=province_officer, plan=plan, number="1", content="Cấp thẻ BHYT cho người nghèo",
        lead_agency="Sở Y tế", due_date=datetime.date(2026, 6, 30),
    )  # fmt: skip


@pytest.fixture
def health_officer(hue):
    return make_user("nganh_yte", "agency_officer", hue)


@pytest.fixture
def bank_officer(hue):
    return make_user("nganh_nhcsxh", "agency_officer", hue)


def test_a_province_officer_adds_a_member_and_it_is_audited(province_officer, task, health_officer):
    member = services.agency_member_add(actor=province_officer, agency=task.lead_agency, user=health_officer)

    assert (member.agency, member.user, member.added_by) == (
        task.lead_agency,
        health_officer,
        province_officer,
    )
    event = AuditEvent.objects.get(action="agency_member.add")
    assert (event.object_id, event.after["user"]) == (str(task.lead_agency.pk), "nganh_yte")


def test_adding_twice_is_refused_and_nothing_changes(province_officer, task, health_officer):
    services.agency_member_add(actor=province_officer, agency=task.lead_agency, user=health_officer)

    with pytest.raises(AppError) as error:
        services.agency_member_add(actor=province_officer, agency=task.lead_agency, user=health_officer)

    assert error.value.code == "agency_member_exists"
    assert AgencyMember.objects.count() == 1
    assert AuditEvent.objects.filter(action="agency_member.add").count() == 1


def test_an_agency_officer_cannot_add_members(task, health_officer, bank_officer):
    with pytest.raises(PermissionDenied):
        services.agency_member_add(actor=health_officer, agency=task.lead_agency, user=bank_officer)

    assert AgencyMember.objects.count() == 0


def test_removing_a_member_is_audited_and_a_second_removal_is_refused(province_officer, task, health_officer):
    services.agency_member_add(actor=province_officer, agency=task.lead_agency, user=health_officer)

    services.agency_member_remove(actor=province_officer, agency=task.lead_agency, user=health_officer)
    with pytest.raises(AppError) as error:
        services.agency_member_remove(actor=province_officer, agency=task.lead_agency, user=health_officer)

    assert error.value.code == "agency_member_absent"
    assert AgencyMember.objects.count() == 0
    assert AuditEvent.objects.filter(action="agency_member.remove").count() == 1


def test_the_lead_agency_updates_its_task(province_officer, task, health_officer):
    services.agency_member_add(actor=province_officer, agency=task.lead_agency, user=health_officer)

    update = services.task_status_set(
        actor=health_officer, task=task, status="in_progress", note="Đã cấp 40 %"
    )

    task.refresh_from_db()
    assert (task.status, update.actor, update.note) == ("in_progress", health_officer, "Đã cấp 40 %")


def test_another_agency_cannot_update_the_task_and_nothing_changes(province_officer, task, bank_officer, hue):
    bank = Agency.objects.create(province=hue, name="Ngân hàng Chính sách xã hội", kind="social_policy_bank")
    services.agency_member_add(actor=province_officer, agency=bank, user=bank_officer)

    with pytest.raises(AppError) as error:
        services.task_status_set(actor=bank_officer, task=task, status="done")

    assert (error.value.code, error.value.field) == ("task_not_own_agency", "status")
    task.refresh_from_db()
    assert task.status == "not_started"
    assert TaskUpdate.objects.count() == 0


def test_a_province_officer_updates_any_task(province_officer, task):
    services.task_status_set(actor=province_officer, task=task, status="done")

    task.refresh_from_db()
    assert task.status == "done"


def test_my_tasks_lists_only_the_tasks_of_my_agencies(province_officer, plan, task, health_officer):
    services.task_add(
        actor=province_officer, plan=plan, number="2", content="Cho vay hộ nghèo",
        lead_agency="Ngân hàng Chính sách xã hội",
    )  # fmt: skip
    services.agency_member_add(actor=province_officer, agency=task.lead_agency, user=health_officer)

    page = client_for(health_officer).get("/ke-hoach/nhiem-vu-cua-toi/").content.decode()

    assert "Cấp thẻ BHYT cho người nghèo" in page
    assert "30/6/2026" in page
    assert "Cho vay hộ nghèo" not in page


def test_the_agency_page_adds_a_member_for_the_province_and_is_404_for_an_agency_officer(
    province_officer, task, health_officer
):
    url = f"/ke-hoach/co-quan/{task.lead_agency.pk}/"

    response = client_for(province_officer).post(url, {"action": "add", "username": "nganh_yte"})
    hidden = client_for(health_officer).get(url)

    assert response.status_code == 302
    assert list(AgencyMember.objects.values_list("user__username", flat=True)) == ["nganh_yte"]
    assert hidden.status_code == 404


def test_the_agency_page_of_another_province_is_404(task, son_la):
    son_la_officer = make_user("tinh_sonla", "province_officer", son_la)

    response = client_for(son_la_officer).post(
        f"/ke-hoach/co-quan/{task.lead_agency.pk}/", {"action": "add", "username": "tinh_sonla"}
    )

    assert response.status_code == 404
    assert AgencyMember.objects.count() == 0
