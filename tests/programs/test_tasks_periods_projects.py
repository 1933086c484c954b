"""Recurring tasks and their deadlines, indicators by program period, project correction, «xã nghèo»."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from giamngheo.areas.services import unit_attribute_set
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError
from giamngheo.core.models import AuditEvent
from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.groups import group_filter
from giamngheo.monitoring.services import indicator_value_set
from giamngheo.programs import services
from giamngheo.programs.forms import TargetForm
from giamngheo.programs.models import Indicator, Plan, Program, Task, TaskOccurrenceDone
from giamngheo.programs.recurrence import due_dates, occurrences
from giamngheo.programs.selectors import task_board
from giamngheo.registry.models import Household
from tests.fixtures.people import client_for, make_user
from tests.fixtures.plans import legacy_hue

pytestmark = pytest.mark.django_db


def _plan(actor, program, *, start, end, number="121/KH-UBND"):
    return services.plan_create(
        actor=actor,
        program=program,
        unit=legacy_hue() if start < 2026 else actor.assignments.get().unit,
        kind="multi_year" if end > start else "annual",
        start_year=start,
        end_year=end,
        number=number,
        issuer="UBND tỉnh",
        title="Kế hoạch giảm nghèo",
    )


@pytest.fixture
def plan(plan_program, province_officer):
    return _plan(province_officer, plan_program, start=2022, end=2025)


@pytest.fixture
def plan_2026(plan_program, province_officer):
    program = Program.objects.get(code="ntm-gnbv-dtts-2026-2035")
    return _plan(province_officer, program, start=2026, end=2026, number="01/KH-UBND")


def _task(actor, plan, **changes):
    data = {
        "number": "V.1",
        "content": "Sơ kết Chương trình hằng năm",
        "lead_agency": "Sở Lao động - Thương binh và Xã hội",
        "due_date": dt.date(2022, 12, 31),
        "recurrence": "yearly",
    }
    data.update(changes)
    return services.task_add(actor=actor, plan=plan, **data)


# Recurring tasks


def test_quarterly_deadlines_keep_the_day_or_the_last_day_of_shorter_months(plan, province_officer):
    task = _task(province_officer, plan, due_date=dt.date(2025, 1, 31), recurrence="quarterly")

    days = ["2025-01-31", "2025-04-30", "2025-07-31", "2025-10-31"]
    assert [day.isoformat() for day in due_dates(task, 2025)] == days


def test_a_recurring_task_without_a_first_deadline_is_refused_and_nothing_written(plan, province_officer):
    with pytest.raises(AppError) as error:
        _task(province_officer, plan, due_date=None)
    assert error.value.field == "due_date"
    assert not Task.objects.exists()


def test_each_occurrence_is_judged_against_its_own_deadline():
    task = Task(due_date=dt.date(2022, 12, 31), recurrence="yearly", plan=Plan(end_year=2025))
    done = {dt.date(2022, 12, 31): dt.date(2022, 12, 20), dt.date(2023, 12, 31): dt.date(2024, 1, 10)}

    rows = occurrences(task, done, today=dt.date(2025, 6, 1))

    assert [(row.due.year, row.state, row.days_late) for row in rows] == [
        (2022, "done", 0),
        (2023, "done_late", 10),
        (2024, "overdue", 0),
        (2025, "open", 0),
    ]


def test_completing_an_occurrence_on_the_dashboard_records_it_once(plan, province_officer):
    task = _task(province_officer, plan)
    client = client_for(province_officer)
    url = f"/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/"

    assert client.post(url, {"occurrence": "2022-12-31"}).status_code == 302
    client.post(url, {"occurrence": "2022-12-31"})
    client.post(url, {"occurrence": "2022-06-30"})

    assert list(TaskOccurrenceDone.objects.values_list("due_date", flat=True)) == [dt.date(2022, 12, 31)]
    assert task.status == "not_started"
    board = task_board(plan, today=dt.date(2026, 1, 15))
    rows = board[0].tasks[0].occurrence_rows
    assert [row.state for row in rows] == ["done_late", "overdue", "overdue", "overdue"]
    assert board[0].overdue == 1
    page = client.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert 'data-testid="task-occurrences"' in page


def test_another_province_cannot_complete_an_occurrence(plan, province_officer, son_la):
    task = _task(province_officer, plan)
    other = make_user("tinh_sl", "province_officer", son_la)

    response = client_for(other).post(
        f"/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/", {"occurrence": "2022-12-31"}
    )

    assert response.status_code == 404
    assert not TaskOccurrenceDone.objects.exists()


# Indicators by program period


def test_a_2026_plan_cannot_target_the_2021_2025_count_of_poor_districts(plan_2026, province_officer):
    with pytest.raises(AppError) as error:
        services.plan_target_add(
            actor=province_officer,
            plan=plan_2026,
            indicator=Indicator.objects.get(code="districts_exit_poverty"),
            kind="count",
            bound="at_least",
            value_low=Decimal(1),
            target_year=2026,
            text="1 huyện thoát nghèo",
        )
    assert error.value.field == "indicator"
    assert not plan_2026.targets.exists()
    target = services.plan_target_add(
        actor=province_officer,
        plan=plan_2026,
        indicator=Indicator.objects.get(code="poor_communes_exit"),
        kind="coverage",
        bound="at_least",
        value_low=Decimal(100),
        target_year=2026,
        text="100% xã nghèo thoát khỏi tình trạng nghèo",
    )
    assert target.indicator.validity_label == "từ 2026"


def test_the_target_form_and_the_api_offer_only_the_period_s_indicators(plan, plan_2026, province_officer):
    form_2026 = TargetForm(units=plan_2026.province.children.none(), plan=plan_2026)
    form_2021 = TargetForm(units=plan.province.children.none(), plan=plan)
    offered_2026 = set(form_2026.fields["indicator"].queryset.values_list("code", flat=True))
    offered_2021 = set(form_2021.fields["indicator"].queryset.values_list("code", flat=True))

    assert "districts_exit_poverty" not in offered_2026
    assert "poor_communes_exit" in offered_2026
    assert "districts_exit_poverty" in offered_2021
    assert "poor_communes_exit" not in offered_2021
    api = client_for(province_officer).get("/api/v1/indicators", {"year": 2026}).json()
    assert {row["code"] for row in api} == offered_2026


def test_a_value_of_an_indicator_outside_its_period_is_refused(province_officer, hue, plan_program):
    with pytest.raises(AppError) as error:
        indicator_value_set(
            actor=province_officer,
            indicator=Indicator.objects.get(code="districts_exit_poverty"),
            unit=hue,
            period=period_get_or_create(year=2026, kind="year", number=1),
            value=Decimal(1),
        )
    assert error.value.field == "indicator"


# Projects


def test_a_project_is_corrected_and_the_change_audited(plan, province_officer):
    project = services.plan_project_add(
        actor=province_officer, plan=plan, local_number="Dự án 1", local_name="Sinh kế", component_code="P2"
    )
    services.plan_project_add(
        actor=province_officer, plan=plan, local_number="Dự án 2", local_name="Nhà ở", component_code="P5"
    )
    client = client_for(province_officer)
    url = f"/ke-hoach/{plan.pk}/sua/kinh-phi/"
    data = {
        "action": "project_add",
        "item": project.pk,
        "local_number": "Dự án 1",
        "local_name": "Đa dạng hóa sinh kế",
        "component_code": "P2",
        "lead_agency": "Sở Nông nghiệp và Môi trường",
        "coordinating_agencies": "Sở Tài chính",
        "objective": "Nhân rộng mô hình giảm nghèo",
    }
    assert client.get(url, {"du_an": project.pk}).context["project_form"].initial["local_name"] == "Sinh kế"

    assert client.post(url, data).status_code == 302

    project.refresh_from_db()
    assert (project.local_name, project.lead_agency.name) == (
        "Đa dạng hóa sinh kế",
        "Sở Nông nghiệp và Môi trường",
    )
    assert list(project.coordinating_agencies.values_list("name", flat=True)) == ["Sở Tài chính"]
    assert AuditEvent.objects.filter(action=AuditAction.PLAN_PROJECT_UPDATE).count() == 2
    response = client.post(url, {**data, "local_number": "Dự án 2"})
    assert response.status_code == 400
    assert "Kế hoạch đã có dự án số hiệu này." in response.context["project_form"].errors["local_number"]
    project.refresh_from_db()
    assert project.local_number == "Dự án 1"


def test_another_province_cannot_open_a_project_for_correction(plan, province_officer, son_la):
    project = services.plan_project_add(
        actor=province_officer, plan=plan, local_number="Dự án 1", local_name="Sinh kế", component_code="P2"
    )
    other = make_user("tinh_sl", "province_officer", son_la)

    response = client_for(other).get(f"/ke-hoach/{plan.pk}/sua/kinh-phi/", {"du_an": project.pk})

    assert response.status_code == 404


# «Xã nghèo» 2026–2030


def test_a_poor_commune_designation_selects_its_households(admin_user, household, commune_a):
    unit_attribute_set(
        actor=admin_user,
        unit=commune_a,
        kind="poor_commune",
        value="yes",
        valid_from=dt.date(2026, 1, 1),
        source="Quyết định của UBND tỉnh (thử nghiệm)",
    )

    selected = Household.objects.filter(group_filter("poor_commune", dt.date(2026, 6, 30)))
    before = Household.objects.filter(group_filter("poor_commune", dt.date(2025, 6, 30)))

    assert list(selected) == [household]
    assert not before.exists()
