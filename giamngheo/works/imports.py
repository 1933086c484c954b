"""Works lists and a model's participating households sent as Excel or CSV: checked, previewed, applied.

The headers are those of the exports (`works.columns`), any order, accents and case ignored. Every problem
is named by file, row and column; a file with any problem writes nothing. A works row whose commune already
has a work of that name, or a household already taking part, is counted unchanged: importing the same file
twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import units_for_user
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.services import audit_record
from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.models import Agency, BudgetSource
from giamngheo.registry.imports import list_files
from giamngheo.registry.imports.list_files import where
from giamngheo.registry.models import Household
from giamngheo.standards.interchange import code_key
from giamngheo.works.columns import PARTICIPANT_COLUMNS, PARTICIPANT_REQUIRED, WORK_COLUMNS, WORK_REQUIRED
from giamngheo.works.models import LivelihoodModel, Participant, Work, WorkKind
from giamngheo.works.services.livelihood import participant_add
from giamngheo.works.services.works import work_create

MAX_ROWS = 5_000


@dataclass
class FileImport:
    """What a file would add (rows ready to write), rows already there, and every error."""

    new: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def read(
    path: Path, file_name: str, columns: dict[str, str], required: tuple[str, ...]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The file's non-empty rows as stripped texts by column key (with "row"), or the file's errors."""
    rows, errors = list_files.read_rows(path, file_name, columns, required, max_rows=MAX_ROWS)
    texts = [
        {key: "" if value is None else str(value).strip() for key, value in row.items() if key != "row"}
        | {"row": row["row"]}
        for row in rows
    ]
    filled = [row for row in texts if any(value for key, value in row.items() if key != "row")]
    return filled, [error.text() for error in errors]


def parse_date(raw: str) -> dt.date | None:
    text = raw.strip()[:10]
    if not text:
        return None
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def parse_decimal(raw: str, places: str = "0.001") -> Decimal | None:
    text = raw.replace(" ", "")
    if not text:
        return None
    if "," in text:  # Vietnamese: 1.234,5 → 1234.5
        text = text.replace(".", "").replace(",", ".")
    value = Decimal(text)
    if not value.is_finite() or value != value.quantize(Decimal(places)):
        raise InvalidOperation(raw)
    return value


def _kind(raw: str) -> str:
    key = code_key(raw)
    for value, label in WorkKind.choices:
        if key in (code_key(value), code_key(str(label))):
            return value
    raise ValueError(raw)


def _work_row(
    row: dict[str, Any], communes: dict[str, AdminUnit], agencies: dict[str, Agency]
) -> tuple[str, Any, str] | dict[str, Any]:
    """The arguments of work_create for a row, or (column key, value, message) of its first problem."""
    commune = communes.get(row["commune_code"].removesuffix(".0").zfill(5))
    if commune is None:
        return ("commune_code", row["commune_code"], _("không có xã này trong địa bàn của bạn"))
    if not row["name"]:
        return ("name", "", _("thiếu tên công trình"))
    try:
        kind = _kind(row["kind"])
    except ValueError:
        return ("kind", row["kind"], _("giá trị không có trong danh mục"))
    investor = None
    if row.get("investor"):
        investor = agencies.get(search_key(row["investor"]))
        if investor is None or investor.province_id != commune.province_id:
            return ("investor", row["investor"], _("không có cơ quan này trong tỉnh"))
    values: dict[str, Any] = {
        "commune": commune,
        "name": row["name"][:255],
        "kind": kind,
        "investor": investor,
    }
    problem = _work_numbers(row, values)
    return values if problem is None else problem


def _work_numbers(row: dict[str, Any], values: dict[str, Any]) -> tuple[str, Any, str] | None:
    """Dates, coordinates and capital of a works row into `values`, or the first problem."""
    for key in ("started_on", "planned_completion_on"):
        try:
            values[key] = parse_date(row.get(key, ""))
        except ValueError:
            return (key, row.get(key), _("ngày không hợp lệ"))
    capital: dict[str, Any] = {}
    for key in ("latitude", "longitude", *[f"capital_{s}" for s in BudgetSource.values]):
        try:
            places = "0.000001" if key in ("latitude", "longitude") else "0.001"
            number = parse_decimal(row.get(key, ""), places)
        except (InvalidOperation, ValueError):
            return (key, row.get(key), _("số không hợp lệ"))
        if key.startswith("capital_"):
            if number is not None and number < 0:
                return (key, row.get(key), _("số tiền không được âm"))
            capital[key.removeprefix("capital_")] = number
        else:
            values[key] = number
    values["capital"] = capital
    return None


