"""A vacancy list (e.g. from the employment centre) imported as Excel or CSV, previewed, then all or nothing.

Columns (Vietnamese headers, any order): «Mã số thuế» or «Tên đơn vị» (the employer: found by tax code, else
by name in the province; a new one needs its tax code), «Ngành nghề», «Địa chỉ», «Vị trí» (required),
«Số lượng» (required), «Nơi làm việc» (a commune of the importer's, by name or code; the chosen commune when
empty), «Lương (đồng/tháng)», «Tuổi từ», «Tuổi đến», «Giới tính» (nam / nữ / empty), «Kỹ năng, nghề»,
«Trình độ tối thiểu», «Hạn nộp hồ sơ» (required). The natural key is employer + position + place +
deadline: a vacancy already posted is unchanged, so the same file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.services import audit_record
from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit
from giamngheo.jobs.imports.base import ListImport, RowRefused, date, number, read_rows, run_rows, text
from giamngheo.jobs.models import Employer, Qualification, Vacancy
from giamngheo.jobs.services.placements import employer_create, vacancy_create
from giamngheo.standards.interchange import code_key

COLUMNS = {
    "tax_code": "Mã số thuế",
    "employer": "Tên đơn vị",
    "sector": "Ngành nghề",
    "address": "Địa chỉ",
    "position": "Vị trí",
    "openings": "Số lượng",
    "place": "Nơi làm việc",
    "wage": "Lương (đồng/tháng)",
    "age_min": "Tuổi từ",
    "age_max": "Tuổi đến",
    "sex": "Giới tính",
    "skills": "Kỹ năng, nghề",
    "qualification": "Trình độ tối thiểu",
    "deadline": "Hạn nộp hồ sơ",
}
REQUIRED = ("position", "openings", "deadline")
EXAMPLE = [
    "3301000001", "Công ty TNHH May mặc Phú Bài", "May mặc", "Phú Bài, Huế", "Công nhân may", 20, "",
    6_500_000, 18, 45, "", "may", "Chưa qua đào tạo", "31/12/2026",
]  # fmt: skip
FIELDS = {
    "tax_code": COLUMNS["tax_code"], "name": COLUMNS["employer"], "place": COLUMNS["place"],
    "position": COLUMNS["position"], "openings": COLUMNS["openings"], "age_min": COLUMNS["age_min"],
    "sex": COLUMNS["sex"], "wage": COLUMNS["wage"], "deadline": COLUMNS["deadline"],
}  # fmt: skip
SEXES = {"": "", "nam": "male", "nu": "female", "male": "male", "female": "female"}


def _choice(raw: str, key: str) -> int:
    if not raw:
        return Qualification.NONE
    for value, label in Qualification.choices:
        if code_key(raw) in (code_key(str(value)), code_key(str(label))):
            return int(value)
    raise RowRefused(COLUMNS[key], raw, _("giá trị không có trong danh mục"))


class _Rows:
    def __init__(self, actor: Any, commune: AdminUnit, places: QuerySet[AdminUnit], today: dt.date) -> None:
        self.actor, self.commune, self.today = actor, commune, today
        self.places = {code_key(p.name): p for p in places} | {p.code: p for p in places}
        self.seen: dict[tuple[Any, ...], int] = {}

    def _employer(self, row: dict[str, Any]) -> Employer:
        tax_code = text(row, "tax_code", COLUMNS).replace(" ", "")
        name = text(row, "employer", COLUMNS)
        province = self.commune.province
        if tax_code:
            found = Employer.objects.filter(province=province, tax_code=tax_code).first()
            if found is not None:
                return found
            if not name:
                raise RowRefused(COLUMNS["employer"], None, _("đơn vị mới: cần tên đơn vị"))
            return employer_create(
                actor=self.actor, place=self.commune, name=name, tax_code=tax_code,
                sector=text(row, "sector", COLUMNS), address=text(row, "address", COLUMNS),
            )  # fmt: skip
        if not name:
            raise RowRefused(COLUMNS["tax_code"], None, _("cần mã số thuế hoặc tên đơn vị"))
        matches = [
            e for e in Employer.objects.filter(province=province) if search_key(e.name) == search_key(name)
        ]
        if len(matches) != 1:
            message = (
                _("không tìm thấy đơn vị này; hãy ghi mã số thuế")
                if not matches
                else _("trùng tên nhiều đơn vị")
            )
            raise RowRefused(COLUMNS["employer"], name, message)
        return matches[0]

    def __call__(self, row: dict[str, Any]) -> bool:
        position = text(row, "position", COLUMNS, required=True)
        deadline = date(row, "deadline", COLUMNS, required=True) or self.today
        openings = number(row, "openings", COLUMNS, required=True)
        place_text = text(row, "place", COLUMNS)
        place = (
            self.places.get(code_key(place_text)) or self.places.get(place_text)
            if place_text
            else self.commune
        )
        if place is None:
            raise RowRefused(COLUMNS["place"], place_text, _("không phải xã thuộc địa bàn của bạn"))
        sex = SEXES.get(code_key(text(row, "sex", COLUMNS)))
        if sex is None:
            raise RowRefused(COLUMNS["sex"], row.get("sex"), _("ghi «nam», «nữ» hoặc để trống"))
        employer = self._employer(row)
        key = (employer.pk, search_key(position), place.pk, deadline)
        if key in self.seen:
            raise RowRefused(
                COLUMNS["position"], position, _("trùng với dòng %(row)s") % {"row": self.seen[key]}
            )
        self.seen[key] = row["row"]
        existing = Vacancy.objects.filter(employer=employer, place=place, deadline=deadline)
        if any(search_key(v.position) == key[1] for v in existing):
            return False
        age_min, age_max = number(row, "age_min", COLUMNS), number(row, "age_max", COLUMNS)
        vacancy_create(
            actor=self.actor, employer=employer, place=place, position=position, openings=openings or 0,
            deadline=deadline, wage=number(row, "wage", COLUMNS),
            age_min=18 if age_min is None else age_min, age_max=45 if age_max is None else age_max, sex=sex,
            skills=text(row, "skills", COLUMNS), today=self.today,
            qualification=_choice(text(row, "qualification", COLUMNS), "qualification"),
        )  # fmt: skip
        return True


def vacancy_list_import(
    *, actor: Any, commune: AdminUnit, places: QuerySet[AdminUnit], path: Path, file_name: str, apply: bool,
    today: dt.date,
) -> ListImport:  # fmt: skip
    """Check (and with `apply`, write) a vacancy list; any refused row refuses the whole file."""
    require_permission(actor, Permission.MANAGE_JOBS, commune)
    rows, errors = read_rows(path, file_name, COLUMNS, REQUIRED)
    result = ListImport(errors=errors)
    if errors:
        return result
    run_rows(rows, file_name, _Rows(actor, commune, places, today), result, apply=apply, field_columns=FIELDS)
    if apply and not result.errors:
        audit_record(
            actor=actor, action=AuditAction.VACANCY_IMPORT, obj=commune, unit=commune,
            after={"file": file_name, "added": result.added, "unchanged": result.unchanged},
        )  # fmt: skip
    return result
