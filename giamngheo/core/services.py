"""Core services: writing audit events (IDs masked, placed in the object's area) and reporting periods."""

from __future__ import annotations

import datetime
import decimal
import itertools
import uuid
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import models

from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.models import PERIODS_PER_YEAR, AuditEvent, Period, PeriodKind, period_bounds
from giamngheo.core.request_context import get_current
from giamngheo.core.text import mask_personal_id

ADMIN_UNIT = "geo.adminunit"
# Columns naming an object's place, most precise first.
_PLACE_FIELDS = ("village", "commune", "unit", "province")
_UNSET: Any = object()


def _json_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_ready(item) for item in value]
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def masked_personal_ids(value: Any) -> Any:
    """The JSON value with every `personal_id` entry masked: the audit log never stores a full ID."""
    if isinstance(value, dict):
        return {
            key: mask_personal_id(str(item)) if key == "personal_id" and item else masked_personal_ids(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [masked_personal_ids(item) for item in value]
    return value


def audit_unit_of(obj: Any, depth: int = 2) -> Any:
    """The administrative unit an object belongs to, found from its own columns (None: a global object).

    A model may say it itself with an `audit_unit` attribute; otherwise its village, commune, unit or
    province column is used, else the place of the object it belongs to (a member's household, a task's
    plan), never through a user column (that would be the actor's area, not the object's).
    """
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return None
    if meta.label_lower == ADMIN_UNIT:
        return obj
    own = getattr(obj, "audit_unit", _UNSET)
    if own is not _UNSET:
        return own
    relations = [field for field in meta.concrete_fields if field.many_to_one and field.related_model]
    places = [field for field in relations if field.related_model._meta.label_lower == ADMIN_UNIT]
    places.sort(key=lambda field: _PLACE_FIELDS.index(field.name) if field.name in _PLACE_FIELDS else 9)
    skipped = (ADMIN_UNIT, settings.AUTH_USER_MODEL.lower(), meta.label_lower)
    owners = [field for field in relations if field.related_model._meta.label_lower not in skipped]
    candidates: Iterator[Any] = (getattr(obj, field.name) for field in places)
    if depth > 0:
        candidates = itertools.chain(
            candidates, (audit_unit_of(getattr(obj, field.name), depth - 1) for field in owners)
        )
    return next((unit for unit in candidates if unit is not None), None)


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    unit: Any = _UNSET,
) -> AuditEvent:
    """Write one audit event for an action a service performed on an object.

    The event is placed in the object's area (`unit`, found from the object unless given; None for a
    global object), so viewers of that area read it whoever acted. Personal IDs are stored masked.
    """
    if action not in AuditAction.values:  # a member, or the value of one (as stored); nothing else
        raise TypeError(f"Audit action {action!r} is not an AuditAction member: add it to AuditAction.")
    action = AuditAction(action)
    context = get_current()
    place = audit_unit_of(obj) if unit is _UNSET else unit
    return AuditEvent.objects.create(
        unit=place,
        province_id=place.province_id if place is not None else None,
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        action=action.value,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        before=masked_personal_ids(_json_ready(before)) if before is not None else None,
        after=masked_personal_ids(_json_ready(after)) if after is not None else None,
        ip_address=context.ip_address if context else None,
        user_agent=context.user_agent if context else "",
    )


def period_get_or_create(*, year: int, kind: str, number: int = 1) -> Period:
    """Return the period row for (year, kind, number), creating it the first time."""
    if kind not in PeriodKind.values or not 1 <= number <= PERIODS_PER_YEAR[PeriodKind(kind)]:
        raise AppError(ErrorCode.PERIOD_INVALID, field="number", year=year, kind=kind, number=number)
    if not 1900 <= year <= 2100:
        raise AppError(ErrorCode.PERIOD_INVALID, field="year", year=year)
    start, end = period_bounds(year, kind, number)
    period, _ = Period.objects.get_or_create(
        year=year, kind=kind, number=number, defaults={"start_date": start, "end_date": end}
    )
    return period
