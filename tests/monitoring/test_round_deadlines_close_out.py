"""Line agencies' own deadline in a round (overdue shown per kind) and a close-out over a program period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from giamngheo.core.errors import AppError
from giamngheo.core.official_docx import official_docx
from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring import services
from giamngheo.monitoring.collection_forms import report_collection, report_window
from giamngheo.monitoring.content import report_content
from giamngheo.monitoring.documents import report_document
from giamngheo.monitoring.models import Report, ReportingRound
from giamngheo.programs import services as plan_services
from giamngheo.programs.catalogue import catalogue_load, indicator_catalogue_load
from giamngheo.programs.models import Indicator, Program
from giamngheo.registry.models import StatusTransition
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db
COMMUNES, AGENCIES, PROVINCE = dt.date(2025, 12, 10), dt.date(2025, 12, 5), dt.date(2025, 12, 20)


@pytest.fixture
def plan(province_officer, hue):
    """A 2021–2025 plan of Huế with a project led by Sở Xây dựng and a target on the poor households."""
    catalogue_load()
    indicator_catalogue_load()
    plan = plan_services.plan_create(
        actor=province_officer, program=Program.objects.get(code="gnbv-2021-2025"), unit=hue,
        kind="multi_year", start_year=2021, end_year=2025, number="12/KH-UBND", issuer="UBND thành phố Huế",
        title="Kế hoạch giảm nghèo 2021–2025",
    )  # fmt: skip
    plan_services.plan_project_add(
        actor=province_officer, plan=plan, local_number="5", local_name="Hỗ trợ nhà ở",
        component_code="P5", lead_agency="Sở Xây dựng",
    )  # fmt: skip
    plan_services.plan_target_add(
        actor=province_officer, plan=plan, indicator=Indicator.objects.get(code="poor_households"),
        kind="level", bound="at_most", target_year=2025, text="Dưới 10 hộ nghèo", value_high=Decimal(10),
        baseline_value=Decimal(20), baseline_year=2021,
    )  # fmt: skip
    return plan


def open_round(officer, province, plan, kind="official", **extra):
    return services.round_open(
        actor=officer, province=province, period=period_get_or_create(year=2025, kind="year", number=1),
        plan=plan, kind=kind, commune_due=COMMUNES, province_due=PROVINCE, **extra,
    )  # fmt: skip


def test_agencies_have_their_own_deadline_and_communes_keep_theirs(province_officer, hue, plan):
    reporting_round = open_round(province_officer, hue, plan, agency_due=AGENCIES)
    assert (reporting_round.commune_due, reporting_round.agency_due) == (COMMUNES, AGENCIES)
    agency = reporting_round.reports.get(agency__name="Sở Xây dựng")
    commune = reporting_round.reports.filter(commune__isnull=False).first()
    province = reporting_round.reports.get(agency__isnull=True, commune__isnull=True)
    assert (agency.due_date, commune.due_date, province.due_date) == (AGENCIES, COMMUNES, PROVINCE)


def test_without_an_agency_deadline_agencies_take_the_communes_one(province_officer, hue, plan):
    reporting_round = open_round(province_officer, hue, plan)
    assert reporting_round.agency_due == COMMUNES
    assert reporting_round.reports.get(agency__name="Sở Xây dựng").due_date == COMMUNES


def test_an_agency_deadline_after_the_province_s_is_refused_and_nothing_opens(province_officer, hue, plan):
    with pytest.raises(AppError) as error:
        open_round(province_officer, hue, plan, agency_due=dt.date(2025, 12, 21))
    assert error.value.field == "agency_due"
    assert not ReportingRound.objects.exists()


def test_the_agency_rule_of_the_calendar_gives_the_agencies_deadline(province_officer, hue, plan):
    plan_services.reporting_rule_add(
        actor=province_officer, plan=plan, period_kind="year", label="Báo cáo năm", reporter_level="agency",
        recipient="Sở Nông nghiệp và Môi trường", due_month=12, due_day=1,
    )  # fmt: skip
    reporting_round = open_round(province_officer, hue, plan)
    assert reporting_round.agency_due == dt.date(2025, 12, 1)


def test_the_round_page_shows_overdue_agencies_apart_from_communes(province_officer, hue, plan):
    reporting_round = open_round(province_officer, hue, plan, agency_due=AGENCIES)
    page = client_for(province_officer).get(f"/giam-sat/dot/{reporting_round.pk}/")
    assert page.context["agency_progress"].total == 1
    assert page.context["agency_progress"].by_timeliness == {"overdue": 1}  # today is after 5/12/2025
    assert page.context["progress"].total == reporting_round.reports.filter(commune__isnull=False).count()
    html = page.content.decode()
    assert 'data-testid="agency-progress"' in html and "5/12/2025" in html


def test_the_round_form_takes_the_agency_deadline_and_the_close_out_span(province_officer, hue, plan):
    data = {
        "kind": "close_out", "year": "2025", "period": "year-1", "plan": str(plan.pk),
        "commune_due": "10/12/2025", "agency_due": "05/12/2025", "province_due": "20/12/2025",
        "from_year": "2022",
    }  # fmt: skip
    response = client_for(province_officer).post("/giam-sat/dot/", data)
    assert response.status_code == 302
    reporting_round = ReportingRound.objects.get()
    assert (reporting_round.agency_due, reporting_round.from_year) == (AGENCIES, 2022)


def test_only_a_close_out_spans_years_and_it_starts_at_the_plan_s_first_year(province_officer, hue, plan):
    with pytest.raises(AppError) as error:
        open_round(province_officer, hue, plan, from_year=2021)
    assert error.value.field == "from_year"
    with pytest.raises(AppError) as error:
        open_round(province_officer, hue, plan, kind="close_out", from_year=2026)
    assert error.value.field == "from_year"
    close_out = open_round(province_officer, hue, plan, kind="close_out")
    assert close_out.from_year == 2021


def test_a_close_out_compares_the_first_year_with_the_end_and_counts_flows_over_the_period(
    province_officer, hue, plan, poor_household, commune_a
):
    # Registered and recognised poor in 2021, the household is poor at the end of 2021 and of 2025.
    type(poor_household).objects.filter(pk=poor_household.pk).update(registered_on=dt.date(2021, 1, 1))
    StatusTransition.objects.create(
        household=poor_household, kind="new_poor", from_status="none", to_status="poor",
        effective_on=dt.date(2021, 6, 1),
    )  # fmt: skip
    close_out = open_round(province_officer, hue, plan, kind="close_out")
    province = close_out.reports.get(agency__isnull=True, commune__isnull=True)
    content = report_content(province)
    assert content["close_out_years"] == "2021–2025"
    (row,) = content["close_out_rows"]
    assert (row["baseline"], row["first_year"], row["first"], row["last"], row["change"]) == (
        Decimal(20),
        2021,
        Decimal(1),
        Decimal(1),
        Decimal(0),
    )
    window = report_window(province)
    assert (window.start, window.end) == (dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    moves = report_collection(province)["bieu-04"]["rows"]
    assert next(r for r in moves if r["unit_id"] == commune_a.pk)["new"] == 1  # the 2021 transition counts
    document = report_document(province, "mau-02")
    assert "giai đoạn 2021–2025" in document.subject
    headings = [getattr(block, "text", "") for block in document.body]
    assert "Kết quả giai đoạn 2021–2025 so với đầu kỳ" in headings
    assert official_docx(document)[:2] == b"PK"


def test_an_annual_round_counts_flows_of_its_year_only(
    province_officer, hue, plan, poor_household, commune_a
):
    StatusTransition.objects.create(
        household=poor_household, kind="new_poor", from_status="none", to_status="poor",
        effective_on=dt.date(2021, 6, 1),
    )  # fmt: skip
    reporting_round = open_round(province_officer, hue, plan)
    province = Report.objects.get(round=reporting_round, agency__isnull=True, commune__isnull=True)
    moves = report_collection(province)["bieu-04"]["rows"]
    assert next(r for r in moves if r["unit_id"] == commune_a.pk)["new"] == 0
