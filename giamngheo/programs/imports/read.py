"""Reading a plan workbook: its sheets as frames, and typed cells with an error for each bad value."""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import polars as pl
from django.utils.translation import gettext
from python_calamine import CalamineError, CalamineWorkbook

from giamngheo.programs import services
from giamngheo.programs.imports.columns import COLUMNS
from giamngheo.standards.interchange import ROW, InterchangeError, normalise, sheet_frame


@dataclass
class ParsedPlan:
    """Typed rows of each sheet (with their Excel row numbers) and every problem found reading them."""

    targets: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    allocation: list[tuple[int, services.AllocationRow]] = field(default_factory=list)
    lines: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    statements: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    tasks: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[InterchangeError] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


class Sheet:
    """Reads the cells of one sheet, recording an InterchangeError for each bad value."""

    def __init__(self, file: str, title: str, frame: pl.DataFrame, errors: list[InterchangeError]):
        self.place = f"{file} › {title}"
        self.errors = errors
        headers = {normalise(header): key for key, header, _required in COLUMNS[title]}
        short = {normalise(header.split("(")[0]): key for key, header, _required in COLUMNS[title]}
        self.columns: dict[str, str] = {}
        for name in frame.columns:
            key = headers.get(normalise(name)) or short.get(normalise(name.split("(")[0]))
            if key and key not in self.columns:
                self.columns[key] = name
        self.headers = {key: header for key, header, _required in COLUMNS[title]}
        self.frame = frame
        for key, header, required in COLUMNS[title]:
            if required and key not in self.columns and frame.height:
                errors.append(InterchangeError(self.place, 1, header, None, gettext("thiếu cột bắt buộc")))
        self.row = 0
        self.values: dict[str, str | None] = {}
        self.failed = False

    def rows(self) -> Any:
        for values in self.frame.iter_rows(named=True):
            self.row = values[ROW]
            self.values = {key: values[name] for key, name in self.columns.items()}
            self.failed = False
            yield self.row

    def fail(self, key: str, reason: str) -> None:
        self.failed = True
        self.errors.append(
            InterchangeError(self.place, self.row, self.headers[key], self.values.get(key), reason)
        )

    def text(self, key: str, *, required: bool = False, limit: int = 500) -> str:
        value = (self.values.get(key) or "").strip()
        if required and not value:
            self.fail(key, gettext("cần có giá trị"))
        elif len(value) > limit:
            self.fail(key, gettext("dài quá %(limit)s ký tự") % {"limit": limit})
        return value

    def number(self, key: str, *, required: bool = False, integer: bool = False) -> Any:
        raw = (self.values.get(key) or "").replace(" ", "").replace("\u00a0", "").rstrip("%")
        if not raw:
            if required:
                self.fail(key, gettext("cần có số"))
            return None
        text = raw
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text) and (integer or key == "amount"):
            text = text.replace(".", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.fail(key, gettext("không phải là số"))
            return None
        if value < 0:
            self.fail(key, gettext("số không được âm"))
            return None
        if integer:
            if value != value.to_integral_value():
                self.fail(key, gettext("phải là số nguyên"))
                return None
            return int(value)
        return value

    def choice(self, key: str, options: dict[str, str], *, default: str | None = None) -> str | None:
        raw = (self.values.get(key) or "").strip()
        if not raw:
            if default is None:
                self.fail(key, gettext("cần chọn một giá trị trong danh sách"))
            return default
        found = options.get(normalise(raw))
        if found is None:
            self.fail(key, gettext("không có trong danh sách chọn"))
        return found

    def date(self, key: str) -> datetime.date | None:
        raw = (self.values.get(key) or "").strip()
        if not raw:
            return None
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                return datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 — a date-only value
            except ValueError:
                continue
        self.fail(key, gettext("ngày không hợp lệ (ghi dạng 31/12/2025)"))
        return None


def choice_options(choices: Any) -> dict[str, str]:
    return {
        **{normalise(str(label)): value for value, label in choices},
        **{normalise(value): value for value, _label in choices},
    }


def _excel_cells(row: list[Any]) -> list[Any]:
    """Fractions from number cells written with a decimal comma, so a dot only ever groups thousands."""
    return [
        format(Decimal(repr(cell)).normalize(), "f").replace(".", ",")
        if isinstance(cell, float) and not cell.is_integer()
        else cell
        for cell in row
    ]


def read_sheets(content: bytes, file_name: str, parsed: ParsedPlan) -> dict[str, pl.DataFrame]:
    """The template's sheets found in the workbook, as frames of text cells; problems go to `parsed`."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except (CalamineError, OSError, ValueError) as error:
        reason = gettext("không đọc được tệp Excel (.xlsx): %(error)s") % {
            "error": str(error).splitlines()[0]
        }
        parsed.errors.append(InterchangeError(file_name, None, None, None, reason))
        return {}
    names = {normalise(name): name for name in workbook.sheet_names}
    frames: dict[str, pl.DataFrame] = {}
    for title in COLUMNS:
        name = names.get(normalise(title))
        if name is not None:
            rows = [_excel_cells(row) for row in workbook.get_sheet_by_name(name).to_python()]
            frame = sheet_frame(rows)
            if frame.height:
                frames[title] = frame
                parsed.sheets.append(title)
    if not frames:
        parsed.errors.append(
            InterchangeError(
                file_name, None, None, None, gettext("tệp không có dòng nào ở các trang theo mẫu")
            )
        )
    return frames
