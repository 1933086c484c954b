"""Core services: writing audit events and getting reporting periods."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.db import models

from giamngheo.core.audit import LEGACY_SPELLINGS, AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.models import PERIODS_PER_YEAR, AuditEvent, Period, PeriodKind, period_bounds
from giamngheo.core.request_context import get_current


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


def audit_record(
    *,
    actor: Any,
    action: AuditAction | str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event for an action a service performed on an object."""
    if not isinstance(action, AuditAction):
        # Only the old programs/monitoring spellings are still accepted; remove with LEGACY_SPELLINGS.
        if action not in LEGACY_SPELLINGS:
            raise ValueError(f"Unknown audit action {action!r}: add it to AuditAction.")
        action = LEGACY_SPELLINGS[action]
    context = get_current()
    return AuditEvent.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        action=action.value,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        before=_json_ready(before) if before is not None else None,
        after=_json_ready(after) if after is not None else None,
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
