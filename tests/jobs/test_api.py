"""The jobs API: vacancies and courses for the caller's province, candidates and referrals of their area."""

from __future__ import annotations

import json

import pytest

from giamngheo.jobs.models import Referral
from giamngheo.jobs.services.events import job_event_create
from tests.fixtures.people import client_for, make_user

pytestmark = pytest.mark.django_db


def test_vacancies_candidates_and_a_referral(officer_a, worker, vacancy):
    client = client_for(officer_a)
    listed = client.get("/api/v1/jobs/vacancies").json()
    assert [item["position"] for item in listed["items"]] == ["Công nhân may"]
    candidates = client.get(f"/api/v1/jobs/vacancies/{vacancy.pk}/candidates").json()
    assert candidates[0]["member_id"] == worker.pk
    assert candidates[0]["score"] == 95
    assert candidates[0]["reasons"][5] == ["hộ nghèo (ưu tiên)", 20]
    created = client.post(
        f"/api/v1/jobs/vacancies/{vacancy.pk}/referrals",
        json.dumps({"member_id": worker.pk, "on": "2026-11-30"}),
        content_type="application/json",
    )
    assert created.status_code == 200 and created.json()["score"] == 95
    assert client.get("/api/v1/jobs/referrals").json()["count"] == 1


def test_another_commune_gets_no_person_of_commune_a(officer_b, worker, vacancy):
    client = client_for(officer_b)
    assert client.get(f"/api/v1/jobs/vacancies/{vacancy.pk}/candidates").json() == []
    refused = client.post(
        f"/api/v1/jobs/vacancies/{vacancy.pk}/referrals",
        json.dumps({"member_id": worker.pk, "on": "2026-11-30"}),
        content_type="application/json",
    )
    assert refused.status_code == 404
    assert not Referral.objects.exists()


def test_job_events_are_read_by_the_province_only(officer_a, commune_a, vacancy, son_la):
    event = job_event_create(
        actor=officer_a, place=commune_a, kind="mobile", name="Phiên lưu động", held_on=vacancy.deadline,
        venue="Chợ xã", organiser="Trung tâm", vacancies=[vacancy],
    )  # fmt: skip
    listed = client_for(officer_a).get("/api/v1/jobs/events").json()
    assert [(item["id"], item["kind"], item["vacancy_ids"]) for item in listed["items"]] == [
        (event.pk, "mobile", [vacancy.pk])
    ]
    outsider = make_user("tinh_sonla", "province_officer", son_la)
    assert client_for(outsider).get("/api/v1/jobs/events").json()["count"] == 0
