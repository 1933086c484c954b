"""Report defects fixed: group labels, not codes; province-wide targets judged at the province."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from decimal import Decimal

import openpyxl
import pytest

from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring import services
from giamngheo.monitoring.content import report_content
from giamngheo.programs import services as plan_services
from giamngheo.programs.catalogue import catalogue_load, indicator_catalogue_load
from giamngheo.programs.models import Indicator, Program
from giamngheo.registry.models import Household
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db
_codes = itertools.count(1)


def households(commune, statuses):
    for status in statuses:
        Household.objects.create(
            code=f"D{next(_codes):07d}", province_id=commune.province_id, commune=commune,
            registered_on=dt.date(2024, 1, 1), status=status, head_name="Hộ thử",
        )  # fmt: skip


@pytest.fixture
def reporting_round(province_officer, hue):
    catalogue_load()
    indicator_catalogue_load()
    plan = plan_services.plan_create(
        actor=province_officer, program=Program.objects.get(code="gnbv-2021-2025"), unit=hue,
        kind="annual", start_year=2025, end_year=2025, number="07/KH-UBND", issuer="UBND thành phố Huế",
        title="Kế hoạch năm 2025",
    )  # fmt: skip
    plan_services.plan_target_add(
        actor=province_officer, plan=plan, indicator=Indicator.objects.get(code="poverty_rate"),
        kind="level", bound="at_most", target_year=2025, text="Tỷ lệ nghèo toàn tỉnh dưới 40%",
        value_high=Decimal(40),
    )  # fmt: skip
    return services.round_open(
        actor=province_officer, province=hue, plan=plan, period=period_get_or_create(year=2025, kind="year"),
        commune_due=dt.date(2025, 12, 15), province_due=dt.date(2025, 12, 20),
    )  # fmt: skip


def test_a_commune_report_judges_a_province_wide_target_at_the_province(
    reporting_round, commune_a, commune_b, hue
):
    households(commune_a, ["poor", "none"])
    households(commune_b, ["none", "none"])
    report = reporting_round.reports.get(commune=commune_a)
    [row] = report_content(report)["framework"]
    assert (row["where"], row["actual"], row["status"]) == (hue.name, Decimal("25.00"), "achieved")
    assert row["local"] == Decimal("50.00")


def test_reports_and_exports_show_the_group_label_not_its_code(reporting_round, officer_a, commune_a):
    jobs = Indicator.objects.get(code="workers_job_connected")
    services.indicator_value_set(
        actor=officer_a, indicator=jobs, unit=commune_a, period=reporting_round.period, value=Decimal(12)
    )
    report = reporting_round.reports.get(commune=commune_a)
    assert [row["group"] for row in report_content(report)["results"]] == ["Toàn địa bàn"]
    response = client_for(officer_a).get(f"/giam-sat/bao-cao/{report.pk}/xuat.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = {cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row}
    assert "Toàn địa bàn" in cells
    assert "all" not in cells
