"""A sheet's cells read a column at a time (`sheet_frame`) exactly as `_cell` reads each one."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from giamngheo.standards.interchange import ROW, _cell, sheet_frame

# What a spreadsheet reader hands over: text (with stray spaces), whole and decimal numbers as floats,
# dates, date-times, booleans, empty cells («» or None). Decimals are kept to what officers type (money,
# areas): Python and Polars write them alike; beyond 10^15 or below 10^-4 their spellings differ.
TEXT = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĐ 0123456789-/.,:«»", max_size=20).filter(
    # text that spells a whole float («2.0») or a date-time is the one deliberate difference (below)
    lambda text: not re.fullmatch(r"-?\d+\.0|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?", text.strip())
)
CELL = st.one_of(
    st.none(),
    st.just(""),
    TEXT,
    st.integers(-(10**12), 10**12).map(float),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False).map(float),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),  # noqa: DTZ001 — cells are naive
)


def reference(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """The row-at-a-time reading the frame must equal."""
    header = [_cell(value) or f"column_{index + 1}" for index, value in enumerate(rows[0])]
    kept = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [_cell(row[index]) if index < len(row) else None for index in range(len(header))]
        if any(cell is not None for cell in cells):
            kept.append({**dict(zip(header, cells, strict=True)), ROW: number})
    return kept


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=8).map(
            lambda body: [[f"Cột {index}" for index in range(width)], *body]
        )
    )
)
def test_columns_read_as_each_cell_reads(rows):
    assert sheet_frame(rows).to_dicts() == reference(rows)


def test_ragged_rows_are_padded_or_cut_to_the_header():
    rows = [["A", "B"], ["x"], ["y", 2.0, "beyond the header"], [], ["", None]]
    assert sheet_frame(rows).to_dicts() == [
        {"A": "x", "B": None, ROW: 2},
        {"A": "y", "B": "2", ROW: 3},
    ]


def test_a_whole_number_typed_as_text_beside_numbers_reads_like_the_numbers():
    """The one deliberate difference: «2.0» typed as text in a column holding numbers reads «2», as the
    number 2.0 does; in a text-only column it stays as typed."""
    assert sheet_frame([["A"], ["2.0"], [3.0]])["A"].to_list() == ["2", "3"]
    assert sheet_frame([["A"], ["2.0"], ["x"]])["A"].to_list() == ["2.0", "x"]


def test_header_only_and_empty_sheets():
    assert sheet_frame([]).is_empty()
    frame = sheet_frame([["A", None]])
    assert frame.columns == ["A", "column_2", ROW] and frame.is_empty()
