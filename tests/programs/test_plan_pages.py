"""Plan pages: scoped list and dashboard, the computed allocation table, task updates."""

from __future__ import annotations

import pytest

from giamngheo.demo.plans import demo_plans_load
from giamngheo.programs.models import Plan, TaskUpdate
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(admin_user):
    demo_plans_load(admin_user)
    return {plan.number: plan for plan in Plan.objects.all()}


def test_province_officer_sees_only_the_plans_of_hue(plans, province_officer, django_assert_max_num_queries):
    client = client_for(province_officer)
    with django_assert_max_num_queries(8):
        response = client.get("/ke-hoach/")
    assert sorted(plan.number for plan in response.context["plans"]) == ["03/KH-UBND", "121/KH-UBND"]
    assert client.get(f"/ke-hoach/{plans['61/KH-UBND'].pk}/").status_code == 404


def test_commune_officer_reads_the_provincial_plan_but_cannot_update_tasks(plans, officer_a):
    client = client_for(officer_a)
    plan = plans["121/KH-UBND"]
    assert client.get(f"/ke-hoach/{plan.pk}/").status_code == 200
    task = plan.tasks.get(number="II")
    before = task.status
    response = client.post(f"/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/", {"status": "cancelled"})
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.status == before


def test_dashboard_shows_the_allocation_in_vietnamese_numbers(plans, province_officer):
    response = client_for(province_officer).get(f"/ke-hoach/{plans['03/KH-UBND'].pk}/?nam=2024")
    html = response.content.decode()
    assert response.status_code == 200
    assert "7.540" in html and "1.595" in html and "5.945" in html
    assert "2,27" in html and "1,76" in html and "15,83" in html
    assert "khớp với văn bản" in html


def test_seed_004_budget_is_shown_with_its_checks(plans, province_officer, admin_user):
    response = client_for(admin_user).get(f"/ke-hoach/{plans['234/KH-UBND'].pk}/")
    html = response.content.decode()
    assert "365.665" in html and "284.319" in html and "42.659" in html
    assert "lệch" not in html


def test_province_officer_moves_a_task_and_history_is_kept(plans, province_officer):
    plan = plans["121/KH-UBND"]
    task = plan.tasks.get(number="II")
    status = "in_progress" if task.status == "done" else "done"  # the demo has kept the plan's past
    history = list(TaskUpdate.objects.filter(task=task))
    response = client_for(province_officer).post(
        f"/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/", {"status": status, "note": "Đã ban hành"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == status
    assert list(TaskUpdate.objects.filter(task=task).order_by("pk"))[:-1] == history
    assert TaskUpdate.objects.filter(task=task).latest("pk").note == "Đã ban hành"
