"""Beneficiary lists: the system proposes who qualifies, the officer selects, the commune chair approves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.links import plan_links_check
from giamngheo.programs.models import Agency, BudgetLine
from giamngheo.registry.models import Household, HouseholdStatus, Member
from giamngheo.support.eligibility import commune_facts, judge
from giamngheo.support.models import (
    BeneficiaryEntry,
    BeneficiaryList,
    ListStatus,
    RecordStatus,
    SupportLevel,
    SupportRecord,
    SupportType,
)
from giamngheo.support.services._base import check_version

# Households a list is proposed from: those with a recognised status, plus the non-poor ones that may have
# escaped recently (the rules decide); closed households never.
_CANDIDATE_STATUSES = (
    HouseholdStatus.POOR,
    HouseholdStatus.NEAR_POOR,
    HouseholdStatus.NONE,
    HouseholdStatus.AVERAGE,
)


def _check_type_in_province(support_type: SupportType, commune: AdminUnit) -> None:
    if support_type.province_id not in (None, commune.province_id) or not support_type.is_active:
        raise AppError(ErrorCode.INVALID, _("Loại hỗ trợ không áp dụng ở tỉnh này."), field="support_type")


def _check_budget_line(budget_line: BudgetLine | None, commune: AdminUnit, year: int) -> None:
    if budget_line is None:
        return
    plan_links_check({"budget_line": budget_line}, province_id=commune.province_id, communes={commune.pk})
    if not budget_line.plan.start_year <= year <= budget_line.plan.end_year:
        raise AppError(
            ErrorCode.INVALID,
            _("Kế hoạch của dòng kinh phí không gồm năm của danh sách."),
            field="budget_line",
        )


@transaction.atomic
def beneficiary_list_propose(
    *,
    actor: Any,
    support_type: SupportType,
    commune: AdminUnit,
    year: int,
    reference_date: dt.date,
    title: str = "",
    budget_line: BudgetLine | None = None,
    agency: Agency | None = None,
) -> BeneficiaryList:
    """Open a list and put on it every household (or member) of the commune with the verdict of the rules.

    Eligible ones are selected by default; the officer unselects or adds amounts before approval.
    """
    if commune.tree != Tree.CURRENT or commune.level != Level.COMMUNE:
        raise AppError(
            ErrorCode.INVALID, _("Danh sách được lập cho một xã, phường, đặc khu."), field="commune"
        )
    require_permission(actor, Permission.MANAGE_SUPPORT, commune)
    _check_type_in_province(support_type, commune)
    _check_budget_line(budget_line, commune, year)
    households = list(
        Household.objects.filter(commune=commune, is_active=True, status__in=_CANDIDATE_STATUSES).order_by(
            "code"
        )
    )
    facts = commune_facts(commune, households, reference_date)
    # A household with no recognised status qualifies only as newly escaped: keep only those worth judging.
    households = [
        h
        for h in households
        if h.status in (HouseholdStatus.POOR, HouseholdStatus.NEAR_POOR) or facts.statuses[h.pk].escaped_on
    ]
    beneficiary_list = BeneficiaryList.objects.create(
        support_type=support_type,
        commune=commune,
        province=commune.province or commune,
        year=year,
        title=title.strip()
        or _("Danh sách %(name)s năm %(year)s") % {"name": support_type.name, "year": year},
        reference_date=reference_date,
        budget_line=budget_line,
        budget_source=support_type.budget_source,
        agency=agency,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    members_by_household: dict[int, list[Member]] = {}
    if support_type.level == SupportLevel.MEMBER:
        for member in Member.objects.filter(household__in=households, is_active=True).order_by("member_no"):
            members_by_household.setdefault(member.household_id, []).append(member)
    entries = []
    for household in households:
        targets: list[Member | None] = (
            list(members_by_household.get(household.pk, []))
            if support_type.level == SupportLevel.MEMBER
            else [None]
        )
        for target in targets:
            verdict = judge(support_type, household, target, facts)
            entries.append(
                BeneficiaryEntry(
                    list=beneficiary_list,
                    household=household,
                    member=target,
                    eligible=verdict.eligible,
                    reason=verdict.text[:500],
                    selected=verdict.eligible,
                    amount=support_type.default_amount if verdict.eligible else None,
                )
            )
    BeneficiaryEntry.objects.bulk_create(entries, batch_size=2000)
    audit_record(
        actor=actor,
        action=AuditAction.SUPPORT_LIST_CREATE,
        obj=beneficiary_list,
        after={
            "support_type": support_type.code,
            "entries": len(entries),
            "eligible": sum(e.eligible for e in entries),
        },
    )
    return beneficiary_list


def _require_draft(beneficiary_list: BeneficiaryList) -> None:
    if beneficiary_list.status != ListStatus.DRAFT:
        raise AppError(
            ErrorCode.SUPPORT_LIST_CLOSED, _("Danh sách đã phê duyệt hoặc đã hủy, không sửa được.")
        )


@transaction.atomic
def beneficiary_entry_update(
    *, actor: Any, entry: BeneficiaryEntry, selected: bool, amount: int | None, quantity: Any = None
) -> BeneficiaryEntry:
    """Select or unselect a household (member) on a draft list, with its amount; ineligible ones stay out."""
    entry = BeneficiaryEntry.objects.select_for_update().select_related("list", "household").get(pk=entry.pk)
    require_permission(actor, Permission.MANAGE_SUPPORT, entry.list.commune)
    _require_draft(entry.list)
    if selected and not entry.eligible:
        raise AppError(
            ErrorCode.SUPPORT_NOT_ELIGIBLE,
            _("Không chọn được: %(reason)s") % {"reason": entry.reason},
            field="selected",
        )
    if amount is not None and amount < 0:
        raise AppError(ErrorCode.INVALID, _("Số tiền không được âm."), field="amount")
    before = {"selected": entry.selected, "amount": entry.amount}
    entry.selected, entry.amount, entry.quantity = selected, amount, quantity
    entry.save(update_fields=["selected", "amount", "quantity"])
    audit_record(
        actor=actor,
        action=AuditAction.SUPPORT_LIST_ENTRY_UPDATE,
        obj=entry.list,
        before=before,
        after={"household": entry.household.code, "selected": selected, "amount": amount},
    )
    return entry


@transaction.atomic
def beneficiary_list_approve(
    *, actor: Any, beneficiary_list: BeneficiaryList, version: int, decision_number: str, decided_on: dt.date
) -> BeneficiaryList:
    """The commune chair approves the list: each selected entry becomes an approved record of the ledger.

    The rules are judged again under a lock on each household, so support given meanwhile (by another
    list or agency) is caught: the whole approval is refused, naming the household and the earlier record.
    """
    beneficiary_list = (
        BeneficiaryList.objects.select_for_update()
        .select_related("support_type", "commune")
        .get(pk=beneficiary_list.pk)
    )
    require_permission(actor, Permission.APPROVE_SUPPORT, beneficiary_list.commune)
    _require_draft(beneficiary_list)
    check_version(beneficiary_list.version, version)
    if not decision_number.strip():
        raise AppError(ErrorCode.INVALID, _("Hãy ghi số quyết định phê duyệt."), field="decision_number")
    entries = list(
        beneficiary_list.entries.filter(selected=True)
        .select_related("household", "member")
        .order_by("household_id", "member_id")
    )
    if not entries:
        raise AppError(ErrorCode.SUPPORT_LIST_EMPTY, _("Danh sách chưa chọn hộ nào."))
    support_type = beneficiary_list.support_type
    # One locking query for every household of the list, in id order (no deadlock with another approval).
    households = list(
        Household.objects.select_for_update().filter(pk__in={e.household_id for e in entries}).order_by("pk")
    )
    locked = {household.pk: household for household in households}
    facts = commune_facts(beneficiary_list.commune, households, beneficiary_list.reference_date)
    problems = []
    for entry in entries:
        verdict = judge(support_type, locked[entry.household_id], entry.member, facts)
        if not verdict.eligible:
            who = f"{entry.household.code} {entry.member.full_name}" if entry.member else entry.household.code
            problems.append(f"{who}: {verdict.reasons[-1]}")
    if problems:
        raise AppError(
            ErrorCode.SUPPORT_NOT_ELIGIBLE,
            _("Không phê duyệt được, %(count)s trường hợp không còn đủ điều kiện: %(list)s")
            % {"count": len(problems), "list": "; ".join(problems[:10])},
        )
    SupportRecord.objects.bulk_create(
        [
            SupportRecord(
                household=entry.household,
                member=entry.member,
                commune=beneficiary_list.commune,
                province=beneficiary_list.province,
                support_type=support_type,
                entry=entry,
                status=RecordStatus.APPROVED,
                on=decided_on,
                amount=entry.amount,
                quantity=entry.quantity
                if entry.quantity is not None
                else (None if entry.amount is not None else 1),
                budget_source=beneficiary_list.budget_source,
                budget_line=beneficiary_list.budget_line,
                agency=beneficiary_list.agency,
                reason=_("Quyết định %(number)s") % {"number": decision_number.strip()},
                recorded_by=actor if getattr(actor, "pk", None) else None,
            )
            for entry in entries
        ]
    )
    beneficiary_list.status = ListStatus.APPROVED
    beneficiary_list.decision_number, beneficiary_list.decided_on = decision_number.strip(), decided_on
    beneficiary_list.approved_by = actor if getattr(actor, "pk", None) else None
    beneficiary_list.version = F("version") + 1
    beneficiary_list.save()
    beneficiary_list.refresh_from_db()
    audit_record(
        actor=actor,
        action=AuditAction.SUPPORT_LIST_APPROVE,
        obj=beneficiary_list,
        after={"decision": decision_number, "decided_on": decided_on, "records": len(entries)},
    )
    return beneficiary_list


@transaction.atomic
def beneficiary_list_cancel(
    *, actor: Any, beneficiary_list: BeneficiaryList, version: int
) -> BeneficiaryList:
    """Drop a draft list (an approved one is undone record by record, with a reason)."""
    beneficiary_list = BeneficiaryList.objects.select_for_update().get(pk=beneficiary_list.pk)
    require_permission(actor, Permission.MANAGE_SUPPORT, beneficiary_list.commune)
    _require_draft(beneficiary_list)
    check_version(beneficiary_list.version, version)
    beneficiary_list.status = ListStatus.CANCELLED
    beneficiary_list.version = F("version") + 1
    beneficiary_list.save()
    beneficiary_list.refresh_from_db()
    audit_record(actor=actor, action=AuditAction.SUPPORT_LIST_CANCEL, obj=beneficiary_list)
    return beneficiary_list
