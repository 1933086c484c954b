"""The shared XLSX writer: formats, dates, empty cells, formula-like text kept as text, as write_row does."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from unittest import mock

import openpyxl
from django.utils.safestring import SafeString
from hypothesis import given, settings
from hypothesis import strategies as st

from giamngheo.core import exports
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


def _sheet_xml(sheet: Sheet) -> str:
    handle = io.BytesIO()
    write_xlsx_workbook(handle, [sheet])
    with zipfile.ZipFile(handle) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


# Text a spreadsheet could run as a formula, a DDE call or a link: the ASCII prefixes of the OWASP rule, their
# full-width forms, behind spaces, an array formula, a link and a DDE payload.
FORMULA_LIKE = [
    "=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "＝1+1", "＋1", "－1", "＠SUM(A1)", " =1+1",
    "\u3000=1+1", "{=SUM(A1:A2)}", '=HYPERLINK("http://example.com","x")', "http://example.com",
    "mailto:a@example.com", "=cmd|' /C calc'!A0",
]  # fmt: skip


def test_formula_like_text_is_written_as_text_never_as_a_formula_or_a_link():
    rows = [[text, -5] for text in FORMULA_LIKE]
    xml = _sheet_xml(Sheet("Hộ", ["Văn bản", "Số"], iter(rows)))
    assert "<f>" not in xml and "<hyperlink" not in xml
    assert xml.count('t="inlineStr"') == len(FORMULA_LIKE) + 2  # and the two header cells
    sheet = _written(Sheet("Hộ", ["Văn bản", "Số"], iter(rows)))
    # (a carriage return reads back as Excel stores a control character)
    assert [(row[0].value, row[0].data_type) for row in sheet.iter_rows(min_row=2)] == [
        (text.replace("\r", "_x000D_"), "s") for text in FORMULA_LIKE
    ]
    assert {row[1].value for row in sheet.iter_rows(min_row=2)} == {-5}


FORMATS = [None, "#,##0", "0.00", None, "#,##0", None]
# Every type an export writes (naive datetimes: Excel has no time zone), and a str subclass.
cells = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from([*FORMULA_LIKE, "", "A Lưới", "  ", "_x0000_", "<&>\"'"]),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),  # noqa: DTZ001
    st.times(),
    st.text(max_size=5).map(SafeString),
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(cells, min_size=1, max_size=6), max_size=6))
def test_rows_are_written_exactly_as_xlsxwriter_write_row_writes_them(rows):
    def sheet() -> Sheet:
        return Sheet("Hộ", ["A", "B", "C", "D", "E", "F"], iter(rows), number_formats=FORMATS)

    written = _sheet_xml(sheet())
    with mock.patch.object(exports, "_row_writer", lambda s: lambda index, row: s.write_row(index, 0, row)):
        by_write_row = _sheet_xml(sheet())
    assert written == by_write_row
