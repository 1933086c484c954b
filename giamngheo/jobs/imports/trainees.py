"""A course's trainee list imported as Excel or CSV: enrolment, completion and certificate, all or nothing.

Columns (Vietnamese headers, any order): the member by «Số định danh cá nhân», or by «Mã hộ» with «Họ và tên»
(and «Năm sinh» when two share a name); «Ngày ghi danh» (required), «Ngày hoàn thành», «Số chứng chỉ». Only
members of the importer's own area are taken: a member of another commune refuses the row (and the file).
The natural key is course + member: a trainee already enrolled is unchanged, or completed when the file
brings a completion the course does not have yet; the same file twice adds nothing. Completion goes through
the training services (attendance rule, support record). Personal IDs are never echoed in errors.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission, scope_q
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.services import audit_record
from giamngheo.core.text import search_key
from giamngheo.jobs.imports.base import ListImport, RowRefused, date, number, read_rows, run_rows, text
from giamngheo.jobs.models import Course, Enrolment
from giamngheo.jobs.services.training import enrolment_complete, enrolment_create
from giamngheo.registry.models import Household, Member

COLUMNS = {
    "personal_id": "Số định danh cá nhân",
    "household": "Mã hộ",
    "full_name": "Họ và tên",
    "birth_year": "Năm sinh",
    "enrolled_on": "Ngày ghi danh",
    "completed_on": "Ngày hoàn thành",
    "certificate_no": "Số chứng chỉ",
}
REQUIRED = ("enrolled_on",)
EXAMPLE = ["", "46-001-00001", "Nguyễn Văn A", 1990, "01/03/2026", "15/05/2026", "CC-2026-001"]
FIELDS = {
    "member": COLUMNS["full_name"], "enrolled_on": COLUMNS["enrolled_on"],
    "completed_on": COLUMNS["completed_on"], "certificate_no": COLUMNS["certificate_no"],
}  # fmt: skip


class _Rows:
    def __init__(self, actor: Any, course: Course, today: dt.date) -> None:
        self.actor, self.course, self.today = actor, course, today
        in_area = scope_q(
            actor, province="household__province", commune="household__commune", village="household__village"
        )
        members = Member.objects.filter(
            in_area, household__province_id=course.province_id, household__is_active=True, is_active=True
        ).select_related("household", "household__commune", "household__province", "household__village")
        self.by_id: dict[str, Member] = {}
        self.by_name: dict[tuple[str, str], list[Member]] = defaultdict(list)
        for member in members:
            if member.personal_id:
                self.by_id[member.personal_id] = member
            self.by_name[(member.household.code, search_key(member.full_name))].append(member)
        self.codes = {code for code, _name in self.by_name}
        self.seen: dict[int, int] = {}

    def _member(self, row: dict[str, Any]) -> Member:
        personal_id = str(row.get("personal_id") or "").strip().removesuffix(".0")
        name = text(row, "full_name", COLUMNS)
        if personal_id:
            member = self.by_id.get(personal_id)
            if member is None:
                elsewhere = Member.objects.filter(personal_id=personal_id, is_active=True).exists()
                message = (
                    _("thành viên không thuộc địa bàn của bạn")
                    if elsewhere
                    else _("không có thành viên có số định danh này")
                )
                raise RowRefused(COLUMNS["personal_id"], None, message)
            if name and search_key(name) != search_key(member.full_name):
                raise RowRefused(COLUMNS["full_name"], name, _("họ tên không khớp với sổ hộ"))
            return member
        code = text(row, "household", COLUMNS)
        if not (code and name):
            raise RowRefused(COLUMNS["household"], None, _("cần số định danh, hoặc mã hộ và họ tên"))
        found = self.by_name.get((code, search_key(name)), [])
        birth_year = number(row, "birth_year", COLUMNS)
        if birth_year is not None:
            found = [m for m in found if m.birth_year == birth_year]
        if not found and code not in self.codes:
            elsewhere = Household.objects.filter(code=code).exists()
            message = _("hộ không thuộc địa bàn của bạn") if elsewhere else _("không có hộ này")
            raise RowRefused(COLUMNS["household"], code, message)
        if not found:
            raise RowRefused(COLUMNS["full_name"], name, _("không có thành viên này trong hộ"))
        if len(found) > 1:
            raise RowRefused(COLUMNS["full_name"], name, _("hộ có hai người cùng tên: hãy ghi năm sinh"))
        return found[0]

    def __call__(self, row: dict[str, Any]) -> bool:
        enrolled_on = date(row, "enrolled_on", COLUMNS, required=True) or self.today
        completed_on = date(row, "completed_on", COLUMNS)
        certificate = text(row, "certificate_no", COLUMNS)
        if len(certificate) > 64:
            raise RowRefused(COLUMNS["certificate_no"], certificate[:20], _("quá dài"))
        member = self._member(row)
        if member.pk in self.seen:
            raise RowRefused(
                COLUMNS["full_name"],
                member.full_name,
                _("trùng với dòng %(row)s") % {"row": self.seen[member.pk]},
            )
        self.seen[member.pk] = row["row"]
        enrolment = Enrolment.objects.filter(course=self.course, member=member).first()
        changed = enrolment is None
        if enrolment is None:
            enrolment = enrolment_create(
                actor=self.actor, course=self.course, member=member, on=enrolled_on, today=self.today
            )
        if completed_on is not None and enrolment.completed_on is None:
            enrolment_complete(
                actor=self.actor,
                enrolment=enrolment,
                on=completed_on,
                certificate_no=certificate,
                today=self.today,
            )
            changed = True
        return changed


def trainee_list_import(
    *, actor: Any, course: Course, path: Path, file_name: str, apply: bool, today: dt.date
) -> ListImport:
    """Check (and with `apply`, write) a course's trainee list; any refused row refuses the whole file."""
    require_permission(actor, Permission.MANAGE_JOBS, course.place)
    rows, errors = read_rows(path, file_name, COLUMNS, REQUIRED)
    result = ListImport(errors=errors)
    if errors:
        return result
    run_rows(rows, file_name, _Rows(actor, course, today), result, apply=apply, field_columns=FIELDS)
    if apply and not result.errors:
        audit_record(
            actor=actor, action=AuditAction.TRAINEE_IMPORT, obj=course, unit=course.place,
            after={"file": file_name, "added": result.added, "unchanged": result.unchanged},
        )  # fmt: skip
    return result
