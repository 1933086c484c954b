"""Training needs a commune enters by year and trade (next to the wishes of its labour survey)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.jobs.models import TrainingNeed
from giamngheo.jobs.services._base import actor_or_none


@transaction.atomic
def training_need_set(
    *, actor: Any, commune: AdminUnit, year: int, trade: str, people: int, note: str = ""
) -> TrainingNeed:
    """Set the number of people of the commune needing training in a trade that year (the same trade,
    whatever its accents or case, is updated, not added twice)."""
    require_permission(actor, Permission.MANAGE_JOBS, commune)
    if commune.level != Level.COMMUNE or commune.province is None:
        raise AppError(ErrorCode.INVALID, _("Hãy chọn một xã."), field="commune")
    trade = " ".join(trade.split())
    if not trade:
        raise AppError(ErrorCode.REQUIRED, field="trade")
    if len(trade) > 128:
        raise AppError(ErrorCode.TEXT_TOO_LONG, field="trade")
    if not 2000 <= year <= 2100:
        raise AppError(ErrorCode.INVALID, _("Năm không hợp lệ."), field="year")
    if people < 0:
        raise AppError(ErrorCode.INVALID, _("Số người không được âm."), field="people")
    key = search_key(trade)
    existing = next(
        (n for n in TrainingNeed.objects.filter(commune=commune, year=year) if search_key(n.trade) == key),
        None,
    )
    before = {"people": existing.people} if existing else None
    if existing is None:
        need = TrainingNeed.objects.create(
            commune=commune, province=commune.province, year=year, trade=trade, people=people,
            note=note.strip()[:255], recorded_by=actor_or_none(actor),
        )  # fmt: skip
    else:
        need = existing
        need.people, need.note = people, note.strip()[:255]
        need.save(update_fields=["people", "note"])
    audit_record(
        actor=actor, action=AuditAction.TRAINING_NEED_SET, obj=need, unit=commune,
        before=before, after={"year": year, "trade": trade, "people": people},
    )  # fmt: skip
    return need
