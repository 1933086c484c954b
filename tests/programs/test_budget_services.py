"""Budget services: allocations within the plan, no source overspent, nothing written on failure."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from giamngheo.core.errors import AppError, PermissionDenied
from giamngheo.core.services import period_get_or_create
from giamngheo.programs import services
from giamngheo.programs.catalogue import catalogue_load
from giamngheo.programs.models import Disbursement, Plan, Program
from giamngheo.programs.selectors import budget_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(province_officer, hue):
    catalogue_load()
    return services.plan_create(
        actor=province_officer,
        program=Program.objects.get(code="ntm-gnbv-dtts-2026-2035"),
        unit=hue,
        kind="annual",
        start_year=2026,
        end_year=2026,
        number="01/KH-UBND",
        issuer="UBND thành phố Huế",
        title="Kế hoạch năm 2026",
    )


def test_disbursement_beyond_allocation_is_refused_and_nothing_is_written(plan, province_officer):
    line = services.budget_line_set(
        actor=province_officer, plan=plan, source="central", amount=Decimal("1000.5")
    )
    services.budget_allocation_record(
        actor=province_officer,
        line=line,
        year=2026,
        amount=Decimal(600),
        decided_on=datetime.date(2026, 2, 1),
    )
    half = period_get_or_create(year=2026, kind="half_year", number=1)
    services.disbursement_record(actor=province_officer, line=line, period=half, amount=Decimal("450.250"))
    with pytest.raises(AppError) as error:
        services.disbursement_record(actor=province_officer, line=line, period=half, amount=Decimal(150))
    assert (error.value.code, error.value.field) == ("budget_overspent", "amount")
    assert Disbursement.objects.count() == 1
    row = budget_summary(plan).execution[0]
    assert (row["allocated"], row["disbursed"], row["rate"]) == (
        Decimal(600),
        Decimal("450.250"),
        Decimal("75.04"),
    )


def test_allocation_cannot_exceed_the_planned_line(plan, province_officer):
    line = services.budget_line_set(actor=province_officer, plan=plan, source="province", amount=Decimal(100))
    with pytest.raises(AppError) as error:
        services.budget_allocation_record(
            actor=province_officer,
            line=line,
            year=2026,
            amount=Decimal(101),
            decided_on=datetime.date(2026, 2, 1),
        )
    assert error.value.field == "amount"
    assert not line.allocations.exists()


def test_stated_total_that_does_not_add_up_is_flagged(plan, province_officer):
    services.budget_line_set(actor=province_officer, plan=plan, source="central", amount=Decimal(300))
    services.budget_line_set(actor=province_officer, plan=plan, source="province", amount=Decimal(45))
    services.budget_statement_set(actor=province_officer, plan=plan, group="total", amount=Decimal(350))
    check = budget_summary(plan).checks[0]
    assert (check.stated, check.computed, check.ok) == (Decimal(350), Decimal(345), False)


def test_commune_officer_cannot_write_the_provincial_budget(plan, officer_a):
    with pytest.raises(PermissionDenied):
        services.budget_line_set(actor=officer_a, plan=plan, source="central", amount=Decimal(1))


def test_allocation_row_errors_name_the_row_and_field(plan, province_officer):
    rows = [
        services.AllocationRow("Xã A", 10, 100, 2, 101),
        services.AllocationRow("Xã B", 10, 100, 12, 101),
    ]
    with pytest.raises(AppError) as error:
        services.plan_allocation_set(actor=province_officer, plan=plan, rows=rows)
    assert error.value.field == "reduction"
    assert "Dòng 2 (Xã B)" in error.value.message
    assert not Plan.objects.get(pk=plan.pk).allocations.exists()


def test_plan_outside_the_program_period_is_refused(province_officer, hue):
    catalogue_load()
    with pytest.raises(AppError) as error:
        services.plan_create(
            actor=province_officer,
            program=Program.objects.get(code="gnbv-2021-2025"),
            unit=hue,
            kind="annual",
            start_year=2026,
            end_year=2026,
            number="02/KH-UBND",
            issuer="UBND",
            title="Sai giai đoạn",
        )
    assert error.value.field == "start_year"
    assert not Plan.objects.exists()
