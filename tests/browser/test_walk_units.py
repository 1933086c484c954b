"""A province officer signs in and walks from the province down to a commune and its villages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from giamngheo.demo.accounts import DEMO_PASSWORD, demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_province_officer_walks_province_to_commune(page, screenshot):
    demo_load()
    page.goto(f"{page.base_url}/")
    assert "/tai-khoan/dang-nhap/" in page.url
    page.fill("#id_username", "tinh.hue")
    page.fill("#id_password", DEMO_PASSWORD)
    screenshot(page, "01-login")
    page.click("#login-submit")

    page.wait_for_selector("text=Xin chào")
    assert page.locator("[data-testid=roots]").inner_text().count("Thành phố Huế") == 1
    screenshot(page, "02-home")

    page.click("[data-testid=roots] >> text=Thành phố Huế")
    page.wait_for_selector("h1:has-text('Thành phố Huế')")
    rows = page.locator("[data-testid=children] tbody tr")
    expect(rows).to_have_count(40)
    screenshot(page, "03-province")

    page.click("[data-testid=children] >> text=Xã A Lưới 1")
    page.wait_for_selector("h1:has-text('Xã A Lưới 1')")
    assert "Thành phố Huế" in page.locator(".breadcrumbs").inner_text()
    expect(page.locator("[data-testid=children] tbody tr")).to_have_count(6)
    assert "Xã Hồng Vân" in page.locator("[data-testid=predecessors]").inner_text()
    screenshot(page, "04-commune")

    page.click("[data-testid=predecessors] >> text=Xã Hồng Vân")
    page.wait_for_selector("h1:has-text('Xã Hồng Vân')")
    assert "Xã A Lưới 1" in page.locator("[data-testid=successors]").inner_text()


def test_commune_officer_adds_a_village_and_cannot_open_another_commune(page, login, screenshot):
    demo_load()
    login(page, "xa.aluoi1")
    page.click("[data-testid=roots] >> text=Xã A Lưới 1")
    form = page.locator("[data-testid=village-form]")
    form.locator("input[name=name]").fill("Thôn Ka Vân")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success")
    assert "Thôn Ka Vân" in page.locator("[data-testid=children]").inner_text()
    screenshot(page, "05-village-added")

    from giamngheo.geo.models import AdminUnit

    other = AdminUnit.objects.get(tree="current", code="20044")
    response = page.goto(f"{page.base_url}/don-vi/{other.pk}/")
    assert response is not None and response.status == 404
    assert "Không tìm thấy" in page.content()
