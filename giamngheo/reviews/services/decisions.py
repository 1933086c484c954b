"""Step 6: the commune chair's recognition decision, refused with reasons while any step is missing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import Household
from giamngheo.registry.status import household_status_change
from giamngheo.reviews.models import (
    Campaign,
    Decision,
    Posting,
    ReviewCase,
    Step,
    Submission,
    TransitionLink,
)
from giamngheo.reviews.outcomes import OUTCOME_STATUS, OUTCOME_TRANSITION
from giamngheo.reviews.services._base import _move, _open

# Why a case in each step is not ready for the recognition decision.
WAITING: dict[str, Any] = {
    Step.LISTED: _("chưa có phiếu rà soát, chấm điểm"),
    Step.SURVEYED: _("chưa được họp dân thống nhất"),
    Step.DISAGREED: _("họp dân chưa thống nhất, cần rà soát lại và họp lại"),
    Step.AGREED: _("chưa niêm yết công khai"),
    Step.OBJECTED: _("còn khiếu nại chưa trả lời"),
}


def decision_blockers(campaign: Campaign, commune: AdminUnit, on: dt.date) -> list[tuple[ReviewCase, str]]:
    """Every household of the commune that cannot be decided on `on`, with the reason in Vietnamese."""
    ends = {
        posting.village_id: posting.ends_on
        for posting in Posting.objects.filter(campaign=campaign).order_by("id")
    }
    blockers = []
    for case in (
        ReviewCase.objects.select_related("household", "village")
        .filter(campaign=campaign, commune=commune)
        .exclude(step=Step.DECIDED)
        .order_by("village__name", "household__code")
    ):
        reason = WAITING.get(case.step)
        ends_on = ends.get(case.village_id) if case.village_id is not None else None
        if case.step == Step.POSTED and ends_on is not None and ends_on >= on:
            reason = _("thời gian niêm yết chưa kết thúc (đến hết %(date)s)") % {
                "date": f"{ends_on:%d/%m/%Y}"
            }
        if reason:
            blockers.append((case, reason))
    return blockers


def earliest_signing(campaign: Campaign, commune: AdminUnit) -> dt.date | None:
    """The first day the decision can be signed when only posting periods are left, else None.

    None when a household still lacks a step other than the end of its posting (the date then depends on
    work not yet done) or when nothing waits for a posting period.
    """
    steps = set(
        ReviewCase.objects.filter(campaign=campaign, commune=commune)
        .exclude(step=Step.DECIDED)
        .values_list("step", "village_id")
    )
    if not steps or any(step != Step.POSTED or village is None for step, village in steps):
        return None
    ends: dict[int, dt.date] = {}
    for village_id, ends_on in (
        Posting.objects.filter(campaign=campaign, village_id__in=[village for _step, village in steps])
        .order_by("id")
        .values_list("village_id", "ends_on")
    ):
        ends[village_id] = ends_on
    if len(ends) < len(steps):
        return None
    return max(ends.values()) + dt.timedelta(days=1)


@transaction.atomic
def decision_make(
    *, actor: Any, campaign: Campaign, commune: AdminUnit, number: str, signed_on: dt.date
) -> Decision:
    """Step 6: the commune chair recognises the results; refused while any household is not ready."""
    _open(campaign)
    require_permission(actor, Permission.DECIDE_RECOGNITION, commune)
    if not number.strip():
        raise AppError(ErrorCode.INVALID, _("Cần ghi số quyết định."), field="number")
    cases = list(
        ReviewCase.objects.select_for_update(of=("self",))
        .select_related("household")
        .filter(campaign=campaign, commune=commune)
        .exclude(step=Step.DECIDED)
        .order_by("pk")  # locks in id order: two lockers never wait on each other in a cycle
    )
    blockers = decision_blockers(campaign, commune, signed_on)
    earliest = earliest_signing(campaign, commune)
    if blockers and earliest is not None and earliest > signed_on:
        raise AppError(
            ErrorCode.DECISION_TOO_EARLY,
            _("Chưa đến ngày ký: thời gian niêm yết kết thúc ngày %(ends)s; ký từ ngày %(date)s.")
            % {"ends": f"{earliest - dt.timedelta(days=1):%d/%m/%Y}", "date": f"{earliest:%d/%m/%Y}"},
            field="signed_on",
        )
    if blockers:
        shown = "; ".join(
            f"{case.household.code} ({case.household.head_name}): {why}" for case, why in blockers[:10]
        )
        more = _(" và %(count)s hộ khác") % {"count": len(blockers) - 10} if len(blockers) > 10 else ""
        raise AppError(
            ErrorCode.DECISION_BLOCKED,
            _("Chưa thể ra quyết định: %(households)s%(more)s.") % {"households": shown, "more": more},
        )
    if not cases:
        raise AppError(ErrorCode.NOTHING_TO_DECIDE)
    decision = Decision.objects.create(
        campaign=campaign, commune=commune, number=number.strip(), signed_on=signed_on, signer=actor
    )
    households = {
        h.pk: h
        for h in Household.objects.select_for_update(of=("self",))
        .filter(pk__in=[c.household_id for c in cases])
        .order_by("pk")
    }
    for case in cases:
        household = households[case.household_id]
        case.outcome = case.proposed
        _move(case, Step.DECIDED, actor=actor, note=f"Quyết định {decision.number}")
        case.save()
        new_status = OUTCOME_STATUS[case.outcome]
        kind = OUTCOME_TRANSITION[case.outcome]
        transition = household_status_change(
            actor=actor, household=household, to_status=new_status, kind=kind, effective_on=signed_on
        )
        if transition is not None:
            TransitionLink.objects.create(transition=transition, campaign=campaign, decision=decision)
    Submission.objects.get_or_create(campaign=campaign, commune=commune)
    audit_record(actor=actor, action=AuditAction.DECISION_MAKE, obj=decision, after={"cases": len(cases)})
    return decision
