"""In Chromium: a province officer completes a yearly task's occurrence and corrects a project; a commune
officer records their own commune's plan."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from giamngheo.demo.accounts import demo_load
from giamngheo.demo.plans import demo_plans_load
from giamngheo.programs.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_yearly_task_occurrence_and_project_correction(page, login, logout, screenshot):
    demo_load()
    demo_plans_load(get_user_model().objects.get(username="quantri"))
    plan = Plan.objects.get(number="121/KH-UBND")

    login(page, "tinh.hue")
    page.goto(f"{page.base_url}/ke-hoach/{plan.pk}/#nhiem-vu")
    review = page.locator("[data-testid=task-occurrences]", has_text="31/12/2022")
    assert "Quá hạn" in review.inner_text()
    review.locator("button").first.click()
    page.wait_for_selector(".flash-success >> text=lần hạn 31/12/2022")
    review = page.locator("[data-testid=task-occurrences]", has_text="31/12/2022")
    assert "Hoàn thành trễ hạn" in review.inner_text()
    screenshot(page, "60-plan-recurring-task")
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#nhiem-vu").screenshot(path="test-results/61-plan-recurring-task-390.png")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.goto(f"{page.base_url}/ke-hoach/{plan.pk}/sua/kinh-phi/")
    page.locator("[data-testid=project-edit]").first.click()
    form = page.locator("[data-testid=project-form]")
    form.locator("input[name=local_name]").fill("Hỗ trợ đầu tư hạ tầng huyện nghèo, xã bãi ngang")
    form.locator("textarea[name=objective]").fill("Đường giao thông, trường học, trạm y tế")
    screenshot(page, "62-project-edit")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success >> text=Đã lưu dự án Dự án 1")
    assert "xã bãi ngang" in page.locator("[data-testid=project-list]").inner_text()
    logout(page)

    login(page, "xa.aluoi1")
    page.goto(f"{page.base_url}/ke-hoach/tao/")
    form = page.locator("[data-testid=plan-form]")
    options = form.locator("select[name=unit] option").all_inner_texts()
    units = [text for text in options if "Chọn" not in text]
    assert len(units) == 1
    form.locator("select[name=unit]").select_option(label=units[0])
    form.locator("select[name=kind]").select_option("annual")
    form.locator("input[name=start_year]").fill("2025")
    form.locator("input[name=end_year]").fill("2025")
    form.locator("input[name=number]").fill("12/KH-UBND")
    form.locator("input[name=issuer]").fill("UBND xã A Lưới 1")
    form.locator("input[name=title]").fill("Kế hoạch giảm nghèo năm 2025 của xã")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success >> text=Đã lưu kế hoạch 12/KH-UBND")
    screenshot(page, "63-commune-plan-created")
