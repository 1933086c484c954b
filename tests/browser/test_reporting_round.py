"""The 6-month reporting round in Chromium: the province opens it, a commune enters, annotates and submits,
the province approves and the report is locked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import demo_load
from giamngheo.demo.plans import demo_plans_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _set_number_and_download_the_form(page, screenshot):
    """The province numbers the approved report and downloads Mẫu 01 as Word; the section fits a phone."""
    document = page.locator("[data-testid=document-form]")
    page.click("[data-testid=documents] summary")
    document.locator("input[name=doc_number]").fill("42")
    document.locator("input[name=signer_name]").fill("Nguyễn Văn Phương")
    document.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success")
    with page.expect_download() as download:
        page.locator("[data-testid=documents] a", has_text="Word").first.click()
    assert download.value.suggested_filename.endswith("mau-01.docx")
    screenshot(page, "12a-report-documents")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "12b-report-documents-phone")
    page.set_viewport_size({"width": 1366, "height": 900})


def test_six_month_round_communes_submit_province_approves(page, login, logout, screenshot):
    demo_load()
    demo_plans_load(User.objects.get(username="quantri"))

    login(page, "tinh.hue")
    page.click("nav.mainnav >> text=Kế hoạch")
    page.click("[data-testid=plans] >> text=03/KH-UBND")
    page.wait_for_selector("[data-testid=allocation]")
    assert "15,83" in page.locator("[data-testid=allocation]").inner_text()
    screenshot(page, "10-plan-2024")

    page.click("nav.mainnav >> text=Báo cáo định kỳ")
    form = page.locator("[data-testid=round-form]")
    form.locator("input[name=year]").fill("2026")
    form.locator("select[name=period]").select_option("half_year-1")
    form.locator("input[name=commune_due]").fill("20/06/2026")
    form.locator("input[name=province_due]").fill("25/06/2026")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success")
    expect(page.locator("[data-testid=reports] tbody tr:not([data-agency])")).to_have_count(41)
    logout(page)

    login(page, "xa.aluoi1")
    page.click("nav.mainnav >> text=Báo cáo định kỳ")
    page.click("[data-testid=rounds] >> text=6 tháng đầu năm 2026")
    rows = page.locator("[data-testid=reports] tbody tr")
    expect(rows).to_have_count(1)
    rows.locator("a").click()
    values = page.locator("[data-testid=value-form]")
    values.locator("select[name=indicator]").select_option(label="Số lao động được kết nối việc làm")
    values.locator("input[name=value]").fill("35")
    values.locator("button[type=submit]").click()
    page.wait_for_selector("[data-testid=results] >> text=35")
    annotation = page.locator("[data-testid=annotation-form]")
    annotation.locator("textarea[name=summary]").fill("Xã hoàn thành các nhiệm vụ 6 tháng đầu năm.")
    annotation.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success")
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=report-status] >> text=Đã gửi, chờ duyệt")
    screenshot(page, "11-commune-report-submitted")
    logout(page)

    login(page, "tinh.hue")
    page.click("nav.mainnav >> text=Báo cáo định kỳ")
    page.click("[data-testid=rounds] >> text=6 tháng đầu năm 2026")
    page.click("[data-testid=reports] >> text=Xã A Lưới 1")
    page.locator("[data-testid=decision-form] textarea[name=comment]").fill("Đồng ý")
    page.click("[data-testid=approve]")
    page.wait_for_selector("[data-testid=report-status] >> text=Đã duyệt")
    expect(page.locator("[data-testid=value-form]")).to_have_count(0)
    _set_number_and_download_the_form(page, screenshot)
    page.click(".breadcrumbs >> text=6 tháng đầu năm 2026")
    assert "Đã duyệt" in page.locator("[data-testid=reports] tr[data-unit='20056']").inner_text()
    screenshot(page, "12-round-status")
