"""The shared XLSX writer: column number formats, dates, empty cells and formula-looking text survive."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl

from giamngheo.core.exports import Sheet, write_xlsx_workbook


def _written(sheet: Sheet) -> openpyxl.worksheet.worksheet.Worksheet:
    handle = io.BytesIO()
    write_xlsx_workbook(handle, [sheet])
    handle.seek(0)
    return openpyxl.load_workbook(handle)[sheet.title]


def test_cells_take_their_columns_number_format_and_dates_their_own():
    rows = [
        ["HUE-0001", 1_200_000, Decimal("2.5"), dt.date(2026, 11, 25), None, "=1+1"],
        ["HUE-0002", 0, Decimal("0.25"), None, "ghi chú", "@SUM(A1)"],
    ]
    sheet = _written(
        Sheet(
            title="Hộ",
            header=["Mã hộ", "Thu nhập", "Tỷ lệ", "Ngày", "Ghi chú", "Văn bản"],
            rows=iter(rows),
            number_formats=[None, "#,##0", "0.00", None, None, None],
        )
    )
    assert [cell.value for cell in sheet[1]] == ["Mã hộ", "Thu nhập", "Tỷ lệ", "Ngày", "Ghi chú", "Văn bản"]
    assert sheet["B2"].value == 1_200_000 and sheet["B2"].number_format == "#,##0"
    assert sheet["C2"].value == 2.5 and sheet["C2"].number_format == "0.00"
    assert sheet["D2"].value.date() == dt.date(2026, 11, 25) and sheet["D2"].number_format == "dd/mm/yyyy"
    assert sheet["E2"].value is None and sheet["E3"].value == "ghi chú"
    # Formula-looking text stays text: the workbook writes strings as strings.
    assert sheet["F2"].value == "=1+1" and sheet["F2"].data_type == "s"
    assert sheet["F3"].value == "@SUM(A1)" and sheet["F3"].data_type == "s"


def test_an_empty_table_still_has_its_header():
    sheet = _written(Sheet(title="Trống", header=["A", "B"], rows=iter([])))
    assert [cell.value for cell in sheet[1]] == ["A", "B"]
    assert sheet.max_row == 1
