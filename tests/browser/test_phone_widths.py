"""On a 390 px phone nothing but a table scrolling in its box reaches past the screen's edge, on any page."""

from __future__ import annotations

import pytest

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import DEMO_COMMUNES, demo_load
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.catalogue import catalogue_load
from giamngheo.registry.services import household_register
from giamngheo.support.catalogue import support_catalogue_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "xa.aluoi1": ["/", "/ho/", "/ho-tro/", "/ho-tro/so/", "/viec-lam/", "/viec-lam/tuyen-dung/",
                  "/cong-trinh/", "/hoat-dong/", "/ke-hoach/", "/ra-soat/", "/giam-sat/"],
    "tinh.hue": ["/", "/ho/", "/ho-tro/", "/ke-hoach/", "/giam-sat/", "/tai-khoan/nguoi-dung/"],
}  # fmt: skip
# Elements whose right edge passes the screen, outside a table that scrolls in its own box.
PAST_THE_EDGE = """() => [...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))
    .slice(0, 3).map(e => e.tagName + '#' + e.id + '.' + e.className)"""


def test_no_page_reaches_past_a_phones_edge(page, login, logout):
    demo_load()
    catalogue_load()
    support_catalogue_load()  # long support type names in the list form's select
    officer = User.objects.get(username="xa.aluoi1")
    commune = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.COMMUNE, code=DEMO_COMMUNES[0])
    household_register(
        actor=officer, commune=commune, village=None,
        head={"full_name": "Hồ Thị Phương Thảo Nguyên", "sex": "female", "birth_year": 1988},
    )  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    wide = {}
    for username, paths in PAGES.items():
        login(page, username)
        for path in paths:
            page.goto(f"{page.base_url}{path}")
            found = page.evaluate(PAST_THE_EDGE)
            if found or page.evaluate("document.documentElement.scrollWidth") > 391:
                wide[f"{username} {path}"] = found
        logout(page)
    assert wide == {}
