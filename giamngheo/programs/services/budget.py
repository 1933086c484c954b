"""Writes to plan budgets (million VND): planned lines, stated totals, allocations and disbursements."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.models import Period
from giamngheo.core.services import audit_record
from giamngheo.programs.models import (
    BudgetAllocation,
    BudgetLine,
    BudgetSource,
    BudgetStatement,
    Disbursement,
    Expenditure,
    Plan,
)
from giamngheo.programs.models.budget import DONG_PER_MILLION, SOURCE_GROUP_LABELS
from giamngheo.programs.services._base import _invalid, _project_by_number, _require_manage

ZERO = Decimal(0)
# The support ledger's records that stand as paid: delivered and not cancelled since (the last link).
_PAID = {"status": "delivered", "superseded_by__isnull": True}


def ledger_disbursed(
    line: BudgetLine, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> Decimal:
    """Support delivered against the line (its records' amounts in đồng) in million VND, exactly."""
    records = line.support_records.filter(**_PAID)
    if start is not None:
        records = records.filter(on__gte=start)
    if end is not None:
        records = records.filter(on__lte=end)
    total = records.aggregate(total=Sum("amount"))["total"] or 0
    return Decimal(total) / DONG_PER_MILLION


def _manual_disbursed(line: BudgetLine) -> Decimal:
    return line.disbursements.aggregate(total=Sum("amount"))["total"] or ZERO


def _overspent(line: BudgetLine, spent: Decimal, available: Decimal) -> AppError:
    return AppError(
        ErrorCode.BUDGET_OVERSPENT,
        _("Giải ngân vượt dự toán được giao: %(source)s còn %(left)s triệu đồng.")
        % {"source": line.get_source_display(), "left": available - spent},
        field="amount",
    )


def budget_line_spend_check(*, line: BudgetLine, amount_dong: int, on: datetime.date) -> None:
    """Refuse paying `amount_dong` from the line when manual and ledger spending would pass the allocation.

    Called by the support services inside their transaction before a delivered record is written; the line
    is locked so two deliveries against it are judged one after the other.
    """
    BudgetLine.objects.select_for_update(of=("self",)).filter(pk=line.pk).order_by("pk").first()
    spent = _manual_disbursed(line) + ledger_disbursed(line)
    available = _allocated(line, up_to_year=on.year)
    if spent + Decimal(amount_dong) / DONG_PER_MILLION > available:
        raise _overspent(line, spent, available)


@transaction.atomic
def budget_line_set(
    *,
    actor: Any,
    plan: Plan,
    source: str,
    amount: Decimal,
    expenditure: str = Expenditure.UNSPECIFIED,
    project_number: str | None = None,
) -> BudgetLine:
    """Set the planned amount (million VND) of one project × source × expenditure cell."""
    _require_manage(actor, plan)
    if source not in BudgetSource.values:
        raise _invalid(_("Nguồn vốn không hợp lệ."), "source")
    if expenditure not in Expenditure.values:
        raise _invalid(_("Loại vốn không hợp lệ."), "expenditure")
    if not isinstance(amount, Decimal) or amount < 0:
        raise _invalid(_("Số tiền phải là số không âm (triệu đồng)."), "amount")
    project = _project_by_number(plan, project_number)
    line = BudgetLine.objects.filter(
        plan=plan, project=project, source=source, expenditure=expenditure
    ).first()
    allocated = line.allocations.aggregate(total=Sum("amount"))["total"] or ZERO if line else ZERO
    if amount < allocated:
        raise _invalid(
            _("Số kế hoạch không được nhỏ hơn dự toán đã giao (%(amount)s triệu đồng).")
            % {"amount": allocated},
            "amount",
        )
    before = {"amount": line.amount} if line else None
    if line is None:
        line = BudgetLine.objects.create(
            plan=plan, project=project, source=source, expenditure=expenditure, amount=amount
        )
    else:
        line.amount = amount
        line.save(update_fields=["amount"])
    audit_record(
        actor=actor,
        action=AuditAction.BUDGET_LINE_SET,
        obj=plan,
        before=before,
        after={"line": line.pk, "amount": amount},
    )
    return line


@transaction.atomic
def budget_statement_set(
    *, actor: Any, plan: Plan, group: str, amount: Decimal, expenditure: str = Expenditure.UNSPECIFIED
) -> BudgetStatement:
    """Record a total stated in the plan's text, to be checked against the budget lines."""
    _require_manage(actor, plan)
    if group not in SOURCE_GROUP_LABELS:
        raise _invalid(_("Nhóm nguồn vốn không hợp lệ."), "group")
    if amount < 0:
        raise _invalid(_("Số tiền không được âm."), "amount")
    statement, _created = BudgetStatement.objects.update_or_create(
        plan=plan, group=group, expenditure=expenditure, defaults={"amount": amount}
    )
    return statement


@transaction.atomic
def budget_line_remove(*, actor: Any, line: BudgetLine) -> None:
    """Remove a planned budget line that has no money assigned or paid yet."""
    plan = line.plan
    _require_manage(actor, plan)
    if line.allocations.exists() or line.disbursements.exists() or line.support_records.exists():
        raise AppError(
            ErrorCode.INVALID,
            _("Dòng kinh phí đã có dự toán giao hoặc giải ngân; hãy đặt lại số tiền thay vì xóa."),
            field="amount",
        )
    before = {"source": line.source, "expenditure": line.expenditure, "amount": str(line.amount)}
    line.delete()
    audit_record(actor=actor, action=AuditAction.BUDGET_LINE_REMOVE, obj=plan, before=before)


@transaction.atomic
def budget_statement_remove(*, actor: Any, statement: BudgetStatement) -> None:
    """Remove a total stated in the plan's text."""
    plan = statement.plan
    _require_manage(actor, plan)
    before = {"group": statement.group, "amount": str(statement.amount)}
    statement.delete()
    audit_record(actor=actor, action=AuditAction.BUDGET_STATEMENT_REMOVE, obj=plan, before=before)


def _allocated(line: BudgetLine, up_to_year: int | None = None) -> Decimal:
    rows = line.allocations.all() if up_to_year is None else line.allocations.filter(year__lte=up_to_year)
    return rows.aggregate(total=Sum("amount"))["total"] or ZERO


@transaction.atomic
def budget_allocation_record(
    *,
    actor: Any,
    line: BudgetLine,
    year: int,
    amount: Decimal,
    decided_on: datetime.date,
    reference: str = "",
) -> BudgetAllocation:
    """Record money assigned to a budget line for a year (a negative amount records a cut)."""
    plan = line.plan
    _require_manage(actor, plan)
    BudgetLine.objects.select_for_update(of=("self",)).filter(pk=line.pk).order_by("pk").first()
    if not plan.start_year <= year <= plan.end_year:
        raise _invalid(_("Năm giao dự toán phải nằm trong thời gian của kế hoạch."), "year")
    if amount == 0:
        raise _invalid(_("Số tiền giao phải khác 0."), "amount")
    total = _allocated(line) + amount
    if total > line.amount:
        raise _invalid(
            _("Tổng dự toán giao (%(total)s) vượt số kế hoạch của nguồn này (%(plan)s triệu đồng).")
            % {"total": total, "plan": line.amount},
            "amount",
        )
    disbursed = _manual_disbursed(line) + ledger_disbursed(line)
    if total < disbursed or total < 0:
        raise _invalid(_("Dự toán sau khi cắt giảm nhỏ hơn số đã giải ngân."), "amount")
    allocation = BudgetAllocation.objects.create(
        line=line, year=year, amount=amount, decided_on=decided_on, reference=reference, recorded_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.BUDGET_ALLOCATION_RECORD,
        obj=plan,
        after={"line": line.pk, "year": year, "amount": amount},
    )
    return allocation


@transaction.atomic
def disbursement_record(
    *, actor: Any, line: BudgetLine, period: Period, amount: Decimal, note: str = ""
) -> Disbursement:
    """Record money paid out of a budget line in a period; no line (hence no source) is ever overspent."""
    plan = line.plan
    _require_manage(actor, plan)
    BudgetLine.objects.select_for_update(of=("self",)).filter(pk=line.pk).order_by("pk").first()
    if not plan.start_year <= period.year <= plan.end_year:
        raise _invalid(_("Kỳ giải ngân phải nằm trong thời gian của kế hoạch."), "period")
    if amount == 0:
        raise _invalid(_("Số tiền giải ngân phải khác 0."), "amount")
    manual = _manual_disbursed(line)
    spent = manual + ledger_disbursed(line)
    available = _allocated(line, up_to_year=period.year)
    if spent + amount > available:
        raise _overspent(line, spent, available)
    if manual + amount < 0:
        raise _invalid(_("Số điều chỉnh giảm lớn hơn số đã giải ngân."), "amount")
    row = Disbursement.objects.create(line=line, period=period, amount=amount, note=note, recorded_by=actor)
    audit_record(
        actor=actor,
        action=AuditAction.DISBURSEMENT_RECORD,
        obj=plan,
        after={"line": line.pk, "period": period.pk, "amount": amount},
    )
    return row
