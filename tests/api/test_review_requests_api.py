"""Households' requests for review (Mẫu 01, Mẫu 04) through the API: list, detail, create, outcome."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from giamngheo.reviews.models import ReviewRequest
from giamngheo.reviews.services import cases_list
from tests.fixtures.people import client_for
from tests.fixtures.reviews import make_household

pytestmark = pytest.mark.django_db


def create(client, data):
    return client.post("/api/v1/reviews/requests", json.dumps(data), content_type="application/json")


@pytest.fixture
def applicant(officer_a, commune_a, village_a):
    return make_household(officer_a, commune_a, village_a, "Hồ Văn Đề", "none")


def test_commune_officer_records_a_form_04_with_its_15_day_deadline(applicant, officer_a):
    today = timezone.localdate()
    response = create(
        client_for(officer_a),
        {"household_id": applicant.pk, "form": "04", "received_on": today.isoformat(), "note": "Đề nghị"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["due_on"] == (today + dt.timedelta(days=15)).isoformat()
    assert (body["state"], body["household_code"], body["review_case_id"]) == ("open", applicant.code, None)
    assert body["form_label"].startswith("Mẫu 04")


def test_requests_outside_the_area_are_404_and_the_province_may_not_record(
    applicant, officer_a, officer_b, province_officer
):
    body = {"household_id": applicant.pk, "form": "01", "received_on": "2026-09-05"}
    assert create(client_for(officer_b), body).status_code == 404
    refused = create(client_for(province_officer), body)
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    assert ReviewRequest.objects.count() == 0
    created = create(client_for(officer_a), body).json()
    assert client_for(officer_b).get(f"/api/v1/reviews/requests/{created['id']}").status_code == 404
    assert client_for(officer_b).get("/api/v1/reviews/requests").json() == {"items": [], "count": 0}
    assert client_for(province_officer).get(f"/api/v1/reviews/requests/{created['id']}").status_code == 200


def test_validation_refuses_unknown_forms_and_fields(applicant, officer_a):
    client = client_for(officer_a)
    bad_form = create(client, {"household_id": applicant.pk, "form": "02", "received_on": "2026-09-05"})
    assert (bad_form.status_code, bad_form.json()["field"]) == (422, "form")
    extra = create(
        client,
        {"household_id": applicant.pk, "form": "01", "received_on": "2026-09-05", "due_on": "2026-09-06"},
    )
    assert (extra.status_code, extra.json()["field"]) == (422, "due_on")
    control = create(
        client, {"household_id": applicant.pk, "form": "01", "received_on": "2026-09-05", "note": "a\x00b"}
    )
    assert (control.status_code, control.json()["field"]) == (422, "note")
    far = create(client, {"household_id": applicant.pk, "form": "04", "received_on": "9999-12-31"})
    assert (far.status_code, far.json()["field"]) == (422, "received_on")
    huge = create(client, {"household_id": 2**63, "form": "01", "received_on": "2026-09-05"})
    assert (huge.status_code, huge.json()["field"]) == (422, "household_id")
    assert ReviewRequest.objects.count() == 0


def test_list_filters_by_form_and_state_and_shows_the_outcome(applicant, officer_a, campaign, commune_a):
    client = client_for(officer_a)
    create(client, {"household_id": applicant.pk, "form": "01", "received_on": "2026-09-05"})
    create(client, {"household_id": applicant.pk, "form": "04", "received_on": "2020-01-01"})
    assert client.get("/api/v1/reviews/requests?form=01").json()["count"] == 1
    overdue = client.get("/api/v1/reviews/requests?state=overdue").json()
    assert [item["form"] for item in overdue["items"]] == ["04"]
    assert overdue["items"][0]["state_label"].startswith("quá hạn")
    assert client.get("/api/v1/reviews/requests?state=periodic").json()["count"] == 1
    assert client.get("/api/v1/reviews/requests?state=never").status_code == 422
    page = client.get("/api/v1/reviews/requests?limit=1").json()
    assert (page["count"], len(page["items"])) == (2, 1)

    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)  # the request brings it into the review
    listed = client.get("/api/v1/reviews/requests?form=01").json()["items"][0]
    assert (listed["campaign_id"], listed["step"], listed["outcome"]) == (campaign.pk, "listed", "")
    detail = client.get(f"/api/v1/reviews/requests/{listed['id']}").json()
    assert detail["review_case_id"] == listed["review_case_id"]
