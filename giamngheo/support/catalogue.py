"""Loading the support catalogue and the list of causes of poverty from data; finding a support type."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.models import Program, ProgramComponent
from giamngheo.support.models import PovertyCause, SupportType

DATA = Path(__file__).resolve().parent / "data"
SUPPORT_TYPES_FILE = DATA / "support_types.toml"
CAUSES_FILE = DATA / "poverty_causes.toml"

_FIELDS = (
    "name", "policy", "agency_kind", "level", "unit", "quantity_label", "default_amount", "addresses",
    "for_poor", "for_near_poor", "for_newly_escaped", "requires_designation", "ethnic_minority_only",
    "merit_only", "min_age", "max_age", "sex", "once_only", "min_months_between", "budget_source",
    "legal_basis", "confidence", "note", "needs_personal_ids",
)  # fmt: skip

_DEFAULTS: dict[str, Any] = {
    "policy": "", "quantity_label": "", "default_amount": None, "addresses": "", "for_poor": False,
    "for_near_poor": False, "for_newly_escaped": False, "requires_designation": "",
    "ethnic_minority_only": False,
    "merit_only": False, "min_age": None, "max_age": None, "sex": "", "once_only": False,
    "min_months_between": 0, "budget_source": "", "note": "", "needs_personal_ids": False,
}  # fmt: skip


def _province(code: str) -> AdminUnit:
    return AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code=code)


@transaction.atomic
def support_catalogue_load(path: Path = SUPPORT_TYPES_FILE) -> int:
    """Create or update the national and provincial support types of the data file; return the count.

    Idempotent: a second run changes nothing. Local types of a province whose unit is not loaded are skipped.
    """
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["support_type"]
    programs = {program.code: program for program in Program.objects.all()}
    saved: dict[tuple[int | None, str], SupportType] = {}
    for order, entry in enumerate(entries, start=1):
        province = None
        if "province" in entry:
            try:
                province = _province(entry["province"])
            except AdminUnit.DoesNotExist:
                continue
        program = programs.get(entry.get("program", ""))
        component = (
            ProgramComponent.objects.get(program=program, code=entry["component"])
            if program is not None and "component" in entry
            else None
        )
        values = {key: entry.get(key, _DEFAULTS.get(key)) for key in _FIELDS}
        values.update(program=program, component=component, order=order)
        support_type, _created = SupportType.objects.update_or_create(
            province=province, code=entry["code"], defaults=values
        )
        saved[(province.pk if province else None, entry["code"])] = support_type
    for entry in entries:
        key_province = _province(entry["province"]).pk if "province" in entry else None
        found = saved.get((key_province, entry["code"]))
        if found is None:
            continue
        excluded = [
            saved[pair]
            for code in entry.get("excludes", [])
            for pair in ((key_province, code), (None, code))
            if pair in saved
        ]
        found.excludes.set(excluded)
    return len(saved)


@transaction.atomic
def poverty_causes_load(path: Path = CAUSES_FILE) -> int:
    """Create or update the causes of poverty of the data file; return the count."""
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["cause"]
    for order, entry in enumerate(entries, start=1):
        PovertyCause.objects.update_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "legal_basis": "Thông tư 07/2021/TT-BLĐTBXH (phiếu thu thập thông tin hộ)",
                "confidence": "S",
                "order": order,
            },
        )
    return len(entries)


def support_types_for_province(province: AdminUnit | None) -> QuerySet[SupportType]:
    """The active national types plus the province's own local policies."""
    local = Q(province=province) if province is not None else Q(pk__in=[])
    return SupportType.objects.filter(Q(province__isnull=True) | local, is_active=True)


def support_type_find(province: AdminUnit | None, code: str) -> SupportType:
    """The support type a province uses under a code (its own local code first); AppError if unknown."""
    candidates = support_types_for_province(province).filter(code=code.strip())
    found = (
        candidates.filter(province__isnull=False).first() or candidates.filter(province__isnull=True).first()
    )
    if found is None:
        raise AppError(
            ErrorCode.SUPPORT_TYPE_UNKNOWN,
            _("Không có loại hỗ trợ mã «%(code)s».") % {"code": code},
            field="support_type",
        )
    return found
