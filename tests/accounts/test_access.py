"""Scoping: a user sees their area and nothing else, in selectors, pages, exports and the API."""

from __future__ import annotations

import pytest

from giamngheo.accounts.access import has_permission, unit_get_for_user, units_for_user
from giamngheo.accounts.roles import Permission, Role
from giamngheo.areas.services import village_create
from giamngheo.core.errors import NotFound
from giamngheo.geo.models import AdminUnit, Level, Tree
from tests.fixtures.people import client_for, make_user

pytestmark = pytest.mark.django_db


def test_commune_officer_sees_own_commune_and_its_villages_only(officer_a, commune_a, commune_b, admin_user):
    village = village_create(actor=admin_user, commune=commune_a, name="Thôn 1")
    other = village_create(actor=admin_user, commune=commune_b, name="Thôn 1")
    visible = set(units_for_user(officer_a).filter(tree=Tree.CURRENT).values_list("pk", flat=True))
    assert visible == {commune_a.pk, village.pk}
    assert other.pk not in visible


def test_commune_officer_sees_the_old_communes_that_formed_theirs(officer_a, commune_a):
    legacy = set(units_for_user(officer_a).filter(tree=Tree.LEGACY).values_list("name", flat=True))
    assert legacy == {"Xã Hồng Vân", "Xã Hồng Kim", "Xã Trung Sơn", "Xã Hồng Thủy"}


def test_province_officer_sees_whole_province_and_its_legacy_tree_but_not_another(
    province_officer, hue, son_la
):
    units = units_for_user(province_officer)
    assert units.filter(tree=Tree.CURRENT, level=Level.COMMUNE).count() == 40
    assert not units.filter(pk=son_la.pk).exists()
    assert units.filter(tree=Tree.LEGACY, level=Level.DISTRICT, name="Huyện A Lưới").exists()
    assert not units.filter(tree=Tree.LEGACY, province__code="14").exists()


def test_village_reviewer_sees_only_the_village(admin_user, commune_a):
    village = village_create(actor=admin_user, commune=commune_a, name="Thôn 2")
    reviewer = make_user("ra_soat", Role.VILLAGE_REVIEWER, village)
    assert list(units_for_user(reviewer)) == [village]


def test_user_without_assignment_sees_nothing(db):
    from giamngheo.accounts.models import User

    nobody = User.objects.create_user(username="nobody", password="x")
    assert units_for_user(nobody).count() == 0


def test_get_for_user_raises_not_found_outside_the_area(officer_a, commune_b):
    with pytest.raises(NotFound):
        unit_get_for_user(officer_a, commune_b.pk)


def test_permissions_follow_role_and_area(officer_a, province_officer, commune_a, commune_b):
    assert has_permission(officer_a, Permission.MANAGE_VILLAGES, commune_a)
    assert not has_permission(officer_a, Permission.MANAGE_VILLAGES, commune_b)
    assert not has_permission(officer_a, Permission.EDIT_UNIT_ATTRIBUTES, commune_a)
    assert has_permission(province_officer, Permission.EDIT_UNIT_ATTRIBUTES, commune_b)


def test_unit_page_of_another_commune_is_404(officer_a, commune_a, commune_b):
    client = client_for(officer_a)
    assert client.get(f"/don-vi/{commune_a.pk}/").status_code == 200
    response = client.get(f"/don-vi/{commune_b.pk}/")
    assert response.status_code == 404
    assert "Xã A Lưới 2" not in response.content.decode()


def test_export_of_another_commune_is_404(officer_a, commune_b):
    client = client_for(officer_a)
    assert client.get(f"/don-vi/{commune_b.pk}/xuat.xlsx").status_code == 404
    assert client.get(f"/don-vi/{commune_b.pk}/xuat.csv").status_code == 404


def test_export_of_a_province_holds_only_what_the_user_sees(officer_a, hue, commune_a):
    response = client_for(officer_a).get(f"/don-vi/{commune_a.pk}/xuat.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("Mã,Tên,Loại")
    assert len(lines) == 2 and "Xã A Lưới 1" in lines[1]
    assert client_for(officer_a).get(f"/don-vi/{hue.pk}/xuat.csv").status_code == 404


def test_api_unit_of_another_commune_is_404(officer_a, commune_a, commune_b):
    client = client_for(officer_a)
    assert client.get(f"/api/v1/units/{commune_a.pk}").status_code == 200
    response = client.get(f"/api/v1/units/{commune_b.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get(f"/api/v1/units/{commune_b.pk}/succession").status_code == 404


def test_api_list_is_limited_to_the_area(officer_a, commune_a):
    data = client_for(officer_a).get("/api/v1/units", {"tree": "current", "limit": 1000}).json()
    assert [item["code"] for item in data["items"]] == [commune_a.code]


def test_legacy_unit_of_another_province_is_404_for_province_officer(province_officer):
    other = AdminUnit.objects.get(tree=Tree.LEGACY, level=Level.PROVINCE, code="14")
    assert client_for(province_officer).get(f"/don-vi/{other.pk}/").status_code == 404
