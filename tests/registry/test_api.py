"""Registry API: token auth, scoping of every endpoint, create and update paths, validation errors."""

from __future__ import annotations

import pytest
from django.test import Client

from giamngheo.accounts.roles import Role
from giamngheo.accounts.services import api_token_create
from giamngheo.registry.models import Household, Member, SurveyRound
from tests.fixtures.people import make_user
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _token, raw = api_token_create(actor=user, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def round_payload(household):
    return {
        "reference_date": "2026-10-01",
        "version": household.version,
        "household": dict(COMFORTABLE_HOUSEHOLD),
        "members": [{"member_id": m.pk, **HEALTHY_ADULT} for m in household.members.filter(is_active=True)],
    }


def test_openapi_lists_the_registry_endpoints(db):
    paths = set(Client().get("/api/v1/openapi.json").json()["paths"])
    assert {
        "/api/v1/households",
        "/api/v1/households/{household_id}",
        "/api/v1/households/{household_id}/members",
        "/api/v1/members/{member_id}",
        "/api/v1/households/{household_id}/rounds",
        "/api/v1/rounds/{round_id}",
        "/api/v1/households/{household_id}/assessments",
        "/api/v1/assessments/{assessment_id}",
    } <= paths


def test_token_lists_and_searches_households_with_masked_ids_for_reviewers(officer_a, household, village_a):
    client = api(officer_a)
    listed = client.get("/api/v1/households", {"q": "ho van tam"}).json()
    assert [item["code"] for item in listed["items"]] == [household.code]
    assert client.get("/api/v1/households", {"q": "nguyen"}).json()["count"] == 0
    members = client.get(f"/api/v1/households/{household.pk}/members").json()
    assert members[0]["personal_id"] == "046080000123"
    reviewer = make_user("thon", Role.VILLAGE_REVIEWER, village_a)
    masked = api(reviewer).get(f"/api/v1/households/{household.pk}/members").json()
    assert masked[0]["personal_id"] == "*********123"


def test_commune_b_gets_404_for_everything_of_commune_a(officer_a, officer_b, household):
    survey = (
        api(officer_a)
        .post(
            f"/api/v1/households/{household.pk}/rounds",
            round_payload(household),
            content_type="application/json",
        )
        .json()
    )
    member = household.members.first()
    client = api(officer_b)
    for path in (
        f"/api/v1/households/{household.pk}",
        f"/api/v1/households/{household.pk}/members",
        f"/api/v1/households/{household.pk}/rounds",
        f"/api/v1/households/{household.pk}/assessments",
        f"/api/v1/rounds/{survey['round']['id']}",
        f"/api/v1/assessments/{survey['assessment']['id']}",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"
    assert client.get("/api/v1/households").json()["count"] == 0
    response = client.patch(
        f"/api/v1/members/{member.pk}",
        {"version": member.version, "full_name": "Đổi Tên"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert (
        client.post(
            f"/api/v1/households/{household.pk}/rounds",
            round_payload(household),
            content_type="application/json",
        ).status_code
        == 404
    )
    assert Member.objects.get(pk=member.pk).full_name == member.full_name
    assert SurveyRound.objects.count() == 1


def test_create_household_add_and_update_member(officer_a, commune_a, village_a):
    client = api(officer_a)
    response = client.post(
        "/api/v1/households",
        {
            "commune_id": commune_a.pk,
            "village_id": village_a.pk,
            "address": "Thôn Ka Vân",
            "head": {"full_name": "Lê Văn Mới", "sex": "male", "birth_year": 1985, "ethnicity": "31"},
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    created = response.json()
    assert (created["head_name"], created["village_id"]) == ("Lê Văn Mới", village_a.pk)
    added = client.post(
        f"/api/v1/households/{created['id']}/members",
        {"full_name": "Lê Thị Vợ", "sex": "female", "birth_year": 1987, "relation": "spouse"},
        content_type="application/json",
    )
    assert added.status_code == 201
    updated = client.patch(
        f"/api/v1/members/{added.json()['id']}",
        {"version": added.json()["version"], "full_name": "Lê Thị Vân"},
        content_type="application/json",
    )
    assert updated.json()["full_name"] == "Lê Thị Vân"
    household = Household.objects.get(pk=created["id"])
    moved = client.patch(
        f"/api/v1/households/{household.pk}",
        {"version": household.version, "address": "Tổ 3"},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert moved.json()["address"] == "Tổ 3"
    stale = client.patch(
        f"/api/v1/households/{household.pk}",
        {"version": 1, "address": "Tổ 4"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"


def test_survey_round_returns_the_assessment(officer_a, household):
    client = api(officer_a)
    response = client.post(
        f"/api/v1/households/{household.pk}/rounds", round_payload(household), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["assessment"]["category"] == "not_poor"
    assert body["assessment"]["standard"] == "2022-2025"
    assert body["round"]["assessment_ids"] == [body["assessment"]["id"]]
    assert len(body["round"]["members"]) == 3
    rounds = client.get(f"/api/v1/households/{household.pk}/rounds").json()
    assert [r["id"] for r in rounds] == [body["round"]["id"]]
    detail = client.get(f"/api/v1/assessments/{body['assessment']['id']}").json()
    assert detail["explanation_vi"]
    assert client.get(f"/api/v1/households/{household.pk}/assessments").json()[0]["id"] == detail["id"]


def test_validation_errors_are_400_in_vietnamese_naming_the_field(officer_a, household, commune_a):
    client = api(officer_a)
    response = client.post(
        f"/api/v1/households/{household.pk}/members",
        {"full_name": "Hồ Văn C", "sex": "male", "birth_year": 2000, "personal_id": "123"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "Số định danh cá nhân phải gồm đúng 12 chữ số.",
        "field": "personal_id",
    }
    response = client.post(
        "/api/v1/households",
        {"commune_id": commune_a.pk, "head": {"full_name": "A", "sex": "x", "birth_year": 1990}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["field"] == "head.sex"
    assert response.json()["message"].startswith("«head.sex»: ")
    assert Household.objects.count() == 1


def test_reviewer_without_edit_rights_elsewhere_is_refused(household, village_a, hue):
    viewer = make_user("giam_sat", Role.OVERSIGHT_VIEWER, hue)
    response = api(viewer).post(
        f"/api/v1/households/{household.pk}/members",
        {"full_name": "Hồ Văn C", "sex": "male", "birth_year": 2000},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert household.members.count() == 3


def test_a_member_update_with_a_stale_version_is_refused_with_409_and_changes_nothing(officer_a, household):
    member = household.members.first()
    client = api(officer_a)
    read = client.get(f"/api/v1/households/{household.pk}/members").json()[0]
    first = client.patch(
        f"/api/v1/members/{member.pk}",
        {"version": read["version"], "full_name": "Hồ Văn Một"},
        content_type="application/json",
    )

    stale = client.patch(
        f"/api/v1/members/{member.pk}",
        {"version": read["version"], "full_name": "Hồ Văn Hai"},
        content_type="application/json",
    )

    assert first.status_code == 200
    assert first.json()["version"] == read["version"] + 1
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert "người khác sửa sau khi bạn mở trang" in stale.json()["message"]
    member.refresh_from_db()
    assert (member.full_name, member.version) == ("Hồ Văn Một", read["version"] + 1)


def test_a_member_update_without_a_version_is_refused_with_422(officer_a, household):
    member = household.members.first()

    response = api(officer_a).patch(
        f"/api/v1/members/{member.pk}", {"full_name": "Không Bản"}, content_type="application/json"
    )

    assert (response.status_code, response.json()["field"]) == (422, "version")
    member.refresh_from_db()
    assert member.full_name == "Hồ Văn Tâm"
