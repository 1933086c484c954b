"""The support ledger: support recorded by an agency, delivered or cancelled — always a new record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.programs.links import plan_links_check
from giamngheo.programs.models import Agency, BudgetLine
from giamngheo.registry.models import Household, Member
from giamngheo.support.eligibility import commune_facts, judge
from giamngheo.support.models import RecordStatus, SupportRecord, SupportType
from giamngheo.support.services._base import check_member, check_spend, household_lock, require_recorder


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _check_amount(amount: int | None, quantity: Decimal | None) -> None:
    if amount is not None and amount < 0:
        raise AppError(ErrorCode.INVALID, _("Số tiền không được âm."), field="amount")
    if quantity is not None and quantity <= 0:
        raise AppError(ErrorCode.INVALID, _("Số lượng phải lớn hơn 0."), field="quantity")
    if amount is None and quantity is None:
        raise AppError(ErrorCode.INVALID, _("Hãy ghi số tiền hoặc số lượng."), field="amount")


@transaction.atomic
def support_record_add(
    *,
    actor: Any,
    household: Household,
    member: Member | None,
    support_type: SupportType,
    on: dt.date,
    amount: int | None,
    quantity: Decimal | None = None,
    delivered: bool = True,
    budget_line: BudgetLine | None = None,
    agency: Agency | None = None,
    evidence: UploadedFile[bytes] | None = None,
    reason: str = "",
    today: dt.date,
) -> SupportRecord:
    """Record support given outside a list (e.g. a loan of the Social Policy Bank, a health-insurance card).

    The same rules as a list apply, judged under a lock on the household: a second payment of a once-only
    support, or one ruled out by another, is refused naming the earlier record.
    """
    require_recorder(actor, Permission.RECORD_SUPPORT, household, support_type.agency_kind)
    check_member(household, member)
    if support_type.province_id not in (None, household.province_id) or not support_type.is_active:
        raise AppError(ErrorCode.INVALID, _("Loại hỗ trợ không áp dụng ở tỉnh này."), field="support_type")
    if on > today:
        raise AppError(ErrorCode.INVALID, _("Ngày hỗ trợ không được sau hôm nay."), field="on")
    _check_amount(amount, quantity)
    plan_links_check(
        {"budget_line": budget_line}, province_id=household.province_id, communes={household.commune_id}
    )
    household = household_lock(household)
    verdict = judge(support_type, household, member, commune_facts(household.commune, [household], on))
    if not verdict.eligible:
        raise AppError(
            ErrorCode.SUPPORT_NOT_ELIGIBLE,
            _("Không ghi nhận được: %(reason)s") % {"reason": verdict.text},
            field="support_type",
        )
    if delivered:
        check_spend(budget_line, amount, on)
    record = SupportRecord.objects.create(
        household=household,
        member=member,
        commune=household.commune,
        province_id=household.province_id,
        support_type=support_type,
        status=RecordStatus.DELIVERED if delivered else RecordStatus.APPROVED,
        on=on,
        amount=amount,
        quantity=quantity,
        budget_source=support_type.budget_source,
        budget_line=budget_line,
        agency=agency,
        evidence=evidence or "",
        reason=reason.strip(),
        recorded_by=_actor(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.SUPPORT_RECORD_CREATE,
        obj=record,
        after={
            "household": household.code,
            "support_type": support_type.code,
            "amount": amount,
            "status": record.status,
        },
    )
    return record


def _follow(actor: Any, record: SupportRecord, **values: Any) -> SupportRecord:
    try:
        with transaction.atomic():
            return SupportRecord.objects.create(
                household=record.household,
                member=record.member,
                commune=record.commune,
                province=record.province,
                support_type=record.support_type,
                entry=record.entry,
                supersedes=record,
                budget_source=record.budget_source,
                budget_line=record.budget_line,
                agency=record.agency,
                recorded_by=_actor(actor),
                **values,
            )
    except IntegrityError as error:  # another user followed up on this record at the same moment
        raise AppError(ErrorCode.CONFLICT) from error


def _current(record: SupportRecord) -> SupportRecord:
    record = SupportRecord.objects.select_related("household", "support_type").get(pk=record.pk)
    if SupportRecord.objects.filter(supersedes=record).exists():
        raise AppError(ErrorCode.CONFLICT, _("Bản ghi này đã được cập nhật; hãy mở bản ghi mới nhất."))
    return record


@transaction.atomic
def support_record_deliver(
    *,
    actor: Any,
    record: SupportRecord,
    on: dt.date,
    amount: int | None = None,
    evidence: UploadedFile[bytes] | None = None,
    note: str = "",
    today: dt.date,
) -> SupportRecord:
    """Record that approved support was handed over or paid (a new record following the approval)."""
    household_lock(record.household)
    record = _current(record)
    require_recorder(actor, Permission.RECORD_SUPPORT, record.household, record.support_type.agency_kind)
    if record.status != RecordStatus.APPROVED:
        raise AppError(ErrorCode.INVALID, _("Chỉ ghi nhận đã trao cho hỗ trợ đã phê duyệt."))
    if on > today or on < record.on:
        raise AppError(ErrorCode.INVALID, _("Ngày trao phải từ ngày phê duyệt đến hôm nay."), field="on")
    amount = record.amount if amount is None else amount
    if amount is not None and amount < 0:
        raise AppError(ErrorCode.INVALID, _("Số tiền không được âm."), field="amount")
    check_spend(record.budget_line, amount, on)
    delivered = _follow(
        actor, record, status=RecordStatus.DELIVERED, on=on, amount=amount, quantity=record.quantity,
        evidence=evidence or "", reason=note.strip(),
    )  # fmt: skip
    audit_record(
        actor=actor,
        action=AuditAction.SUPPORT_RECORD_DELIVER,
        obj=delivered,
        after={"follows": record.pk, "amount": amount},
    )
    return delivered


@transaction.atomic
def support_records_deliver_many(
    *, actor: Any, records: Sequence[SupportRecord], on: dt.date, today: dt.date
) -> list[SupportRecord]:
    """Record many approved records as handed over on one day (a list's cards); all or none.

    The rules of `support_record_deliver` hold for each record, read in a few queries: the households are
    locked in one query in id order, the place and agency checked once per village (commune) and type, and
    each budget line is checked once for the sum paid from it.
    """
    ids = sorted({record.pk for record in records})
    households = SupportRecord.objects.filter(pk__in=ids).values("household_id")
    list(Household.objects.select_for_update().filter(pk__in=households).order_by("pk").values_list("pk"))
    current = list(
        SupportRecord.objects.filter(pk__in=ids)
        .select_related("household", "support_type", "commune", "budget_line")
        .order_by("pk")
    )
    if len(current) != len(ids) or SupportRecord.objects.filter(supersedes__in=ids).exists():
        raise AppError(ErrorCode.CONFLICT, _("Bản ghi này đã được cập nhật; hãy mở bản ghi mới nhất."))
    if on > today:
        raise AppError(ErrorCode.INVALID, _("Ngày trao phải từ ngày phê duyệt đến hôm nay."), field="on")
    checked: set[tuple[int, str]] = set()
    paid: dict[int, tuple[BudgetLine, int]] = {}
    for record in current:
        place = record.household.village_id or record.household.commune_id
        if (place, record.support_type.agency_kind) not in checked:
            require_recorder(
                actor, Permission.RECORD_SUPPORT, record.household, record.support_type.agency_kind
            )
            checked.add((place, record.support_type.agency_kind))
        if record.status != RecordStatus.APPROVED:
            raise AppError(ErrorCode.INVALID, _("Chỉ ghi nhận đã trao cho hỗ trợ đã phê duyệt."))
        if on < record.on:
            raise AppError(ErrorCode.INVALID, _("Ngày trao phải từ ngày phê duyệt đến hôm nay."), field="on")
        if record.budget_line is not None and record.amount:
            line, total = paid.get(record.budget_line.pk, (record.budget_line, 0))
            paid[line.pk] = (line, total + record.amount)
    for line, total in paid.values():
        check_spend(line, total, on)
    try:
        with transaction.atomic():
            delivered = SupportRecord.objects.bulk_create(
                [
                    SupportRecord(
                        household=record.household,
                        member_id=record.member_id,
                        commune=record.commune,
                        province_id=record.province_id,
                        support_type=record.support_type,
                        entry_id=record.entry_id,
                        supersedes=record,
                        budget_source=record.budget_source,
                        budget_line=record.budget_line,
                        agency_id=record.agency_id,
                        recorded_by=_actor(actor),
                        status=RecordStatus.DELIVERED,
                        on=on,
                        amount=record.amount,
                        quantity=record.quantity,
                    )
                    for record in current
                ]
            )
    except IntegrityError as error:  # another user followed up on one of these records at the same moment
        raise AppError(ErrorCode.CONFLICT) from error
    for record, follower in zip(current, delivered, strict=True):
        audit_record(
            actor=actor,
            action=AuditAction.SUPPORT_RECORD_DELIVER,
            obj=follower,
            after={"follows": record.pk, "amount": record.amount},
        )
    return delivered


@transaction.atomic
def support_record_cancel(*, actor: Any, record: SupportRecord, reason: str, on: dt.date) -> SupportRecord:
    """Cancel support (approved or delivered by mistake) with a reason; the history keeps both records."""
    household_lock(record.household)
    record = _current(record)
    require_recorder(actor, Permission.RECORD_SUPPORT, record.household, record.support_type.agency_kind)
    if record.status == RecordStatus.CANCELLED:
        raise AppError(ErrorCode.INVALID, _("Bản ghi đã hủy."))
    if not reason.strip():
        raise AppError(ErrorCode.INVALID, _("Hãy ghi lý do hủy."), field="reason")
    cancelled = _follow(
        actor, record, status=RecordStatus.CANCELLED, on=on, amount=None, quantity=None, reason=reason.strip()
    )
    audit_record(
        actor=actor,
        action=AuditAction.SUPPORT_RECORD_CANCEL,
        obj=cancelled,
        after={"follows": record.pk, "reason": reason},
    )
    return cancelled
