"""SQL straight into typed Polars frames: `COPY … TO STDOUT` on PostgreSQL, a cursor on SQLite.

The engine's bulk readers (the annual run, what-if) use it instead of the ORM: no model instance and no
converter per value. Booleans travel as 0/1 (`column`), dates as ISO text; blank text is «not recorded».
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import polars as pl
from django.db import connection


def column(alias: str, name: str, kind: pl.DataType) -> str:
    """`alias.name` in a SELECT list; a boolean as an integer (CSV and SQLite agree on 0/1)."""
    return f"CAST({alias}.{name} AS INTEGER) AS {name}" if kind == pl.Boolean() else f"{alias}.{name}"


def query_frame(sql: str, schema: dict[str, pl.DataType], params: Sequence[Any] = ()) -> pl.DataFrame:
    """Run a query (placeholders `%s`, as Django writes them) into a frame of `schema`, in column order."""
    wire = {name: (pl.Int8() if kind == pl.Boolean() else kind) for name, kind in schema.items()}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params or None) as copy:
                for block in copy:
                    buffer.write(block)
            buffer.seek(0)
            frame = pl.read_csv(buffer, has_header=False, new_columns=list(schema), schema=wire)
        else:
            cursor.execute(sql, params)
            raw = pl.DataFrame(cursor.fetchall(), schema=list(schema), orient="row", infer_schema_length=None)
            frame = raw.with_columns(
                pl.col(name).cast(pl.String).str.to_date() if kind == pl.Date() else pl.col(name).cast(kind)
                for name, kind in wire.items()
            )
    return frame.with_columns(
        pl.col(name).cast(pl.Boolean) for name, kind in schema.items() if kind == pl.Boolean()
    )


def blanks_to_null(frame: pl.DataFrame) -> pl.DataFrame:
    """Blank text in the registry means «not recorded», as in the per-household bridge (`registry.assess`)."""
    return frame.with_columns(
        pl.when(pl.col(name) == "").then(None).otherwise(pl.col(name)).alias(name)
        for name, kind in frame.schema.items()
        if kind == pl.String()
    )
