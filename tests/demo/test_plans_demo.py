"""The five seed plans load through the services and reproduce every number of seeds-digest.md."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from giamngheo.demo.plans import demo_plans_load
from giamngheo.programs.models import Plan, TaskStatus
from giamngheo.programs.recurrence import due_dates
from giamngheo.programs.selectors import allocation_table, budget_summary, task_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(admin_user):
    demo_plans_load(admin_user)
    return {plan.number: plan for plan in Plan.objects.all()}


def test_loading_twice_creates_nothing_more(admin_user, plans):
    assert len(plans) == 5
    assert demo_plans_load(admin_user) == []
    assert Plan.objects.count() == 5


def test_seed_003_allocation_is_computed_and_matches_the_plan(plans):
    table = allocation_table(plans["03/KH-UBND"])

    assert (table.start_poor, table.reduction, table.remaining) == (7540, 1595, 5945)
    assert table.start_rate == Decimal("2.27")
    assert table.target_rate == Decimal("1.76")
    assert table.issues == []
    a_luoi = next(row for row in table.rows if row.label == "Huyện A Lưới")
    assert (a_luoi.remaining, a_luoi.start_rate, a_luoi.target_rate) == (
        2289,
        Decimal("24.40"),
        Decimal("15.83"),
    )
    assert [row.remaining for row in table.rows] == [756, 150, 249, 561, 412, 625, 744, 159, 2289]
    assert [row.target_rate for row in table.rows] == [
        Decimal(v) for v in ("0.56", "0.57", "1.33", "1.85", "1.56", "1.48", "2.05", "2.16", "15.83")
    ]


def test_seed_004_budget_breakdown_checks_every_stated_total(plans):
    summary = budget_summary(plans["234/KH-UBND"])

    assert summary.grand_total == Decimal("365665")
    stated = {check.label: (check.stated, check.computed) for check in summary.checks}
    assert stated["Ngân sách trung ương"] == (Decimal("284319"), Decimal("284319"))
    assert stated["Ngân sách địa phương"] == (Decimal("42659"), Decimal("42659"))
    assert stated["Ngân sách trung ương – Vốn đầu tư phát triển"] == (Decimal("78650"), Decimal("78650"))
    assert all(check.ok for check in summary.checks)
    assert len(summary.checks) == 8


def test_seed_002_budget_and_local_numbering(plans):
    plan = next(plan for number, plan in plans.items() if "dự thảo" in number)
    summary = budget_summary(plan)

    assert summary.grand_total == Decimal("4179")
    assert all(check.ok for check in summary.checks)
    mapping = {project.local_number: project.component.code for project in plan.projects.all()}
    assert mapping["Dự án 1"] == "P2"
    assert mapping["Tiểu dự án 3.2"] == "P4.3"
    assert plan.unit.code == "705"
    assert plan.province.code == "80"  # Tây Ninh (merged with Long An) today


def test_seed_000_task_matrix_and_calendar(plans):
    plan = plans["121/KH-UBND"]

    assert plan.tasks.count() == 15
    # The plan's past as a province keeps it: most tasks done, a few late, not a board of overdue tasks.
    today = timezone.localdate()
    past = plan.tasks.filter(recurrence="once", due_date__lt=today).values_list("status", flat=True)
    statuses = Counter(past)
    assert statuses[TaskStatus.DONE] > statuses[TaskStatus.IN_PROGRESS] > 0
    overdue = sum(group.overdue for group in task_board(plan, today=today))
    assert 0 < overdue < plan.tasks.count() / 2
    assert plan.tasks.get(number="II").lead_agency.name == "Sở Lao động - Thương binh và Xã hội"
    due = sorted((rule.reporter_level, rule.due_day, rule.due_month) for rule in plan.reporting_rules.all())
    assert due == [("district", 20, 6), ("district", 25, 11), ("province", 25, 6), ("province", 25, 11)]
    assert plan.targets.count() == 34
    assert plans["03/KH-UBND"].legal_bases.get(parent_plan__isnull=False).parent_plan == plan


def test_seed_000_yearly_tasks_fall_due_every_year_of_the_plan(plans):
    plan = plans["121/KH-UBND"]

    review = plan.tasks.get(number="V.1")
    assert review.recurrence == "yearly"
    assert [day.isoformat() for day in due_dates(review, plan.end_year)] == [
        "2022-12-31",
        "2023-12-31",
        "2024-12-31",
        "2025-12-31",
    ]
    assert [day.isoformat() for day in due_dates(plan.tasks.get(number="IV"), plan.end_year)] == [
        "2023-01-31",
        "2024-01-31",
        "2025-01-31",
    ]


def test_seed_002_and_003_duty_matrices_are_tasks_of_their_agencies(plans):
    tan_bien = next(plan for number, plan in plans.items() if "dự thảo" in number)
    hue_2024 = plans["03/KH-UBND"]

    assert tan_bien.tasks.count() == 16
    assert tan_bien.tasks.get(number="3").lead_agency.name == "Trung tâm Y tế huyện"
    assert tan_bien.tasks.get(number="3").project.local_number == "Tiểu dự án 2.2"
    assert tan_bien.tasks.filter(lead_agency__name="UBND các xã, thị trấn").count() == 5
    assert hue_2024.tasks.count() == 30
    assert hue_2024.tasks.values("lead_agency").distinct().count() == 17
    assert hue_2024.tasks.get(number="13").lead_agency.name == "Bảo hiểm xã hội tỉnh"


def test_seed_004_close_outs_are_one_row_per_agency_with_their_own_deadline(plans):
    plan = plans["234/KH-UBND"]

    november = {
        (task.lead_agency.name, task.project.local_number if task.project else "")
        for task in plan.tasks.filter(due_date="2025-11-30").select_related("lead_agency", "project")
    }
    assert november == {
        ("Sở Y tế", "Tiểu dự án 3.2"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "Tiểu dự án 3.1"),
        ("Sở Xây dựng", "Dự án 5"),
        ("Sở Thông tin và Truyền thông", "Tiểu dự án 6.1"),
        ("Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh)", ""),
        ("UBND các huyện, thị xã, thành phố", ""),
    }
    assert plan.tasks.count() == 12
