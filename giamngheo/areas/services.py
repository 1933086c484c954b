"""Writes to a user's administrative units: villages and unit attributes, each with an audit event."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import require_permission, units_for_user
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode, NotFound
from giamngheo.core.services import audit_record
from giamngheo.core.text import search_key
from giamngheo.core.updates import model_update
from giamngheo.geo.models import ATTRIBUTE_VALUES, AdminUnit, Level, Tree, UnitAttribute

VILLAGE_TYPES = ("Thôn", "Tổ dân phố", "Bản", "Buôn", "Làng", "Ấp", "Khóm", "Khu phố", "Tổ")


def _village_snapshot(village: AdminUnit) -> dict[str, Any]:
    return {
        "code": village.code,
        "name": village.name,
        "division_type": village.division_type,
        "valid_from": village.valid_from,
        "valid_to": village.valid_to,
    }


def _next_village_code(commune: AdminUnit) -> str:
    codes = AdminUnit.objects.filter(level=Level.VILLAGE, parent=commune).values_list("code", flat=True)
    numbers = [
        int(code.rsplit(".", 1)[1]) for code in codes if "." in code and code.rsplit(".", 1)[1].isdigit()
    ]
    return f"{commune.code}.{max(numbers, default=0) + 1:03d}"


@transaction.atomic
def village_create(
    *,
    actor: Any,
    commune: AdminUnit,
    name: str,
    division_type: str = "Thôn",
    code: str | None = None,
    valid_from: datetime.date | None = None,
) -> AdminUnit:
    """Create a village (thôn, tổ dân phố…) under a current commune."""
    if commune.tree != Tree.CURRENT or commune.level != Level.COMMUNE or not commune.is_current:
        raise AppError(ErrorCode.VILLAGE_PARENT_INVALID, field="commune")
    require_permission(actor, Permission.MANAGE_VILLAGES, commune)
    name = " ".join(name.split())
    if not name:
        raise AppError(ErrorCode.INVALID, _("Tên thôn, tổ dân phố không được để trống."), field="name")
    if division_type not in VILLAGE_TYPES:
        raise AppError(ErrorCode.INVALID, _("Loại thôn, tổ dân phố không hợp lệ."), field="division_type")
    siblings = AdminUnit.objects.filter(level=Level.VILLAGE, parent=commune, valid_to__isnull=True)
    if siblings.filter(search_name=search_key(name)).exists():
        raise AppError(ErrorCode.VILLAGE_DUPLICATE, field="name")
    code = (code or "").strip() or _next_village_code(commune)
    try:
        with transaction.atomic():
            village = AdminUnit.objects.create(
                tree=Tree.CURRENT,
                level=Level.VILLAGE,
                code=code,
                name=name,
                division_type=division_type,
                search_name=search_key(name),
                parent=commune,
                province_id=commune.province_id,
                commune=commune,
                valid_from=valid_from or timezone.localdate(),
            )
    except IntegrityError as error:
        raise AppError(ErrorCode.VILLAGE_DUPLICATE, field="code") from error
    audit_record(
        actor=actor, action=AuditAction.VILLAGE_CREATE, obj=village, after=_village_snapshot(village)
    )
    return village


@transaction.atomic
def village_update(*, actor: Any, village: AdminUnit, name: str, division_type: str) -> AdminUnit:
    """Rename a village or change its type."""
    if village.level != Level.VILLAGE:
        raise AppError(ErrorCode.UNIT_LEVEL_INVALID)
    require_permission(actor, Permission.MANAGE_VILLAGES, village)
    name = " ".join(name.split())
    if not name or division_type not in VILLAGE_TYPES:
        raise AppError(ErrorCode.INVALID, field="name" if not name else "division_type")
    clash = AdminUnit.objects.filter(
        level=Level.VILLAGE, parent_id=village.parent_id, valid_to__isnull=True, search_name=search_key(name)
    ).exclude(pk=village.pk)
    if clash.exists():
        raise AppError(ErrorCode.VILLAGE_DUPLICATE, field="name")
    village, _changed = model_update(
        instance=village,
        fields=("name", "division_type", "search_name"),
        data={"name": name, "division_type": division_type, "search_name": search_key(name)},
        actor=actor,
        action=AuditAction.VILLAGE_UPDATE,
    )
    return village


@transaction.atomic
def village_close(*, actor: Any, village: AdminUnit, valid_to: datetime.date) -> AdminUnit:
    """End a village's existence (merged or dissolved) on a date; its history stays."""
    if village.level != Level.VILLAGE:
        raise AppError(ErrorCode.UNIT_LEVEL_INVALID)
    require_permission(actor, Permission.MANAGE_VILLAGES, village)
    if village.valid_from and valid_to < village.valid_from:
        raise AppError(ErrorCode.ATTRIBUTE_PERIOD_INVALID, field="valid_to")
    village, _changed = model_update(
        instance=village,
        fields=("valid_to",),
        data={"valid_to": valid_to},
        actor=actor,
        action=AuditAction.VILLAGE_CLOSE,
    )
    return village


