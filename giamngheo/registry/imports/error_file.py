"""The error file: every error, then the uploaded rows that have errors, one sheet per uploaded sheet.

Written by the background task in the uploader's language (ADR 0005); the uploaded columns keep their headers.

Personal IDs are written masked (the last 3 digits and the row number find the line in the uploaded
file): the error file is a second copy of the data and must not spread full IDs.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext

from giamngheo.core.exports import new_workbook
from giamngheo.core.text import mask_personal_ids_in
from giamngheo.registry.imports.reader import RawFiles
from giamngheo.standards.interchange import ROW, InterchangeError


def _cell(value: object) -> object:
    if value is None:
        return ""
    return mask_personal_ids_in(value) if isinstance(value, str) else value


UNREADABLE = {"invalid", "unknown_code", "required"}


def severity(error: InterchangeError) -> int:
    """0: the file or a column is wrong (nothing can be read right); 1: a value is missing or unreadable;
    2: a value breaks a rule (too long, out of range, conflicting with the registry)."""
    if error.row is None or error.row == 1:
        return 0
    return 1 if error.code in UNREADABLE else 2


def by_severity(errors: list[InterchangeError]) -> list[InterchangeError]:
    """Every error, the serious ones first, then by file and row (a stable order)."""
    return sorted(errors, key=lambda error: (severity(error), error.file, error.row or 0))


def _every_error(workbook: Any, errors: list[InterchangeError], bold: Any, red: Any) -> None:
    sheet = workbook.add_worksheet(gettext("Tất cả lỗi"))
    headers = [gettext("Mức"), gettext("Tệp, trang"), gettext("Dòng"), gettext("Cột"), gettext("Lỗi")]
    sheet.write_row(0, 0, headers, bold)
    sheet.set_column(4, 4, 90)
    sheet.freeze_panes(1, 0)
    levels = [gettext("Lỗi tệp, cột"), gettext("Thiếu hoặc không đọc được"), gettext("Sai quy tắc")]
    for index, error in enumerate(by_severity(errors), start=1):
        detail = error.reason_vi
        if error.value is not None:
            shown = mask_personal_ids_in(str(error.value))
            detail = gettext("%(detail)s (giá trị «%(value)s»)") % {"detail": detail, "value": shown}
        sheet.write_row(index, 0, [levels[severity(error)], error.file, error.row or "", error.column or ""])
        sheet.write(index, 4, detail, red)


def write_error_file(path: Path, raw: RawFiles, errors: list[InterchangeError]) -> None:
    """Every error on one sheet (serious ones first), then each sheet's rows that have errors, with them.

    Only the rows with errors are copied: the officer corrects the original file by the row numbers and
    uploads it again, and a 100.000-household file does not come back as a second full copy of its data.
    """
    by_place: dict[tuple[str, int | None], list[str]] = defaultdict(list)
    for error in errors:
        detail = error.reason_vi
        if error.column is not None:
            detail = gettext("«%(column)s»: %(reason)s") % {"column": error.column, "reason": detail}
        if error.value is not None:
            shown = mask_personal_ids_in(str(error.value))
            detail = gettext("%(detail)s (giá trị «%(value)s»)") % {"detail": detail, "value": shown}
        by_place[(error.file, error.row)].append(detail)
    workbook = new_workbook(str(path), {"constant_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    red = workbook.add_format({"font_color": "#B42318", "text_wrap": True})
    _every_error(workbook, errors, bold, red)
    general = [
        f"{file}: {', '.join(reasons)}" for (file, row), reasons in by_place.items() if row in (None, 1)
    ]
    if general:
        sheet = workbook.add_worksheet(gettext("Lỗi chung"))
        sheet.write_row(0, 0, [gettext("Lỗi về tệp hoặc cột")], bold)
        sheet.set_column(0, 0, 120)
        for index, text in enumerate(general, start=1):
            sheet.write(index, 0, text, red)
    for title, file, frame in (
        (gettext("Hộ gia đình"), raw.households_name, raw.households),
        (gettext("Thành viên"), raw.members_name, raw.members),
    ):
        messages = {row: "; ".join(reasons) for (place, row), reasons in by_place.items() if place == file}
        if frame.is_empty() or not messages.keys() - {None, 1}:
            continue
        columns = [column for column in frame.columns if column != ROW]
        sheet = workbook.add_worksheet(title)
        sheet.write_row(0, 0, [gettext("Dòng"), gettext("Lỗi"), *columns], bold)
        sheet.set_column(1, 1, 60)
        sheet.freeze_panes(1, 2)
        rows = frame if ROW in frame.columns else frame.with_row_index(ROW, offset=2)
        marked = (
            rows.filter(pl.col(ROW).is_in(list(messages)))
            .with_columns(pl.col(ROW).replace_strict(messages, return_dtype=pl.String).alias("_error"))
            .sort(ROW)
        )
        for index, row in enumerate(marked.select(ROW, "_error", *columns).iter_rows(), start=1):
            sheet.write_row(index, 0, [row[0], "", *(_cell(value) for value in row[2:])])
            sheet.write(index, 1, row[1], red)
    workbook.close()
