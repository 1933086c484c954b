"""A 6-month reporting round: communes annotate and submit, the province approves or returns; all scoped."""

from __future__ import annotations

from decimal import Decimal

import pytest

from giamngheo.core.errors import AppError, PermissionDenied
from giamngheo.monitoring import services
from giamngheo.monitoring.models import IndicatorValue, Report, ReportStatus, ReportTransition
from giamngheo.programs.models import Indicator
from tests.fixtures.monitoring import report_of
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def test_round_opens_one_report_per_commune_and_one_for_the_province(reporting_round, hue):
    communes = hue.__class__.objects.filter(
        tree="current", level="commune", province=hue, valid_to__isnull=True
    )
    assert reporting_round.reports.count() == communes.count() + 1
    assert reporting_round.reports.filter(commune__isnull=True, unit=hue).count() == 1


def test_commune_submits_and_province_approves_then_everything_is_locked(
    reporting_round, officer_a, province_officer, commune_a
):
    report = report_of(reporting_round, commune_a)
    jobs = Indicator.objects.get(code="workers_job_connected")
    services.indicator_value_set(
        actor=officer_a, indicator=jobs, unit=commune_a, period=reporting_round.period, value=Decimal(35)
    )
    services.report_annotate(
        actor=officer_a, report=report, summary="Đạt kế hoạch", difficulties="", proposals=""
    )
    submitted = services.report_submit(actor=officer_a, report=report)
    assert submitted.status == ReportStatus.SUBMITTED
    assert submitted.snapshot["results"][0]["value"] == "35.000"

    approved = services.report_approve(actor=province_officer, report=submitted, comment="Đồng ý")
    assert approved.status == ReportStatus.APPROVED
    assert list(ReportTransition.objects.filter(report=report).values_list("to_status", flat=True)) == [
        "submitted",
        "approved",
    ]
    with pytest.raises(AppError) as locked:
        services.indicator_value_set(
            actor=officer_a, indicator=jobs, unit=commune_a, period=reporting_round.period, value=Decimal(40)
        )
    assert locked.value.code == "report_locked"
    assert IndicatorValue.objects.get(indicator=jobs, unit=commune_a).value == Decimal(35)
    with pytest.raises(AppError):
        services.report_annotate(
            actor=officer_a, report=approved, summary="sửa", difficulties="", proposals=""
        )


def test_commune_cannot_approve_and_province_must_say_why_it_returns(
    reporting_round, officer_a, province_officer, commune_a
):
    report = report_of(reporting_round, commune_a)
    services.report_annotate(actor=officer_a, report=report, summary="Tóm tắt", difficulties="", proposals="")
    report = services.report_submit(actor=officer_a, report=report)
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=officer_a, report=report)
    with pytest.raises(AppError) as missing:
        services.report_return(actor=province_officer, report=report, comment=" ")
    assert missing.value.field == "comment"
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    returned = services.report_return(actor=province_officer, report=report, comment="Bổ sung số liệu")
    assert returned.status == ReportStatus.RETURNED
    again = services.report_submit(actor=officer_a, report=returned)
    assert again.status == ReportStatus.SUBMITTED


def test_submit_needs_a_summary_and_changes_nothing_without_it(reporting_round, officer_a, commune_a):
    report = report_of(reporting_round, commune_a)
    with pytest.raises(AppError) as error:
        services.report_submit(actor=officer_a, report=report)
    assert error.value.field == "summary"
    report.refresh_from_db()
    assert (report.status, report.submitted_at, report.snapshot) == (ReportStatus.DRAFT, None, None)


def test_other_commune_gets_404_in_page_export_and_cannot_write(
    reporting_round, officer_a, officer_b, commune_a
):
    report = report_of(reporting_round, commune_a)
    client = client_for(officer_b)
    assert client.get(f"/giam-sat/bao-cao/{report.pk}/").status_code == 404
    assert client.get(f"/giam-sat/bao-cao/{report.pk}/xuat.xlsx").status_code == 404
    assert client.get(f"/giam-sat/bao-cao/{report.pk}/xuat.pdf").status_code == 404
    assert client.post(f"/giam-sat/bao-cao/{report.pk}/submit/").status_code == 404
    own = client_for(officer_a)
    assert own.get(f"/giam-sat/bao-cao/{report.pk}/").status_code == 200
    pdf = own.get(f"/giam-sat/bao-cao/{report.pk}/xuat.pdf")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = own.get(f"/giam-sat/bao-cao/{report.pk}/xuat.xlsx")
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"


def test_round_page_lists_only_the_commune_for_its_officer(reporting_round, officer_a, commune_a):
    response = client_for(officer_a).get(f"/giam-sat/dot/{reporting_round.pk}/")
    assert response.status_code == 200
    reports = response.context["rows"]
    assert [report.unit for report, *_ in reports] == [commune_a]


def test_round_page_queries_do_not_grow_with_communes(
    reporting_round, province_officer, django_assert_max_num_queries
):
    client = client_for(province_officer)
    with django_assert_max_num_queries(12):
        response = client.get(f"/giam-sat/dot/{reporting_round.pk}/")
    assert len(response.context["rows"]) == reporting_round.reports.count()


def test_computed_indicator_cannot_be_entered(reporting_round, officer_a, commune_a):
    with pytest.raises(AppError) as error:
        services.indicator_value_set(
            actor=officer_a,
            indicator=Indicator.objects.get(code="poverty_rate"),
            unit=commune_a,
            period=reporting_round.period,
            value=Decimal(3),
        )
    assert error.value.field == "indicator"
    assert not IndicatorValue.objects.exists()
