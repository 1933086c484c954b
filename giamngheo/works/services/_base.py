"""Checks shared by the works services: who may write, money by source, coordinates, dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from giamngheo.accounts.access import assignments_with_permission, covers
from giamngheo.accounts.roles import Permission, Role
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.links import plan_links_check
from giamngheo.programs.models import Agency, BudgetSource
from giamngheo.works.selectors import agency_ids_of

MAX_AMOUNT = Decimal("9999999999999.999")


def actor_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def require_writer(actor: Any, unit: AdminUnit, agency: Agency | None) -> None:
    """The actor manages works at the unit; an agency officer only those of their own agency."""
    granted = assignments_with_permission(actor, Permission.MANAGE_WORKS)
    if any(a.role != Role.AGENCY_OFFICER and covers(a.unit, unit) for a in granted):
        return
    leads = agency is not None and agency.pk in agency_ids_of(actor)
    if leads and any(a.role == Role.AGENCY_OFFICER and covers(a.unit, unit) for a in granted):
        return
    raise PermissionDenied()


def check_commune(commune: AdminUnit, field: str = "commune") -> AdminUnit:
    if commune.level != Level.COMMUNE or commune.tree != Tree.CURRENT or commune.valid_to is not None:
        raise AppError(ErrorCode.UNIT_LEVEL_INVALID, _("Hãy chọn một xã hiện hành."), field=field)
    return commune


def check_links(
    province: AdminUnit, fields: dict[str, Any], *, agency_field: str, communes: Collection[int] = ()
) -> None:
    """The agency and the plan's project, budget line and task named must belong to the row's province."""
    agency = fields.get(agency_field)
    if agency is not None and agency.province_id != province.pk:
        raise AppError(ErrorCode.INVALID, _("Cơ quan không thuộc tỉnh này."), field=agency_field)
    plan_links_check(fields, province_id=province.pk, communes=communes)


def clean_money(amounts: Mapping[str, Any] | None, field: str) -> dict[str, Decimal]:
    """Amounts by budget source (million VND): known sources, exact, not negative; zeros dropped."""
    cleaned: dict[str, Decimal] = {}
    for source, raw in (amounts or {}).items():
        if source not in BudgetSource.values:
            raise AppError(ErrorCode.UNKNOWN_CODE, field=field, source=source)
        if raw in (None, ""):
            continue
        try:
            amount = Decimal(str(raw).replace(" ", "").replace(",", "."))
        except InvalidOperation as error:
            raise AppError(ErrorCode.INVALID, _("Số tiền không hợp lệ."), field=field) from error
        if (
            not amount.is_finite()
            or amount < 0
            or amount > MAX_AMOUNT
            or amount != amount.quantize(Decimal("0.001"))
        ):
            raise AppError(ErrorCode.INVALID, _("Số tiền không hợp lệ."), field=field)
        if amount:
            cleaned[source] = amount
    return cleaned


def check_coordinates(latitude: Decimal | None, longitude: Decimal | None) -> None:
    if (latitude is None) != (longitude is None):
        raise AppError(
            ErrorCode.INVALID, _("Hãy ghi cả vĩ độ và kinh độ, hoặc để trống cả hai."), field="latitude"
        )
    if latitude is not None and not -90 <= latitude <= 90:
        raise AppError(ErrorCode.INVALID, _("Vĩ độ phải từ -90 đến 90."), field="latitude")
    if longitude is not None and not -180 <= longitude <= 180:
        raise AppError(ErrorCode.INVALID, _("Kinh độ phải từ -180 đến 180."), field="longitude")


def check_not_future(on: dt.date | None, today: dt.date, field: str) -> None:
    if on is not None and on > today:
        raise AppError(ErrorCode.INVALID, _("Ngày không được sau hôm nay."), field=field)


def check_name(name: str, field: str = "name") -> str:
    name = (name or "").strip()
    if not name:
        raise AppError(ErrorCode.REQUIRED, field=field)
    return name[:255]
