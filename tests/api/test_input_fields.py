"""API input: server-chosen fields, unknown/read-only/null fields, bounds and path-like values → 422."""

from __future__ import annotations

import pytest
from django.test import Client

from giamngheo.accounts.services import api_token_create
from giamngheo.registry.models import Assessment, Household, Member, SurveyRound
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT

pytestmark = pytest.mark.django_db
HEAD = {"full_name": "Hồ Văn Mới", "sex": "male", "birth_year": 1990}


def api(user) -> Client:
    _token, raw = api_token_create(actor=user, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Household, Member, SurveyRound, Assessment))


def round_payload(household, **extra):
    return {
        "reference_date": "2026-10-01",
        "version": household.version,
        "household": dict(COMFORTABLE_HOUSEHOLD),
        "members": [{"member_id": m.pk, **HEALTHY_ADULT} for m in household.members.all()],
        **extra,
    }


def test_new_household_gets_the_communes_next_code(officer_a, commune_a, household):
    response = api(officer_a).post(
        "/api/v1/households", {"commune_id": commune_a.pk, "head": HEAD}, content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (201, "20056-000002")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"code": "20044-000001"}, "code"),
        ({"id": 5}, "id"),
        ({"version": 3}, "version"),
        ({"address": None}, "address"),
        ({"residence": None}, "residence"),
        ({"head": {**HEAD, "is_active": False}}, "head.is_active"),
        ({"head": {**HEAD, "full_name": None}}, "head.full_name"),
        ({"commune_id": 2**63}, "commune_id"),
    ],
)
def test_household_create_refuses_client_chosen_read_only_and_null_fields(
    officer_a,
    commune_a,
    household,
    payload,
    field,
):
    before = counts()
    body = {"commune_id": commune_a.pk, "head": HEAD} | payload
    response = api(officer_a).post("/api/v1/households", body, content_type="application/json")
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == ("invalid", field)
    assert response.json()["message"].startswith(f"«{field}»: ")
    assert counts() == before


@pytest.mark.parametrize("standard", ["2016-2020", "../../pyproject", "/etc/passwd"])
def test_round_refuses_a_client_chosen_standard(officer_a, household, standard):
    before = counts()
    response = api(officer_a).post(
        f"/api/v1/households/{household.pk}/rounds",
        round_payload(household, standard=standard),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["field"]) == (422, "standard")
    assert counts() == before


def test_round_uses_the_standard_of_its_reference_date(officer_a, household):
    response = api(officer_a).post(
        f"/api/v1/households/{household.pk}/rounds", round_payload(household), content_type="application/json"
    )
    assert (response.status_code, response.json()["assessment"]["standard"]) == (201, "2022-2025")


def test_patches_refuse_null_and_read_only_fields(officer_a, household):
    member = household.members.first()
    client = api(officer_a)
    for url, body, field in (
        (f"/api/v1/households/{household.pk}", {"version": household.version, "address": None}, "address"),
        (f"/api/v1/households/{household.pk}", {"version": household.version, "code": "X"}, "code"),
        (f"/api/v1/members/{member.pk}", {"version": member.version, "full_name": None}, "full_name"),
        (f"/api/v1/members/{member.pk}", {"version": member.version, "member_no": 9}, "member_no"),
    ):
        response = client.patch(url, body, content_type="application/json")
        assert (response.status_code, response.json()["field"]) == (422, field)
    member.refresh_from_db()
    household.refresh_from_db()
    assert (member.full_name, member.member_no, household.address) == ("Hồ Văn Tâm", 1, "Thôn Ka Vân")


@pytest.mark.parametrize(
    ("query", "field"),
    [({"offset": 2**63}, "offset"), ({"offset": -1}, "offset"), ({"limit": 10**6}, "limit")],
)
def test_list_bounds_are_checked_before_the_database(officer_a, household, query, field):
    response = api(officer_a).get("/api/v1/households", query)
    assert (response.status_code, response.json()["field"]) == (422, field)


def test_huge_path_id_is_422_not_a_database_error(officer_a):
    response = api(officer_a).get(f"/api/v1/households/{2**64}")
    assert (response.status_code, response.json()["field"]) == (422, "household_id")


def test_unreadable_body_gets_the_api_error_body(officer_a, commune_a):
    response = api(officer_a).post("/api/v1/households", "\x00{", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "Nội dung yêu cầu không đọc được: cần JSON hợp lệ.",
    }
