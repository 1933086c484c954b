"""The works API: lists and details scoped like the pages, a work created and its progress recorded."""

from __future__ import annotations

import json

import pytest

from giamngheo.works.models import Work, WorkProgress
from giamngheo.works.services.livelihood import participant_add
from tests.fixtures.people import client_for
from tests.fixtures.works import TODAY

pytestmark = pytest.mark.django_db


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_a_commune_lists_creates_and_records_progress(officer_a, commune_a, road):
    client = client_for(officer_a)
    listed = client.get("/api/v1/works", {"kind": "road"}).json()
    assert [item["name"] for item in listed["items"]] == [road.name]
    detail = client.get(f"/api/v1/works/{road.pk}").json()
    assert {row["source"]: row["amount"] for row in detail["capital"]} == {
        "central": "1500.000",
        "province": "250.500",
    }
    created = post(
        client,
        "/api/v1/works",
        {"commune_id": commune_a.pk, "name": "Cầu treo", "kind": "bridge", "capital": {"central": "900"}},
    )
    assert created.status_code == 200, created.content
    work_id = created.json()["id"]
    progress = post(client, f"/api/v1/works/{work_id}/progress", {"on": "2026-11-01", "percent": 100})
    assert progress.status_code == 200
    assert client.get(f"/api/v1/works/{work_id}").json()["status"] == "completed"


def test_bad_bodies_are_refused_with_the_field(officer_a, commune_a, road):
    client = client_for(officer_a)
    assert (
        post(client, "/api/v1/works", {"commune_id": commune_a.pk, "name": "X", "kind": "ufo"}).status_code
        == 400
    )
    assert (
        post(client, f"/api/v1/works/{road.pk}/progress", {"on": "2026-11-01", "percent": 101}).status_code
        == 422
    )
    assert (
        post(
            client, f"/api/v1/works/{road.pk}/progress", {"on": "2026-11-01", "percent": 5, "x": 1}
        ).status_code
        == 422
    )
    assert Work.objects.count() == 1 and WorkProgress.objects.count() == 0


def test_another_commune_gets_404_and_sees_no_rows(officer_b, commune_a, road, goat_model):
    client = client_for(officer_b)
    assert client.get("/api/v1/works").json()["count"] == 0
    assert client.get(f"/api/v1/works/{road.pk}").status_code == 404
    assert client.get(f"/api/v1/livelihood-models/{goat_model.pk}").status_code == 404
    assert client.get(f"/api/v1/livelihood-models/{goat_model.pk}/participants").status_code == 404
    refused = post(client, f"/api/v1/works/{road.pk}/progress", {"on": "2026-11-01", "percent": 10})
    assert refused.status_code == 404
    created = post(client, "/api/v1/works", {"commune_id": commune_a.pk, "name": "Cầu", "kind": "bridge"})
    assert created.status_code == 404
    assert WorkProgress.objects.count() == 0 and Work.objects.count() == 1


def test_models_with_their_households_and_latest_result(officer_a, goat_model, poor_household):
    participant_add(actor=officer_a, model=goat_model, household=poor_household, joined_on=TODAY, today=TODAY)
    client = client_for(officer_a)
    listed = client.get("/api/v1/livelihood-models").json()["items"]
    assert [(m["name"], m["households"], m["poor"], m["latest_result"]) for m in listed] == [
        (goat_model.name, 1, 1, None)
    ]
    rows = client.get(f"/api/v1/livelihood-models/{goat_model.pk}/participants").json()["items"]
    assert [(r["household_code"], r["status_at_joining"]) for r in rows] == [(poor_household.code, "poor")]


def test_the_openapi_document_names_the_works_operations(officer_a):
    paths = client_for(officer_a).get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/works", "/api/v1/works/{work_id}/progress", "/api/v1/livelihood-models"} <= set(paths)
