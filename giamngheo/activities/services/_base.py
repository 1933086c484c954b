"""What the activity services share: who may write where, the place of a row, and checked plan links."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from giamngheo.accounts.access import assignments_with_permission, covers
from giamngheo.accounts.roles import Permission, Role
from giamngheo.activities.selectors import agency_ids_of
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.links import plan_links_check
from giamngheo.programs.models import Agency

LINK_FIELDS = ("lead_agency", "plan_project", "budget_line", "task")


def actor_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def require_manager(actor: Any, unit: AdminUnit, agencies: tuple[Agency | None, ...] = ()) -> None:
    """The actor manages activities over `unit`; one who does so only as an agency officer must work for
    one of `agencies` (the row's lead agency, or the agency a recommendation is addressed to)."""
    holding = [
        a for a in assignments_with_permission(actor, Permission.MANAGE_ACTIVITIES) if covers(a.unit, unit)
    ]
    if not holding:
        raise PermissionDenied()
    if all(a.role == Role.AGENCY_OFFICER for a in holding):
        mine = set(agency_ids_of(actor))
        if not any(agency is not None and agency.pk in mine for agency in agencies):
            raise PermissionDenied()


def place_of(unit: AdminUnit) -> dict[str, Any]:
    """The province and commune columns of a row recorded at a current province or commune."""
    if unit.tree != Tree.CURRENT or unit.level not in {Level.PROVINCE, Level.COMMUNE}:
        raise AppError(ErrorCode.UNIT_LEVEL_INVALID, field="unit")
    if unit.level == Level.PROVINCE:
        return {"province": unit, "commune": None}
    return {"province": unit.province, "commune": unit}


def check_text(data: dict[str, Any], *names: str, required: tuple[str, ...] = ()) -> None:
    for name in names:
        if name in data:
            data[name] = str(data[name] or "").strip()
    for name in required:
        if not data.get(name):
            raise AppError(ErrorCode.REQUIRED, field=name)


def check_money(data: dict[str, Any], *names: str) -> None:
    for name in names:
        value = data.get(name)
        if value is None:
            data[name] = Decimal(0)
        elif Decimal(value) < 0:
            raise AppError(ErrorCode.INVALID, _("Số tiền không được âm."), field=name)


def check_links(data: dict[str, Any], *, province: AdminUnit, commune: AdminUnit | None) -> None:
    """Agencies must belong to the row's province; the plan links are checked as everywhere (programs)."""
    for name in ("lead_agency", "subject_agency"):
        agency = data.get(name)
        if agency is not None and agency.province_id != province.pk:
            raise AppError(ErrorCode.ACTIVITIES_OTHER_PLACE, field=name)
    plan_links_check(data, province_id=province.pk, communes={commune.pk} if commune is not None else set())


def placed_create[M: models.Model](
    model: type[M],
    *,
    actor: Any,
    unit: AdminUnit,
    data: dict[str, Any],
    action: AuditAction,
    by_province: bool = False,
) -> M:
    """Create a register row at a unit after the shared checks (the caller checked its own fields).

    `by_province`: only managers of the unit's province may write it (an inspection of a commune is the
    inspecting body's record, not the commune's)."""
    place = place_of(unit)
    require_manager(actor, place["province"] if by_province else unit, (data.get("lead_agency"),))
    check_links(data, **place)
    row = model._default_manager.create(**place, **data, created_by=actor_or_none(actor))
    audit_record(actor=actor, action=action, obj=row, unit=unit, after={"title": str(row)})
    return row


def placed_update[M: models.Model](
    row: M,
    *,
    actor: Any,
    data: dict[str, Any],
    version: int | None,
    action: AuditAction,
    by_province: bool = False,
) -> M:
    """Change a register row (its place stays); a stale version is a conflict."""
    unit = row.province if by_province else row.commune or row.province  # type: ignore[attr-defined]
    require_manager(actor, unit, (row.lead_agency,))  # type: ignore[attr-defined]
    if "lead_agency" in data:  # an agency officer hands a row only between agencies they work for
        require_manager(actor, unit, (data["lead_agency"],))
    if version is not None and version != row.version:  # type: ignore[attr-defined]
        raise AppError(ErrorCode.CONFLICT)
    check_links(data, province=row.province, commune=row.commune)  # type: ignore[attr-defined]
    updated, _changed = model_update(instance=row, fields=list(data), data=data, actor=actor, action=action)
    return updated
