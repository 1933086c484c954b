"""The support API: a commune's whole path (plan, house, approval, acceptance, lists), scoped and strict."""

from __future__ import annotations

import json

import pytest

from giamngheo.core.models import AuditEvent
from giamngheo.support.models import BeneficiaryList, HouseholdPlan, HousingCase, SupportRecord
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def send(client, method, path, data):
    return client.generic(method, f"/api/v1{path}", json.dumps(data), content_type="application/json")


PLAN = {
    "year": 2026,
    "causes": ["thieu-von"],
    "helper_name": "Nguyễn Văn Bình",
    "helper_organisation": "Hội Nông dân xã",
    "registers_to_escape": True,
    "solutions": [{"support_type": "da5-nha-xay-moi"}],
}


def test_the_housing_path_through_the_api(officer_a, chair_a, poor_household):
    officer, chair = client_for(officer_a), client_for(chair_a)
    household = poor_household.pk
    plan = send(officer, "POST", f"/households/{household}/support-plans", PLAN)
    assert plan.status_code == 200
    assert (plan.json()["helper_name"], plan.json()["causes"]) == ("Nguyễn Văn Bình", ["thieu-von"])
    assert [s["support_type"] for s in plan.json()["solutions"]] == ["da5-nha-xay-moi"]
    opened = send(
        officer,
        "POST",
        f"/households/{household}/housing-cases",
        {"work": "new", "year": 2026, "on": "2026-10-02"},
    )
    assert opened.status_code == 200
    case = opened.json()
    assert case["stage"] == "proposed"
    approval = {"version": case["version"], "funding": {"central": 40_000_000}, "on": "2026-10-03"}
    approved = send(
        chair,
        "POST",
        f"/support/housing-cases/{case['id']}/approve",
        {**approval, "decision_number": "15/QĐ"},
    )
    assert (approved.status_code, approved.json()["stage"]) == (200, "approved")
    version = approved.json()["version"]
    for stage, day in (("started", "2026-10-05"), ("roofed", "2026-10-25"), ("completed", "2026-11-10")):
        moved = send(
            officer,
            "POST",
            f"/support/housing-cases/{case['id']}/progress",
            {"version": version, "stage": stage, "on": day},
        )
        assert (moved.status_code, moved.json()["stage"]) == (200, stage)
        version = moved.json()["version"]
    acceptance = {
        "version": version,
        "on": "2026-11-20",
        "hard_foundation": True,
        "hard_frame": True,
        "hard_roof": True,
    }
    small = send(
        officer,
        "POST",
        f"/support/housing-cases/{case['id']}/accept",
        {**acceptance, "floor_area_m2": "28.5"},
    )
    assert (small.status_code, small.json()["code"]) == (400, "support_housing_standard")
    accepted = send(
        officer, "POST", f"/support/housing-cases/{case['id']}/accept", {**acceptance, "floor_area_m2": "36"}
    )
    assert (accepted.status_code, accepted.json()["stage"]) == (200, "accepted")
    ledger = officer.get(f"/api/v1/support/records?household_id={household}").json()["items"]
    assert [(r["support_type"], r["status"], r["amount"]) for r in ledger] == [
        ("da5-nha-xay-moi", "delivered", 40_000_000),
        ("da5-nha-xay-moi", "approved", 40_000_000),
    ]
    twice = send(
        officer,
        "POST",
        f"/households/{household}/support-records",
        {"support_type": "da5-nha-xay-moi", "on": "2026-11-25", "amount": 40_000_000},
    )
    assert (twice.status_code, twice.json()["code"]) == (400, "support_not_eligible")
    assert f"(bản ghi số {ledger[0]['id']}); chỉ hỗ trợ một lần" in twice.json()["message"]
    assert SupportRecord.objects.count() == 2


def test_a_health_insurance_list_is_proposed_selected_and_approved(
    officer_a, chair_a, poor_household, commune_a
):
    officer, chair = client_for(officer_a), client_for(chair_a)
    proposed = send(
        officer,
        "POST",
        f"/units/{commune_a.pk}/support-lists",
        {"support_type": "bhyt-ho-ngheo", "year": 2026, "reference_date": "2026-10-01"},
    )
    assert proposed.status_code == 200
    entries = proposed.json()["entries"]
    assert [entry["eligible"] for entry in entries] == [True, True, True]
    list_id = proposed.json()["id"]
    for entry in entries:
        chosen = send(officer, "PATCH", f"/support/lists/{list_id}/entries/{entry['id']}", {"selected": True})
        assert (chosen.status_code, chosen.json()["selected"]) == (200, True)
    approval = {"version": 1, "decision_number": "2/QĐ", "decided_on": "2026-10-10"}
    approved = send(chair, "POST", f"/support/lists/{list_id}/approve", approval)
    assert (approved.status_code, approved.json()["status"]) == (200, "approved")
    assert SupportRecord.objects.filter(entry__list_id=list_id, status="approved").count() == 3


def test_unknown_fields_are_refused_and_nothing_is_written(officer_a, poor_household):
    response = send(
        client_for(officer_a), "POST", f"/households/{poor_household.pk}/support-plans", {**PLAN, "paid": 1}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "paid"
    assert HouseholdPlan.objects.count() == 0


def test_another_commune_sees_and_changes_nothing(officer_a, officer_b, poor_household, commune_a):
    send(client_for(officer_a), "POST", f"/households/{poor_household.pk}/support-plans", PLAN)
    plan = HouseholdPlan.objects.get()
    outsider = client_for(officer_b)
    events = AuditEvent.objects.count()
    assert outsider.get(f"/api/v1/support/plans/{plan.pk}").status_code == 404
    assert outsider.get("/api/v1/support/plans").json()["items"] == []
    assert (
        send(
            outsider,
            "POST",
            f"/households/{poor_household.pk}/housing-cases",
            {"work": "new", "year": 2026, "on": "2026-10-02"},
        ).status_code
        == 404
    )
    proposed = send(
        outsider,
        "POST",
        f"/units/{commune_a.pk}/support-lists",
        {"support_type": "bhyt-ho-ngheo", "year": 2026, "reference_date": "2026-10-01"},
    )
    assert proposed.status_code == 404
    assert (HousingCase.objects.count(), BeneficiaryList.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        events,
    )


def test_the_catalogue_names_project_and_addressed_deprivations(officer_a, catalogue):
    types = {item["code"]: item for item in client_for(officer_a).get("/api/v1/support/types").json()}
    assert (types["da5-nha-xay-moi"]["component"], types["bhyt-ho-ngheo"]["component"]) == ("P5", None)
    assert "health_insurance" in types["bhyt-ho-ngheo"]["addresses"]
