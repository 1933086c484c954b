"""Seed 003's rows for units merged before July 2025 (Thành phố Huế as a district, Huyện Nam Đông) have no
unit in the installed packages (docs/geo.md): the plan page says why their results cannot be computed."""

from __future__ import annotations

import pytest

from giamngheo.demo.plans import demo_plans_load
from giamngheo.geo.models import AdminUnit, Tree
from giamngheo.programs.models import Plan
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def test_the_packages_hold_neither_nam_dong_district_nor_dien_huong():
    legacy = AdminUnit.objects.filter(tree=Tree.LEGACY)
    assert not legacy.filter(level="district", name="Huyện Nam Đông").exists()
    assert not legacy.filter(name="Xã Điền Hương").exists()
    assert not legacy.filter(level="district", name="Thành phố Huế").exists()


def test_rows_without_a_unit_show_why_they_cannot_be_computed(admin_user, province_officer):
    demo_plans_load(admin_user)
    plan = Plan.objects.get(number="03/KH-UBND")
    html = client_for(province_officer).get(f"/ke-hoach/{plan.pk}/").content.decode()
    unitless = plan.allocations.filter(unit__isnull=True).count()
    assert unitless == 2
    assert html.count('data-testid="no-unit"') == unitless
    assert "Từ 01/01/2025 nhập vào huyện Phú Lộc" in html
