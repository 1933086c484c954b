"""A provincial officer enters a plan in Chromium: creates it, imports seed 003's allocation table from Excel
and sees the computed table on the dashboard."""

from __future__ import annotations

import pytest

from giamngheo.demo.accounts import demo_load
from giamngheo.programs.catalogue import catalogue_load, indicator_catalogue_load
from tests.fixtures.plans import seed_003_allocation_sheet, workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_province_officer_creates_a_plan_and_imports_the_allocation_table(page, tmp_path, login, screenshot):
    demo_load()
    catalogue_load()
    indicator_catalogue_load()
    excel = tmp_path / "phan-bo-2024.xlsx"
    excel.write_bytes(workbook({"Phân bổ": seed_003_allocation_sheet()}))

    login(page, "tinh.hue")
    page.click("nav.mainnav >> text=Kế hoạch")
    page.click("[data-testid=plan-create]")
    form = page.locator("[data-testid=plan-form]")
    form.locator("select[name=unit]").select_option(label="Thành phố Huế (46) — đơn vị cũ")
    form.locator("select[name=kind]").select_option("annual")
    form.locator("input[name=start_year]").fill("2024")
    form.locator("input[name=end_year]").fill("2025")
    form.locator("input[name=number]").fill("03/KH-UBND")
    form.locator("input[name=issued_on]").fill("03/01/2024")
    form.locator("input[name=issuer]").fill("UBND tỉnh Thừa Thiên Huế")
    form.locator("input[name=signer]").fill("Phó Chủ tịch Nguyễn Thanh Bình")
    form.locator("input[name=title]").fill(
        "Kế hoạch thực hiện Chương trình MTQG giảm nghèo bền vững năm 2024"
    )
    form.locator("textarea[name=legal_bases]").fill("Quyết định 90/QĐ-TTg ngày 18/01/2022")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=Kế hoạch năm chỉ gồm một năm.")
    screenshot(page, "20-plan-create-error")
    page.locator("[data-testid=plan-form] input[name=end_year]").fill("2024")
    page.locator("[data-testid=plan-form] button[type=submit]").click()
    page.wait_for_selector(".flash-success >> text=Đã lưu kế hoạch 03/KH-UBND")

    page.click("[data-testid=edit-tabs] >> text=Nhập từ Excel")
    page.set_input_files("[data-testid=import-form] input[type=file]", str(excel))
    page.click("[data-testid=import-form] button[type=submit]")
    preview = page.locator("[data-testid=preview-allocation]")
    preview.wait_for()
    assert "5.945" in preview.inner_text()
    screenshot(page, "21-plan-import-preview")
    page.click("[data-testid=import-apply] button")
    page.wait_for_selector(".flash-success >> text=Đã nhập tệp phan-bo-2024.xlsx")

    table = page.locator("[data-testid=allocation]")
    total = table.locator("tr.total").inner_text()
    for number in ("7.540", "2,27", "1.595", "5.945", "1,76"):
        assert number in total
    assert "15,83" in table.inner_text()
    assert "khớp với văn bản" in page.locator("#phan-bo").inner_text()
    page.locator("#chi-tieu [data-testid=status-counts]").wait_for()
    assert "Năm 2024" in page.locator("#chi-tieu h2").inner_text()
    screenshot(page, "22-plan-dashboard-allocation")

    page.click("[data-testid=plan-edit-links] >> text=Phân bổ")
    page.locator("input[name='form-2-reduction']").fill("300")
    page.click("[data-testid=allocation-save]")
    page.wait_for_selector("text=số hộ giảm lớn hơn số hộ nghèo đầu kỳ")
    screenshot(page, "23-allocation-editor-error")
