"""Review steps 1–5: listing, survey results, village meeting, public posting, objections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.calendar import add_working_days
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.confirmations import households_confirm_unchanged
from giamngheo.registry.models import (
    Assessment,
    Household,
    HouseholdStatus,
    StatusTransition,
    SurveyConfirmation,
    TransitionKind,
)
from giamngheo.reviews.models import (
    Campaign,
    CampaignKind,
    CaseEvent,
    CaseReason,
    MeetingVote,
    Objection,
    Posting,
    RequestForm,
    ReviewCase,
    ReviewRequest,
    Step,
    VillageMeeting,
)
from giamngheo.reviews.outcomes import proposed_outcome
from giamngheo.reviews.services._base import _move, _open


def _escaped_before(household_ids: Iterable[int]) -> set[int]:
    return set(
        StatusTransition.objects.filter(
            household_id__in=list(household_ids),
            kind__in=[TransitionKind.ESCAPED_POOR, TransitionKind.ESCAPED_NEAR_POOR],
        ).values_list("household_id", flat=True)
    )


@transaction.atomic
def cases_list(*, actor: Any, campaign: Campaign, commune: AdminUnit) -> int:
    """Step 1: list the commune's poor and near-poor households and those that asked to be reviewed."""
    _open(campaign)
    require_permission(actor, Permission.REVIEW_WORK, commune)
    if commune.province_id != campaign.province_id:
        raise AppError(ErrorCode.COMMUNE_OUTSIDE_CAMPAIGN)
    households = Household.objects.filter(commune=commune, is_active=True)
    requested = ReviewRequest.objects.filter(household__commune=commune, case__isnull=True)
    if campaign.kind == CampaignKind.MONTHLY:
        requested = requested.filter(form=RequestForm.FORM_04)
        chosen = households.filter(pk__in=requested.values("household_id"))
    else:
        chosen = households.filter(
            Q(status__in=["poor", "near_poor"]) | Q(pk__in=requested.values("household_id"))
        )
    existing = set(ReviewCase.objects.filter(campaign=campaign).values_list("household_id", flat=True))
    requested_ids = set(requested.values_list("household_id", flat=True))
    reasons: dict[str, str] = {
        HouseholdStatus.POOR: CaseReason.CURRENT_POOR,
        HouseholdStatus.NEAR_POOR: CaseReason.CURRENT_NEAR_POOR,
    }
    new_cases = [
        ReviewCase(
            campaign=campaign,
            household=household,
            province_id=campaign.province_id,
            commune=commune,
            village_id=household.village_id,
            status_before=household.status,
            reason=reasons.get(
                household.status, CaseReason.REQUEST if household.pk in requested_ids else CaseReason.OTHER
            ),
        )
        for household in chosen.order_by("code")
        if household.pk not in existing
    ]
    created = ReviewCase.objects.bulk_create(new_cases)
    CaseEvent.objects.bulk_create(CaseEvent(case=case, to_step=Step.LISTED, actor=actor) for case in created)
    case_of = {case.household_id: case for case in created}
    linked = list(requested.filter(household_id__in=list(case_of)))
    for request in linked:
        request.case = case_of[request.household_id]
    ReviewRequest.objects.bulk_update(linked, ["case"])
    audit_record(
        actor=actor,
        action=AuditAction.CAMPAIGN_LIST,
        obj=campaign,
        after={"commune": commune.code, "cases": len(created)},
    )
    return len(created)


def _surveys_since(starts_on: dt.date, household_ids: list[int]) -> dict[int, Assessment]:
    """Each household's newest assessment made, or confirmed unchanged, on or after `starts_on`."""
    confirmed = SurveyConfirmation.objects.filter(
        household_id__in=household_ids, reference_date__gte=starts_on
    ).values("assessment_id")
    latest: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.filter(household_id__in=household_ids)
        .filter(Q(reference_date__gte=starts_on) | Q(pk__in=confirmed))
        .order_by("household_id", "id")
    ):
        latest[assessment.household_id] = assessment
    return latest


