"""Insert many rows from a Polars frame: ids reserved from the table's sequence, then COPY or executemany.

Ids are taken beforehand so rows can point at each other without reading anything back; the rows go in
with COPY on PostgreSQL and one prepared INSERT run over all rows (`executemany`) on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl
from django.db import connection, models
from django.utils import timezone

COPY_ROWS = 50_000  # rows per COPY chunk, so the text of a chunk is all that is held at once


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Ids for `count` new rows of a table, taken from its sequence so no other writer can use them."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock, so the highest id (or AUTOINCREMENT's counter)
        # cannot move under us; explicit ids above it advance the counter.
        cursor.execute(f'SELECT MAX(id) FROM "{table}"')  # noqa: S608 — a model's table name
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        counter = cursor.fetchone()
        start = max(highest, counter[0] if counter else 0) + 1
    return list(range(start, start + count))


def with_ids(frame: pl.DataFrame, model: type[models.Model], name: str = "id") -> pl.DataFrame:
    return frame.with_columns(pl.Series(name, reserve_ids(model, frame.height), dtype=pl.Int64))


def _sql_ready(frame: pl.DataFrame) -> pl.DataFrame:
    """Dates as ISO text (accepted by both databases, no deprecated sqlite3 adapters)."""
    return frame.with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))


def _copy_chunks(frame: pl.DataFrame) -> Iterator[bytes]:
    for start in range(0, frame.height, COPY_ROWS):
        yield frame.slice(start, COPY_ROWS).write_csv(include_header=False, null_value="\\N").encode()


def insert_rows(model: type[models.Model], frame: pl.DataFrame) -> None:
    """Insert rows whose columns are exactly the table's columns (ids included)."""
    if frame.is_empty():
        return
    columns = [str(field.column) for field in model._meta.concrete_fields]
    if set(columns) != set(frame.columns):
        raise ValueError(f"{model.__name__}: columns {sorted(set(columns) ^ set(frame.columns))} differ")
    frame = _sql_ready(frame.select(columns))
    table = model._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN (FORMAT csv, NULL '\\N')"
            with cursor.cursor.copy(sql) as copy:
                for chunk in _copy_chunks(frame):
                    copy.write(chunk)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        for start in range(0, frame.height, COPY_ROWS):
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})",  # noqa: S608
                frame.slice(start, COPY_ROWS).rows(),
            )


def now_text() -> str:
    """The current time as the database stores it (text for COPY and for SQLite)."""
    return str(connection.ops.adapt_datetimefield_value(timezone.now()))
