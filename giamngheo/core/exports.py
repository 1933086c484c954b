"""Every spreadsheet the system writes: CSV with a BOM (cells neutralised), XLSX with formulas off."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse

EXCEL_MAX_ROWS = 1_048_576
DATE_FORMAT = "dd/mm/yyyy"


@dataclass(frozen=True)
class Sheet:
    """One table of a workbook: its title, header and rows (an iterator, read once).

    `number_formats` optionally gives an Excel number format per column (None: the default), for example
    "#,##0" for counts or "0.00" for rates; `width` is the column width in characters.
    """

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    number_formats: Sequence[str | None] = ()
    width: int = 18


# OWASP CSV injection rule: a text cell starting with one of these runs as a formula in a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Every XlsxWriter workbook: a text cell is always text, never a formula or a live link.
SAFE_WORKBOOK_OPTIONS: dict[str, Any] = {"strings_to_formulas": False, "strings_to_urls": False}


def new_workbook(target: Any, options: dict[str, Any] | None = None) -> xlsxwriter.Workbook:
    """The one factory of XlsxWriter workbooks: text is written as text, never as a formula or a link."""
    return xlsxwriter.Workbook(target, {**(options or {}), **SAFE_WORKBOOK_OPTIONS})


def csv_safe(value: Any) -> Any:
    """A cell neutralised for CSV: text starting with = + - @ tab or CR gets a leading ', numbers stay."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def new_csv_writer(handle: Any) -> Any:
    """The one factory of CSV writers: every cell of every row goes through csv_safe."""
    return _SafeCsvWriter(handle)


class _SafeCsvWriter:
    def __init__(self, handle: Any) -> None:
        self._writer = csv.writer(handle)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_safe(value) for value in row])


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_cell(value: Any) -> Any:
    """A value as written to CSV: nothing for None, dates as 31/12/1990, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return csv_safe(value)


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """CSV text line by line (UTF-8 BOM first, so Excel reads Vietnamese)."""
    writer = new_csv_writer(_Echo())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """Stream rows as CSV (UTF-8 with BOM), never holding the whole file in memory."""

    def lines() -> Iterator[str]:
        yield from csv_lines(header, rows)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _row_writer(sheet: Any) -> Callable[[int, Sequence[Any]], None]:
    """Write one data row into a sheet, each cell by the writer of its type, found once per cell.

    The cells come out exactly as `sheet.write_row(row_index, 0, row)` writes them in a workbook made by
    `new_workbook` (text as text, never a formula or a link; None and "" left empty; dates in the workbook's
    date format; the column's number format on a cell without its own), without XlsxWriter's general type
    dispatch per cell (`write()`: handlers, formula and link checks of each string) and with each day
    converted to an Excel serial number once per export (1,5 µs a cell otherwise): together about a tenth of
    the time of a large export. A type not listed (a str or int subclass, a datetime, a time…) takes that
    dispatch. tests/core/test_xlsx_writer.py checks the sheet XML is the same as write_row's.
    """
    number = sheet._write_number  # XlsxWriter's typed writers (pinned version)
    convert, date_format = sheet._convert_date_time, sheet.default_date_format
    serials: dict[dt.date, float] = {}  # days only: a few thousand at most, where datetimes could be millions

    def day(row_index: int, column: int, value: dt.date) -> None:
        serial = serials.get(value)
        if serial is None:
            serial = serials[value] = convert(value)
        number(row_index, column, serial, date_format)

    by_type: dict[type, Callable[..., Any]] = {
        str: sheet._write_string,
        int: number,
        float: number,
        Decimal: number,
        dt.date: day,
        dt.datetime: sheet._write_datetime,
        bool: sheet._write_boolean,
    }
    general = sheet._write

    def write_row(row_index: int, row: Sequence[Any]) -> None:
        for column, value in enumerate(row):
            if value is not None and value != "":
                by_type.get(value.__class__, general)(row_index, column, value)

    return write_row


def write_xlsx_workbook(handle: Any, sheets: Sequence[Sheet]) -> None:
    """Write several tables to an open binary file in constant memory, splitting any past Excel's row limit.

    A table longer than the limit continues on "Title (2)", "Title (3)"… each with the header repeated.
    Dates are written as Excel dates shown dd/mm/yyyy.
    """
    workbook = new_workbook(
        handle, {"constant_memory": True, "in_memory": False, "default_date_format": DATE_FORMAT}
    )
    bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True})
    formats: dict[str, Any] = {}

    def column_formats(table: Sheet) -> list[Any]:
        for number_format in table.number_formats:
            if number_format and number_format not in formats:
                formats[number_format] = workbook.add_format({"num_format": number_format})
        return [formats[number_format] if number_format else None for number_format in table.number_formats]

    def new_sheet(title: str, table: Sheet) -> Any:
        sheet = workbook.add_worksheet(title[:31])
        sheet.write_row(0, 0, table.header, bold)
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, len(table.header) - 1, table.width)
        for index, number_format in enumerate(column_formats(table)):
            if number_format is not None:
                sheet.set_column(index, index, table.width, number_format)
        return sheet

    for table in sheets:
        sheet_number = 0
        write_row = None
        row_index = EXCEL_MAX_ROWS
        for row in table.rows:
            if row_index >= EXCEL_MAX_ROWS:
                sheet_number += 1
                suffix = "" if sheet_number == 1 else f" ({sheet_number})"
                write_row = _row_writer(new_sheet(table.title[: 31 - len(suffix)] + suffix, table))
                row_index = 1
            assert write_row is not None
            write_row(row_index, row)
            row_index += 1
        if write_row is None:
            new_sheet(table.title, table)
    workbook.close()


def xlsx_workbook_response(filename: str, sheets: Sequence[Sheet]) -> FileResponse:
    """Several tables as one XLSX download, written in constant memory (see write_xlsx_workbook)."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — closed by FileResponse
    write_xlsx_workbook(handle, sheets)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def xlsx_response(
    filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> FileResponse:
    """Write rows to an XLSX file in constant memory, starting a new sheet past Excel's row limit."""
    return xlsx_workbook_response(filename, [Sheet(sheet_title, header, rows)])
