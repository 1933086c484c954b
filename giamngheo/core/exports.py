"""Streaming exports: CSV with a BOM so Excel reads Vietnamese, and XLSX written in constant memory."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse

EXCEL_MAX_ROWS = 1_048_576


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """Stream rows as CSV (UTF-8 with BOM), never holding the whole file in memory."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow(["" if value is None else value for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(
    filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> FileResponse:
    """Write rows to an XLSX file in constant memory, starting a new sheet past Excel's row limit."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — closed by FileResponse
    workbook = xlsxwriter.Workbook(handle, {"constant_memory": True, "in_memory": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    sheet_number = 0
    sheet = None
    row_index = EXCEL_MAX_ROWS
    for row in rows:
        if row_index >= EXCEL_MAX_ROWS:
            sheet_number += 1
            name = sheet_title if sheet_number == 1 else f"{sheet_title} ({sheet_number})"
            sheet = workbook.add_worksheet(name[:31])
            sheet.write_row(0, 0, header, bold)
            sheet.freeze_panes(1, 0)
            sheet.set_column(0, len(header) - 1, 18)
            row_index = 1
        assert sheet is not None
        sheet.write_row(row_index, 0, ["" if value is None else value for value in row])
        row_index += 1
    if sheet is None:
        sheet = workbook.add_worksheet(sheet_title[:31])
        sheet.write_row(0, 0, header, bold)
    workbook.close()
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
