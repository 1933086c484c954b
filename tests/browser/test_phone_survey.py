"""The village reviewer surveys a household on a 390 px phone; her session ends mid-form; nothing is lost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from giamngheo.demo.accounts import demo_load
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import SurveyDraft, SurveyRound
from tests.fixtures.village import surveyed_household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(chromium: Any, live_server: Any) -> Iterator[Any]:
    from giamngheo.geo.loader import admin_units_load

    if not AdminUnit.objects.exists():
        admin_units_load()
    context = chromium.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


def draft_value(page: Any, field: str) -> str:
    """The server's draft value of a field once the form's requests have settled (tenths of a second)."""
    for _attempt in range(50):
        value = SurveyDraft.objects.get().fields.get(field, "")
        if value == page.locator(f"#id_{field}").input_value():
            return value
        page.wait_for_timeout(100)
    return value


def no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_survey_on_a_phone_survives_the_session_ending(phone, login, screenshot):  # noqa: PLR0915 — one journey
    page = phone
    demo_load()
    household = surveyed_household()
    spouse = household.members.get(full_name="Kăn Thị Hoa")
    login(page, "thon.aluoi1")
    assert page.locator("#mainnav").is_hidden()  # the menu is folded away behind one button
    assert page.locator(".menu-toggle").is_visible()
    assert page.locator(".logout-button").is_visible()  # «Đăng xuất» stays in view on a shared phone
    page.click(".menu-toggle")
    assert page.locator("#mainnav").is_visible()
    screenshot(page, "60-phone-menu-open")

    page.goto(f"{page.base_url}/ho/{household.pk}/")
    members = page.locator("[data-testid=members]")
    # the household's members stack as cards on a phone, each value with its column's name, no sideways scroll
    assert members.evaluate("table => table.scrollWidth <= table.parentElement.clientWidth")
    assert members.locator("thead").bounding_box()["height"] <= 1
    first = members.locator("tbody tr").first.locator("td").nth(1)
    assert (
        page.evaluate("cell => getComputedStyle(cell, '::before').content", first.element_handle())
        == '"Họ và tên"'
    )
    no_sideways_scroll(page)
    screenshot(page, "60b-phone-household")
    page.click("text=Nhập phiếu rà soát")
    page.wait_for_selector("[data-testid=live-category]")
    income = page.locator("#id_h-income_per_capita")
    assert income.input_value() == "3.760.000"
    assert income.get_attribute("type") == "text" and income.get_attribute("inputmode") == "decimal"
    no_sideways_scroll(page)
    expect(page.locator(".member-card")).to_have_count(2)  # members as cards, every field labelled
    assert page.locator("#survey-save").bounding_box()["height"] >= 44
    assert page.locator("#survey-save").is_visible()  # the short result and «Lưu» stay at the bottom
    screenshot(page, "61-phone-survey")

    with page.expect_response(lambda response: "/phieu/" in response.url and response.status == 200):
        income.fill("1.200.000")
        income.dispatch_event("change")
    page.wait_for_selector("[data-testid=live-category]:text-is('Hộ cận nghèo')")
    page.wait_for_selector("[data-testid=draft-saved]")
    assert SurveyDraft.objects.get().fields["h-income_per_capita"] == "1.200.000"

    # the session ends (the cookie is gone) while she goes on with the form
    page.context.clear_cookies(name="sessionid")
    insurance = page.locator(f"#id_m{spouse.pk}-health_insurance")
    with page.expect_response(lambda response: "/phieu/" in response.url and response.status == 401):
        insurance.select_option("false")
    page.wait_for_selector("[data-testid=session-ended]:visible")
    no_sideways_scroll(page)
    screenshot(page, "62-phone-session-ended")

    page.click("[data-testid=session-ended] a")
    page.fill("#id_username", "thon.aluoi1")
    from giamngheo.demo.accounts import DEMO_PASSWORD

    page.fill("#id_password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector("[data-testid=draft-restored]")
    assert page.locator("#id_h-income_per_capita").input_value() == "1.200.000"  # from the server's draft
    assert page.locator(f"#id_m{spouse.pk}-health_insurance").input_value() == "false"  # from the tab's copy
    page.wait_for_selector("[data-testid=draft-saved]")
    assert draft_value(page, f"m{spouse.pk}-health_insurance") == "false"  # the tab's copy is sent again
    no_sideways_scroll(page)
    screenshot(page, "63-phone-draft-restored")

    page.click("#survey-save")
    page.wait_for_selector(".flash-success")
    no_sideways_scroll(page)
    screenshot(page, "64-phone-household-saved")
    latest = SurveyRound.objects.filter(household=household).order_by("-id").first()
    assert latest is not None and latest.income_per_capita == 1_200_000
    assert latest.member_facts.get(member=spouse).health_insurance is False
    assert not SurveyDraft.objects.exists()
    assert "3.760.000" in page.locator(".changes").first.inner_text()
