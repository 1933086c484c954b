"""What the jobs list imports share: reading a file, naming each error, and running rows all or nothing.

Preview and apply run the same code: every row goes through the jobs services inside one transaction (a
savepoint per row catches its refusal); a preview, or any error, rolls the whole transaction back, so the
preview shows exactly what applying would do and a file with an error writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.errors import AppError
from giamngheo.core.text import mask_personal_ids_in
from giamngheo.registry.imports import list_files
from giamngheo.registry.imports.list_files import RowError

MAX_ROWS = 20_000
FORMULA_START = ("=", "+", "@")


class RowRefused(Exception):
    """A row cannot be taken: the column and value at fault and why."""

    def __init__(self, column: str | None, value: Any, message: str) -> None:
        super().__init__(message)
        self.column, self.value, self.message = column, value, message


@dataclass
class ListImport:
    """What a file does: rows added, rows already there (unchanged), and every error."""

    added: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def error_texts(self) -> list[str]:
        return [error.text() for error in self.errors]


def read_rows(
    path: Path, file_name: str, columns: dict[str, str], required: tuple[str, ...]
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """The file's rows keyed by column key (with "row"), or the file's errors (at most MAX_ROWS rows)."""
    return list_files.read_rows(path, file_name, columns, required, max_rows=MAX_ROWS)


def text(row: dict[str, Any], key: str, columns: dict[str, str], *, required: bool = False) -> str:
    """A text cell, stripped; a formula-like text is refused (it is never stored to reach a spreadsheet)."""
    value = " ".join(str(row.get(key) or "").split())
    if required and not value:
        raise RowRefused(columns[key], None, _("bắt buộc"))
    if value.startswith(FORMULA_START):
        raise RowRefused(
            columns[key], value[:40], _("không nhận nội dung bắt đầu bằng =, + hoặc @ (công thức)")
        )
    return value


def date(row: dict[str, Any], key: str, columns: dict[str, str], *, required: bool = False) -> dt.date | None:
    raw = str(row.get(key) or "").strip()[:10]
    if not raw:
        if required:
            raise RowRefused(columns[key], None, _("bắt buộc"))
        return None
    try:
        if "/" in raw:
            day, month, year = (int(part) for part in raw.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise RowRefused(columns[key], raw, _("ngày không hợp lệ (dd/mm/yyyy)")) from None


def number(row: dict[str, Any], key: str, columns: dict[str, str], *, required: bool = False) -> int | None:
    raw = (
        str(row.get(key) or "").strip().removesuffix(".0").replace(".", "").replace(",", "").replace(" ", "")
    )
    if not raw:
        if required:
            raise RowRefused(columns[key], None, _("bắt buộc"))
        return None
    if not raw.isdigit() or len(raw) > 12:
        raise RowRefused(columns[key], raw[:20], _("không phải số"))
    return int(raw)


def run_rows(
    rows: list[dict[str, Any]],
    file_name: str,
    handle: Callable[[dict[str, Any]], bool],
    result: ListImport,
    *,
    apply: bool,
    field_columns: dict[str, str],
) -> ListImport:
    """Each row through `handle` (True: added, False: unchanged) in one transaction, kept only on apply
    with no error. A service's refusal names the column of its field (`field_columns`)."""
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    added = handle(row)
            except RowRefused as refused:
                value = None if refused.value is None else mask_personal_ids_in(str(refused.value))
                result.errors.append(RowError(file_name, row["row"], refused.column, value, refused.message))
                continue
            except AppError as error:
                column = field_columns.get(error.field or "")
                result.errors.append(RowError(file_name, row["row"], column, None, error.message))
                continue
            result.added += int(added)
            result.unchanged += int(not added)
        if result.errors or not apply:
            transaction.set_rollback(True)
    return result