@transaction.atomic
def cases_collect_surveys(*, actor: Any, campaign: Campaign, commune: AdminUnit) -> int:
    """Step 2: take each listed household's newest assessment made since the campaign began."""
    _open(campaign)
    require_permission(actor, Permission.REVIEW_WORK, commune)
    cases = list(
        ReviewCase.objects.select_for_update(of=("self",))
        .select_related("household")
        .filter(
            campaign=campaign,
            commune=commune,
            step__in=[Step.LISTED, Step.SURVEYED, Step.DISAGREED, Step.OBJECTED],
        )
        .order_by("pk")
    )
    latest = _surveys_since(campaign.starts_on, [case.household_id for case in cases])
    escaped = _escaped_before(latest)
    moved = 0
    for case in cases:
        found = latest.get(case.household_id)
        if found is None or found.pk == case.assessment_id:
            continue
        if (
            case.step == Step.OBJECTED
            and not case.objections.filter(resurvey=True, answered_on__isnull=False).exists()
        ):
            continue
        _move(case, Step.SURVEYED, actor=actor, note=f"Đánh giá #{found.pk}: {found.category}")
        case.assessment = found
        case.proposed = proposed_outcome(
            case.status_before, found.category, escaped_before=case.household_id in escaped
        )
        case.save()
        moved += 1
    return moved


@transaction.atomic
def meeting_record(
    *,
    actor: Any,
    campaign: Campaign,
    village: AdminUnit,
    held_on: dt.date,
    attendees: int,
    chaired_by: str,
    secretary: str,
    minutes: File[Any],
    votes: dict[int, int],
) -> VillageMeeting:
    """Step 3: the village meeting; a household is agreed when at least half of the attendees agree."""
    _open(campaign)
    require_permission(actor, Permission.REVIEW_WORK, village)
    if attendees <= 0:
        raise AppError(ErrorCode.INVALID, _("Số người dự họp phải lớn hơn 0."), field="attendees")
    if not chaired_by.strip() or not secretary.strip():
        raise AppError(ErrorCode.INVALID, _("Cần ghi người chủ trì và thư ký cuộc họp."), field="chaired_by")
    if not minutes:
        raise AppError(ErrorCode.INVALID, _("Cần tải lên biên bản họp dân."), field="minutes")
    if held_on < campaign.starts_on:
        raise AppError(ErrorCode.INVALID, _("Ngày họp trước ngày bắt đầu đợt rà soát."), field="held_on")
    cases = {
        case.pk: case
        for case in ReviewCase.objects.select_for_update(of=("self",))
        .select_related("household")
        .filter(campaign=campaign, village=village, pk__in=list(votes))
        .order_by("pk")
    }
    if set(votes) - set(cases):
        raise AppError(ErrorCode.CASE_OUTSIDE_VILLAGE)
    for case_id, agree in votes.items():
        if not 0 <= agree <= attendees:
            raise AppError(
                ErrorCode.INVALID,
                _("Số người đồng ý của hộ %(code)s vượt số người dự.")
                % {"code": cases[case_id].household.code},
                field="votes",
            )
    meeting = VillageMeeting(
        campaign=campaign,
        village=village,
        held_on=held_on,
        attendees=attendees,
        chaired_by=chaired_by.strip(),
        secretary=secretary.strip(),
        recorded_by=actor,
    )
    meeting.minutes.save(getattr(minutes, "name", "bien-ban.pdf"), minutes, save=False)
    meeting.save()
    for case_id, agree in votes.items():
        case = cases[case_id]
        agreed = 2 * agree >= attendees
        MeetingVote.objects.create(meeting=meeting, case=case, agree=agree)
        _move(
            case,
            Step.AGREED if agreed else Step.DISAGREED,
            actor=actor,
            note=f"Họp dân {held_on:%d/%m/%Y}: {agree}/{attendees} đồng ý",
        )
        case.save()
    audit_record(
        actor=actor,
        action=AuditAction.MEETING_RECORD,
        obj=meeting,
        after={"votes": votes, "attendees": attendees},
    )
    return meeting


