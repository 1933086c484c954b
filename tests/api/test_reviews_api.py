"""Review campaigns through the API: progress, cases and their steps, the commune's writes, all scoped."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from giamngheo.areas.services import village_create
from giamngheo.reviews.models import CaseEvent, Objection, ReviewCase, VillageMeeting
from giamngheo.reviews.services import campaign_close, cases_list, review_request_record
from tests.fixtures.people import client_for, make_user
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT
from tests.fixtures.reviews import make_household, poor_values, survey

pytestmark = pytest.mark.django_db

MINUTES = base64.b64encode(b"%PDF-1.4 bien ban hop dan").decode()


def post(client, path, data=None):
    return client.post(path, json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def listed(officer_a, commune_a, village_a, campaign):
    poor = make_household(officer_a, commune_a, village_a, "Hồ Văn Nghèo", "poor")
    near = make_household(officer_a, commune_a, village_a, "Hồ Văn Cận", "near_poor")
    make_household(officer_a, commune_a, village_a, "Hồ Văn Khá", "none")
    return poor, near


def base(campaign, commune):
    return f"/api/v1/reviews/campaigns/{campaign.pk}/communes/{commune.pk}"


def round_body(household, values):
    household.refresh_from_db()
    return {
        "reference_date": "2026-09-20",
        "version": household.version,
        "household": values,
        "members": [
            {"member_id": member.pk, **HEALTHY_ADULT} for member in household.members.filter(is_active=True)
        ],
    }


def test_campaigns_are_those_of_the_callers_province(campaign, officer_a, son_la):
    listed_ = client_for(officer_a).get("/api/v1/reviews/campaigns").json()
    assert [item["id"] for item in listed_["items"]] == [campaign.pk]
    assert listed_["items"][0]["province_name"] == campaign.province.name
    assert listed_["items"][0]["standard"] == "2022-2025"
    outsider = client_for(make_user("tinh_sonla", "province_officer", son_la))
    assert outsider.get("/api/v1/reviews/campaigns").json() == {"items": [], "count": 0}
    response = outsider.get(f"/api/v1/reviews/campaigns/{campaign.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_whole_commune_procedure_through_the_api(
    campaign, listed, officer_a, commune_a, village_a, province_officer
):
    poor, near = listed
    client = client_for(officer_a)
    assert post(client, f"{base(campaign, commune_a)}/list").json() == {"count": 2}
    assert post(client, f"{base(campaign, commune_a)}/list").json() == {"count": 0}  # idempotent

    # Step 2: the surveys go through the registry API, then the cases take their results.
    for household, values in ((poor, dict(COMFORTABLE_HOUSEHOLD)), (near, poor_values())):
        created = post(client, f"/api/v1/households/{household.pk}/rounds", round_body(household, values))
        assert created.status_code == 201
    assert post(client, f"{base(campaign, commune_a)}/collect-surveys").json() == {"count": 2}
    surveyed = client.get(f"{base(campaign, commune_a)}/cases?step=surveyed").json()
    assert surveyed["count"] == 2
    by_household = {item["household_id"]: item for item in surveyed["items"]}
    assert by_household[near.pk]["category"] == "poor"
    assert by_household[near.pk]["proposed"] == "near_poor_to_poor"
    assert client.get(f"{base(campaign, commune_a)}/cases?category=poor").json()["count"] == 1

    # Step 3: the meeting agrees on one household, not on the other.
    poor_case, near_case = by_household[poor.pk]["id"], by_household[near.pk]["id"]
    meeting = post(
        client,
        f"/api/v1/reviews/campaigns/{campaign.pk}/villages/{village_a.pk}/meetings",
        {
            "held_on": "2026-10-05",
            "attendees": 40,
            "chaired_by": "Trưởng thôn",
            "secretary": "Thư ký",
            "minutes_name": "../../bien ban.pdf",
            "minutes_base64": MINUTES,
            "votes": [{"review_case_id": poor_case, "agree": 30}, {"review_case_id": near_case, "agree": 19}],
        },
    )
    assert meeting.status_code == 200, meeting.content
    assert (meeting.json()["agreed"], meeting.json()["disagreed"]) == ([poor_case], [near_case])
    stored = VillageMeeting.objects.get()
    assert stored.minutes.read() == b"%PDF-1.4 bien ban hop dan"
    assert ".." not in stored.minutes.name

    # Step 4: posting; step 5: an objection (with the case's version) and its answer.
    posting = post(
        client,
        f"/api/v1/reviews/campaigns/{campaign.pk}/villages/{village_a.pk}/postings",
        {"starts_on": "2026-10-08"},
    )
    assert posting.json()["ends_on"] == "2026-10-12"  # three working days, the weekend skipped
    detail = client.get(f"/api/v1/reviews/cases/{poor_case}").json()
    assert [event["to_step"] for event in detail["events"]] == ["listed", "surveyed", "agreed", "posted"]
    assert detail["votes"][0]["agree"] == 30
    objection = {"lodged_by": "Hồ Thị Ba", "lodged_on": "2026-10-09", "content": "Xem lại"}
    stale = post(client, f"/api/v1/reviews/cases/{poor_case}/objections", {**objection, "version": 1})
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert Objection.objects.count() == 0
    lodged = post(
        client, f"/api/v1/reviews/cases/{poor_case}/objections", {**objection, "version": detail["version"]}
    )
    assert lodged.status_code == 200
    answered = post(
        client,
        f"/api/v1/reviews/objections/{lodged.json()['id']}/answer",
        {"answer": "Giữ kết quả", "answered_on": "2026-10-10"},
    )
    assert answered.json()["answer"] == "Giữ kết quả"
    assert ReviewCase.objects.get(pk=poor_case).step == "posted"

    # The province reads the same progress as the campaign page.
    progress = client_for(province_officer).get(f"/api/v1/reviews/campaigns/{campaign.pk}/progress").json()
    row = next(row for row in progress["communes"] if row["commune_id"] == commune_a.pk)
    assert row["counts"]["posted"] == 1
    assert row["counts"]["disagreed"] == 1
    assert (row["total"], row["objections"], row["objections_open"]) == (2, 1, 0)
    assert progress["totals"]["posted"] == 1


def test_another_commune_gets_404_on_read_and_write_and_nothing_changes(
    campaign, listed, officer_a, officer_b, commune_a, village_a
):
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    case = ReviewCase.objects.filter(campaign=campaign).first()
    client = client_for(officer_b)
    events = CaseEvent.objects.count()
    assert client.get(f"{base(campaign, commune_a)}/cases").status_code == 404
    assert client.get(f"/api/v1/reviews/cases/{case.pk}").status_code == 404
    assert post(client, f"{base(campaign, commune_a)}/list").status_code == 404
    assert post(client, f"{base(campaign, commune_a)}/collect-surveys").status_code == 404
    objection = {"version": case.version, "lodged_by": "X", "lodged_on": "2026-10-09", "content": "X"}
    assert post(client, f"/api/v1/reviews/cases/{case.pk}/objections", objection).status_code == 404
    meeting = {
        "held_on": "2026-10-05",
        "attendees": 10,
        "chaired_by": "X",
        "secretary": "Y",
        "minutes_base64": MINUTES,
        "votes": [{"review_case_id": case.pk, "agree": 10}],
    }
    url = f"/api/v1/reviews/campaigns/{campaign.pk}/villages/{village_a.pk}/meetings"
    assert post(client, url, meeting).status_code == 404
    assert (CaseEvent.objects.count(), Objection.objects.count(), VillageMeeting.objects.count()) == (
        events,
        0,
        0,
    )
    progress = client.get(f"/api/v1/reviews/campaigns/{campaign.pk}/progress").json()
    assert [row["commune_id"] for row in progress["communes"]] == [officer_b.assignments.get().unit_id]


def test_the_province_reads_but_does_not_do_the_communes_steps(
    campaign, listed, officer_a, province_officer, commune_a
):
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    client = client_for(province_officer)
    assert client.get(f"{base(campaign, commune_a)}/cases").json()["count"] == 2
    refused = post(client, f"{base(campaign, commune_a)}/collect-surveys")
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    assert ReviewCase.objects.filter(step="listed").count() == 2
    campaign_close(actor=province_officer, campaign=campaign)
    closed = post(client_for(officer_a), f"{base(campaign, commune_a)}/list")
    assert (closed.status_code, closed.json()["code"]) == (400, "campaign_closed")


def test_case_list_is_paginated_and_filtered_by_village(campaign, listed, officer_a, commune_a, village_a):
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    client = client_for(officer_a)
    first = client.get(f"{base(campaign, commune_a)}/cases?limit=1").json()
    second = client.get(f"{base(campaign, commune_a)}/cases?limit=1&offset=1").json()
    assert (first["count"], len(first["items"]), len(second["items"])) == (2, 1, 1)
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert client.get(f"{base(campaign, commune_a)}/cases?village={village_a.pk}").json()["count"] == 2
    assert client.get(f"{base(campaign, commune_a)}/cases?limit=0").status_code == 422
    assert client.get(f"{base(campaign, commune_a)}/cases?step=nowhere").json()["count"] == 0


def test_meeting_refuses_bad_minutes_and_malformed_bodies(campaign, listed, officer_a, commune_a, village_a):
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    case = ReviewCase.objects.filter(campaign=campaign).first()
    survey(officer_a, case.household, dict(COMFORTABLE_HOUSEHOLD))
    client = client_for(officer_a)
    post(client, f"{base(campaign, commune_a)}/collect-surveys")
    url = f"/api/v1/reviews/campaigns/{campaign.pk}/villages/{village_a.pk}/meetings"
    body = {
        "held_on": "2026-10-05",
        "attendees": 10,
        "chaired_by": "Trưởng thôn",
        "secretary": "Thư ký",
        "minutes_base64": MINUTES,
        "votes": [{"review_case_id": case.pk, "agree": 6}],
    }
    not_base64 = post(client, url, {**body, "minutes_base64": "không phải base64!"})
    assert (not_base64.status_code, not_base64.json()["field"]) == (400, "minutes_base64")
    too_many = post(client, url, {**body, "votes": [{"review_case_id": case.pk, "agree": 11}]})
    assert (too_many.status_code, too_many.json()["field"]) == (400, "votes")
    twice = post(client, url, {**body, "votes": body["votes"] * 2})
    assert twice.status_code == 400
    unknown = post(client, url, {**body, "minutes": "x"})
    assert (unknown.status_code, unknown.json()["field"]) == (422, "minutes")
    assert post(client, url, {**body, "attendees": 0}).json()["field"] == "attendees"
    assert post(client, url, {**body, "votes": []}).json()["field"] == "votes"
    assert post(client, url, {**body, "held_on": "2026-08-01"}).json()["field"] == "held_on"
    assert VillageMeeting.objects.count() == 0
    assert ReviewCase.objects.get(pk=case.pk).step == "surveyed"
    assert post(client, url, body).status_code == 200


def test_a_village_of_another_province_or_a_commune_id_is_not_a_village(campaign, officer_a, commune_a):
    body = {"starts_on": "2026-10-08"}
    url = f"/api/v1/reviews/campaigns/{campaign.pk}/villages/{commune_a.pk}/postings"
    assert post(client_for(officer_a), url, body).status_code == 404
    assert client_for(officer_a).get("/api/v1/reviews/cases/999999").status_code == 404
    assert post(client_for(officer_a), "/api/v1/reviews/objections/999999/answer", {
        "answer": "x", "answered_on": "2026-10-10"
    }).status_code == 404  # fmt: skip


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_lists_take_the_same_number_of_queries_whatever_the_number_of_rows(
    campaign, listed, officer_a, commune_a, village_a
):
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    client = client_for(officer_a)
    paths = [f"{base(campaign, commune_a)}/cases", "/api/v1/reviews/requests", "/api/v1/reviews/campaigns"]
    poor = listed[0]
    review_request_record(actor=officer_a, household=poor, form="04", received_on=dt.date(2026, 9, 2))
    before = [_queries(client, path) for path in paths]
    for number in range(3):
        household = make_household(officer_a, commune_a, village_a, f"Hồ Văn Thêm {number}", "poor")
        review_request_record(
            actor=officer_a, household=household, form="04", received_on=dt.date(2026, 9, 3)
        )
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    assert ReviewCase.objects.count() == 5
    assert [_queries(client, path) for path in paths] == before


def test_a_village_reviewer_reads_only_her_villages_cases_and_may_not_do_the_steps(
    campaign, listed, officer_a, commune_a, village_a, admin_user
):
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    case = ReviewCase.objects.filter(campaign=campaign).first()
    other = village_create(actor=admin_user, commune=commune_a, name="Thôn Khác")
    own_reviewer = client_for(make_user("thon_a", "village_reviewer", village_a))
    other_reviewer = client_for(make_user("thon_khac", "village_reviewer", other))
    assert own_reviewer.get(f"/api/v1/reviews/cases/{case.pk}").json()["household_id"] == case.household_id
    assert other_reviewer.get(f"/api/v1/reviews/cases/{case.pk}").status_code == 404
    objection = {"version": case.version, "lodged_by": "X", "lodged_on": "2026-10-09", "content": "X"}
    refused = post(own_reviewer, f"/api/v1/reviews/cases/{case.pk}/objections", objection)
    assert refused.status_code == 403
    assert Objection.objects.count() == 0
