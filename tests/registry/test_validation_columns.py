"""The validator's per-record path and the import's columnar (Polars) path agree on generated records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from giamngheo.core.errors import AppError
from giamngheo.registry.imports.rules import field_errors
from giamngheo.registry.validation import check_amount, check_birth, clean_text
from giamngheo.standards.interchange import ROW

REFERENCE = dt.date(2026, 10, 1)
LETTERS = [*"aăâbdđeêghiklmnoôơuưyAĂĐÁÀẢÃẠ ", "\u0301", "\u0323", "\u0306"]
AWKWARD = ["\t", "\n", "\r", "\u00a0", "\x00", "\x01", "\x0b", "\x1c", "\x1f", "\x7f", "\x85", "\x9f"]
INVISIBLE = ["\u200b", "\u200d", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u200e"]
CHARACTERS = st.sampled_from(LETTERS * 6 + AWKWARD + INVISIBLE)

records = st.fixed_dictionaries(
    {
        "full_name": st.text(CHARACTERS, max_size=140),
        "address": st.text(CHARACTERS, max_size=270),
        "personal_id": st.text(st.sampled_from(list("0123456789 ") + AWKWARD), max_size=16),
        "income_per_capita": st.none() | st.integers(-(10**6), 10**13),
        "floor_area_m2": st.none()
        | st.decimals(-1000, 200_000, places=1, allow_nan=False, allow_infinity=False),
        "birth_year": st.none() | st.integers(1850, 2100),
        "birth_date": st.none() | st.dates(dt.date(1850, 1, 1), dt.date(2100, 12, 31)),
    }
)


def record_errors(record: dict) -> tuple[dict[str, str], dict[str, str]]:
    """Per-record path: the cleaned text and the error code of each field (as forms and API run it)."""
    errors, cleaned = {}, {}
    for field in ("full_name", "address", "personal_id"):
        value = record[field].replace(" ", "") if field == "personal_id" else record[field]
        try:
            cleaned[field] = clean_text(value, field=field)
        except AppError as error:
            errors[field] = error.code
    for field in ("income_per_capita", "floor_area_m2"):
        try:
            check_amount(record[field], field=field)
        except AppError as error:
            errors[field] = error.code
    try:
        check_birth(birth_year=record["birth_year"], birth_date=record["birth_date"], reference=REFERENCE)
    except AppError as error:
        errors[str(error.field)] = error.code
    return cleaned, errors


@settings(max_examples=300, deadline=None)
@given(st.lists(records, min_size=1, max_size=8))
def test_columnar_rules_agree_with_the_per_record_validator(rows):
    frame = pl.DataFrame(
        [{ROW: index + 2, **row} for index, row in enumerate(rows)],
        schema={
            ROW: pl.Int64,
            "full_name": pl.String,
            "address": pl.String,
            "personal_id": pl.String,
            "income_per_capita": pl.Int64,
            "floor_area_m2": pl.Float64,
            "birth_year": pl.Int64,
            "birth_date": pl.Date,
        },
    )
    cleaned, errors = field_errors(frame, REFERENCE)
    columnar = {(row, field): code for row, field, code in errors.iter_rows()}
    expected = {}
    for index, row in enumerate(rows):
        texts, codes = record_errors({**row, "floor_area_m2": _float(row["floor_area_m2"])})
        expected |= {(index + 2, field): code for field, code in codes.items()}
        for field, text in texts.items():
            assert cleaned.get_column(field)[index] == text
    assert columnar == expected


def _float(value: Decimal | None) -> Decimal | None:
    """The import reads areas as floats; the per-record path gets the same number."""
    return None if value is None else Decimal(str(float(value)))
