from __future__ import annotations

import pytest
from django.test import Client

from giamngheo.accounts.services import api_token_create
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def test_openapi_schema_lists_the_unit_endpoints(db):
    schema = Client().get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/units",
        "/api/v1/units/{unit_id}",
        "/api/v1/units/{unit_id}/succession",
        "/api/v1/me",
    } <= set(schema["paths"])


def test_api_needs_authentication(db):
    assert Client().get("/api/v1/units").status_code == 401
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer gn_wrong").status_code == 401


def test_token_auth_reaches_only_the_area(officer_a, commune_a, commune_b):
    _token, raw = api_token_create(actor=officer_a, user=officer_a, name="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    me = client.get("/api/v1/me").json()
    assert me["username"] == "xa_a"
    assert me["assignments"][0]["unit"]["code"] == commune_a.code
    assert client.get(f"/api/v1/units/{commune_a.pk}").status_code == 200
    assert client.get(f"/api/v1/units/{commune_b.pk}").status_code == 404


def test_unit_filters_by_level_parent_and_valid_on(admin_user, hue):
    client = client_for(admin_user)
    communes = client.get("/api/v1/units", {"parent": hue.pk, "limit": 100}).json()
    assert communes["count"] == 40
    assert {item["level"] for item in communes["items"]} == {"commune"}
    provinces_2024 = client.get("/api/v1/units", {"level": "province", "valid_on": "2024-06-01"}).json()
    assert provinces_2024["count"] == 63
    assert client.get("/api/v1/units", {"level": "nonsense"}).status_code == 422


def test_unit_detail_has_ancestors_and_attributes(admin_user, commune_a):
    data = client_for(admin_user).get(f"/api/v1/units/{commune_a.pk}").json()
    assert data["name"] == "Xã A Lưới 1"
    assert [ancestor["code"] for ancestor in data["ancestors"]] == ["46"]
    assert {(a["kind"], a["value"]) for a in data["attributes"]} == {("area_type", "rural")}


def test_succession_of_a_split_commune(admin_user):
    from giamngheo.geo.models import Succession

    split = Succession.objects.filter(is_partial=True).select_related("predecessor").first()
    data = client_for(admin_user).get(f"/api/v1/units/{split.predecessor_id}/succession").json()
    assert len(data["successors"]) >= 2
    assert sum(row["is_primary"] for row in data["successors"]) == 1
