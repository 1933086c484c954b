"""Disbursement by month and quarter on the budget execution screen, fed by the support ledger."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from giamngheo.core.services import period_get_or_create
from giamngheo.programs import services
from giamngheo.programs.budget_periods import budget_by_period
from giamngheo.programs.models import PlanProject, Program, ProgramComponent
from giamngheo.support.models import SupportType
from giamngheo.support.services.records import support_record_add, support_record_cancel
from tests.fixtures.people import client_for, make_user
from tests.fixtures.support import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(province_officer, hue, poor_household):
    plan = services.plan_create(
        actor=province_officer, program=Program.objects.get(code="ntm-gnbv-dtts-2026-2035"), unit=hue,
        kind="annual", start_year=2026, end_year=2026, number="02/KH-UBND", issuer="UBND thành phố Huế",
        title="Kế hoạch năm 2026",
    )  # fmt: skip
    PlanProject.objects.create(
        plan=plan, local_number="=1+1", local_name="Sinh kế",
        component=ProgramComponent.objects.get(program=plan.program, code="HP1.3"),
    )  # fmt: skip
    line = services.budget_line_set(
        actor=province_officer, plan=plan, source="local", amount=Decimal(100), project_number="=1+1"
    )
    services.budget_allocation_record(
        actor=province_officer, line=line, year=2026, amount=Decimal(60), decided_on=dt.date(2026, 2, 1)
    )
    return line


@pytest.fixture
def paid(province_officer, officer_a, poor_household, line):
    """10 million on 10/3, 5 million on 5/11, 4 million cancelled; 1 manual in February, 2 in quarter 4."""
    loan = SupportType.objects.get(code="vay-ho-ngheo")
    for on, amount in ((dt.date(2026, 3, 10), 10_000_000), (dt.date(2026, 11, 5), 5_000_000)):
        support_record_add(
            actor=officer_a, household=poor_household, member=None, support_type=loan, on=on,
            amount=amount, budget_line=line, today=TODAY,
        )  # fmt: skip
    cancelled = support_record_add(
        actor=officer_a, household=poor_household, member=None, support_type=loan,
        on=dt.date(2026, 6, 1), amount=4_000_000, budget_line=line, today=TODAY,
    )  # fmt: skip
    support_record_cancel(actor=officer_a, record=cancelled, reason="Nhập nhầm", on=TODAY)
    for kind, number, amount in (("month", 2, "1"), ("quarter", 4, "2")):
        services.disbursement_record(
            actor=province_officer, line=line,
            period=period_get_or_create(year=2026, kind=kind, number=number), amount=Decimal(amount),
        )  # fmt: skip
    return line


def test_by_month_the_ledger_counts_on_the_delivery_date_and_a_quarter_entry_stays_apart(
    paid, django_assert_num_queries
):
    with django_assert_num_queries(5):
        table = budget_by_period(paid.plan, year=2026, kind="month")

    row = table.rows[0]
    assert [column.label for column in table.columns][:3] == ["Tháng 1", "Tháng 2", "Tháng 3"]
    assert row.ledger[2] == Decimal(10) and row.ledger[10] == Decimal(5) and row.ledger[5] == 0
    assert row.cells[1] == Decimal(1) and row.cells[2] == Decimal(10) and row.cells[10] == Decimal(5)
    assert sum(row.cells) == Decimal(16)
    assert (row.unassigned, row.year_total, row.allocated, row.rate) == (
        Decimal(2), Decimal(18), Decimal(60), Decimal("30.00"),
    )  # fmt: skip


def test_by_quarter_every_entry_has_its_column_and_the_rate_grows_period_by_period(paid):
    table = budget_by_period(paid.plan, year=2026, kind="quarter")

    assert table.total.cells == [Decimal(11), Decimal(0), Decimal(0), Decimal(7)]
    assert table.total.unassigned == 0
    assert table.cumulative_rates == [Decimal("18.33"), Decimal("18.33"), Decimal("18.33"), Decimal("30.00")]


def test_the_budget_page_shows_the_period_table_and_its_excel_download(province_officer, paid):
    client = client_for(province_officer)

    page = client.get(f"/ke-hoach/{paid.plan_id}/kinh-phi/?nam=2026&ky=quarter").content.decode()
    response = client.get(f"/ke-hoach/{paid.plan_id}/kinh-phi/theo-ky.xlsx?nam=2026&ky=quarter")

    assert 'data-testid="period-table"' in page
    assert "Quý 4" in page
    assert 'data-testid="period-rate">30,00%<' in page
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Dòng kinh phí", "Quý 1", "Quý 2", "Quý 3", "Quý 4")
    assert rows[1][0] == "=1+1: Sinh kế · Ngân sách địa phương (chưa tách cấp)"
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert rows[1][1:5] == (11, 0, 0, 7)
    assert rows[1][-1] == 30


def test_an_officer_of_another_province_gets_no_period_export(son_la, paid):
    outsider = make_user("sonla_tinh", "province_officer", son_la)

    response = client_for(outsider).get(f"/ke-hoach/{paid.plan_id}/kinh-phi/theo-ky.xlsx")

    assert response.status_code == 404
