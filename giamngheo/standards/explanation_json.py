"""Stored explanations in bulk: the JSON of every household's full result, built by Polars expressions.

The single-household path stores `asdict(HouseholdResult)` as JSON (`registry.assess.explanation_json`); this
builds the same document for every row of `explain_frame` without a Python object per household. The fixed
text of each indicator (name, threshold, source, support line: most of the ~6,8 KB) is encoded once per
standard and spliced around the few values that vary, so a province's explanations cost seconds (tested
equal to the single path, row by row).
"""

from __future__ import annotations

import json

import polars as pl

from giamngheo.standards.loader import load_support_lines
from giamngheo.standards.model import Indicator, Standard

_EMPTY = pl.lit([], dtype=pl.List(pl.String))
_HEAD = ("household_code", "standard", "category", "income_path", "income_measure")
_MIDDLE = ("deprivation_count", "score_b", "low_income_worker")
_TAIL = ("removals_needed", "suggested_removals", "income_gap", "support_lines", "explanation_vi")


def _fixed(item: Indicator) -> tuple[str, str]:
    """The JSON text of an indicator's verdict before and after its varying part (deprived, causes)."""
    support = load_support_lines()[item.key]
    before = json.dumps({"key": item.key, "name_vi": item.name_vi}, ensure_ascii=False)[:-1] + ", "
    after = json.dumps(
        {
            "threshold_vi": item.threshold_vi,
            "source": item.source,
            "confidence": str(item.confidence.value),
            "support_vi": support.support_vi,
        },
        ensure_ascii=False,
    )[1:]
    return before, ", " + after


def _object_body(*columns: pl.Expr) -> pl.Expr:
    """`"name": value, …` of the columns as JSON, without the braces."""
    encoded = pl.struct(*columns).struct.json_encode()
    return encoded.str.slice(1, encoded.str.len_chars() - 2)


def _indicator(item: Indicator) -> pl.Expr:
    before, after = _fixed(item)
    varying = _object_body(
        pl.col(f"deprived_{item.key}").fill_null(value=False).alias("deprived"),
        pl.col(f"causes_{item.key}").fill_null(_EMPTY).alias("causes"),
    )
    return pl.concat_str(pl.lit(before), varying, pl.lit(after))


def explanation_json_expression(standard: Standard) -> pl.Expr:
    """The stored explanation of each row of `explain_frame`, as JSON text (keys in the dataclass order)."""
    head = _object_body(
        *(pl.col(name) for name in _HEAD),
        pl.col("deprived_indicators").fill_null(_EMPTY).alias("deprived"),
        *(pl.col(name) for name in _MIDDLE),
    )
    tail = _object_body(
        *(pl.col(name).fill_null(_EMPTY) if name.endswith("s") else pl.col(name) for name in _TAIL)
    )
    indicators = pl.concat_str([_indicator(item) for item in standard.indicators], separator=", ")
    return pl.concat_str(
        pl.lit("{"), head, pl.lit(', "indicators": ['), indicators, pl.lit("], "), tail, pl.lit("}")
    )
