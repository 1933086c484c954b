"""A Biểu of Circular 10/2022 as a workbook in its layout, with a sheet naming the source of every cell."""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from giamngheo.core.exports import new_workbook
from giamngheo.core.official_document import MOTTO, NATION
from giamngheo.monitoring.collection_forms import COLLECTION_CODES, report_collection
from giamngheo.monitoring.content import report_figures
from giamngheo.monitoring.documents import (
    CIRCULAR,
    columns_of,
    form_rows,
    forms_data,
    framework_for,
    report_document,
)
from giamngheo.monitoring.models import Report


def _cell_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    try:
        return float(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


def _write_header(sheet: Any, formats: dict[str, Any], start: int, columns: list[dict[str, Any]]) -> int:
    """The header, groups merged over their columns, other columns over both rows; returns its height."""
    grouped = any(column.get("group") for column in columns)
    index = 0
    while index < len(columns):
        column = columns[index]
        group = column.get("group")
        if not group:
            if grouped:
                sheet.merge_range(start, index, start + 1, index, column["header"], formats["head"])
            else:
                sheet.write(start, index, column["header"], formats["head"])
            index += 1
            continue
        count = 0
        while index + count < len(columns) and columns[index + count].get("group") == group:
            sheet.write(start + 1, index + count, columns[index + count]["header"], formats["head"])
            count += 1
        if count > 1:
            sheet.merge_range(start, index, start, index + count - 1, group, formats["head"])
        else:
            sheet.write(start, index, group, formats["head"])
        index += count
    return 2 if grouped else 1


def _write_table(
    sheet: Any, formats: dict[str, Any], start: int, columns: list[dict[str, Any]], rows: list[dict[str, Any]]
) -> tuple[int, list[tuple[int, dict[str, Any]]]]:
    """Header, the column-number row, then the rows; returns the next free row and the data rows."""
    row_number = start + _write_header(sheet, formats, start, columns)
    for position in range(len(columns)):
        sheet.write(row_number, position, f"({position + 1})", formats["index"])
    row_number += 1
    written = []
    for number, row in enumerate(rows, start=1):
        for position, column in enumerate(columns):
            key = column["key"]
            if key == "index" and "index" in row:
                sheet.write_string(row_number, position, str(row["index"]), formats["cell"])
            elif key == "index":
                sheet.write_number(row_number, position, number, formats["cell"])
            elif column.get("numeric"):
                sheet.write(row_number, position, _cell_value(row.get(key)), formats["number"])
            else:
                sheet.write_string(row_number, position, str(row.get(key) or ""), formats["cell"])
        written.append((row_number, row))
        row_number += 1
    return row_number + 1, written


def _formats(workbook: Any) -> dict[str, Any]:
    """The cell formats of a Biểu: Times New Roman, bordered table cells."""
    bold = {
        "bold": True,
        "font_name": "Times New Roman",
        "font_size": 12,
        "align": "center",
        "valign": "vcenter",
    }
    return {
        "bold": workbook.add_format(bold),
        "motto": workbook.add_format({**bold, "underline": True}),
        "title": workbook.add_format({**bold, "font_size": 14}),
        "italic": workbook.add_format({**bold, "bold": False, "italic": True}),
        "plain": workbook.add_format({**bold, "bold": False, "align": "left"}),
        "note": workbook.add_format(
            {**bold, "bold": False, "italic": True, "align": "left", "text_wrap": True}
        ),
        "head": workbook.add_format({**bold, "font_size": 11, "border": 1, "text_wrap": True}),
        "index": workbook.add_format({**bold, "bold": False, "italic": True, "font_size": 10, "border": 1}),
        "cell": workbook.add_format(
            {"font_name": "Times New Roman", "font_size": 11, "border": 1, "text_wrap": True, "valign": "top"}
        ),
        "number": workbook.add_format(
            {
                "font_name": "Times New Roman",
                "font_size": 11,
                "border": 1,
                "valign": "top",
                "num_format": "#,##0.##",
            }
        ),
    }


def _write_sources(
    workbook: Any, formats: dict[str, Any], label: str, parts: list[tuple[list[dict[str, Any]], list[Any]]]
) -> None:
    """The sheet «Nguồn số liệu»: for every numeric cell, the query or entry behind it."""
    sources = workbook.add_worksheet("Nguồn số liệu")
    header = ("Ô", "Biểu", "Dòng", "Cột", "Giá trị", "Nguồn số liệu (truy vấn hoặc bản ghi)")
    for position, (text, width) in enumerate(zip(header, (8, 12, 6, 28, 14, 110), strict=True)):
        sources.write(0, position, text, formats["head"])
        sources.set_column(position, position, width)
    line = 1
    for part_columns, rows in parts:
        for number, (row_number, row) in enumerate(rows, start=1):
            for position, column in enumerate(part_columns):
                if not column.get("numeric"):
                    continue
                values = (
                    xl_rowcol_to_cell(row_number, position),
                    label,
                    number,
                    column["header"] if not column.get("group") else f"{column['group']}: {column['header']}",
                )
                sources.write_row(line, 0, values, formats["cell"])
                sources.write(line, 4, _cell_value(row.get(column["key"])), formats["number"])
                source = row.get("sources", {}).get(column["key"]) or row.get("source") or ""
                sources.write_string(line, 5, str(source), formats["cell"])
                line += 1


def bieu_xlsx(report: Report, code: str) -> bytes:
    """The Biểu as xlsx: issuing body and national motto, title, merged header, numbered columns; sources."""
    form = forms_data()["form"][code]
    document = report_document(report, code)
    year = report.round.period.year
    figures = report_figures(report)
    table_figures = report_collection(report, (code,))[code] if code in COLLECTION_CODES else figures
    buffer = io.BytesIO()
    workbook = new_workbook(buffer, {"in_memory": True})
    formats = _formats(workbook)
    sheet = workbook.add_worksheet(form["label"].split(",")[0][:31])
    columns = columns_of(code, year)
    last = len(columns) - 1
    split = max(1, min(len(columns) // 3, len(columns) - 3))  # both header halves span 2+ columns
    for position, column in enumerate(columns):
        sheet.set_column(position, position, max(6, float(column.get("width", 1)) * 9))
    sheet.merge_range(0, 0, 0, split, document.issuing_body, formats["bold"])
    sheet.merge_range(0, split + 1, 0, last, NATION, formats["bold"])
    sheet.merge_range(1, 0, 1, split, document.number_line, formats["plain"])
    sheet.merge_range(1, split + 1, 1, last, MOTTO, formats["motto"])
    sheet.merge_range(2, split + 1, 2, last, document.date_line, formats["italic"])
    sheet.merge_range(3, 0, 3, last, f"{form['label']}, {CIRCULAR}", formats["italic"])
    sheet.merge_range(4, 0, 4, last, document.subject.upper(), formats["title"])
    framework = framework_for(report.round.period.year)
    sheet.merge_range(
        5, 0, 5, last, f"Căn cứ: {framework['basis']} [{framework['confidence']}]", formats["italic"]
    )
    sheet.merge_range(
        6, 0, 6, last, f"Đơn vị báo cáo: {figures['unit']} — Kỳ: {figures['period']}", formats["plain"]
    )
    start = 8
    if code in COLLECTION_CODES:
        collection = forms_data()["collection"]
        note = f"{collection['label_note']}. {collection['layout_source']}"
        sheet.merge_range(7, 0, 7, last, note, formats["note"])
        sheet.set_row(7, 60)
        start = 9
    next_row, written = _write_table(sheet, formats, start, columns, form_rows(code, table_figures))
    parts = [("columns", written)]
    if code == "bieu-02":
        sheet.write(next_row, 1, "Sản phẩm, chỉ số đầu ra của kỳ báo cáo", formats["plain"])
        outputs = form["outputs"]
        _end, output_rows = _write_table(
            sheet, formats, next_row + 1, outputs, form_rows(code, figures, "outputs")
        )
        parts.append(("outputs", output_rows))
    _write_sources(
        workbook,
        formats,
        form["label"].split(",")[0],
        [(columns_of(code, year, part), rows) for part, rows in parts],
    )
    workbook.close()
    return buffer.getvalue()
