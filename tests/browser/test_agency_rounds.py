"""The annual round in Chromium: the province opens the estimate and the official report of 2025; a commune
and Sở Xây dựng submit the official one; the province approves both and sees the agency in its own report."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import demo_load
from giamngheo.demo.plans import demo_plans_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OFFICIAL = "Báo cáo định kỳ (chính thức) — Năm 2025"


def _open(page, kind, commune_due, province_due):
    form = page.locator("[data-testid=round-form]")
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[name=year]").fill("2025")
    form.locator("select[name=period]").select_option("year-1")
    plan = form.locator("select[name=plan] option", has_text="121/KH-UBND").get_attribute("value")
    form.locator("select[name=plan]").select_option(plan)
    form.locator("input[name=commune_due]").fill(commune_due)
    form.locator("input[name=province_due]").fill(province_due)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success")


def _submit(page, summary):
    annotation = page.locator("[data-testid=annotation-form]")
    annotation.locator("textarea[name=summary]").fill(summary)
    annotation.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success")
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=report-status] >> text=Đã gửi, chờ duyệt")


def _approve(page, reporter):
    page.click(f"[data-testid=reports] >> text={reporter}")
    page.click("[data-testid=approve]")
    page.wait_for_selector("[data-testid=report-status] >> text=Đã duyệt")
    page.click(f".breadcrumbs >> text={OFFICIAL}")


def test_estimate_and_official_rounds_with_a_commune_and_an_agency(page, login, logout, screenshot):
    demo_load()
    demo_plans_load(User.objects.get(username="quantri"))

    login(page, "tinh.hue")
    page.click("nav.mainnav >> text=Báo cáo định kỳ")
    _open(page, "estimate", "15/10/2025", "20/10/2025")
    expect(page.locator("[data-testid=reports] tr[data-agency='Sở Xây dựng']")).to_have_count(1)
    page.click("nav.mainnav >> text=Báo cáo định kỳ")
    _open(page, "official", "15/12/2025", "20/12/2025")
    assert "trễ" in page.locator("[data-testid=reports] tr[data-agency='Sở Xây dựng']").inner_text()
    page.click("nav.mainnav >> text=Báo cáo định kỳ")
    rounds = page.locator("[data-testid=rounds]").inner_text()
    assert "Báo cáo ước thực hiện — Năm 2025" in rounds
    assert OFFICIAL in rounds
    screenshot(page, "40-rounds-estimate-and-official")
    logout(page)

    login(page, "xa.aluoi1")
    page.click("nav.mainnav >> text=Báo cáo định kỳ")
    page.click(f"[data-testid=rounds] >> text={OFFICIAL}")
    rows = page.locator("[data-testid=reports] tbody tr")
    expect(rows).to_have_count(1)
    rows.locator("a").click()
    _submit(page, "Xã hoàn thành các nhiệm vụ năm 2025.")
    logout(page)

    login(page, "nganh.xaydung")
    page.click("nav.mainnav >> text=Báo cáo định kỳ")
    page.click(f"[data-testid=rounds] >> text={OFFICIAL}")
    rows = page.locator("[data-testid=reports] tbody tr")
    expect(rows).to_have_count(1)
    assert rows.get_attribute("data-agency") == "Sở Xây dựng"
    rows.locator("a").click()
    page.wait_for_selector("[data-testid=agency-tasks]")
    assert "Thực hiện Dự án 5" in page.locator("[data-testid=agency-tasks]").inner_text()
    _submit(page, "Sở Xây dựng hoàn thành hỗ trợ nhà ở năm 2025.")
    screenshot(page, "41-agency-report-submitted")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "42-agency-report-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    logout(page)

    login(page, "tinh.hue")
    page.click("nav.mainnav >> text=Báo cáo định kỳ")
    page.click(f"[data-testid=rounds] >> text={OFFICIAL}")
    _approve(page, "Xã A Lưới 1")
    _approve(page, "Sở Xây dựng")
    assert "Đã duyệt" in page.locator("[data-testid=reports] tr[data-agency='Sở Xây dựng']").inner_text()
    screenshot(page, "43-official-round-status")
    page.locator("[data-testid=reports] tbody tr").first.locator("a").click()
    agencies = page.locator("[data-testid=agency-reports]").inner_text()
    assert "Sở Xây dựng" in agencies
    assert "Sở Xây dựng hoàn thành hỗ trợ nhà ở năm 2025." in agencies
    screenshot(page, "44-province-report-with-agencies")
