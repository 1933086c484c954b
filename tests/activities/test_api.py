"""Activity API: lists limited to the caller's area, the inspection detail with follow-ups, a follow-up."""

from __future__ import annotations

import json

import pytest

from giamngheo.activities.models import FollowUp
from tests.fixtures.activities import TODAY
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def test_lists_and_detail_are_scoped(province_officer, officer_a, officer_b, inspection_a):
    assert [
        row["id"] for row in client_for(officer_a).get("/api/v1/activities/inspections").json()["items"]
    ] == [inspection_a.pk]
    assert client_for(officer_b).get("/api/v1/activities/inspections").json()["items"] == []
    assert client_for(officer_b).get(f"/api/v1/activities/inspections/{inspection_a.pk}").status_code == 404
    detail = client_for(province_officer).get(f"/api/v1/activities/inspections/{inspection_a.pk}").json()
    assert [r["number"] for r in detail["recommendations"]] == [1, 2]
    assert detail["open_count"] == 2


def test_the_commune_follows_up_its_recommendation_through_the_api(officer_a, officer_b, inspection_a):
    first = inspection_a.recommendations.get(number=1)
    url = f"/api/v1/activities/recommendations/{first.pk}/follow-ups"
    body = {"on": TODAY.isoformat(), "action": "Đã giải ngân", "new_status": "done"}
    assert (
        client_for(officer_b).post(url, json.dumps(body), content_type="application/json").status_code == 404
    )
    response = client_for(officer_a).post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["new_status"] == "done"
    again = client_for(officer_a).post(url, json.dumps(body), content_type="application/json")
    assert (again.status_code, again.json()["code"]) == (400, "activities_closed")
    assert FollowUp.objects.count() == 1
