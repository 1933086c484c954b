"""Beneficiary lists sent by agencies as Excel or CSV: each row checked like a proposal, all or nothing.

Columns (Vietnamese headers, any order, accents and case ignored): «Mã hộ» (required), «Số định danh cá
nhân» (required for member-level support), «Họ và tên» (checked against the registry when given),
«Số tiền» (đồng, Vietnamese thousands dots accepted), «Số lượng», «Ghi chú».
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import AppError
from giamngheo.core.services import audit_record
from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import Household, Member
from giamngheo.standards.interchange import ROW, normalise, read_table
from giamngheo.support.eligibility import commune_facts, judge
from giamngheo.support.models import BeneficiaryEntry, BeneficiaryList, SupportLevel, SupportType

COLUMNS = {
    "household": "Mã hộ",
    "personal_id": "Số định danh cá nhân",
    "full_name": "Họ và tên",
    "amount": "Số tiền",
    "quantity": "Số lượng",
    "note": "Ghi chú",
}
MAX_ROWS = 20_000


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    value: str | None
    message: str

    def text(self, file_name: str) -> str:
        where = [file_name]
        if self.row is not None:
            where.append(_("dòng %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("cột «%(column)s»") % {"column": self.column})
        value = f" «{self.value}»" if self.value else ""
        return f"{', '.join(where)}{value}: {self.message}"


def _columns(frame: pl.DataFrame) -> dict[str, str]:
    by_header = {normalise(header): header for header in frame.columns}
    return {
        key: by_header[normalise(label)] for key, label in COLUMNS.items() if normalise(label) in by_header
    }


def _amount(raw: str | None) -> int | None:
    if raw is None:
        return None
    cleaned = raw.replace(".", "").replace(" ", "").replace("đ", "")
    if not cleaned.isdigit():
        raise ValueError(raw)
    return int(cleaned)


def _rows(path: Path, file_name: str) -> tuple[list[dict[str, Any]], list[RowError]]:
    try:
        frame = read_table(path)
    except Exception as error:
        return [], [
            RowError(None, None, None, _("không đọc được tệp: %(error)s") % {"error": str(error)[:200]})
        ]
    if frame.height > MAX_ROWS:
        return [], [RowError(None, None, None, _("tệp có quá %(n)s dòng") % {"n": MAX_ROWS})]
    columns = _columns(frame)
    if "household" not in columns:
        return [], [RowError(None, COLUMNS["household"], None, _("thiếu cột bắt buộc"))]
    rows = []
    for index, record in enumerate(frame.iter_rows(named=True), start=2):
        number = int(record[ROW]) if record.get(ROW) is not None else index  # CSV: header is line 1
        rows.append({key: record.get(header) for key, header in columns.items()} | {"row": number})
    return rows, []


@transaction.atomic
def beneficiary_list_import(
    *,
    actor: Any,
    support_type: SupportType,
    commune: AdminUnit,
    year: int,
    reference_date: dt.date,
    path: Path,
    file_name: str,
    title: str = "",
) -> BeneficiaryList:
    """Create a draft list from a file; any bad or ineligible row refuses the whole file with every error."""
    require_permission(actor, Permission.MANAGE_SUPPORT, commune)
    rows, errors = _rows(path, file_name)
    households = {h.code: h for h in Household.objects.filter(commune=commune, is_active=True)}
    wanted = [households[r["household"]] for r in rows if r.get("household") in households]
    facts = commune_facts(commune, wanted, reference_date)
    members: dict[tuple[int, str], Member] = {
        (m.household_id, m.personal_id): m
        for m in Member.objects.filter(household__in=wanted, is_active=True).exclude(personal_id="")
    }
    entries: list[BeneficiaryEntry] = []
    seen: set[tuple[int, int | None]] = set()
    for row in rows:
        number, code = row["row"], row.get("household")
        household = households.get(code or "")
        if household is None:
            errors.append(
                RowError(
                    number,
                    COLUMNS["household"],
                    code,
                    _("không có hộ này trong xã %(name)s") % {"name": commune.name},
                )
            )
            continue
        member = None
        if support_type.level == SupportLevel.MEMBER:
            personal_id = (row.get("personal_id") or "").strip()
            member = members.get((household.pk, personal_id))
            if member is None:
                errors.append(
                    RowError(
                        number,
                        COLUMNS["personal_id"],
                        None,
                        _("không có thành viên có số định danh này trong hộ"),
                    )
                )
                continue
        name = row.get("full_name")
        registered_name = member.full_name if member else household.head_name
        if name and search_key(name) != search_key(registered_name):
            errors.append(RowError(number, COLUMNS["full_name"], name, _("họ tên không khớp với sổ hộ")))
            continue
        try:
            amount = _amount(row.get("amount"))
        except ValueError:
            errors.append(
                RowError(number, COLUMNS["amount"], row.get("amount"), _("số tiền phải là số nguyên (đồng)"))
            )
            continue
        key = (household.pk, member.pk if member else None)
        if key in seen:
            errors.append(RowError(number, COLUMNS["household"], code, _("trùng với một dòng phía trên")))
            continue
        seen.add(key)
        verdict = judge(support_type, household, member, facts)
        if not verdict.eligible:
            errors.append(
                RowError(number, None, code, _("không đủ điều kiện: %(reason)s") % {"reason": verdict.text})
            )
            continue
        entries.append(
            BeneficiaryEntry(
                household=household, member=member, eligible=True, reason=verdict.text[:500], selected=True,
                amount=amount if amount is not None else support_type.default_amount,
            )
        )  # fmt: skip
    if errors or not entries:
        errors = errors or [RowError(None, None, None, _("tệp không có dòng nào"))]
        raise AppError(
            "support_import_invalid",
            _("Không nhập được tệp %(file)s: %(count)s lỗi.") % {"file": file_name, "count": len(errors)},
            errors="\n".join(error.text(file_name) for error in errors[:200]),
        )
    beneficiary_list = BeneficiaryList.objects.create(
        support_type=support_type,
        commune=commune,
        province=commune.province or commune,
        year=year,
        title=title.strip()
        or _("Danh sách %(name)s năm %(year)s (nhập từ tệp)") % {"name": support_type.name, "year": year},
        reference_date=reference_date,
        budget_source=support_type.budget_source,
        source="import",
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    for entry in entries:
        entry.list = beneficiary_list
    BeneficiaryEntry.objects.bulk_create(entries)
    audit_record(
        actor=actor,
        action="support_list.import",
        obj=beneficiary_list,
        after={"file": file_name, "entries": len(entries), "support_type": support_type.code},
    )
    return beneficiary_list
