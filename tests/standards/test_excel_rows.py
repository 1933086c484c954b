"""Errors in Excel files name the row as Excel shows it, even after empty rows."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from giamngheo.standards.interchange import read_households, read_table
from giamngheo.standards.loader import load_standard


def test_row_numbers_survive_empty_rows(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Mã hộ", "Khu vực", "Thu nhập bình quân (đồng/người/tháng)"])
    sheet.append(["H1", "Nông thôn", 1_000_000])
    sheet.append([None, None, None])
    sheet.append(["H2", "Nông thôn", "nhiều"])
    path = tmp_path / "H.xlsx"
    workbook.save(path)
    assert read_table(path).get_column("_row").to_list() == [2, 4]
    _frame, errors = read_households(path, load_standard("2022-2025"))
    income_errors = [error for error in errors if error.column == "Thu nhập bình quân (đồng/người/tháng)"]
    assert {error.row for error in income_errors} == {4}
    assert (4, "nhiều") in [(error.row, error.value) for error in income_errors]
