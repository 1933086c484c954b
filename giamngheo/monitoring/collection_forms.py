"""The data-collection Biểu 03–15 of a report: their columns from `circular10.toml`, rows by commune, sources.

Each column is a measure of `collection.py` (or the sum of several, or a ratio of two of the row's columns).
The rows are the communes of the report's area, then for a province the total, which is the sum of the
communes' figures column by column (ratios recomputed from the summed parts). Every figure is traceable: the
column's source names the query and the row names the commune. Frozen with the report on submission.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.monitoring.collection import MEASURES, Window, deprivation_source, deprived
from giamngheo.monitoring.computations import as_of_day
from giamngheo.monitoring.models import Report, RoundKind
from giamngheo.standards.loader import standard_for_year

COLLECTION_CODES = tuple(f"bieu-{number:02d}" for number in range(3, 16))
TOTAL_LABEL = "Tổng cộng"
QUANTUM = Decimal("0.01")
LEAD_COLUMNS = (
    {"key": "index", "header": "STT", "width": 0.7},
    {"key": "unit", "header": "Đơn vị hành chính", "width": 2.4},
)


def _forms() -> dict[str, Any]:
    from giamngheo.monitoring.documents import forms_data

    return forms_data()


def report_window(report: Report) -> Window:
    """The area and days a report's Biểu read: its commune (else province), the period, the close-out span."""
    reporting_round = report.round
    period = reporting_round.period
    first_year = period.year
    if reporting_round.kind == RoundKind.CLOSE_OUT and reporting_round.from_year:
        first_year = reporting_round.from_year
    area = report.commune or report.province
    label = period.label if first_year == period.year else f"{first_year}–{period.year}"
    return Window(area, as_of_day(period), dt.date(first_year, 1, 1), period.end_date, label)


def form_columns(code: str, year: int) -> list[dict[str, Any]]:
    """The numeric columns of a Biểu (without STT and unit), the deprivation columns expanded."""
    form = _forms()["form"][code]
    columns = [dict(column, numeric=True) for column in form["columns"]]
    reserved = {"index", "unit", "unit_id", "total", "sources"}
    if any(column["key"] in reserved for column in columns):
        raise ValueError(f"{code}: a column key may not be one of {sorted(reserved)}")
    if form.get("columns_from") == "deprivations":
        standard = standard_for_year(year)
        for item in standard.indicators:
            columns.append(
                {
                    "key": f"deprived_{item.key}",
                    "header": item.name_vi,
                    "group": "Số hộ nghèo thiếu hụt theo chỉ số",
                    "deprivation": item.key,
                    "numeric": True,
                    "width": 1.05,
                }
            )
    return columns


def all_columns(code: str, year: int) -> list[dict[str, Any]]:
    """STT, the unit (as wide as the form says, for forms with many columns), then the figures."""
    index, unit = LEAD_COLUMNS
    width = _forms()["form"][code].get("unit_width", unit["width"])
    return [index, {**unit, "width": width}, *form_columns(code, year)]


def _areas(window: Window) -> list[AdminUnit]:
    if window.area.level != Level.PROVINCE:
        return [window.area]
    return list(
        AdminUnit.objects.filter(
            tree=Tree.CURRENT, level=Level.COMMUNE, province=window.area, valid_to__isnull=True
        ).order_by("code")
    )


def _ratio(row: dict[str, Any], parts: list[str]) -> Decimal | None:
    numerator, denominator = (Decimal(str(row.get(part) or 0)) for part in parts)
    if not denominator:
        return None
    return (numerator * 100 / denominator).quantize(QUANTUM, rounding=ROUND_HALF_UP)


def _column_figures(column: dict[str, Any], window: Window, cache: dict[str, Any]) -> tuple[Any, str]:
    """The figures by commune of one column and the words naming its query (each measure run once)."""
    if "deprivation" in column:
        key = column["deprivation"]
        return deprived(window, key), deprivation_source(window, key, column["header"])
    names = [column["measure"], *column.get("add", [])]
    figures: dict[int, Decimal] = {}
    words = []
    for name in names:
        function, source = MEASURES[name]
        if name not in cache:
            cache[name] = function(window)
        for commune_id, value in cache[name].items():
            figures[commune_id] = figures.get(commune_id, Decimal(0)) + value
        words.append(source(window))
    return figures, " + ".join(words)


def collect(code: str, window: Window, year: int, cache: dict[str, Any] | None = None) -> dict[str, Any]:
    """One Biểu's figures: `rows` (a dict per commune, then the total) and `sources` (one per column)."""
    cache = {} if cache is None else cache
    columns = form_columns(code, year)
    if "areas" not in cache:
        cache["areas"] = _areas(window)
    areas = cache["areas"]
    rows: list[dict[str, Any]] = [{"unit": area.name, "unit_id": area.pk} for area in areas]
    sources: dict[str, str] = {}
    for column in columns:
        if "ratio" in column:
            continue
        figures, sources[column["key"]] = _column_figures(column, window, cache)
        for row in rows:
            row[column["key"]] = figures.get(row["unit_id"], Decimal(0))
    if window.area.level == Level.PROVINCE:
        total: dict[str, Any] = {"unit": TOTAL_LABEL, "unit_id": None, "total": True}
        for column in columns:
            if "ratio" not in column:
                total[column["key"]] = sum((row[column["key"]] for row in rows), Decimal(0))
        rows.append(total)
    number = {column["key"]: position for position, column in enumerate(columns, start=len(LEAD_COLUMNS) + 1)}
    for column in columns:
        if "ratio" in column:
            first, second = column["ratio"]
            sources[column["key"]] = f"Cột ({number[first]}) × 100 ÷ cột ({number[second]}) của cùng dòng"
            for row in rows:
                row[column["key"]] = _ratio(row, column["ratio"])
    return {"rows": rows, "sources": sources, "window": window.label}


def report_collection(report: Report, codes: tuple[str, ...] = COLLECTION_CODES) -> dict[str, Any]:
    """The Biểu 03–15 asked for (all by default): frozen in the snapshot once submitted, else computed now."""
    snapshot = report.snapshot or {}
    if report.status in {"submitted", "approved"} and "collection" in snapshot:
        return dict(snapshot["collection"])
    window = report_window(report)
    cache: dict[str, Any] = {}
    return {code: collect(code, window, report.round.period.year, cache) for code in codes}


def cell_source(figures: dict[str, Any], row: dict[str, Any], key: str) -> str:
    """Where one cell comes from: the column's query, restricted to the row's commune (or summed)."""
    source = figures["sources"].get(key, "")
    if row.get("total"):
        return f"{source} — tổng các xã, phường của tỉnh (cộng theo cột)"
    return f"{source} — {row['unit']}"


def collection_rows(code: str, figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows keyed like the columns, each with its index (blank for the total) and each cell's source."""
    rows = []
    number = 0
    for row in figures["rows"]:
        if not row.get("total"):
            number += 1
        rows.append(
            {
                **row,
                "index": "" if row.get("total") else str(number),
                "sources": {key: cell_source(figures, row, key) for key in figures["sources"]},
            }
        )
    return rows
