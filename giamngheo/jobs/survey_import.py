"""Labour surveys sent as Excel or CSV by a commune: checked by row, previewed, then written all or nothing.

Columns (Vietnamese headers, any order, accents and case ignored): «Mã hộ» and «Số thứ tự thành viên»
(required), «Họ và tên» (checked against the registry when given), «Ngày khảo sát» (dd/mm/yyyy or
yyyy-mm-dd), «Việc làm» and «Trình độ» (a label of the list or its code), «Chứng chỉ», «Muốn tìm việc»,
«Muốn học nghề», «Muốn đi nước ngoài», «Chỉ làm trong xã» (có / x / 1 for yes), «Nghề muốn học»,
«Kỹ năng, nghề», «Khó khăn».
A row saying what the member's latest survey of that day already says is counted unchanged, so importing
the same file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit
from giamngheo.jobs.models import Employment, LabourSurvey, Qualification
from giamngheo.jobs.selectors import working_age_q
from giamngheo.jobs.services._base import actor_or_none
from giamngheo.jobs.services.labour import clean_answers, same_as_latest
from giamngheo.registry.models import Member
from giamngheo.standards.interchange import ROW, code_key, normalise, read_table

COLUMNS = {
    "household": "Mã hộ",
    "member_no": "Số thứ tự thành viên",
    "full_name": "Họ và tên",
    "surveyed_on": "Ngày khảo sát",
    "employment": "Việc làm",
    "qualification": "Trình độ",
    "has_certificate": "Chứng chỉ",
    "skills": "Kỹ năng, nghề",
    "wants_work": "Muốn tìm việc",
    "wants_training": "Muốn học nghề",
    "training_trade": "Nghề muốn học",
    "wants_abroad": "Muốn đi nước ngoài",
    "stays_in_commune": "Chỉ làm trong xã",
    "constraint_note": "Khó khăn",
}
REQUIRED = ("household", "member_no", "surveyed_on", "employment")
FLAGS = ("has_certificate", "wants_work", "wants_training", "wants_abroad", "stays_in_commune")
YES, NO = {"co", "x", "1", "yes"}, {"", "khong", "0", "no"}
MAX_ROWS = 20_000


@dataclass
class SurveyImport:
    """What a file would add: new surveys, rows unchanged, and every error (none when it can be applied)."""

    new: list[LabourSurvey] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _where(file_name: str, row: int | None, column: str | None, value: Any, message: str) -> str:
    parts = [file_name]
    if row is not None:
        parts.append(_("dòng %(row)s") % {"row": row})
    if column:
        parts.append(_("cột «%(column)s»") % {"column": column})
    shown = f" «{value}»" if value not in (None, "") else ""
    return f"{', '.join(parts)}{shown}: {message}"


def _choice(raw: str | None, choices: list[tuple[Any, Any]]) -> Any:
    key = code_key(str(raw or ""))
    for value, label in choices:
        if key in (code_key(str(value)), code_key(str(label))):
            return value
    raise ValueError(raw)


def _flag(raw: str | None) -> bool:
    key = code_key(str(raw or ""))
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueError(raw)


def _date(raw: str | None) -> dt.date:
    text = str(raw or "").strip()[:10]
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def _read(path: Path, file_name: str) -> tuple[list[dict[str, Any]], list[str]]:
    try:
        frame = read_table(path)
    except Exception as error:  # any unreadable file is reported to the user, named
        return [], [
            _where(
                file_name, None, None, None, _("không đọc được tệp: %(error)s") % {"error": str(error)[:200]}
            )
        ]
    if frame.height > MAX_ROWS:
        return [], [_where(file_name, None, None, None, _("tệp có quá %(n)s dòng") % {"n": MAX_ROWS})]
    by_header = {normalise(header): header for header in frame.columns}
    columns = {
        key: by_header[normalise(label)] for key, label in COLUMNS.items() if normalise(label) in by_header
    }
    missing = [COLUMNS[key] for key in REQUIRED if key not in columns]
    if missing:
        return [], [_where(file_name, None, label, None, _("thiếu cột bắt buộc")) for label in missing]
    rows = []
    for index, record in enumerate(frame.iter_rows(named=True), start=2):
        number = int(record[ROW]) if record.get(ROW) is not None else index
        rows.append({key: record.get(header) for key, header in columns.items()} | {"row": number})
    return rows, []


def _answers(row: dict[str, Any], file_name: str, errors: list[str]) -> dict[str, Any] | None:
    number, answers = row["row"], {}
    parsers = {
        "employment": lambda raw: _choice(raw, list(Employment.choices)),
        "qualification": lambda raw: _choice(raw, list(Qualification.choices)) if raw else Qualification.NONE,
        **dict.fromkeys(FLAGS, _flag),
    }
    for key, parse in parsers.items():
        try:
            answers[key] = parse(row.get(key))
        except ValueError:
            errors.append(
                _where(file_name, number, COLUMNS[key], row.get(key), _("giá trị không có trong danh mục"))
            )
            return None
    answers["skills"], answers["constraint_note"] = row.get("skills") or "", row.get("constraint_note") or ""
    answers["training_trade"] = row.get("training_trade") or ""
    try:
        return clean_answers(answers)
    except AppError as error:
        errors.append(_where(file_name, number, COLUMNS.get(error.field or ""), None, error.message))
        return None


def _check_row(
    row: dict[str, Any],
    members: dict[tuple[str, int | None], Member],
    seen: set[tuple[int, dt.date]],
    file_name: str,
    errors: list[str],
    today: dt.date,
) -> tuple[Member, dt.date] | None:
    """The row's member and survey day, or None with the error added."""
    number, member_no = row["row"], row.get("member_no")
    member = members.get((str(row.get("household") or "").strip(), _int(member_no)))
    problem: tuple[str, Any, str] | None = None
    surveyed_on = None
    if member is None:
        where = _("không có thành viên này trong hộ %(code)s của xã") % {"code": row.get("household")}
        problem = ("member_no", member_no, where)
    elif row.get("full_name") and search_key(str(row["full_name"])) != search_key(member.full_name):
        problem = ("full_name", row["full_name"], _("họ tên không khớp với sổ hộ"))
    else:
        try:
            surveyed_on = _date(row.get("surveyed_on"))
        except ValueError:
            problem = ("surveyed_on", row.get("surveyed_on"), _("ngày không hợp lệ"))
    if problem is None and surveyed_on is not None and member is not None:
        if surveyed_on > today:
            problem = ("surveyed_on", row.get("surveyed_on"), _("ngày sau hôm nay"))
        elif (member.pk, surveyed_on) in seen:
            problem = ("member_no", member_no, _("trùng với một dòng phía trên"))
        elif not Member.objects.filter(working_age_q(surveyed_on), pk=member.pk).exists():
            problem = ("member_no", member.full_name, _("không trong độ tuổi lao động"))
    if problem is not None or member is None or surveyed_on is None:
        key, value, message = problem or ("member_no", member_no, "")
        errors.append(_where(file_name, number, COLUMNS[key], value, message))
        return None
    seen.add((member.pk, surveyed_on))
    return member, surveyed_on


