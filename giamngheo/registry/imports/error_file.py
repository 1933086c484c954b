"""The error file: the uploaded rows with an error column, one sheet per uploaded sheet.

Written by the background task in the uploader's language (ADR 0005); the uploaded columns keep their headers.

Personal IDs are written masked (the last 3 digits and the row number find the line in the uploaded
file): the error file is a second copy of the data and must not spread full IDs.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

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


def write_error_file(path: Path, raw: RawFiles, errors: list[InterchangeError]) -> None:
    """Write every uploaded row (rows with errors first) plus a column explaining what is wrong."""
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
        if frame.is_empty():
            continue
        columns = [column for column in frame.columns if column != ROW]
        sheet = workbook.add_worksheet(title)
        sheet.write_row(0, 0, [gettext("Dòng"), gettext("Lỗi"), *columns], bold)
        sheet.set_column(1, 1, 60)
        sheet.freeze_panes(1, 2)
        rows = frame if ROW in frame.columns else frame.with_row_index(ROW, offset=2)
        messages = {row: "; ".join(reasons) for (place, row), reasons in by_place.items() if place == file}
        marked = rows.with_columns(
            pl.col(ROW).replace_strict(messages, default="", return_dtype=pl.String).alias("_error")
        ).sort(pl.col("_error") == "", ROW)
        for index, row in enumerate(marked.select(ROW, "_error", *columns).iter_rows(), start=1):
            sheet.write_row(index, 0, [row[0], row[1] or "", *(_cell(value) for value in row[2:])])
            if row[1]:
                sheet.write(index, 1, row[1], red)
    workbook.close()
