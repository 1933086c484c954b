"""Vietnamese formatting of numbers and tags, as Polars expressions and plain functions."""

from __future__ import annotations

import polars as pl

from giamngheo.standards.model import Sourced


def vn_integer(value: float) -> str:
    """1500000 → "1.500.000" (Vietnamese thousands separator)."""
    return f"{round(value):,}".replace(",", ".")


def vn_integer_expr(expression: pl.Expr) -> pl.Expr:
    """Vectorised vn_integer for non-negative numbers."""
    digits = expression.round(0).cast(pl.Int64).cast(pl.String)
    return digits.str.reverse().str.replace_all(r"(\d{3})", "$1.").str.strip_chars_end(".").str.reverse()


def vn_decimal_expr(expression: pl.Expr) -> pl.Expr:
    """One decimal with a comma: 7.94 → "7,9"."""
    return expression.round(1).cast(pl.String).str.replace(".", ",", literal=True)


def tag(sourced: Sourced) -> str:
    """ "[C: Nghị định 07/2021/NĐ-CP, Điều 3.1.a]"."""
    return f"[{sourced.confidence.value}: {sourced.source}]"
