"""The registry validator's rules as Polars expressions: the columnar twin of `registry.validation`.

The limits, character classes, bounds and messages are read from `registry.validation`, so the import
and the forms/API refuse the same values with the same error code (property-tested).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from giamngheo.registry import validation as rules
from giamngheo.standards.interchange import ROW, InterchangeError

TEXT_COLUMNS = ("household_code", "address", "full_name", "personal_id")


def clean_text_expr(column: str) -> pl.Expr:
    """NFC, whitespace folded to one space and trimmed, as `validation.clean_text` does."""
    raw = pl.col(column)
    if column == "personal_id":
        raw = raw.str.replace_all(" ", "", literal=True)
    return raw.str.normalize("NFC").str.replace_all(rules.WHITESPACE_POLARS, " ").str.strip_chars(" ")


def text_error_expr(column: str) -> pl.Expr:
    """The first text rule a (cleaned) cell breaks, as an error code, or null."""
    value = pl.col(column)
    return (
        pl.when(value.str.contains(rules.FORBIDDEN_POLARS))
        .then(pl.lit("invalid_character"))
        .when(value.str.len_chars() > rules.text_limit(column))
        .then(pl.lit("text_too_long"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def amount_error_expr(column: str) -> pl.Expr:
    """`negative_amount` or `amount_too_large` for an amount column, or null."""
    low, high = rules.AMOUNTS[column]
    value = pl.col(column).cast(pl.Float64)
    return (
        pl.when(value < float(low))
        .then(pl.lit("negative_amount"))
        .when(value > float(high))
        .then(pl.lit("amount_too_large"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def birth_error_exprs(reference: dt.date, columns: list[str]) -> tuple[pl.Expr, pl.Expr]:
    """Error codes on `birth_date` and on `birth_year`, in the order `validation.check_birth` checks."""
    date = pl.col("birth_date") if "birth_date" in columns else pl.lit(None, dtype=pl.Date)
    year_given = pl.col("birth_year") if "birth_year" in columns else pl.lit(None, dtype=pl.Int64)
    year = pl.coalesce(date.dt.year().cast(pl.Int64), year_given.cast(pl.Int64))
    none = pl.lit(None, dtype=pl.String)
    on_date = (
        pl.when(date > reference)
        .then(pl.lit("birth_after_reference"))
        .when(date.is_not_null() & (year < rules.MIN_BIRTH_YEAR))
        .then(pl.lit("birth_too_early"))
        .otherwise(none)
    )
    on_year = (
        pl.when(date > reference)
        .then(none)
        .when(date.is_null() & (year < rules.MIN_BIRTH_YEAR))
        .then(pl.lit("birth_too_early"))
        .when(year > reference.year)
        .then(pl.lit("birth_after_reference"))
        .otherwise(none)
    )
    return on_date, on_year


def field_errors(frame: pl.DataFrame, reference: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Cleaned text columns, and one row per (row, field, code) a rule refuses."""
    texts = [column for column in TEXT_COLUMNS if column in frame.columns]
    amounts = [column for column in rules.AMOUNTS if column in frame.columns]
    cleaned = frame.with_columns(clean_text_expr(column).alias(column) for column in texts)
    checks = {column: text_error_expr(column) for column in texts}
    checks |= {column: amount_error_expr(column) for column in amounts}
    if "birth_date" in frame.columns or "birth_year" in frame.columns:
        checks["birth_date"], checks["birth_year"] = birth_error_exprs(reference, frame.columns)
    if not checks:
        return cleaned, pl.DataFrame(schema={ROW: pl.Int64, "field": pl.String, "code": pl.String})
    coded = cleaned.select(ROW, *(expr.alias(f"_error_{name}") for name, expr in checks.items()))
    coded = coded.filter(pl.any_horizontal(pl.exclude(ROW).is_not_null()))  # unpivot only the rows in error
    errors = (
        coded.unpivot(index=ROW, variable_name="field", value_name="code")
        .drop_nulls("code")
        .with_columns(pl.col("field").str.strip_prefix("_error_"))
        .sort(ROW, "field")
    )
    return cleaned, errors


def check_rules(
    frame: pl.DataFrame, *, file: str, headers: dict[str, str], reference: dt.date
) -> tuple[pl.DataFrame, list[InterchangeError]]:
    """Clean the text columns of a sheet and report every cell the validator's rules refuse."""
    cleaned, errors = field_errors(frame, reference)
    found = []
    # The values are shown as text: only the rows in error are turned into text, not the whole sheet.
    in_error = frame.join(errors.select(ROW).unique(), on=ROW, how="semi")
    values = in_error.select(ROW, *(pl.col(name).cast(pl.String) for name in frame.columns if name != ROW))
    shown = {row[ROW]: row for row in values.iter_rows(named=True)}
    for row, field, code in errors.iter_rows():
        limits: dict[str, object] = {"limit": rules.text_limit(field)} if code == "text_too_long" else {}
        if code == "amount_too_large":
            limits = {"limit": rules.AMOUNTS[field][1]}
        found.append(
            InterchangeError(
                file,
                row,
                headers.get(field, field),
                shown[row].get(field),
                rules.message(code, **limits),
                code,
            )
        )
    return cleaned, found
