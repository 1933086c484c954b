"""A plan's disbursement by month or quarter per budget line: the support ledger plus manual entries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext as _

from giamngheo.core.exports import Sheet
from giamngheo.core.models import PeriodKind, period_bounds
from giamngheo.programs.models import BudgetAllocation, BudgetLine, Disbursement, Plan
from giamngheo.programs.models.budget import DONG_PER_MILLION

ZERO = Decimal(0)
# The granularities offered, with how many months each column spans.
MONTHS_PER_COLUMN: dict[str, int] = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3}


@dataclass(frozen=True)
class PeriodColumn:
    number: int
    label: str
    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class PeriodRow:
    """One budget line: money paid in each column, manual entries of a longer period, year and rate."""

    label: str
    ledger: list[Decimal]
    manual: list[Decimal]
    cells: list[Decimal]
    unassigned: Decimal
    year_total: Decimal
    allocated: Decimal
    cumulative: Decimal
    rate: Decimal | None


@dataclass(frozen=True)
class PeriodTable:
    year: int
    kind: str
    columns: list[PeriodColumn]
    rows: list[PeriodRow]
    totals: list[Decimal]
    cumulative_rates: list[Decimal | None]
    total: PeriodRow


def _rate(paid: Decimal, allocated: Decimal) -> Decimal | None:
    return (paid * 100 / allocated).quantize(Decimal("0.01")) if allocated else None


def _columns(year: int, kind: str) -> list[PeriodColumn]:
    count = 12 // MONTHS_PER_COLUMN[kind]
    label = _("Tháng %(number)s") if kind == PeriodKind.MONTH else _("Quý %(number)s")
    return [
        PeriodColumn(number, label % {"number": number}, *period_bounds(year, kind, number))
        for number in range(1, count + 1)
    ]


def line_label(line: BudgetLine) -> str:
    project = str(line.project) if line.project else _("Chung")
    return f"{project} · {line.get_source_display()}"


def budget_by_period(plan: Plan, *, year: int, kind: str = PeriodKind.MONTH) -> PeriodTable:
    """Per line and per month (or quarter) of `year`: ledger and manual disbursement, and the rate.

    The ledger counts delivered support records that stand (the last link of a chain, not cancelled) on
    their date; a manual disbursement counts in the column its period falls in, or as «other periods» when
    its period is longer than a column (a half-year entered against a monthly view). The rate is money paid
    up to the end of `year` over money allocated up to `year`, as on the budget execution table. Five
    queries whatever the number of lines and records.
    """
    columns = _columns(year, kind)
    months = MONTHS_PER_COLUMN[kind]
    year_end = datetime.date(year, 12, 31)
    lines = list(plan.budget_lines.select_related("project").order_by("project__order", "source", "pk"))
    # One filter() call per query: conditions on a to-many relation split over two calls join twice.
    paid = {
        "plan": plan,
        "support_records__status": "delivered",
        "support_records__superseded_by__isnull": True,
    }
    ledger: dict[tuple[int, int], int] = defaultdict(int)
    for row in (
        BudgetLine.objects.filter(**paid, support_records__on__year=year)
        .order_by()
        .values("pk", month=ExtractMonth("support_records__on"))
        .annotate(total=Sum("support_records__amount"))
    ):
        ledger[(row["pk"], (row["month"] - 1) // months)] += row["total"] or 0
    ledger_before = dict(
        BudgetLine.objects.filter(**paid, support_records__on__lt=datetime.date(year, 1, 1))
        .order_by()
        .values("pk")
        .annotate(total=Sum("support_records__amount"))
        .values_list("pk", "total")
    )
    manual: dict[tuple[int, int | None], Decimal] = defaultdict(lambda: ZERO)
    manual_before: dict[int, Decimal] = defaultdict(lambda: ZERO)
    entries = Disbursement.objects.filter(line__plan=plan, period__end_date__lte=year_end).order_by("pk")
    for entry in entries.values("line_id", "amount", "period__start_date", "period__end_date"):
        start, end = entry["period__start_date"], entry["period__end_date"]
        if end.year < year:
            manual_before[entry["line_id"]] += entry["amount"]
            continue
        index = (start.month - 1) // months
        fits = columns[index].start <= start and end <= columns[index].end
        manual[(entry["line_id"], index if fits else None)] += entry["amount"]
    allocated = dict(
        BudgetAllocation.objects.filter(line__plan=plan, year__lte=year)
        .values("line_id")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("line_id", "total")
    )
    rows = []
    for line in lines:
        from_ledger = [Decimal(ledger[(line.pk, i)]) / DONG_PER_MILLION for i in range(len(columns))]
        from_manual = [manual[(line.pk, i)] for i in range(len(columns))]
        cells = [a + b for a, b in zip(from_ledger, from_manual, strict=True)]
        unassigned = manual[(line.pk, None)]
        year_total = sum(cells, ZERO) + unassigned
        before = Decimal(ledger_before.get(line.pk) or 0) / DONG_PER_MILLION + manual_before[line.pk]
        line_allocated = allocated.get(line.pk) or ZERO
        rows.append(
            PeriodRow(
                line_label(line),
                from_ledger,
                from_manual,
                cells,
                unassigned,
                year_total,
                line_allocated,
                before + year_total,
                _rate(before + year_total, line_allocated),
            )
        )
    return _with_totals(year, kind, columns, rows)


def _with_totals(year: int, kind: str, columns: list[PeriodColumn], rows: list[PeriodRow]) -> PeriodTable:
    width = len(columns)

    def column_sum(name: str) -> list[Decimal]:
        return [sum((getattr(row, name)[i] for row in rows), ZERO) for i in range(width)]

    totals = column_sum("cells")
    unassigned = sum((row.unassigned for row in rows), ZERO)
    allocated = sum((row.allocated for row in rows), ZERO)
    cumulative = sum((row.cumulative for row in rows), ZERO)
    year_total = sum((row.year_total for row in rows), ZERO)
    running = cumulative - year_total
    cumulative_rates = []
    for cell in totals:
        running += cell
        cumulative_rates.append(_rate(running, allocated))
    total = PeriodRow(
        _("Tổng cộng"), column_sum("ledger"), column_sum("manual"), totals, unassigned, year_total,
        allocated, cumulative, _rate(cumulative, allocated),
    )  # fmt: skip
    return PeriodTable(year, kind, columns, rows, totals, cumulative_rates, total)


def budget_period_sheet(table: PeriodTable) -> Sheet:
    """The table as one spreadsheet (million VND); every text cell goes through the safe workbook."""
    header = [
        _("Dòng kinh phí"),
        *[column.label for column in table.columns],
        _("Giải ngân khác kỳ"),
        _("Cả năm %(year)s") % {"year": table.year},
        _("Dự toán giao lũy kế"),
        _("Giải ngân lũy kế"),
        _("Tỷ lệ giải ngân (%)"),
    ]

    def values(row: PeriodRow) -> list[Any]:
        return [
            row.label,
            *row.cells,
            row.unassigned,
            row.year_total,
            row.allocated,
            row.cumulative,
            row.rate,
        ]

    rows = [values(row) for row in [*table.rows, table.total]]
    rows.append(
        [_("Tỷ lệ giải ngân lũy kế đến cuối kỳ (%)"), *table.cumulative_rates, None, None, None, None, None]
    )
    formats = [None, *["#,##0.000"] * (len(header) - 2), "0.00"]
    return Sheet(_("Giải ngân theo kỳ"), header, rows, number_formats=formats)
