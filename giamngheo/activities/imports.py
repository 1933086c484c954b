"""Excel or CSV imports of communication events and of a course's attendees: read, check every row, preview,
then apply all or nothing. Running the same file again adds nothing.

Communication columns: «Loại» (label or code), «Tên», «Ngày» (dd/mm/yyyy or yyyy-mm-dd) required;
«Kinh phí trung ương», «Kinh phí địa phương», «Kinh phí khác» (million VND, «2,5»), «Số người được tiếp
cận», «Số người nghèo», «Ghi chú». Attendee columns: «Họ và tên» required, «Mã xã» (empty: the province's
officers), «Có tham dự», «Hoàn thành» (có / x / 1 for yes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.activities.models import (
    Attendance,
    CommunicationItem,
    CommunicationKind,
    Officer,
    OfficerCourse,
)
from giamngheo.activities.services._base import actor_or_none, place_of, require_manager
from giamngheo.activities.services.training import check_attendee
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.numbers import parse_vn_number
from giamngheo.core.services import audit_record
from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.imports import list_files
from giamngheo.registry.imports.list_files import where
from giamngheo.standards.interchange import code_key

MAX_ROWS = 20_000
YES, NO = {"co", "x", "1", "yes"}, {"", "khong", "0", "no"}

COMMUNICATION_COLUMNS = {
    "kind": "Loại",
    "title": "Tên",
    "held_on": "Ngày",
    "cost_central": "Kinh phí trung ương",
    "cost_local": "Kinh phí địa phương",
    "cost_other": "Kinh phí khác",
    "reach": "Số người được tiếp cận",
    "reach_poor": "Số người nghèo",
    "notes": "Ghi chú",
}
ATTENDEE_COLUMNS = {
    "full_name": "Họ và tên",
    "commune": "Mã xã",
    "attended": "Có tham dự",
    "completed": "Hoàn thành",
}


@dataclass
class ImportResult:
    """What a file would write: new rows, changed rows, rows unchanged, and every error."""

    new: list[Any] = field(default_factory=list)
    changed: list[Any] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def read_rows(
    path: Path, file_name: str, columns: dict[str, str], required: tuple[str, ...]
) -> tuple[list[dict[str, Any]], list[str]]:
    rows, errors = list_files.read_rows(path, file_name, columns, required, max_rows=MAX_ROWS)
    return rows, [error.text() for error in errors]


def parse_date(raw: Any) -> dt.date:
    text = str(raw or "").strip()[:10]
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def parse_flag(raw: Any, default: bool) -> bool:
    if raw is None:
        return default
    key = code_key(str(raw))
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueError(raw)


def _kind(raw: Any) -> str:
    key = code_key(str(raw or ""))
    for value, label in CommunicationKind.choices:
        if key in (code_key(value), code_key(str(label))):
            return str(value)
    raise ValueError(raw)


def _money(raw: Any) -> Decimal:
    if raw is None or str(raw).strip() == "":
        return Decimal(0)
    number = parse_vn_number(str(raw))
    if number is None or number < 0 or number >= Decimal(10) ** 11:
        raise ValueError(raw)
    return number.quantize(Decimal("0.001"))


def _count(raw: Any) -> int:
    if raw is None or str(raw).strip() == "":
        return 0
    number = parse_vn_number(str(raw))
    if number is None or number < 0 or number != number.to_integral_value() or number > 2**31 - 1:
        raise ValueError(raw)
    return int(number)


def _communication_row(
    row: dict[str, Any], file_name: str, today: dt.date
) -> tuple[dict[str, Any] | None, str]:
    parsers = {
        "kind": _kind, "held_on": parse_date,
        **dict.fromkeys(("cost_central", "cost_local", "cost_other"), _money),
        **dict.fromkeys(("reach", "reach_poor"), _count),
    }  # fmt: skip
    values: dict[str, Any] = {}
    for key, parse in parsers.items():
        try:
            values[key] = parse(row.get(key))
        except (ValueError, TypeError, ArithmeticError):
            return None, where(
                file_name, row["row"], COMMUNICATION_COLUMNS[key], row.get(key), _("giá trị không hợp lệ")
            )
    title, notes = str(row.get("title") or "").strip(), str(row.get("notes") or "").strip()
    problem: tuple[str, Any, str] | None = None
    if not title or len(title) > 255:
        problem = ("title", row.get("title"), _("thiếu tên hoặc tên quá dài"))
    elif values["held_on"] > today:
        problem = ("held_on", row.get("held_on"), _("ngày sau hôm nay"))
    elif values["reach_poor"] > values["reach"]:
        problem = ("reach_poor", row.get("reach_poor"), _("vượt số người được tiếp cận"))
    if problem is not None:
        key, value, message = problem
        return None, where(file_name, row["row"], COMMUNICATION_COLUMNS[key], value, message)
    return values | {"title": title, "notes": notes}, ""


def communication_import(
    *, actor: Any, unit: AdminUnit, path: Path, file_name: str, apply: bool, today: dt.date
) -> ImportResult:
    """Check a file of a unit's communication events; with `apply`, write the new ones in one transaction.

    A row naming an event the unit already has (same kind, name and day) is unchanged.
    """
    place = place_of(unit)
    require_manager(actor, unit)
    rows, errors = read_rows(path, file_name, COMMUNICATION_COLUMNS, ("kind", "title", "held_on"))
    result = ImportResult(errors=errors)
    existing = set(CommunicationItem.objects.filter(**place).values_list("kind", "title", "held_on"))
    for row in rows:
        values, error = _communication_row(row, file_name, today)
        if values is None:
            errors.append(error)
            continue
        key = (values["kind"], values["title"], values["held_on"])
        if key in existing:
            result.unchanged += 1
            continue
        existing.add(key)
        result.new.append(CommunicationItem(**place, **values, created_by=actor_or_none(actor)))
    if errors:
        if apply:
            raise AppError(ErrorCode.ACTIVITIES_IMPORT_INVALID, errors="\n".join(errors[:200]))
        return result
    if apply:
        with transaction.atomic():
            CommunicationItem.objects.bulk_create(result.new)
            audit_record(
                actor=actor, action=AuditAction.COMMUNICATION_IMPORT, obj=unit, unit=unit,
                after={"file": file_name, "new": len(result.new), "unchanged": result.unchanged},
            )  # fmt: skip
    return result


def _officers_by_name(course: OfficerCourse) -> dict[tuple[str, str], list[Officer]]:
    officers = Officer.objects.filter(province_id=course.province_id).select_related("commune")
    if course.commune_id is not None:
        officers = officers.filter(commune_id=course.commune_id)
    found: dict[tuple[str, str], list[Officer]] = {}
    for officer in officers:
        code = officer.commune.code if officer.commune is not None else ""
        found.setdefault((code, search_key(officer.full_name)), []).append(officer)
    return found


def attendee_import(
    *, actor: Any, course: OfficerCourse, path: Path, file_name: str, apply: bool
) -> ImportResult:
    """Check a course's attendee list against the officers' register; with `apply`, write it all at once.

    Each row must name one officer of the register (by name and commune code); a row saying what the list
    already says is unchanged.
    """
    require_manager(actor, course.commune or course.province, (course.lead_agency,))
    rows, errors = read_rows(path, file_name, ATTENDEE_COLUMNS, ("full_name",))
    result = ImportResult(errors=errors)
    officers = _officers_by_name(course)
    current = {row.officer_id: row for row in Attendance.objects.filter(course=course)}
    seen: set[int] = set()
    for row in rows:
        number, name = row["row"], str(row.get("full_name") or "").strip()
        code = str(row.get("commune") or "").strip().removesuffix(".0")
        matches = officers.get((code, search_key(name)), [])
        try:
            attended = parse_flag(row.get("attended"), True)
            completed = parse_flag(row.get("completed"), False)
        except ValueError:
            errors.append(
                where(
                    file_name,
                    number,
                    ATTENDEE_COLUMNS["attended"],
                    row.get("attended"),
                    _("ghi có hoặc không"),
                )
            )
            continue
        problem = None
        if len(matches) != 1:
            problem = (
                _("không có cán bộ này trong danh sách cán bộ giảm nghèo của đơn vị")
                if not matches
                else _("có nhiều cán bộ cùng tên trong đơn vị; hãy ghi trên trang lớp học")
            )
        elif matches[0].pk in seen:
            problem = _("trùng với một dòng phía trên")
        elif completed and not attended:
            problem = _("không tham dự thì không hoàn thành được")
        if problem is not None:
            errors.append(where(file_name, number, ATTENDEE_COLUMNS["full_name"], name, problem))
            continue
        officer = matches[0]
        seen.add(officer.pk)
        check_attendee(course, officer)
        existing = current.get(officer.pk)
        if existing is None:
            result.new.append(
                Attendance(course=course, officer=officer, attended=attended, completed=completed)
            )
        elif (existing.attended, existing.completed) == (attended, completed):
            result.unchanged += 1
        else:
            existing.attended, existing.completed = attended, completed
            result.changed.append(existing)
    if errors:
        if apply:
            raise AppError(ErrorCode.ACTIVITIES_IMPORT_INVALID, errors="\n".join(errors[:200]))
        return result
    if apply:
        with transaction.atomic():
            Attendance.objects.bulk_create(result.new)
            Attendance.objects.bulk_update(result.changed, ["attended", "completed"])
            audit_record(
                actor=actor, action=AuditAction.ATTENDANCE_IMPORT, obj=course,
                after={"file": file_name, "new": len(result.new), "changed": len(result.changed)},
            )  # fmt: skip
    return result
