"""Periodic reports through the API: rounds, figures, entry, submit, approve and return, all scoped."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring import services
from giamngheo.monitoring.models import IndicatorValue, Report, ReportTransition
from giamngheo.programs import services as plan_services
from giamngheo.programs.catalogue import catalogue_load, indicator_catalogue_load
from giamngheo.programs.models import Agency, AgencyMember, Program
from tests.fixtures.people import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporting_round(province_officer, hue):
    indicator_catalogue_load()
    return services.round_open(
        actor=province_officer,
        province=hue,
        period=period_get_or_create(year=2026, kind="half_year", number=1),
        commune_due=datetime.date(2026, 6, 20),
        province_due=datetime.date(2026, 6, 25),
    )


@pytest.fixture
def report(reporting_round, commune_a):
    return Report.objects.get(round=reporting_round, unit=commune_a)


def send(client, path, data, method="post"):
    return client.generic(method.upper(), path, json.dumps(data), content_type="application/json")


def test_rounds_and_reports_are_scoped(reporting_round, report, officer_a, officer_b, son_la):
    client = client_for(officer_a)
    rounds = client.get("/api/v1/reporting-rounds").json()
    assert [item["id"] for item in rounds["items"]] == [reporting_round.pk]
    assert rounds["items"][0]["period_label"] == reporting_round.period.label
    detail = client.get(f"/api/v1/reporting-rounds/{reporting_round.pk}").json()
    assert detail["progress"]["reports"] == 1  # a commune officer counts only their own commune's report
    reports = client.get("/api/v1/reports").json()
    assert [item["id"] for item in reports["items"]] == [report.pk]
    assert client_for(officer_b).get(f"/api/v1/reports/{report.pk}").status_code == 404
    outsider = client_for(make_user("tinh_sonla", "province_officer", son_la))
    assert outsider.get(f"/api/v1/reporting-rounds/{reporting_round.pk}").status_code == 404
    assert outsider.get("/api/v1/reports").json()["count"] == 0


def test_commune_enters_annotates_and_submits_then_the_province_approves(
    report, officer_a, province_officer, commune_a
):
    client = client_for(officer_a)
    url = f"/api/v1/reports/{report.pk}"
    entered = send(client, f"{url}/values", {"indicator": "workers_job_connected", "value": "35"})
    assert entered.status_code == 200, entered.content
    assert entered.json()["value"] == "35.000"
    detail = client.get(url).json()
    assert (detail["status"], detail["can_submit"], detail["can_decide"]) == ("draft", True, False)
    assert detail["figures"]["results"][0]["value"] == "35.000"

    no_summary = send(client, f"{url}/submit", {"version": detail["version"]})
    assert (no_summary.status_code, no_summary.json()["field"]) == (400, "summary")
    annotated = send(
        client, f"{url}/annotation", {"version": detail["version"], "summary": "Đạt kế hoạch"}, "put"
    )
    assert annotated.json()["summary"] == "Đạt kế hoạch"
    stale = send(client, f"{url}/annotation", {"version": detail["version"], "summary": "Cũ"}, "put")
    assert (stale.status_code, stale.json()["code"]) == (409, "conflict")
    submitted = send(client, f"{url}/submit", {"version": annotated.json()["version"]})
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["can_write"] is False

    locked = send(client, f"{url}/values", {"indicator": "workers_job_connected", "value": "40"})
    assert (locked.status_code, locked.json()["code"]) == (400, "report_locked")
    assert IndicatorValue.objects.get(unit=commune_a).value == 35

    refused = send(client, f"{url}/approve", {"version": submitted.json()["version"]})
    assert refused.status_code == 403
    province = client_for(province_officer)
    assert province.get(url).json()["can_decide"] is True
    no_reason = send(province, f"{url}/return", {"version": submitted.json()["version"]})
    assert (no_reason.status_code, no_reason.json()["field"]) == (400, "comment")
    assert send(province, f"{url}/approve", {"version": 1}).status_code == 409
    approved = send(province, f"{url}/approve", {"version": submitted.json()["version"], "comment": "Đồng ý"})
    assert approved.json()["status"] == "approved"
    assert [step["to_status"] for step in approved.json()["transitions"]] == ["submitted", "approved"]
    again = send(province, f"{url}/return", {"version": approved.json()["version"], "comment": "Sửa"})
    assert (again.status_code, again.json()["code"]) == (400, "report_state")
    assert ReportTransition.objects.filter(report=report).count() == 2


def test_another_commune_cannot_write_the_report_and_nothing_changes(report, officer_b):
    client = client_for(officer_b)
    url = f"/api/v1/reports/{report.pk}"
    assert send(client, f"{url}/annotation", {"version": 1, "summary": "X"}, "put").status_code == 404
    assert (
        send(client, f"{url}/values", {"indicator": "workers_job_connected", "value": "1"}).status_code == 404
    )
    assert send(client, f"{url}/submit", {"version": 1}).status_code == 404
    report.refresh_from_db()
    assert (report.summary, report.status, report.version, IndicatorValue.objects.count()) == (
        "",
        "draft",
        1,
        0,
    )


def test_values_refuse_computed_and_unknown_indicators_and_bad_numbers(report, officer_a):
    client = client_for(officer_a)
    url = f"/api/v1/reports/{report.pk}/values"
    computed = send(client, url, {"indicator": "poverty_rate", "value": "3"})
    assert (computed.status_code, computed.json()["field"]) == (400, "indicator")
    unknown = send(client, url, {"indicator": "khong-co", "value": "3"})
    assert (unknown.status_code, unknown.json()["code"]) == (400, "unknown_code")
    too_precise = send(client, url, {"indicator": "workers_job_connected", "value": "1.23456"})
    assert (too_precise.status_code, too_precise.json()["field"]) == (422, "value")
    negative = send(client, url, {"indicator": "workers_job_connected", "value": "-1"})
    assert (negative.status_code, negative.json()["field"]) == (400, "value")
    assert IndicatorValue.objects.count() == 0


def test_report_list_is_paginated_and_filtered_for_the_province(reporting_round, province_officer):
    client = client_for(province_officer)
    everything = client.get(f"/api/v1/reports?reporting_round_id={reporting_round.pk}").json()
    assert everything["count"] == reporting_round.reports.count()
    page = client.get("/api/v1/reports?limit=2&offset=1").json()
    assert len(page["items"]) == 2
    assert client.get("/api/v1/reports?status=approved").json()["count"] == 0
    assert client.get("/api/v1/reports?limit=1001").status_code == 422


def test_report_list_takes_the_same_number_of_queries_for_few_or_many_reports(
    reporting_round, province_officer
):
    client = client_for(province_officer)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/reports?limit=2").json()["items"]) == 2
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/reports?limit=40").json()["items"]) == 40
    assert len(many) == len(few)


@pytest.fixture
def agency_round(province_officer, hue):
    """A round of a plan whose tasks name two line agencies: each agency gets its own report."""
    catalogue_load()
    indicator_catalogue_load()
    plan = plan_services.plan_create(
        actor=province_officer, program=Program.objects.get(code="gnbv-2021-2025"), unit=hue,
        kind="annual", start_year=2025, end_year=2025, number="05/KH-UBND", issuer="UBND thành phố Huế",
        title="Kế hoạch năm 2025",
    )  # fmt: skip
    for number, agency in (("1", "Sở Xây dựng"), ("2", "Sở Y tế")):
        plan_services.task_add(
            actor=province_officer, plan=plan, number=number, content="Nhiệm vụ", lead_agency=agency
        )
    return services.round_open(
        actor=province_officer,
        province=hue,
        period=period_get_or_create(year=2025, kind="year", number=1),
        plan=plan,
        commune_due=datetime.date(2025, 12, 15),
        province_due=datetime.date(2025, 12, 20),
    )


def test_an_agency_submits_its_own_report_and_sees_no_other(agency_round, hue, province_officer):
    construction = Agency.objects.get(province=hue, name="Sở Xây dựng")
    officer = make_user("nganh_xd", "agency_officer", hue)
    AgencyMember.objects.create(agency=construction, user=officer)
    client = client_for(officer)
    reports = client.get("/api/v1/reports").json()["items"]
    assert [item["agency_id"] for item in reports] == [construction.pk]
    own = reports[0]
    health = Report.objects.get(round=agency_round, agency__name="Sở Y tế")
    assert client.get(f"/api/v1/reports/{health.pk}").status_code == 404
    url = f"/api/v1/reports/{own['id']}"
    refused = send(client, f"{url}/values", {"indicator": "workers_job_connected", "value": "1"})
    assert (refused.status_code, refused.json()["field"]) == (400, "indicator")
    annotated = send(client, f"{url}/annotation", {"version": own["version"], "summary": "Xong 1/1"}, "put")
    submitted = send(client, f"{url}/submit", {"version": annotated.json()["version"]})
    assert submitted.json()["status"] == "submitted"
    assert client_for(province_officer).get(url).json()["can_decide"] is True
