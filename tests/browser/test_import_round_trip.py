"""The commune officer downloads the pre-filled form, edits a cell, uploads it, sees the preview, confirms."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from giamngheo.demo.accounts import demo_load
from giamngheo.registry.models import Household
from tests.fixtures.registry_files import household_row, member_rows, workbook

# The page's own content (the shared menu in base.html belongs to the mobile layout work).
WIDEST = """[...document.querySelectorAll('main.page *')].filter(e => e.getBoundingClientRect().right > 391)
  .map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 12)"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _upload(page, path):
    page.goto(f"{page.base_url}/ho/nhap/")
    page.set_input_files("#id_file", str(path))
    page.click("form.form button[type=submit]")
    page.wait_for_selector(
        "[data-testid=import-status][data-status=invalid], [data-testid=import-status][data-status=validated]"
    )


def test_prefilled_form_edited_and_uploaded_again(page, tmp_path, login, screenshot):
    demo_load()
    login(page, "xa.aluoi1")
    first = tmp_path / "ds.xlsx"
    rows = [household_row(code, **{"Thôn, tổ dân phố": "Thôn 1"}) for code in ("H001", "H002")]
    first.write_bytes(workbook(rows, member_rows("H001") + member_rows("H002", personal_id="")).read())
    _upload(page, first)
    page.click("[data-testid=confirm]")
    page.wait_for_selector("[data-testid=import-status][data-status=applied]")

    page.goto(f"{page.base_url}/ho/nhap/")
    with page.expect_download() as download:
        page.click("[data-testid=prefilled] a")
    prefilled = tmp_path / "phieu-dien-san.xlsx"
    download.value.save_as(prefilled)
    book = load_workbook(prefilled)
    sheet = book["Hộ gia đình"]
    header = [cell.value for cell in sheet[1]]
    codes = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    row = codes.index("H001") + 2
    sheet.cell(row=row, column=header.index("Thu nhập bình quân (đồng/người/tháng)") + 1, value="6.000.000")
    sheet.cell(row=row, column=header.index("Loại nhà tiêu") + 1, value="tu hoai")  # no accents
    book.save(prefilled)

    _upload(page, prefilled)
    assert page.locator("[data-testid=count-updated]").inner_text() == "1"
    assert page.locator("[data-testid=count-unchanged]").inner_text() == "1"
    screenshot(page, "30-import-prefilled-preview")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "31-import-prefilled-preview-390")
    assert page.evaluate(WIDEST) == []
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click("[data-testid=confirm]")
    page.wait_for_selector("[data-testid=import-status][data-status=applied]")
    screenshot(page, "32-import-prefilled-applied")
    assert Household.objects.get(code="H001").latest_category == "not_poor"
