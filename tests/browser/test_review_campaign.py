"""A whole annual review in the browser: open, list, survey, meet, post, decide, report, approve."""

from __future__ import annotations

import pytest

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import demo_load
from giamngheo.geo.models import AdminUnit
from tests.fixtures.reviews import make_household, poor_values, survey

# The page's own content (the shared menu in base.html belongs to the mobile layout work).
WIDEST = """[...document.querySelectorAll('main.page *')].filter(e => e.getBoundingClientRect().right > 391)
  .map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 12)"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_workspace(page):
    page.goto(f"{page.base_url}/ra-soat/")
    page.click("[data-testid=campaigns] a")
    page.click("[data-testid=progress] >> text=Xã A Lưới 1")
    page.wait_for_selector("h1:has-text('Xã A Lưới 1')")


def test_annual_review_from_listing_to_approval(page, tmp_path, login, logout, screenshot):  # noqa: PLR0915 — one user journey
    demo_load()
    officer = User.objects.get(username="xa.aluoi1")
    commune = AdminUnit.objects.get(tree="current", code="20056")
    village = AdminUnit.objects.get(parent=commune, name="Thôn 1")
    escaping = make_household(officer, commune, village, "Hồ Văn Khá Lên", "poor")
    sinking = make_household(officer, commune, village, "Hồ Văn Sa Sút", "near_poor")

    login(page, "tinh.hue")
    page.goto(f"{page.base_url}/ra-soat/")
    form = page.locator("[data-testid=campaign-form]")
    form.locator("#id_starts_on").fill("1/9/2026")
    form.locator("#id_ends_on").fill("14/12/2026")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("[data-testid=progress]")
    logout(page)

    login(page, "xa.aluoi1")
    open_workspace(page)
    page.click("[data-testid=list]")
    page.wait_for_selector(f"[data-testid=case-{escaping.code}]")
    assert "Chưa thể ra quyết định: 2 hộ chưa đủ bước." in page.locator("[data-testid=decision]").inner_text()
    assert page.locator("[data-testid=stepper-listed] .count").inner_text() == "2"

    page.click(f"[data-testid=case-{escaping.code}] >> text={escaping.code}")
    page.click("text=Nhập phiếu rà soát")
    page.fill("#id_h-income_per_capita", "5000000")
    page.click("#survey-save")
    page.wait_for_selector(".flash-success")
    survey(officer, sinking, poor_values())

    open_workspace(page)
    page.click("[data-testid=collect]")
    page.wait_for_selector(".flash-success")
    section = page.locator(f"[data-testid='village-{village.code}']")
    section.locator("summary:has-text('3. Ghi nhận họp dân')").click()
    section.locator("#id_held_on").fill("5/10/2026")
    section.locator("#id_attendees").fill("30")
    section.locator("#id_chaired_by").fill("Hồ Văn Trưởng")
    section.locator("#id_secretary").fill("Kăn Thị Thư")
    minutes = tmp_path / "bien-ban.pdf"
    minutes.write_bytes(b"%PDF-1.4 bien ban hop dan")
    section.locator("#id_minutes").set_input_files(str(minutes))
    for agree in section.locator("input[name^=agree_]").all():
        agree.fill("25")
    section.locator("[data-testid=meeting-submit]").click()
    page.wait_for_selector(".flash-success")
    section = page.locator(f"[data-testid='village-{village.code}']")
    section.locator("summary:has-text('4. Niêm yết công khai')").click()
    section.locator("#id_starts_on").fill("8/10/2026")
    section.locator("[data-testid=posting-submit]").click()
    page.wait_for_selector(".flash-success")
    screenshot(page, "20-review-posted")
    logout(page)

    login(page, "chutich.aluoi1")
    open_workspace(page)
    decision = page.locator("[data-testid=decision]")
    decision.locator("#id_number").fill("125/QĐ-UBND")
    decision.locator("#id_signed_on").fill("12/10/2026")  # the last day of the posting
    decision.locator("[data-testid=decision-submit]").click()
    assert "ký từ ngày 13/10/2026" in page.locator("[data-testid=earliest]").inner_text()
    page.goto(page.url.replace("quyet-dinh/", ""))
    decision = page.locator("[data-testid=decision]")
    decision.locator("#id_number").fill("125/QĐ-UBND")
    decision.locator("#id_signed_on").fill("20/10/2026")
    decision.locator("[data-testid=decision-submit]").click()
    summary = page.locator("[data-testid=decision-summary]").inner_text()
    assert "Thoát nghèo" in summary and "Hộ cận nghèo trở thành hộ nghèo" in summary
    screenshot(page, "22-review-decision-confirm")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "23-review-decision-confirm-390")
    assert page.evaluate(WIDEST) == []
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click("[data-testid=decision-confirm-submit]")
    page.wait_for_selector(".flash-success")
    assert (
        "Quyết định số 125/QĐ-UBND ngày 20/10/2026"
        in page.locator("[data-testid=decision-made]").inner_text()
    )
    steps = page.locator("[data-testid=step]").all_inner_texts()
    assert steps == ["Đã có quyết định công nhận"] * 2
    logout(page)

    login(page, "xa.aluoi1")
    open_workspace(page)
    page.click("[data-testid=submit-province]")
    page.wait_for_selector(".flash-success")
    logout(page)

    login(page, "tinh.hue")
    page.goto(f"{page.base_url}/ra-soat/")
    page.click("[data-testid=campaigns] a")
    page.click(f"[data-testid=review-{commune.code}] summary")
    page.check(f"[data-testid=approve-confirm-{commune.code}]")
    page.click(f"[data-testid=approve-{commune.code}]")
    page.wait_for_selector(".flash-success")
    assert "Đã phê duyệt" in page.locator("[data-testid=progress]").inner_text()
    screenshot(page, "21-review-approved")

    escaping.refresh_from_db()
    sinking.refresh_from_db()
    assert (escaping.status, sinking.status) == ("none", "poor")
