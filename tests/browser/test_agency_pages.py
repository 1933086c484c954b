"""A Sở Xây dựng officer sees and updates its tasks, its housing cases and lists; Sở Y tế sees none of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from giamngheo.accounts.models import User
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.models import Program, Task
from giamngheo.programs.services import plan_create, task_add
from giamngheo.support.models import SupportType
from giamngheo.support.services.housing import housing_case_open
from giamngheo.support.services.lists import beneficiary_list_propose
from tests.fixtures.demo_household import poor_household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def housing_work() -> dict[str, str]:
    """A poor household of A Lưới 1 with a housing case and a housing list; a plan task for Sở Xây dựng."""
    household = poor_household()
    officer = User.objects.get(username="xa.aluoi1")
    today = timezone.localdate()
    house = SupportType.objects.get(code="da5-nha-xay-moi")
    case = housing_case_open(
        actor=officer, household=household, support_type=house, work="new", year=today.year, on=today
    )
    housing_list = beneficiary_list_propose(
        actor=officer, support_type=house, commune=household.commune, year=today.year, reference_date=today
    )
    province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code="46")
    planner = User.objects.get(username="tinh.hue")
    plan = plan_create(
        actor=planner, program=Program.objects.get(code="ntm-gnbv-dtts-2026-2035"), unit=province,
        kind="annual", start_year=today.year, end_year=today.year, number="05/KH-UBND",
        issuer="UBND thành phố Huế", title="Kế hoạch hỗ trợ nhà ở",
    )  # fmt: skip
    task = task_add(
        actor=planner, plan=plan, number="1", content="Hướng dẫn thiết kế mẫu nhà ở cho hộ nghèo",
        lead_agency="Sở Xây dựng", due_date=today + dt.timedelta(days=30),
    )  # fmt: skip
    return {
        "case": f"/ho-tro/nha-o/{case.pk}/",
        "list": f"/ho-tro/danh-sach/{housing_list.pk}/",
        "task": str(task.pk),
        "household": household.head_name,
    }


def test_the_construction_officer_sees_its_work_and_the_health_officer_none(page, login, logout, screenshot):
    work = housing_work()
    base = page.base_url

    login(page, "nganh.xaydung")
    page.goto(f"{base}/ke-hoach/nhiem-vu-cua-toi/")
    tasks = page.locator("[data-testid=my-tasks]")
    assert "Hướng dẫn thiết kế mẫu nhà ở cho hộ nghèo" in tasks.inner_text()
    screenshot(page, "70-agency-my-tasks")
    page.set_viewport_size(PHONE)
    screenshot(page, "70-agency-my-tasks-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    tasks.locator("select[name=status]").select_option("in_progress")
    tasks.locator("input[name=note]").fill("Đã gửi thiết kế mẫu cho các xã")
    tasks.locator("button:text-is('Cập nhật')").click()
    page.wait_for_selector("text=Đã cập nhật nhiệm vụ 1")
    assert Task.objects.get(pk=work["task"]).status == "in_progress"

    page.goto(f"{base}/ho-tro/nha-o/")
    assert work["household"] in page.locator("main").inner_text()
    screenshot(page, "71-agency-housing")
    page.set_viewport_size(PHONE)
    screenshot(page, "71-agency-housing-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.goto(f"{base}{work['case']}").status == 200
    page.goto(f"{base}/ho-tro/")
    assert "Hỗ trợ xây mới nhà ở (Dự án 5)" in page.locator("main").inner_text()
    screenshot(page, "72-agency-lists")
    page.set_viewport_size(PHONE)
    screenshot(page, "72-agency-lists-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.goto(f"{base}{work['list']}").status == 200
    logout(page)

    login(page, "nganh.yte")
    page.goto(f"{base}/ke-hoach/nhiem-vu-cua-toi/")
    expect(page.locator("[data-testid=my-tasks]")).to_have_count(0)
    page.goto(f"{base}/ho-tro/nha-o/")
    assert work["household"] not in page.locator("main").inner_text()
    page.goto(f"{base}/ho-tro/")
    assert "Hỗ trợ xây mới nhà ở (Dự án 5)" not in page.locator("main").inner_text()
    for url in (work["case"], work["list"]):
        assert page.goto(f"{base}{url}").status == 404, url