def labour_survey_import(
    *, actor: Any, commune: AdminUnit, path: Path, file_name: str, apply: bool, today: dt.date
) -> SurveyImport:
    """Check a file of the commune's labour surveys; with `apply`, write them all in one transaction.

    Any error refuses the whole file, each error naming the file, row and column.
    """
    require_permission(actor, Permission.MANAGE_JOBS, commune)
    rows, errors = _read(path, file_name)
    members: dict[tuple[str, int | None], Member] = {
        (member.household.code, member.member_no): member
        for member in Member.objects.filter(
            household__commune=commune, household__is_active=True, is_active=True
        ).select_related("household", "household__commune", "household__province")
    }
    result, seen = SurveyImport(errors=errors), set[tuple[int, dt.date]]()
    for row in rows:
        checked = _check_row(row, members, seen, file_name, errors, today)
        if checked is None:
            continue
        member, surveyed_on = checked
        answers = _answers(row, file_name, errors)
        if answers is None:
            continue
        if same_as_latest(member, surveyed_on, answers):
            result.unchanged += 1
            continue
        household = member.household
        result.new.append(
            LabourSurvey(
                member=member, household=household, commune=household.commune, province=household.province,
                surveyed_on=surveyed_on, source="import", recorded_by=actor_or_none(actor), **answers,
            )
        )  # fmt: skip
    if not rows and not errors:
        errors.append(_where(file_name, None, None, None, _("tệp không có dòng nào")))
    if errors:
        if apply:
            raise AppError(ErrorCode.JOBS_IMPORT_INVALID, errors="\n".join(errors[:200]))
        return result
    if apply:
        _write(actor, commune, file_name, result)
    return result


def _int(raw: Any) -> int | None:
    text = str(raw or "").strip().removesuffix(".0")
    return int(text) if text.isdigit() else None


@transaction.atomic
def _write(actor: Any, commune: AdminUnit, file_name: str, result: SurveyImport) -> None:
    LabourSurvey.objects.bulk_create(result.new)
    audit_record(
        actor=actor, action=AuditAction.LABOUR_SURVEY_IMPORT, obj=commune, unit=commune,
        after={"file": file_name, "new": len(result.new), "unchanged": result.unchanged},
    )  # fmt: skip
