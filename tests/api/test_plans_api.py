"""API for plans, indicators and indicator values: scoped reads, writes only for entered indicators."""

from __future__ import annotations

import json

import pytest

from giamngheo.demo.plans import demo_plans_load
from giamngheo.monitoring.models import IndicatorValue
from giamngheo.programs.models import Plan
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(admin_user):
    demo_plans_load(admin_user)
    return {plan.number: plan for plan in Plan.objects.all()}


def post(client, data):
    return client.post("/api/v1/indicator-values", json.dumps(data), content_type="application/json")


def test_plans_are_scoped_and_detail_carries_the_computed_allocation(plans, province_officer):
    client = client_for(province_officer)
    listed = client.get("/api/v1/plans").json()
    assert sorted(item["number"] for item in listed["items"]) == ["03/KH-UBND", "121/KH-UBND"]
    detail = client.get(f"/api/v1/plans/{plans['03/KH-UBND'].pk}").json()
    assert [row["target_rate"] for row in detail["allocation"]][-1] == "15.83"
    assert client.get(f"/api/v1/plans/{plans['234/KH-UBND'].pk}").status_code == 404


def test_commune_enters_a_value_for_itself_only(plans, officer_a, commune_a, commune_b):
    client = client_for(officer_a)
    base = {"indicator": "workers_job_connected", "year": 2026, "period_kind": "half_year", "value": "12"}
    assert post(client, {**base, "unit_id": commune_a.pk}).status_code == 200
    assert post(client, {**base, "unit_id": commune_b.pk}).status_code == 404
    computed = post(client, {**base, "unit_id": commune_a.pk, "indicator": "poverty_rate"})
    assert computed.status_code == 400
    assert computed.json()["field"] == "indicator"
    assert IndicatorValue.objects.count() == 1
    values = client_for(officer_a).get("/api/v1/indicator-values").json()["items"]
    assert [(v["indicator"], v["value"]) for v in values] == [("workers_job_connected", "12.000")]


def test_other_commune_does_not_see_the_value(plans, officer_a, officer_b, commune_a):
    post(
        client_for(officer_a),
        {
            "indicator": "workers_trained",
            "unit_id": commune_a.pk,
            "year": 2026,
            "period_kind": "year",
            "value": "3",
        },
    )
    assert client_for(officer_b).get("/api/v1/indicator-values").json()["items"] == []