def _require_attribute_permission(actor: Any, unit: AdminUnit) -> None:
    if unit.tree == Tree.CURRENT:
        require_permission(actor, Permission.EDIT_UNIT_ATTRIBUTES, unit)
        return
    # A legacy unit is edited by whoever may edit attributes and sees it (it passed into their area).
    require_permission(actor, Permission.EDIT_UNIT_ATTRIBUTES)
    if not units_for_user(actor).filter(pk=unit.pk).exists():
        raise NotFound()


@transaction.atomic
def unit_attribute_set(
    *,
    actor: Any,
    unit: AdminUnit,
    kind: str,
    value: str,
    valid_from: datetime.date,
    source: str,
) -> UnitAttribute:
    """Give a unit a new attribute value from a date; the value in force then is closed the day before."""
    _require_attribute_permission(actor, unit)
    if kind not in ATTRIBUTE_VALUES:
        raise AppError(ErrorCode.INVALID, _("Thuộc tính không hợp lệ."), field="kind")
    if value not in ATTRIBUTE_VALUES[kind]:
        raise AppError(ErrorCode.INVALID, _("Giá trị không hợp lệ cho thuộc tính này."), field="value")
    source = " ".join(source.split())
    if not source:
        raise AppError(
            ErrorCode.INVALID, _("Hãy ghi căn cứ (số, ngày văn bản) của thay đổi."), field="source"
        )
    if (unit.valid_to and valid_from > unit.valid_to) or (unit.valid_from and valid_from < unit.valid_from):
        raise AppError(
            ErrorCode.ATTRIBUTE_PERIOD_INVALID,
            _("Ngày hiệu lực nằm ngoài thời gian tồn tại của đơn vị."),
            field="valid_from",
        )
    latest = (
        UnitAttribute.objects.select_for_update().filter(unit=unit, kind=kind).order_by("-valid_from").first()
    )
    before = None
    if latest is not None:
        if latest.valid_from and valid_from <= latest.valid_from:
            raise AppError(
                ErrorCode.ATTRIBUTE_PERIOD_INVALID,
                _("Ngày hiệu lực mới phải sau ngày hiệu lực của giá trị hiện tại."),
                field="valid_from",
            )
        before = {"value": latest.value, "valid_from": latest.valid_from, "valid_to": latest.valid_to}
        if latest.valid_to is None or latest.valid_to >= valid_from:
            latest.valid_to = valid_from - datetime.timedelta(days=1)
            latest.save(update_fields=["valid_to"])
    attribute = UnitAttribute.objects.create(
        unit=unit,
        kind=kind,
        value=value,
        valid_from=valid_from,
        valid_to=unit.valid_to,
        source=source,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UNIT_ATTRIBUTE_SET,
        obj=unit,
        before={kind: before},
        after={
            kind: {"value": value, "valid_from": valid_from, "valid_to": attribute.valid_to, "source": source}
        },
    )
    return attribute
