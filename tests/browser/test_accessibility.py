"""axe-core finds no critical or serious problem on the main pages of every role (desktop and phone)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import demo_load
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.models import Plan
from giamngheo.reviews.services import campaign_create
from tests.browser.accessibility import axe_findings
from tests.browser.conftest import _login
from tests.fixtures.village import COMMUNE, surveyed_household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(live_server: Any) -> dict[str, Any]:
    from giamngheo.demo.plans import demo_plans_load
    from giamngheo.geo.loader import admin_units_load

    if not AdminUnit.objects.exists():
        admin_units_load()
    demo_load()
    province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code="46")
    today = timezone.localdate()
    campaign = campaign_create(
        actor=User.objects.get(username="tinh.hue"),
        province=province,
        year=today.year,
        kind="annual",
        starts_on=today,
        ends_on=today + dt.timedelta(days=60),
    )
    demo_plans_load(User.objects.get(username="quantri"))
    return {
        "household": surveyed_household(),
        "campaign": campaign,
        "plan": Plan.objects.order_by("pk").first(),
    }


DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def checked_page(chromium: Any, live_server: Any, request: Any) -> Iterator[Any]:
    # axe is injected as a script, which the Content-Security-Policy refuses: this context bypasses it
    context = chromium.new_context(locale="vi-VN", viewport=request.param, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


def pages_of(world: dict[str, Any]) -> dict[str, list[str]]:
    household, campaign, plan = world["household"].pk, world["campaign"].pk, world["plan"].pk
    commune = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.COMMUNE, code=COMMUNE).pk
    return {
        "thon.aluoi1": ["/", "/ho/", f"/ho/{household}/", f"/ho/{household}/phieu/"],
        "xa.aluoi1": [
            "/",
            "/ho/",
            f"/ho/{household}/",
            f"/ho/{household}/phieu/",
            "/ra-soat/",
            f"/ra-soat/{campaign}/xa/{commune}/",
            "/ho-tro/",
            "/ho-tro/so-theo-doi/",
        ],
        "chutich.aluoi1": ["/", f"/ra-soat/{campaign}/xa/{commune}/"],
        "tinh.hue": [
            "/",
            "/ra-soat/",
            f"/ra-soat/{campaign}/",
            "/ke-hoach/",
            f"/ke-hoach/{plan}/",
            "/giam-sat/dot/",
            "/ma-truy-cap-dich-vu/",
        ],
        "nganh.yte": ["/", "/ho-tro/", "/ho-tro/danh-muc/"],
        "giamsat.hue": ["/", "/ho/", f"/ho/{household}/"],
    }


def test_main_pages_of_every_role_have_no_serious_accessibility_problem(checked_page, world):
    page = checked_page
    page.goto(f"{page.base_url}/tai-khoan/dang-nhap/")
    findings = axe_findings(page)
    pages = pages_of(world)
    if page.viewport_size == PHONE:  # on a phone: the field work of the village reviewer and the commune
        pages = {"thon.aluoi1": pages["thon.aluoi1"], "xa.aluoi1": pages["xa.aluoi1"][:4]}
    for username, paths in pages.items():
        _login(page, username)
        for path in paths:
            response = page.goto(f"{page.base_url}{path}")
            assert response is not None and response.status == 200, (username, path)
            page.wait_for_load_state("networkidle")
            # the menu folds behind a button on a phone only
            assert page.locator(".menu-toggle").is_visible() == (page.viewport_size == PHONE)
            findings += [f"{username} {finding}" for finding in axe_findings(page)]
        page.context.clear_cookies()
    assert findings == []
