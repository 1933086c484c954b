"""Vietnamese formatting of numbers and tags, as Polars expressions and plain functions."""

from __future__ import annotations

import re

import polars as pl

from giamngheo.standards.model import Confidence, Sourced


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


_TAG = re.compile(r"\s*\[(C|S|U)(?::\s*([^\[\]]*))?\]")


def split_tags(text: str) -> tuple[str, list[tuple[Confidence, str]]]:
    """Sentence text without its confidence tags, and the tags as (confidence, source), each once.

    "… 1.500.000 đồng [C: Nghị định 07/2021/NĐ-CP, Điều 3.1.a]." → ("… 1.500.000 đồng.",
    [(Confidence.CONFIRMED, "Nghị định 07/2021/NĐ-CP, Điều 3.1.a")]); a bare "[S]" names no source.
    """
    bases: list[tuple[Confidence, str]] = []
    for match in _TAG.finditer(text):
        basis = (Confidence(match.group(1)), (match.group(2) or "").strip())
        if basis[1] and basis not in bases:
            bases.append(basis)
    return _TAG.sub("", text), bases