@transaction.atomic
def posting_start(
    *, actor: Any, campaign: Campaign, village: AdminUnit, starts_on: dt.date, places: str = ""
) -> Posting:
    """Step 4: post the agreed results of a village publicly for the campaign's number of working days."""
    _open(campaign)
    require_permission(actor, Permission.REVIEW_WORK, village)
    cases = list(
        ReviewCase.objects.select_for_update(of=("self",))
        .select_related("household")
        .filter(campaign=campaign, village=village, step=Step.AGREED)
        .order_by("pk")
    )
    if not cases:
        raise AppError(ErrorCode.NOTHING_TO_POST)
    posting = Posting.objects.create(
        campaign=campaign,
        village=village,
        starts_on=starts_on,
        working_days=campaign.posting_working_days,
        ends_on=add_working_days(starts_on, campaign.posting_working_days),
        recorded_by=actor,
        **({"places": places.strip()} if places.strip() else {}),
    )
    for case in cases:
        _move(
            case,
            Step.POSTED,
            actor=actor,
            note=f"Niêm yết {posting.starts_on:%d/%m/%Y}–{posting.ends_on:%d/%m/%Y}",
        )
        case.save()
    audit_record(actor=actor, action=AuditAction.POSTING_START, obj=posting, after={"cases": len(cases)})
    return posting


@transaction.atomic
def objection_record(
    *, actor: Any, case: ReviewCase, lodged_by: str, lodged_on: dt.date, content: str
) -> Objection:
    """Step 5: a complaint about a posted result; the case waits for the answer."""
    _open(case.campaign)
    require_permission(actor, Permission.REVIEW_WORK, case.village or case.commune)
    case = ReviewCase.objects.select_for_update(of=("self",)).select_related("household").get(pk=case.pk)
    if not lodged_by.strip() or not content.strip():
        raise AppError(ErrorCode.INVALID, _("Cần ghi người khiếu nại và nội dung."), field="content")
    objection = Objection.objects.create(
        case=case,
        lodged_by=lodged_by.strip(),
        lodged_on=lodged_on,
        content=content.strip(),
        recorded_by=actor,
    )
    _move(case, Step.OBJECTED, actor=actor, note=f"Khiếu nại của {lodged_by.strip()}")
    case.save()
    audit_record(
        actor=actor, action=AuditAction.OBJECTION_RECORD, obj=case.household, after={"by": lodged_by}
    )
    return objection


@transaction.atomic
def objection_answer(
    *, actor: Any, objection: Objection, answer: str, answered_on: dt.date, resurvey: bool
) -> Objection:
    """Answer a complaint: keep the posted result, or send the household back to survey."""
    case = (
        ReviewCase.objects.select_for_update(of=("self",))
        .select_related("household", "campaign")
        .get(pk=objection.case_id)
    )
    _open(case.campaign)
    require_permission(actor, Permission.REVIEW_WORK, case.village or case.commune)
    if not answer.strip():
        raise AppError(ErrorCode.INVALID, _("Cần ghi nội dung trả lời."), field="answer")
    objection.answer, objection.answered_on, objection.resurvey = answer.strip(), answered_on, resurvey
    objection.save()
    if not case.objections.filter(answered_on__isnull=True).exists():
        _move(
            case,
            Step.SURVEYED if resurvey else Step.POSTED,
            actor=actor,
            note="Rà soát lại theo khiếu nại" if resurvey else "Giữ kết quả sau khi trả lời khiếu nại",
        )
        if resurvey:
            case.assessment = None
        case.save()
    audit_record(
        actor=actor, action=AuditAction.OBJECTION_ANSWER, obj=case.household, after={"resurvey": resurvey}
    )
    return objection


@transaction.atomic
def cases_confirm_unchanged(
    *, actor: Any, campaign: Campaign, commune: AdminUnit, case_ids: list[int]
) -> int:
    """Step 2 in bulk: the chosen listed households were surveyed and found unchanged («không thay đổi»)."""
    _open(campaign)
    require_permission(actor, Permission.REVIEW_WORK, commune)
    cases = list(
        ReviewCase.objects.select_related("household__latest_assessment", "household__village")
        .filter(campaign=campaign, commune=commune, pk__in=case_ids, step=Step.LISTED)
        .order_by("pk")
    )
    if not cases:
        raise AppError(ErrorCode.INVALID, _("Chưa chọn hộ nào đang chờ phiếu rà soát."))
    households_confirm_unchanged(
        actor=actor, households=[case.household for case in cases], on=timezone.localdate()
    )
    return cases_collect_surveys(actor=actor, campaign=campaign, commune=commune)
