"""Stored explanations in bulk: the compact JSON of every household's result, built by Polars expressions.

The single-household path stores `explanation_store.compact(asdict(HouseholdResult))`; this builds the same
document for every row of `explain_frame` without a Python object per household: the varying values only,
the causes of the indicators that have any (tested equal to the single path, row by row). The standard's
fixed text is added back on reading (`explanation_store.expand`).
"""

from __future__ import annotations

import polars as pl

from giamngheo.standards.explanation_store import FORMAT
from giamngheo.standards.model import Standard

_EMPTY = pl.lit([], dtype=pl.List(pl.String))
_HEAD = ("household_code", "standard", "category", "income_path", "income_measure")
_MIDDLE = ("deprivation_count", "score_b", "low_income_worker")


def _object_body(*columns: pl.Expr) -> pl.Expr:
    """`"name": value, …` of the columns as JSON, without the braces."""
    encoded = pl.struct(*columns).struct.json_encode()
    return encoded.str.slice(1, encoded.str.len_chars() - 2)


def compact_json_expression(standard: Standard) -> pl.Expr:
    """The stored (compact) explanation of each row of `explain_frame`, as JSON text."""
    head = _object_body(
        pl.lit(FORMAT).alias("v"),
        *(pl.col(name) for name in _HEAD),
        pl.col("deprived_indicators").fill_null(_EMPTY).alias("deprived"),
        *(pl.col(name) for name in _MIDDLE),
    )
    causes = pl.concat_str(
        [
            pl.when(pl.col(f"causes_{key}").list.len() > 0).then(
                _object_body(pl.col(f"causes_{key}").alias(key))
            )
            for key in standard.indicator_keys
        ],
        separator=",",
        ignore_nulls=True,
    )
    tail = _object_body(
        pl.col("removals_needed"),
        pl.col("suggested_removals").fill_null(_EMPTY),
        pl.col("income_gap"),
        pl.col("explanation_vi"),
    )
    return pl.concat_str(pl.lit("{"), head, pl.lit(',"causes":{'), causes, pl.lit("},"), tail, pl.lit("}"))
