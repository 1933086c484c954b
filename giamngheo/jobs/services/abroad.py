"""Work abroad under contract: the worker's departure (with the support received) and return."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.jobs.models import AbroadWorker
from giamngheo.jobs.services._base import check_not_future, person_columns, require_for_member
from giamngheo.registry.models import Member
from giamngheo.support.models import SupportType
from giamngheo.support.services.records import support_record_add


@transaction.atomic
def abroad_worker_register(
    *,
    actor: Any,
    member: Member,
    country: str,
    departed_on: dt.date,
    contract_ends_on: dt.date,
    sector: str = "",
    company: str = "",
    pre_departure_training: bool = False,
    support_type: SupportType | None = None,
    support_amount: int | None = None,
    today: dt.date,
) -> AbroadWorker:
    """Record a member leaving to work abroad; support given for it is recorded in the support ledger."""
    require_for_member(actor, member)
    check_not_future(departed_on, today, "departed_on")
    if not country.strip():
        raise AppError(ErrorCode.REQUIRED, field="country")
    if contract_ends_on < departed_on:
        raise AppError(
            ErrorCode.INVALID, _("Ngày hết hợp đồng trước ngày xuất cảnh."), field="contract_ends_on"
        )
    if AbroadWorker.objects.filter(member=member, returned_on__isnull=True).exists():
        raise AppError(ErrorCode.INVALID, _("Người này đang làm việc ở nước ngoài."), field="member")
    record = None
    if support_type is not None:
        record = support_record_add(  # the support services judge eligibility and refuse with the reason
            actor=actor,
            household=member.household,
            member=member,
            support_type=support_type,
            on=departed_on,
            amount=support_amount,
            quantity=None if support_amount is not None else Decimal(1),
            today=today,
        )
    worker = AbroadWorker.objects.create(
        **person_columns(member),
        household_status=member.household.status,
        country=country.strip(),
        sector=sector.strip(),
        company=company.strip(),
        departed_on=departed_on,
        contract_ends_on=contract_ends_on,
        pre_departure_training=pre_departure_training,
        support_record=record,
    )
    audit_record(
        actor=actor,
        action=AuditAction.ABROAD_WORKER_CREATE,
        obj=worker,
        after={"member": member.pk, "country": worker.country, "support_record": worker.support_record_id},
    )
    return worker


@transaction.atomic
def abroad_worker_return(*, actor: Any, worker: AbroadWorker, on: dt.date, today: dt.date) -> AbroadWorker:
    """Record the worker's return home."""
    worker = AbroadWorker.objects.select_for_update().select_related("member", "household").get(pk=worker.pk)
    require_for_member(actor, worker.member)
    check_not_future(on, today, "returned_on")
    if worker.returned_on is not None:
        raise AppError(ErrorCode.INVALID, _("Đã ghi ngày về nước."))
    if on < worker.departed_on:
        raise AppError(ErrorCode.INVALID, _("Ngày về trước ngày xuất cảnh."), field="returned_on")
    worker, _changed = model_update(
        instance=worker,
        fields=["returned_on"],
        data={"returned_on": on},
        actor=actor,
        action=AuditAction.ABROAD_WORKER_RETURN,
    )
    return worker
