"""A province officer re-classifies the province from the page and reads its figures, at 1366 and 390 px."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import DEMO_COMMUNES, demo_load
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.models import AnnualRun
from giamngheo.registry.services import household_register
from giamngheo.registry.surveys import survey_submit
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _surveyed_household() -> None:
    demo_load()
    officer = User.objects.get(username="xa.aluoi1")
    commune = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.COMMUNE, code=DEMO_COMMUNES[0])
    household = household_register(
        actor=officer,
        commune=commune,
        village=None,
        head={"full_name": "Hồ Văn Tâm", "sex": "male", "birth_year": 1980},
    )
    household.refresh_from_db()
    survey_submit(
        actor=officer,
        household=household,
        reference_date=dt.date(2025, 10, 1),
        household_values=dict(COMFORTABLE_HOUSEHOLD, income_per_capita=1_200_000),
        member_values={household.members.get().pk: dict(HEALTHY_ADULT)},
        version=household.version,
    )


def test_the_province_is_reclassified_from_the_page(page, login, screenshot):
    _surveyed_household()
    login(page, "tinh.hue")
    page.goto(f"{page.base_url}/ho/")
    page.click("[data-testid=annual-runs-link]")
    page.wait_for_selector("[data-testid=annual-form]")
    page.click("[data-testid=annual-form] button[type=submit]")
    page.wait_for_selector("[data-testid=annual-status][data-status=done]")
    assert page.locator("[data-testid=annual-assessed]").inner_text() == "1"
    assert page.locator("[data-testid=annual-communes] tbody tr").count() == 1
    assert AnnualRun.objects.get().status == "done"
    screenshot(page, "annual-run-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector("[data-testid=annual-communes]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "annual-run-390")
