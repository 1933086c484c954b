"""A poor household's support from plan to accepted house, seen by its commune and refused to another."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from giamngheo.accounts.models import User
from giamngheo.registry.models import Household
from giamngheo.registry.surveys import survey_submit
from tests.fixtures.demo_household import poor_household
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD
from tests.fixtures.support import UNINSURED_ADULT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def resurvey(household: Household) -> None:
    """The next survey: the new house of 36 m², durable materials, the income still low."""
    household.refresh_from_db()
    survey_submit(
        actor=User.objects.get(username="xa.aluoi1"),
        household=household,
        reference_date=timezone.localdate(),
        household_values={**COMFORTABLE_HOUSEHOLD, "income_per_capita": 900_000, "floor_area_m2": 36},
        member_values={member.pk: dict(UNINSURED_ADULT) for member in household.members.all()},
        version=household.version,
    )


def build_and_accept(page, case_url, ui):
    """The commune officer records the works stage by stage, then the acceptance of a 36 m² house."""
    ui.login(page, "xa.aluoi1")
    page.goto(case_url)
    for stage, label in (("started", "Khởi công"), ("roofed", "Đã lợp mái"), ("completed", "Hoàn thành")):
        page.select_option("#id_stage", stage)
        page.click("button:text-is('Ghi')")
        page.wait_for_selector(f".badge:text-is('{label}')")
    page.fill("#id_floor_area_m2", "36")
    for box in ("#id_hard_foundation", "#id_hard_frame", "#id_hard_roof"):
        page.check(box)
    page.click("button:text-is('Nghiệm thu')")
    page.wait_for_selector(".badge:text-is('Đã nghiệm thu')")


def health_insurance_list(page, tmp_path, ui):
    """The officer proposes the commune's health-insurance card list and selects the household's members; the
    chair approves it and downloads the payment list PDF (Circular 60/2026 Art. 3.3)."""
    ui.login(page, "xa.aluoi1")
    page.goto(f"{page.base_url}/ho-tro/")
    page.select_option(
        "form >> #id_support_type", label="Thẻ bảo hiểm y tế cho người thuộc hộ nghèo (ngân sách đóng 100 %)"
    )
    page.fill("form >> #id_reference_date", timezone.localdate().isoformat())
    page.click("button:text-is('Lập danh sách')")
    page.wait_for_selector("[data-testid=entries]")
    list_url = page.url
    rows = page.locator("[data-testid=entries] tbody tr", has=page.locator("input[name=selected]"))
    expect(rows).to_have_count(3)
    for index in range(3):
        row_id = rows.nth(index).get_attribute("id")
        page.check(f"#{row_id} input[name=selected]")
        page.click(f"#{row_id} button:text-is('Lưu')")
        page.wait_for_selector(f"#{row_id} input[name=selected]:checked")
    ui.logout(page)
    ui.login(page, "chutich.aluoi1")
    page.goto(list_url)
    page.fill("#id_decision_number", "16/QĐ-UBND")
    page.click("button:text-is('Phê duyệt')")
    page.wait_for_selector(".badge:text-is('Đã phê duyệt')")
    ui.screenshot(page, "65-support-list-approved")
    with page.expect_download() as download:
        page.click("text=In danh sách chi trả (PDF)")
    saved = tmp_path / "chi-tra.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes()[:5] == b"%PDF-"
    ui.logout(page)


def test_plan_house_approval_acceptance_and_closed_deprivation(page, tmp_path, login, logout, screenshot):
    ui = SimpleNamespace(login=login, logout=logout, screenshot=screenshot)
    household = poor_household()
    household_url = f"{page.base_url}/ho/{household.pk}/"

    login(page, "xa.aluoi1")
    page.goto(household_url)
    page.wait_for_selector("[data-testid=assessment]")
    assert "Hộ nghèo" in page.locator("[data-testid=assessment]").inner_text()
    screenshot(page, "60-support-household")

    page.click("[data-testid=support] >> text=Lập kế hoạch hỗ trợ hộ")
    page.wait_for_selector("#id_helper_name")
    page.locator("input[name=causes]").first.check()
    page.fill("#id_helper_name", "Nguyễn Văn Bình")
    page.fill("#id_helper_organisation", "Hội Nông dân xã")
    page.check("#id_registers_to_escape")
    screenshot(page, "61-support-plan")
    page.click("text=Lưu kế hoạch")
    page.wait_for_selector("[data-testid=support] >> text=người giúp đỡ: Nguyễn Văn Bình")

    page.click("[data-testid=support] >> text=Đề xuất hỗ trợ nhà ở")
    page.wait_for_selector("text=Thiếu hụt nhà ở theo phiếu")
    page.select_option("#id_support_type", label="Hỗ trợ xây mới nhà ở (Dự án 5)")
    page.select_option("#id_work", "new")
    page.click("text=Lập hồ sơ")
    page.wait_for_selector(".badge:text-is('Đề xuất')")
    case_url = page.url
    logout(page)

    login(page, "chutich.aluoi1")
    page.goto(case_url)
    page.fill("#id_decision_number", "15/QĐ-UBND")
    page.fill("#id_central", "40000000")
    page.click("button:text-is('Phê duyệt')")
    page.wait_for_selector(".badge:text-is('Đã phê duyệt')")
    screenshot(page, "62-support-housing-approved")
    logout(page)
    health_insurance_list(page, tmp_path, ui)

    build_and_accept(page, case_url, ui)
    screenshot(page, "63-support-housing-accepted")
    resurvey(household)
    page.goto(household_url)
    row = page.locator("[data-testid=support] tr", has_text="Chất lượng nhà ở")
    assert "Đã hết thiếu hụt" in row.inner_text()
    assert "Hỗ trợ xây mới nhà ở (Dự án 5)" in row.inner_text()
    screenshot(page, "64-support-deprivation-closed")
    logout(page)

    login(page, "xa.aluoi2")
    for url in (household_url, case_url):
        response = page.goto(url)
        assert response is not None and response.status == 404
