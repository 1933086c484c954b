"""A provincial officer records a road under Project 1, its progress, and finds it on the list and the map."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from giamngheo.demo.accounts import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_a_road_record_progress_see_it_on_the_list_and_map(page, login, screenshot):
    demo_load()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    login(page, "tinh.hue")
    page.goto(f"{page.base_url}/cong-trinh/")
    page.click("text=Thêm công trình")
    page.fill("#id_name", "Đường liên thôn Ka Vân")
    page.select_option("#id_kind", "road")
    page.select_option("#id_commune", label="Xã A Lưới 1")
    page.fill("#id_started_on", "2026-03-01")
    page.fill("#id_latitude", "16.2184")
    page.fill("#id_longitude", "107.2765")
    page.fill("#id_capital_central", "4200")
    page.click("button:text-is('Lưu')")
    expect(page.locator("h1")).to_have_text("Đường liên thôn Ka Vân")
    page.fill("#id_on", "2026-06-30")
    page.fill("#id_percent", "40")
    page.fill("#id_note", "Xong nền đường")
    page.click("button:text-is('Ghi tiến độ')")
    expect(page.locator("#progress-table tbody tr")).to_have_count(1)
    expect(page.locator("#work-status")).to_have_text("Đang thi công")
    screenshot(page, "95-works-road")

    page.click("nav.tabs >> text=Công trình hạ tầng")
    row = page.locator("#works-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Đường liên thôn Ka Vân")
    expect(row).to_contain_text("40 %")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(row).to_be_visible()
    screenshot(page, "95-works-list-390")

    page.goto(f"{page.base_url}/cong-trinh/ban-do/")
    expect(page.locator("#works-map")).to_have_attribute("data-markers", "1")
    expect(page.locator("#works-map path.works-marker-work")).to_have_count(1)
    expect(page.locator("#works-map .works-place")).to_have_text("Xã A Lưới 1")
    assert page.locator("#works-map").bounding_box()["width"] <= 390
    screenshot(page, "95-works-map-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("#works-map path.works-marker-work").click()
    expect(page.locator(".leaflet-popup-content a")).to_have_text("Đường liên thôn Ka Vân")
    screenshot(page, "95-works-map")
    # the map is served from this site only: no tile or script request leaves it
    assert [url for url in requests if not url.startswith(page.base_url)] == []
