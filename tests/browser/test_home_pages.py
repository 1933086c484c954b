"""Each demo role signs in and lands on its home page with its queue and charts, at 1366 px and 390 px."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import DEMO_COMMUNES, demo_load
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.reviews.services import campaign_create, cases_list
from giamngheo.reviews.services.campaigns import review_request_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# username → a section of its queue that must show
ROLES = {
    "xa.aluoi1": "section-campaign",
    "chutich.aluoi1": "section-decisions",
    "thon.aluoi1": "section-survey",
    "tinh.hue": "section-progress",
    "nganh.yte": "section-my_tasks",
    "giamsat.hue": "section-reports",
}


def _world() -> None:
    """The demo accounts, a poor household in village 1 of A Lưới 1 with a request, an open campaign."""
    from giamngheo.registry.models import Household
    from giamngheo.registry.services import household_register

    demo_load()
    officer = User.objects.get(username="xa.aluoi1")
    commune = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.COMMUNE, code=DEMO_COMMUNES[0])
    village = AdminUnit.objects.filter(parent=commune, level=Level.VILLAGE).order_by("code").first()
    for number, status in enumerate(["poor", "near_poor", "none"], start=1):
        household = household_register(
            actor=officer,
            commune=commune,
            village=village,
            head={"full_name": f"Hồ Văn Hộ {number}", "sex": "male", "birth_year": 1975},
        )
        Household.objects.filter(pk=household.pk).update(status=status)
    campaign = campaign_create(
        actor=User.objects.get(username="tinh.hue"),
        province=commune.province,
        year=2026,
        kind="annual",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 12, 14),
    )
    cases_list(actor=officer, campaign=campaign, commune=commune)
    first = Household.objects.filter(commune=commune).order_by("pk").first()
    review_request_record(actor=officer, household=first, form="04", received_on=dt.date(2026, 11, 10))


def test_each_role_lands_on_its_home_page_on_desktop_and_phone(page, login, logout, screenshot):
    _world()
    for username, section in ROLES.items():
        page.set_viewport_size({"width": 1366, "height": 900})
        login(page, username)
        assert page.locator(f"[data-testid={section}]").is_visible()
        assert page.locator("[data-testid=kpis]").is_visible()
        assert page.locator("svg.bar-chart").count() >= 3
        screenshot(page, f"home-{username}-1366")
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        page.wait_for_selector(f"[data-testid={section}]")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, f"home-{username}-390")
        logout(page)


def test_a_slow_link_says_that_work_is_going_on(page, login):
    _world()
    login(page, "tinh.hue")
    assert page.locator("#loading").is_hidden()
    # Keep the page in place after the click (the report would replace it), to see the notice.
    page.evaluate("window.addEventListener('click', (event) => event.preventDefault())")
    page.click("[data-testid=section-progress] a[data-loading]")
    assert page.locator("#loading").is_visible()
    assert page.locator("#loading").inner_text() == "Đang xử lý, xin chờ…"
