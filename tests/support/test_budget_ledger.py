"""Support delivered against a plan budget line is its disbursement; overspending is refused both ways."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from giamngheo.core.errors import AppError
from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.computations import programs_disbursement_rate
from giamngheo.programs import services
from giamngheo.programs.models import Disbursement, Program
from giamngheo.programs.selectors import budget_summary
from giamngheo.support.models import BeneficiaryList, SupportRecord, SupportType
from giamngheo.support.services.lists import beneficiary_list_propose
from giamngheo.support.services.records import support_record_add, support_record_cancel
from tests.fixtures.people import client_for
from tests.fixtures.support import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(province_officer, hue, poor_household):
    plan = services.plan_create(
        actor=province_officer, program=Program.objects.get(code="ntm-gnbv-dtts-2026-2035"), unit=hue,
        kind="annual", start_year=2026, end_year=2026, number="01/KH-UBND", issuer="UBND thành phố Huế",
        title="Kế hoạch năm 2026",
    )  # fmt: skip
    line = services.budget_line_set(actor=province_officer, plan=plan, source="local", amount=Decimal(100))
    services.budget_allocation_record(
        actor=province_officer, line=line, year=2026, amount=Decimal(60), decided_on=dt.date(2026, 2, 1)
    )
    return line


def _loan(actor, household, line, amount):
    return support_record_add(
        actor=actor, household=household, member=None,
        support_type=SupportType.objects.get(code="vay-ho-ngheo"), on=TODAY, amount=amount,
        budget_line=line, today=TODAY,
    )  # fmt: skip


def test_delivered_support_is_the_lines_disbursement_in_million_vnd(officer_a, poor_household, line):
    _loan(officer_a, poor_household, line, 12_345_678)

    row = budget_summary(line.plan).execution[0]

    assert (row["disbursed_ledger"], row["disbursed_manual"], row["disbursed"]) == (
        Decimal("12.345678"),
        Decimal(0),
        Decimal("12.345678"),
    )
    assert row["rate"] == Decimal("20.58")


def test_delivery_beyond_the_allocation_is_refused_and_nothing_is_written(officer_a, poor_household, line):
    _loan(officer_a, poor_household, line, 50_000_000)

    with pytest.raises(AppError) as error:
        _loan(officer_a, poor_household, line, 10_000_001)

    assert (error.value.code, error.value.field) == ("budget_overspent", "amount")
    assert SupportRecord.objects.count() == 1


def test_a_manual_disbursement_counts_the_ledger_too(province_officer, officer_a, poor_household, line):
    _loan(officer_a, poor_household, line, 50_000_000)
    quarter = period_get_or_create(year=2026, kind="quarter", number=4)
    services.disbursement_record(actor=province_officer, line=line, period=quarter, amount=Decimal(10))

    with pytest.raises(AppError) as error:
        services.disbursement_record(
            actor=province_officer, line=line, period=quarter, amount=Decimal("0.001")
        )

    assert error.value.code == "budget_overspent"
    assert Disbursement.objects.count() == 1


def test_a_cancelled_delivery_frees_the_money(officer_a, poor_household, line):
    record = _loan(officer_a, poor_household, line, 50_000_000)
    support_record_cancel(actor=officer_a, record=record, reason="Nhập nhầm", on=TODAY)

    _loan(officer_a, poor_household, line, 60_000_000)

    assert budget_summary(line.plan).execution[0]["disbursed_ledger"] == Decimal(60)


def test_the_plans_disbursement_rate_counts_the_ledger(officer_a, poor_household, line, hue):
    _loan(officer_a, poor_household, line, 15_000_000)

    computed = programs_disbursement_rate(hue, period_get_or_create(year=2026, kind="year"), "all")

    assert computed.value == Decimal("25.00")


def test_the_budget_page_shows_both_sources_and_records_an_allocation(
    province_officer, officer_a, poor_household, line
):
    _loan(officer_a, poor_household, line, 15_000_000)
    client = client_for(province_officer)

    page = client.get(f"/ke-hoach/{line.plan_id}/kinh-phi/").content.decode()
    response = client.post(
        f"/ke-hoach/{line.plan_id}/kinh-phi/",
        {"action": "allocation", "line": line.pk, "year": 2026, "amount": "40", "decided_on": "1/6/2026"},
    )

    assert 'data-testid="ledger">15<' in page
    assert response.status_code == 302
    assert budget_summary(line.plan).execution[0]["allocated"] == Decimal(100)


def test_an_overspending_disbursement_form_shows_the_error_and_writes_nothing(province_officer, line):
    response = client_for(province_officer).post(
        f"/ke-hoach/{line.plan_id}/kinh-phi/",
        {"action": "disbursement", "line": line.pk, "year": 2026, "period": "quarter-1", "amount": "61"},
    )

    assert response.status_code == 400
    assert "Giải ngân vượt dự toán" in response.content.decode()
    assert Disbursement.objects.count() == 0


def test_an_agency_officer_cannot_post_to_the_budget_page(agency_officer, line):
    response = client_for(agency_officer).post(
        f"/ke-hoach/{line.plan_id}/kinh-phi/",
        {"action": "disbursement", "line": line.pk, "year": 2026, "period": "quarter-1", "amount": "1"},
    )

    assert response.status_code == 403
    assert Disbursement.objects.count() == 0


def test_the_list_form_offers_the_provinces_budget_lines_and_links_the_list(officer_a, commune_a, line):
    client = client_for(officer_a)
    loan = SupportType.objects.get(code="vay-ho-ngheo")

    index = client.get("/ho-tro/").content.decode()
    response = client.post(
        "/ho-tro/danh-sach/de-xuat/",
        {"support_type": loan.pk, "commune": commune_a.pk, "year": 2026, "reference_date": "20/11/2026",
         "budget_line": line.pk},
    )  # fmt: skip

    assert f'<option value="{line.pk}">01/KH-UBND (2026)' in index
    assert response.status_code == 302
    assert BeneficiaryList.objects.get().budget_line == line


def test_a_list_of_a_year_outside_the_lines_plan_is_refused_and_nothing_is_written(
    officer_a, commune_a, line
):
    with pytest.raises(AppError) as error:
        beneficiary_list_propose(
            actor=officer_a, support_type=SupportType.objects.get(code="vay-ho-ngheo"), commune=commune_a,
            year=2027, reference_date=dt.date(2027, 1, 10), budget_line=line,
        )  # fmt: skip

    assert (error.value.code, error.value.field) == ("invalid", "budget_line")
    assert BeneficiaryList.objects.count() == 0
