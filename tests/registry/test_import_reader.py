"""The import's readings: a CSV pair compact (categoricals) with the plain reading's values; a workbook's
sheets read in Rust with the values of the cell-by-cell reading."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import fastexcel
import polars as pl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from giamngheo.registry.imports.reader import read_csv_text, read_upload, sheet_text
from giamngheo.standards.interchange import ROW, _cell, read_table

TRICKY = (
    "Mã hộ,Họ và tên,Ghi chú,Mã hộ\n"
    'H001, Hồ Văn Tâm ,"",a\n'
    'H002,Kăn Thị Hoa,"  ",\n'
    ",,,\n"
    '"H003","Lê, Văn B",\t x \t,b\n'
    "H001,Hồ Văn Tâm,có,a\n"
).encode()


@pytest.mark.parametrize(
    "content",
    [TRICKY, TRICKY.replace("Kăn".encode(), b"K\xffn"), b"\xef\xbb\xbf" + TRICKY, b"a,b\n"],
    ids=["tricky", "not-utf8", "bom", "header-only"],
)
def test_compact_reading_gives_the_plain_readings_values(tmp_path: Path, content: bytes):
    path = tmp_path / "ho.csv"
    path.write_bytes(content)
    compact, plain = read_csv_text(path), read_table(path)
    assert compact.columns == plain.columns
    assert set(compact.dtypes) <= {pl.Categorical()}
    assert compact.cast(pl.String).rows() == plain.rows()


def test_the_values_are_trimmed_and_blanks_are_null(tmp_path: Path):
    path = tmp_path / "ho.csv"
    path.write_bytes(TRICKY)
    frame = read_csv_text(path).cast(pl.String)
    assert frame.get_column("Họ và tên").to_list() == [
        "Hồ Văn Tâm",
        "Kăn Thị Hoa",
        None,
        "Lê, Văn B",
        "Hồ Văn Tâm",
    ]
    assert frame.get_column("Ghi chú").to_list() == [None, None, None, "x", "có"]


def test_an_empty_file_is_an_error_naming_it(tmp_path: Path):
    households, members = tmp_path / "ho.csv", tmp_path / "thanh-vien.csv"
    households.write_bytes(b"")
    members.write_bytes(TRICKY)
    raw = read_upload(households, members, "ho.csv")
    assert [error.file for error in raw.errors] == ["ho.csv"]
    assert "không đọc được tệp CSV" in raw.errors[0].reason_vi
    assert raw.members.height == 5


# What an officer's workbook holds: text (with stray spaces), whole and decimal numbers, booleans, dates and
# date-times, empty cells. Numbers are kept to what officers type (money, areas): Rust and Python spell
# them alike below 10^15 and above 10^-4. Text that spells a date-time is read as the date, as a date-time
# cell is, and text spelling a decimal of 16 digits or more is written in the fewest digits, as a number
# is (the differences from `_cell`).
TEXT = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĐ 0123456789-/.,:«»", max_size=20).filter(
    lambda text: (
        not re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?", text.strip())
        and not (re.fullmatch(r"-?\d+\.\d+", text.strip()) and len(re.findall(r"\d", text)) >= 16)
    )
)
CELL = st.one_of(
    st.none(),
    st.just(""),
    TEXT,
    st.integers(-(10**12), 10**12).map(float),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False).map(float),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)).map(  # noqa: DTZ001
        lambda moment: moment.replace(microsecond=0)
    ),
)


def _write(path: Path, rows: list[list[Any]], top: int, left: int) -> None:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Hộ gia đình")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    moment = book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    for number, row in enumerate(rows):
        for index, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(top + number, left + index, value, moment)
            elif isinstance(value, dt.date):
                sheet.write_datetime(top + number, left + index, value, day)
            elif value is not None:
                sheet.write(top + number, left + index, value)
    book.close()


def _each_cell(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """The cells python-calamine hands to Python, read one at a time by `_cell`."""
    header = [_cell(value) or f"column_{index + 1}" for index, value in enumerate(rows[0])]
    kept = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [_cell(row[index]) if index < len(row) else None for index in range(len(header))]
        if any(cell is not None for cell in cells):
            kept.append({**dict(zip(header, cells, strict=True)), ROW: number})
    return kept


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=8).map(
            lambda body: [[f"Cột {index}" for index in range(width)], *body]
        )
    ),
    st.integers(0, 2),
    st.integers(0, 2),
)
def test_a_sheet_reads_in_rust_as_each_cell_reads_in_python(tmp_path: Path, rows, top, left):
    path = tmp_path / "ds.xlsx"
    _write(path, rows, top, left)
    cells = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Hộ gia đình").to_python()
    frame = sheet_text(fastexcel.read_excel(str(path)), "Hộ gia đình")
    assert frame.cast({name: pl.String for name in frame.columns if name != ROW}).to_dicts() == _each_cell(
        cells
    )
