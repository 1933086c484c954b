"""Rounds by kind: estimate and official reports of one year, line agencies' reports, ad-hoc, close-outs."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from giamngheo.core.errors import AppError, NotFound, PermissionDenied
from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring import selectors, services
from giamngheo.monitoring.content import report_content
from giamngheo.monitoring.models import Report, ReportingRound, ReportStatus
from giamngheo.programs import services as plan_services
from giamngheo.programs.catalogue import catalogue_load, indicator_catalogue_load
from giamngheo.programs.models import Agency, AgencyMember, Program
from tests.fixtures.people import client_for, make_user

pytestmark = pytest.mark.django_db
ESTIMATE_DUE = (datetime.date(2025, 10, 15), datetime.date(2025, 10, 20))
OFFICIAL_DUE = (datetime.date(2025, 12, 15), datetime.date(2025, 12, 20))


@pytest.fixture
def plan(province_officer, hue):
    catalogue_load()
    indicator_catalogue_load()
    plan = plan_services.plan_create(
        actor=province_officer, program=Program.objects.get(code="gnbv-2021-2025"), unit=hue,
        kind="annual", start_year=2025, end_year=2025, number="05/KH-UBND", issuer="UBND thành phố Huế",
        title="Kế hoạch năm 2025",
    )  # fmt: skip
    plan_services.plan_project_add(
        actor=province_officer, plan=plan, local_number="5", local_name="Hỗ trợ nhà ở",
        component_code="P5", lead_agency="Sở Xây dựng",
    )  # fmt: skip
    plan_services.task_add(
        actor=province_officer, plan=plan, number="1", content="Hỗ trợ xây 120 căn nhà",
        lead_agency="Sở Xây dựng", due_date=datetime.date(2025, 11, 30),
    )  # fmt: skip
    plan_services.task_add(
        actor=province_officer, plan=plan, number="2", content="Cấp thẻ BHYT cho người nghèo",
        lead_agency="Sở Y tế", due_date=datetime.date(2025, 6, 30),
    )  # fmt: skip
    return plan


@pytest.fixture
def construction(hue, plan):
    return Agency.objects.get(province=hue, name="Sở Xây dựng")


@pytest.fixture
def construction_officer(hue, construction):
    user = make_user("nganh_xd", "agency_officer", hue)
    AgencyMember.objects.create(agency=construction, user=user)
    return user


@pytest.fixture
def health_officer(hue, plan):
    user = make_user("nganh_yte", "agency_officer", hue)
    AgencyMember.objects.create(agency=Agency.objects.get(province=hue, name="Sở Y tế"), user=user)
    return user


def open_round(officer, province, plan, kind, due, **extra):
    period = period_get_or_create(year=2025, kind="year", number=1)
    return services.round_open(
        actor=officer, province=province, period=period, plan=plan, kind=kind,
        commune_due=due[0], province_due=due[1], **extra,
    )  # fmt: skip


def test_estimate_and_official_rounds_of_one_year_both_open_and_a_second_official_is_refused(
    province_officer, hue, plan
):
    estimate = open_round(province_officer, hue, plan, "estimate", ESTIMATE_DUE)
    official = open_round(province_officer, hue, plan, "official", OFFICIAL_DUE)
    assert estimate.period_id == official.period_id
    assert estimate.label == "Báo cáo ước thực hiện — Năm 2025"
    with pytest.raises(AppError) as error:
        open_round(province_officer, hue, plan, "official", OFFICIAL_DUE)
    assert error.value.field == "period"
    assert ReportingRound.objects.count() == 2


def test_a_round_asks_the_agencies_leading_the_plan_s_projects_and_tasks(province_officer, hue, plan):
    reporting_round = open_round(province_officer, hue, plan, "official", OFFICIAL_DUE)
    agencies = set(
        reporting_round.reports.filter(agency__isnull=False).values_list("agency__name", flat=True)
    )
    assert agencies == {"Sở Xây dựng", "Sở Y tế"}
    report = reporting_round.reports.get(agency__name="Sở Xây dựng")
    assert (report.unit_id, report.commune_id, report.due_date) == (hue.pk, None, OFFICIAL_DUE[0])


def test_the_agency_writes_and_submits_its_report_and_the_province_approves(
    province_officer, construction_officer, hue, plan
):
    reporting_round = open_round(province_officer, hue, plan, "official", OFFICIAL_DUE)
    report = reporting_round.reports.get(agency__name="Sở Xây dựng")
    services.report_annotate(
        actor=construction_officer,
        report=report,
        summary="Đã hỗ trợ 118/120 căn",
        difficulties="",
        proposals="",
    )
    submitted = services.report_submit(actor=construction_officer, report=report)
    assert [task["content"] for task in submitted.snapshot["agency_tasks"]] == ["Hỗ trợ xây 120 căn nhà"]
    approved = services.report_approve(actor=province_officer, report=submitted)
    assert approved.status == ReportStatus.APPROVED

    province_report = reporting_round.reports.get(agency__isnull=True, commune__isnull=True)
    rows = {row["agency"]: row for row in report_content(province_report)["agency_reports"]}
    assert rows["Sở Xây dựng"]["status"] == "approved"
    assert rows["Sở Xây dựng"]["summary"] == "Đã hỗ trợ 118/120 căn"
    assert (rows["Sở Y tế"]["status"], rows["Sở Y tế"]["summary"]) == ("draft", "")


def test_another_agency_and_a_commune_cannot_write_the_agency_s_report_and_nothing_changes(
    province_officer, construction_officer, health_officer, officer_a, hue, plan
):
    reporting_round = open_round(province_officer, hue, plan, "official", OFFICIAL_DUE)
    report = reporting_round.reports.get(agency__name="Sở Xây dựng")
    for intruder in (health_officer, officer_a, province_officer):
        with pytest.raises(PermissionDenied):
            services.report_annotate(
                actor=intruder, report=report, summary="x", difficulties="", proposals=""
            )
    report.refresh_from_db()
    assert (report.summary, report.version) == ("", 1)


def test_agency_reports_are_seen_by_their_agency_and_the_province_only(
    province_officer, construction_officer, health_officer, officer_a, hue, son_la, plan
):
    reporting_round = open_round(province_officer, hue, plan, "official", OFFICIAL_DUE)
    report = reporting_round.reports.get(agency__name="Sở Xây dựng")
    foreign_agency_officer = make_user("nganh_sonla", "agency_officer", son_la)
    AgencyMember.objects.create(
        agency=Agency.objects.create(province=son_la, name="Sở Xây dựng"), user=foreign_agency_officer
    )
    assert [r.reporter for r in selectors.report_list(construction_officer, reporting_round)] == [
        "Sở Xây dựng"
    ]
    assert [r.reporter for r in selectors.report_list(health_officer, reporting_round)] == ["Sở Y tế"]
    assert not selectors.report_list(foreign_agency_officer, reporting_round).exists()
    assert not selectors.report_list(officer_a, reporting_round).filter(agency__isnull=False).exists()
    assert selectors.report_list(province_officer, reporting_round).filter(agency__isnull=False).count() == 2
    for outsider in (health_officer, officer_a, foreign_agency_officer):
        with pytest.raises(NotFound):
            selectors.report_get_for_user(outsider, report.pk)
        assert client_for(outsider).get(f"/giam-sat/bao-cao/{report.pk}/").status_code == 404
        assert client_for(outsider).get(f"/giam-sat/bao-cao/{report.pk}/xuat.xlsx").status_code == 404
    page = client_for(construction_officer).get(f"/giam-sat/bao-cao/{report.pk}/")
    assert page.status_code == 200
    assert page.context["can_submit"] and not page.context["can_decide"]


def test_an_estimate_sent_in_october_does_not_lock_the_figures_of_the_official_report(
    province_officer, officer_a, commune_a, hue, plan
):
    from decimal import Decimal

    from giamngheo.programs.models import Indicator

    estimate = open_round(province_officer, hue, plan, "estimate", ESTIMATE_DUE)
    open_round(province_officer, hue, plan, "official", OFFICIAL_DUE)
    jobs = Indicator.objects.get(code="workers_job_connected")
    period = estimate.period
    services.indicator_value_set(
        actor=officer_a, indicator=jobs, unit=commune_a, period=period, value=Decimal(30)
    )
    report = estimate.reports.get(commune=commune_a)
    services.report_annotate(actor=officer_a, report=report, summary="Ước đạt", difficulties="", proposals="")
    services.report_submit(actor=officer_a, report=report)
    row = services.indicator_value_set(
        actor=officer_a, indicator=jobs, unit=commune_a, period=period, value=Decimal(42)
    )
    assert row.value == Decimal(42)
    report.refresh_from_db()
    assert report.snapshot["results"][0]["value"] == "30.000"


def test_an_ad_hoc_request_needs_its_title_and_content_and_several_can_be_open(province_officer, hue, plan):
    due = (datetime.date(2025, 8, 5), datetime.date(2025, 8, 10))
    with pytest.raises(AppError) as error:
        open_round(province_officer, hue, plan, "ad_hoc", due, title="Báo cáo nhanh", request="")
    assert error.value.field == "title"
    assert not ReportingRound.objects.exists()
    first = open_round(
        province_officer, hue, plan, "ad_hoc", due, title="Thiệt hại do bão số 5",
        request="Số hộ nghèo bị sập, tốc mái nhà",
    )  # fmt: skip
    second = open_round(
        province_officer, hue, None, "ad_hoc", due, title="Rà soát nhà tạm", request="Số nhà tạm còn lại"
    )
    assert first.label == "Thiệt hại do bão số 5 — Năm 2025"
    assert first.reports.filter(agency__isnull=True, commune__isnull=True).get().due_date == due[1]
    assert second.reports.filter(agency__isnull=False).exists()  # without a plan: every leading agency


def test_a_project_close_out_asks_only_the_project_s_lead_agency_and_the_province(
    province_officer, hue, plan, construction
):
    project = plan.projects.get()
    with pytest.raises(AppError) as error:
        open_round(province_officer, hue, plan, "official", OFFICIAL_DUE, project=project)
    assert error.value.field == "project"
    close_out = open_round(province_officer, hue, plan, "close_out", OFFICIAL_DUE, project=project)
    assert set(close_out.reports.values_list("agency__name", "commune")) == {
        (None, None),
        ("Sở Xây dựng", None),
    }
    programme = open_round(province_officer, hue, plan, "close_out", OFFICIAL_DUE)
    assert programme.reports.filter(commune__isnull=False).exists()
    with pytest.raises(AppError):
        open_round(province_officer, hue, plan, "close_out", OFFICIAL_DUE, project=project)


def test_round_page_shows_days_late_in_a_bounded_number_of_queries(
    province_officer, hue, plan, django_assert_max_num_queries
):
    reporting_round = open_round(province_officer, hue, plan, "estimate", ESTIMATE_DUE)
    client = client_for(province_officer)
    client.get(f"/giam-sat/dot/{reporting_round.pk}/")
    with django_assert_max_num_queries(20):
        response = client.get(f"/giam-sat/dot/{reporting_round.pk}/")
    rows = response.context["rows"]
    agency_rows = [(report.reporter, late) for report, _timeliness, late in rows if report.agency_id]
    today = timezone.localdate()
    assert agency_rows == [
        ("Sở Xây dựng", (today - ESTIMATE_DUE[0]).days),
        ("Sở Y tế", (today - ESTIMATE_DUE[0]).days),
    ]
    assert "trễ" in response.content.decode()


def test_the_province_opens_rounds_of_each_kind_from_the_page(province_officer, hue, plan):
    client = client_for(province_officer)
    data = {
        "kind": "estimate", "year": "2025", "period": "year-1", "plan": str(plan.pk),
        "commune_due": "15/10/2025", "province_due": "20/10/2025",
    }  # fmt: skip
    response = client.post("/giam-sat/dot/", data)
    assert response.status_code == 302
    response = client.post(
        "/giam-sat/dot/", dict(data, kind="official", commune_due="15/12/2025", province_due="20/12/2025")
    )
    assert response.status_code == 302
    assert sorted(ReportingRound.objects.values_list("kind", flat=True)) == ["estimate", "official"]
    assert Report.objects.filter(agency__name="Sở Xây dựng").count() == 2


def test_the_round_workbook_names_each_agency(province_officer, hue, plan):
    import io

    import openpyxl

    reporting_round = open_round(province_officer, hue, plan, "official", OFFICIAL_DUE)
    response = client_for(province_officer).get(f"/giam-sat/dot/{reporting_round.pk}/tinh-hinh.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert {"Sở Xây dựng", "Sở Y tế", "Thành phố Huế"} <= set(names)
