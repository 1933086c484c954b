"""Polars helpers shared by the readers of imported files (the standards interchange, the registry import)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl


def replace_distinct(
    frame: pl.DataFrame, column: str, translate: Callable[[str], Any], dtype: pl.DataType
) -> pl.Expr:
    """The column's free text mapped by `translate`, once per distinct value (files repeat a few words)."""
    distinct = frame.get_column(column).drop_nulls().unique().to_list()
    mapping = {value: translate(value) for value in distinct}
    return pl.col(column).cast(pl.String).replace_strict(mapping, default=None, return_dtype=dtype)
