"""What every list import shares (jobs, works, activities): reading a file's named columns, naming each error.

An error names the file, the row Excel shows and the column, in Vietnamese; a value quoted in it has any
personal ID masked (error texts reach the page and, from there, users' notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from giamngheo.core.text import mask_personal_ids_in
from giamngheo.standards.interchange import ROW, normalise, read_table

SHOWN_VALUE = 80


@dataclass(frozen=True)
class RowError:
    """A refused row (or the whole file when `row` is None), named by file, row and column in Vietnamese."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def text(self) -> str:
        return where(self.file, self.row, self.column, self.value, self.message)


def where(file_name: str, row: int | None, column: str | None, value: Any, message: str) -> str:
    """«tệp.xlsx, dòng 5, cột «Ngày» «31/02/2026»: ngày không hợp lệ»: the place, the value, the reason."""
    parts = [file_name]
    if row is not None:
        parts.append(_("dòng %(row)s") % {"row": row})
    if column:
        parts.append(_("cột «%(column)s»") % {"column": column})
    shown = f" «{mask_personal_ids_in(str(value))[:SHOWN_VALUE]}»" if value not in (None, "") else ""
    return f"{', '.join(parts)}{shown}: {message}"


def read_rows(
    path: Path, file_name: str, columns: dict[str, str], required: tuple[str, ...], *, max_rows: int
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """The file's rows keyed by column key (with "row", the number Excel shows), or the file's errors.

    `columns`: key → header (matched ignoring case, accents' composition and punctuation); a file without a
    `required` column, with more than `max_rows` rows, or with none, is refused whole."""
    try:
        frame = read_table(path)
    except Exception as error:  # any unreadable file is reported to the user, named
        message = _("không đọc được tệp: %(error)s") % {"error": str(error)[:200]}
        return [], [RowError(file_name, None, None, None, message)]
    if frame.height > max_rows:
        return [], [RowError(file_name, None, None, None, _("tệp có quá %(n)s dòng") % {"n": max_rows})]
    by_header = {normalise(str(header)): header for header in frame.columns}
    found = {
        key: by_header[normalise(label)] for key, label in columns.items() if normalise(label) in by_header
    }
    missing = [columns[key] for key in required if key not in found]
    if missing:
        return [], [RowError(file_name, None, label, None, _("thiếu cột bắt buộc")) for label in missing]
    rows = []
    for index, record in enumerate(frame.iter_rows(named=True), start=2):
        number = int(record[ROW]) if record.get(ROW) is not None else index
        rows.append({key: record.get(header) for key, header in found.items()} | {"row": number})
    if not rows:
        return [], [RowError(file_name, None, None, None, _("tệp không có dòng nào"))]
    return rows, []
