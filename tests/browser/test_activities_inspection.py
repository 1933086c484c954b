"""A provincial officer records an inspection of a commune with two recommendations and follows both up;
the overdue one stands out, the commune sees it, the other commune does not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from giamngheo.activities.models import FollowUp, Inspection
from giamngheo.demo.accounts import demo_load
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.catalogue import agency_get_or_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _add_recommendation(page, content: str, due_on: dt.date, agency: str = "") -> None:
    form = page.locator("#recommendation-form")
    form.locator("#id_content").fill(content)
    if agency:
        form.locator("#id_responsible_agency").select_option(label=agency)
    form.locator("#id_due_on").fill(due_on.isoformat())
    form.locator("button[type=submit]").click()


def test_inspection_with_two_recommendations_followed_up(page, login, logout, screenshot):
    demo_load()
    hue = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code="46")
    agency_get_or_create(province=hue, name="Sở Y tế")
    today = timezone.localdate()
    login(page, "tinh.hue")
    page.goto(f"{page.base_url}/hoat-dong/kiem-tra/them/")
    page.select_option("#id_unit", label="Xã A Lưới 1")
    page.select_option("#id_kind", "planned")
    page.select_option("#id_method", "inspection")
    page.fill("#id_title", "Kiểm tra giảm nghèo xã A Lưới 1")
    page.fill("#id_body", "Đoàn kiểm tra liên ngành tỉnh")
    page.fill("#id_starts_on", (today - dt.timedelta(days=60)).isoformat())
    page.fill("#id_ends_on", (today - dt.timedelta(days=58)).isoformat())
    page.fill("#id_findings", "Chậm giải ngân; thiếu thẻ BHYT")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("h1:text('Kiểm tra giảm nghèo xã A Lưới 1')")

    _add_recommendation(page, "Đẩy nhanh giải ngân Dự án 6", today - dt.timedelta(days=10))
    expect(page.locator("article.recommendation")).to_have_count(1)
    _add_recommendation(
        page, "Cấp thẻ BHYT cho người thuộc hộ nghèo còn thiếu", today + dt.timedelta(days=30), "Sở Y tế"
    )
    expect(page.locator("article.recommendation")).to_have_count(2)
    expect(page.locator("#kien-nghi-1.overdue")).to_have_count(1)
    expect(page.locator("#kien-nghi-2.overdue")).to_have_count(0)

    for number, action, status in ((1, "Đã giải ngân 80 %", "in_progress"), (2, "Đã cấp đủ thẻ", "done")):
        article = page.locator(f"#kien-nghi-{number}")
        article.locator("summary").click()
        article.locator("#id_on").fill(today.isoformat())
        article.locator("#id_action").fill(action)
        article.locator("#id_new_status").select_option(status)
        article.locator("button[type=submit]").click()
        expect(page.locator(f"#kien-nghi-{number} tbody tr", has_text=action)).to_have_count(1)
    expect(page.locator("#kien-nghi-1.overdue")).to_have_count(1)  # still in progress after its due date
    expect(page.locator("#kien-nghi-2 h3")).to_contain_text("Đã thực hiện xong")
    assert FollowUp.objects.count() == 2
    screenshot(page, "95-activities-inspection")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "95-activities-inspection-390")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width
    page.set_viewport_size({"width": 1366, "height": 900})

    inspection = Inspection.objects.get()
    logout(page)
    login(page, "xa.aluoi1")
    page.goto(f"{page.base_url}/hoat-dong/")
    expect(page.locator("tr.overdue", has_text="Đẩy nhanh giải ngân Dự án 6")).to_have_count(1)
    logout(page)
    login(page, "xa.aluoi2")
    response = page.goto(f"{page.base_url}/hoat-dong/kiem-tra/{inspection.pk}/")
    assert response is not None and response.status == 404
