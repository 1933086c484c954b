"""A province manager, on a 390 px phone, creates a service token (secret shown once) and revokes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from giamngheo.api.models import ServiceToken
from giamngheo.demo.accounts import demo_load
from giamngheo.geo.models import AdminUnit

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


def test_create_then_revoke_a_token_on_a_phone(phone, login):
    demo_load()
    page = phone
    login(page, "tinh.hue")
    page.goto(f"{page.base_url}/ma-truy-cap-dich-vu/")
    page.fill("#id_name", "Cổng dữ liệu Sở Y tế")
    page.select_option("#id_unit", label="Thành phố Huế")
    page.check("input[name=scopes][value='households:read']")
    page.click("button:has-text('Tạo mã')")

    secret = page.get_by_test_id("new-token")
    expect(secret).to_contain_text("gns_")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    token = ServiceToken.objects.get()
    assert secret.inner_text().startswith(token.prefix)

    page.goto(f"{page.base_url}/ma-truy-cap-dich-vu/")
    expect(page.get_by_test_id("new-token")).to_have_count(0)
    page.click("button:has-text('Thu hồi')")
    expect(page.locator("text=đã thu hồi").first).to_be_visible()
    token.refresh_from_db()
    assert token.revoked_at is not None