def works_import(*, actor: Any, path: Path, file_name: str, apply: bool) -> FileImport:
    """Check a works list of communes in the user's area; with `apply`, create them all or none."""
    rows, errors = read(path, file_name, WORK_COLUMNS, WORK_REQUIRED)
    result = FileImport(errors=errors)
    communes = {
        unit.code: unit
        for unit in units_for_user(actor)
        .filter(level=Level.COMMUNE, tree=Tree.CURRENT, valid_to__isnull=True)
        .select_related("province")
    }
    provinces = {unit.province_id for unit in communes.values()}
    agencies = {search_key(a.name): a for a in Agency.objects.filter(province_id__in=provinces)}
    agencies |= {
        search_key(a.short_name): a for a in Agency.objects.filter(province_id__in=provinces) if a.short_name
    }
    existing = {
        (commune_id, search_key(name))
        for commune_id, name in Work.objects.filter(commune__in=communes.values()).values_list(
            "commune_id", "name"
        )
    }
    seen: set[tuple[int, str]] = set()
    for row in rows:
        checked = _work_row(row, communes, agencies)
        if isinstance(checked, tuple):
            key, value, message = checked
            errors.append(where(file_name, row["row"], WORK_COLUMNS[key], value, message))
            continue
        identity = (checked["commune"].pk, search_key(checked["name"]))
        if identity in seen:
            errors.append(
                where(
                    file_name,
                    row["row"],
                    WORK_COLUMNS["name"],
                    checked["name"],
                    _("trùng với một dòng phía trên"),
                )
            )
            continue
        seen.add(identity)
        if identity in existing:
            result.unchanged += 1
            continue
        result.new.append(checked | {"row": row["row"]})
    if not rows and not errors:
        errors.append(where(file_name, None, None, None, _("tệp không có dòng nào")))
    if apply:
        _apply(actor, file_name, result, WORK_COLUMNS, _create_work)
        if result.new:
            first = result.new[0]["commune"]
            audit_import(actor, first.province or first, AuditAction.WORK_IMPORT, file_name, result)
    return result


def _create_work(actor: Any, values: dict[str, Any]) -> None:
    work_create(actor=actor, **{k: v for k, v in values.items() if k != "row"})


def _apply(
    actor: Any, file_name: str, result: FileImport, columns: dict[str, str], create: Any, **extra: Any
) -> None:
    """Write every row in one transaction; a service refusing a row refuses the file, naming the row."""
    if result.errors:
        raise AppError(ErrorCode.WORKS_IMPORT_INVALID, errors="\n".join(result.errors[:200]))
    with transaction.atomic():
        for values in result.new:
            try:
                create(actor, values, **extra)
            except PermissionDenied:
                result.errors.append(
                    where(file_name, values["row"], None, None, _("bạn không có quyền ghi dòng này"))
                )
            except AppError as error:
                column = columns.get(error.field or "")
                result.errors.append(where(file_name, values["row"], column, None, error.message))
        if result.errors:
            transaction.set_rollback(True)
    if result.errors:
        raise AppError(ErrorCode.WORKS_IMPORT_INVALID, errors="\n".join(result.errors[:200]))


def _participant_row(
    row: dict[str, Any], households: dict[str, Household], seen: set[str]
) -> tuple[str, Any, str] | dict[str, Any]:
    """The arguments of participant_add for a row, or (column key, value, message) of its first problem."""
    code = row["household"].removesuffix(".0")
    household = households.get(code)
    if household is None:
        return ("household", code, _("không có hộ này ở các xã của mô hình"))
    if row.get("head_name") and search_key(row["head_name"]) != search_key(household.head_name):
        return ("head_name", row["head_name"], _("họ tên không khớp với sổ hộ"))
    if code in seen:
        return ("household", code, _("trùng với một dòng phía trên"))
    try:
        joined_on = parse_date(row["joined_on"])
    except ValueError:
        joined_on = None
    if joined_on is None:
        return ("joined_on", row["joined_on"], _("ngày không hợp lệ"))
    values: dict[str, Any] = {
        "household": household,
        "joined_on": joined_on,
        "in_kind": row.get("in_kind", ""),
    }
    for key, places in (("labour_days", "0.1"), ("money", "1")):
        raw = row.get(key, "")
        try:
            values[key] = parse_decimal(raw.replace(".", "") if key == "money" else raw, places)
        except (InvalidOperation, ValueError):
            return (key, raw, _("số không hợp lệ"))
    values["money"] = int(values["money"]) if values["money"] is not None else None
    return values


def participants_import(
    *, actor: Any, model: LivelihoodModel, path: Path, file_name: str, apply: bool, today: dt.date
) -> FileImport:
    """Check a list of households joining a model; with `apply`, add them all or none."""
    rows, errors = read(path, file_name, PARTICIPANT_COLUMNS, PARTICIPANT_REQUIRED)
    result = FileImport(errors=errors)
    households = {
        h.code: h
        for h in Household.objects.filter(commune__in=model.communes.all(), is_active=True).select_related(
            "commune", "province"
        )
    }
    joined = set(Participant.objects.filter(model=model).values_list("household__code", flat=True))
    seen: set[str] = set()
    for row in rows:
        checked = _participant_row(row, households, seen)
        if isinstance(checked, tuple):
            key, value, message = checked
            errors.append(where(file_name, row["row"], PARTICIPANT_COLUMNS[key], value, message))
            continue
        code = checked["household"].code
        seen.add(code)
        if code in joined:
            result.unchanged += 1
            continue
        result.new.append(checked | {"row": row["row"]})
    if not rows and not errors:
        errors.append(where(file_name, None, None, None, _("tệp không có dòng nào")))
    if apply:
        _apply(actor, file_name, result, PARTICIPANT_COLUMNS, _add_participant, model=model, today=today)
        audit_import(actor, model, AuditAction.MODEL_PARTICIPANT_IMPORT, file_name, result)
    return result


def _add_participant(actor: Any, values: dict[str, Any], *, model: LivelihoodModel, today: dt.date) -> None:
    participant_add(actor=actor, model=model, today=today, **{k: v for k, v in values.items() if k != "row"})


def audit_import(actor: Any, obj: Any, action: AuditAction, file_name: str, result: FileImport) -> None:
    after = {"file": file_name, "new": len(result.new), "unchanged": result.unchanged}
    audit_record(actor=actor, action=action, obj=obj, after=after)
