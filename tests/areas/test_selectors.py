from __future__ import annotations

import datetime

import pytest

from giamngheo.areas import selectors
from giamngheo.areas.services import village_create
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.geo.selectors import unit_ancestors

pytestmark = pytest.mark.django_db


def test_subtree_of_a_province_is_one_query(province_officer, hue, django_assert_num_queries):
    province_officer.assignments.all()  # warm nothing: the access layer reads assignments itself
    with django_assert_num_queries(2):  # the user's assignments, then the subtree
        units = list(selectors.unit_subtree(province_officer, hue))
    assert (
        len(units)
        == 1 + AdminUnit.objects.filter(tree=Tree.CURRENT, level=Level.COMMUNE, province=hue).count()
    )
    assert {unit.province_id for unit in units} == {hue.pk}


def test_subtree_filter_uses_the_ancestor_column(hue):
    sql = str(AdminUnit.objects.filter(hue.subtree_filter()).query)
    assert '"province_id" =' in sql
    assert "LIKE" not in sql


def test_children_come_with_counts_in_two_queries(
    province_officer, hue, commune_a, django_assert_num_queries
):
    village_create(actor=province_officer, commune=commune_a, name="Thôn Ka Vân")
    province_officer.__dict__.pop("_giamngheo_assignments", None)
    with django_assert_num_queries(3):
        rows = selectors.unit_children_with_counts(province_officer, hue)
    counts = {row.unit.code: row.children for row in rows}
    assert counts[commune_a.code] == 1
    assert len(rows) == 40


def test_unit_list_filters_by_valid_on_and_accent_free_search(admin_user):
    before_reform = selectors.unit_list(admin_user, level=Level.PROVINCE, valid_on=datetime.date(2024, 1, 1))
    after_reform = selectors.unit_list(admin_user, level=Level.PROVINCE, valid_on=datetime.date(2026, 1, 1))
    assert before_reform.count() == 63
    assert after_reform.count() == 34
    found = selectors.unit_list(admin_user, tree=Tree.CURRENT, search="a luoi 1")
    assert [unit.name for unit in found] == ["Xã A Lưới 1"]


def test_district_successors_are_those_of_its_communes(admin_user):
    a_luoi = AdminUnit.objects.get(tree=Tree.LEGACY, level=Level.DISTRICT, code="481")
    _predecessors, successors = selectors.unit_successions(admin_user, a_luoi)
    assert {s.successor.name for s in successors} == {f"Xã A Lưới {n}" for n in range(1, 6)}


def test_ancestors_for_breadcrumbs(commune_a, hue):
    assert unit_ancestors(commune_a) == [hue]
