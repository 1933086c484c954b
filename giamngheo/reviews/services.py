"""The review procedure as services over the transition table; every step writes insert-only events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.calendar import add_working_days
from giamngheo.core.errors import AppError
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.models import Assessment, Household, HouseholdStatus
from giamngheo.reviews.models import (
    TRANSITIONS,
    Campaign,
    CampaignKind,
    CaseEvent,
    CaseReason,
    Decision,
    MeetingVote,
    Objection,
    Posting,
    RequestForm,
    ReviewCase,
    ReviewRequest,
    StatusTransition,
    Step,
    Submission,
    SubmissionStatus,
    TransitionKind,
    VillageMeeting,
)
from giamngheo.reviews.outcomes import OUTCOME_STATUS, OUTCOME_TRANSITION, proposed_outcome
from giamngheo.standards.loader import standard_for_year

REGULAR_REVIEW_DAYS = 15  # Decision 24/2021 Art. 5


def _open(campaign: Campaign) -> None:
    if campaign.is_closed:
        raise AppError("invalid", "Đợt rà soát đã kết thúc; chỉ thay đổi được sau khi mở lại có ghi lý do.")


def _move(case: ReviewCase, to: str, *, actor: Any, note: str = "") -> None:
    """Move a case along the transition table, or explain why it cannot move."""
    if to not in TRANSITIONS[case.step]:
        raise AppError(
            "invalid",
            f"Hộ {case.household.code}: không thể chuyển từ bước «{Step(case.step).label}» "
            f"sang «{Step(to).label}».",
        )
    CaseEvent.objects.create(case=case, from_step=case.step, to_step=to, note=note[:500], actor=actor)
    case.step = to
    case.version += 1


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    province: AdminUnit,
    year: int,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    posting_working_days: int = 3,
    approval_chain: str = "commune_province",
    name: str = "",
) -> Campaign:
    """Open a review campaign for a province."""
    if province.tree != Tree.CURRENT or province.level != Level.PROVINCE:
        raise AppError("invalid", "Đợt rà soát phải thuộc một tỉnh, thành phố hiện hành.", field="province")
    require_permission(actor, Permission.MANAGE_CAMPAIGNS, province)
    if ends_on < starts_on:
        raise AppError("invalid", "Hạn công nhận phải sau ngày bắt đầu.", field="ends_on")
    if not 1 <= posting_working_days <= 30:
        raise AppError(
            "invalid", "Số ngày niêm yết phải từ 1 đến 30 ngày làm việc.", field="posting_working_days"
        )
    label = "Rà soát hộ nghèo, hộ cận nghèo" if kind == CampaignKind.ANNUAL else "Rà soát thường xuyên"
    campaign = Campaign.objects.create(
        province=province,
        year=year,
        kind=kind,
        name=name.strip() or f"{label} năm {year} — {province.name}",
        standard=standard_for_year(year).id,
        starts_on=starts_on,
        ends_on=ends_on,
        posting_working_days=posting_working_days,
        approval_chain=approval_chain,
        created_by=actor,
    )
    audit_record(actor=actor, action="campaign.create", obj=campaign, after={"year": year, "kind": kind})
    return campaign


@transaction.atomic
def review_request_record(
    *, actor: Any, household: Household, form: str, received_on: dt.date, note: str = ""
) -> ReviewRequest:
    """Record a household's request (Mẫu 01 for the annual review, Mẫu 04 for the monthly review)."""
    require_permission(actor, Permission.REVIEW_WORK, household.village or household.commune)
    due = received_on + dt.timedelta(days=REGULAR_REVIEW_DAYS) if form == RequestForm.FORM_04 else None
    request = ReviewRequest.objects.create(
        household=household,
        form=form,
        received_on=received_on,
        due_on=due,
        note=note.strip(),
        recorded_by=actor,
    )
    audit_record(actor=actor, action="review_request.record", obj=household, after={"form": form})
    return request


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
        raise AppError("invalid", "Xã không thuộc tỉnh của đợt rà soát.")
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
    for case in created:
        ReviewRequest.objects.filter(household_id=case.household_id, case__isnull=True).update(case=case)
    audit_record(
        actor=actor,
        action="campaign.list",
        obj=campaign,
        after={"commune": commune.code, "cases": len(created)},
    )
    return len(created)


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
    )
    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(
        household_id__in=[case.household_id for case in cases], reference_date__gte=campaign.starts_on
    ).order_by("household_id", "id"):
        latest[assessment.household_id] = assessment
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
        raise AppError("invalid", "Số người dự họp phải lớn hơn 0.", field="attendees")
    if not chaired_by.strip() or not secretary.strip():
        raise AppError("invalid", "Cần ghi người chủ trì và thư ký cuộc họp.", field="chaired_by")
    if not minutes:
        raise AppError("invalid", "Cần tải lên biên bản họp dân.", field="minutes")
    if held_on < campaign.starts_on:
        raise AppError("invalid", "Ngày họp trước ngày bắt đầu đợt rà soát.", field="held_on")
    cases = {
        case.pk: case
        for case in ReviewCase.objects.select_for_update(of=("self",))
        .select_related("household")
        .filter(campaign=campaign, village=village, pk__in=list(votes))
    }
    if set(votes) - set(cases):
        raise AppError("invalid", "Có hộ không thuộc thôn này trong đợt rà soát.")
    for case_id, agree in votes.items():
        if not 0 <= agree <= attendees:
            raise AppError(
                "invalid",
                f"Số người đồng ý của hộ {cases[case_id].household.code} vượt số người dự.",
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
        actor=actor, action="meeting.record", obj=meeting, after={"votes": votes, "attendees": attendees}
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
    )
    if not cases:
        raise AppError("invalid", "Thôn chưa có hộ nào được họp dân thống nhất để niêm yết.")
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
    audit_record(actor=actor, action="posting.start", obj=posting, after={"cases": len(cases)})
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
        raise AppError("invalid", "Cần ghi người khiếu nại và nội dung.", field="content")
    objection = Objection.objects.create(
        case=case,
        lodged_by=lodged_by.strip(),
        lodged_on=lodged_on,
        content=content.strip(),
        recorded_by=actor,
    )
    _move(case, Step.OBJECTED, actor=actor, note=f"Khiếu nại của {lodged_by.strip()}")
    case.save()
    audit_record(actor=actor, action="objection.record", obj=case.household, after={"by": lodged_by})
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
        raise AppError("invalid", "Cần ghi nội dung trả lời.", field="answer")
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
    audit_record(actor=actor, action="objection.answer", obj=case.household, after={"resurvey": resurvey})
    return objection


# Why a case in each step is not ready for the recognition decision.
WAITING: dict[str, str] = {
    Step.LISTED: "chưa có phiếu rà soát, chấm điểm",
    Step.SURVEYED: "chưa được họp dân thống nhất",
    Step.DISAGREED: "họp dân chưa thống nhất, cần rà soát lại và họp lại",
    Step.AGREED: "chưa niêm yết công khai",
    Step.OBJECTED: "còn khiếu nại chưa trả lời",
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
            reason = f"thời gian niêm yết chưa kết thúc (đến hết {ends_on:%d/%m/%Y})"
        if reason:
            blockers.append((case, reason))
    return blockers


@transaction.atomic
def decision_make(
    *, actor: Any, campaign: Campaign, commune: AdminUnit, number: str, signed_on: dt.date
) -> Decision:
    """Step 6: the commune chair recognises the results; refused while any household is not ready."""
    _open(campaign)
    require_permission(actor, Permission.DECIDE_RECOGNITION, commune)
    if not number.strip():
        raise AppError("invalid", "Cần ghi số quyết định.", field="number")
    cases = list(
        ReviewCase.objects.select_for_update(of=("self",))
        .select_related("household")
        .filter(campaign=campaign, commune=commune)
        .exclude(step=Step.DECIDED)
    )
    blockers = decision_blockers(campaign, commune, signed_on)
    if blockers:
        shown = "; ".join(
            f"{case.household.code} ({case.household.head_name}): {why}" for case, why in blockers[:10]
        )
        more = f" và {len(blockers) - 10} hộ khác" if len(blockers) > 10 else ""
        raise AppError("invalid", f"Chưa thể ra quyết định: {shown}{more}.")
    if not cases:
        raise AppError("invalid", "Không có hộ nào chờ quyết định.")
    decision = Decision.objects.create(
        campaign=campaign, commune=commune, number=number.strip(), signed_on=signed_on, signer=actor
    )
    households = {
        h.pk: h
        for h in Household.objects.select_for_update(of=("self",)).filter(
            pk__in=[c.household_id for c in cases]
        )
    }
    for case in cases:
        household = households[case.household_id]
        case.outcome = case.proposed
        _move(case, Step.DECIDED, actor=actor, note=f"Quyết định {decision.number}")
        case.save()
        new_status = OUTCOME_STATUS[case.outcome]
        kind = OUTCOME_TRANSITION[case.outcome]
        if kind is not None:
            StatusTransition.objects.create(
                household=household,
                campaign=campaign,
                decision=decision,
                kind=kind,
                from_status=household.status,
                to_status=new_status,
                effective_on=signed_on,
                recorded_by=actor,
            )
        if household.status != new_status:
            household.status = new_status
            household.version += 1
            household.save(update_fields=["status", "version", "updated_at"])
    Submission.objects.get_or_create(campaign=campaign, commune=commune)
    audit_record(actor=actor, action="decision.make", obj=decision, after={"cases": len(cases)})
    return decision


@transaction.atomic
def submission_submit(*, actor: Any, campaign: Campaign, commune: AdminUnit) -> Submission:
    """Report the commune's decided results to the province."""
    require_permission(actor, Permission.REVIEW_WORK, commune)
    submission = (
        Submission.objects.select_for_update(of=("self",)).filter(campaign=campaign, commune=commune).first()
    )
    if submission is None or not Decision.objects.filter(campaign=campaign, commune=commune).exists():
        raise AppError("invalid", "Chưa có quyết định công nhận của Chủ tịch UBND xã để báo cáo.")
    if ReviewCase.objects.filter(campaign=campaign, commune=commune).exclude(step=Step.DECIDED).exists():
        raise AppError("invalid", "Còn hộ chưa có quyết định công nhận.")
    if submission.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        raise AppError("invalid", "Báo cáo đã được gửi.")
    submission.status, submission.submitted_at, submission.submitted_by = (
        SubmissionStatus.SUBMITTED,
        timezone.now(),
        actor,
    )
    submission.save()
    audit_record(actor=actor, action="submission.submit", obj=submission)
    return submission


@transaction.atomic
def submission_review(*, actor: Any, submission: Submission, approve: bool, reason: str = "") -> Submission:
    """The province approves a commune's results, or returns them with a reason."""
    campaign = submission.campaign
    require_permission(actor, Permission.MANAGE_CAMPAIGNS, campaign.province)
    submission = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise AppError("invalid", "Chỉ duyệt được báo cáo đã gửi.")
    if not approve and not reason.strip():
        raise AppError("invalid", "Cần ghi lý do trả lại.", field="reason")
    submission.status = SubmissionStatus.APPROVED if approve else SubmissionStatus.RETURNED
    submission.reviewed_at, submission.reviewed_by, submission.return_reason = (
        timezone.now(),
        actor,
        reason.strip(),
    )
    submission.save()
    audit_record(
        actor=actor,
        action="submission.approve" if approve else "submission.return",
        obj=submission,
        after={"reason": reason},
    )
    return submission


@transaction.atomic
def campaign_close(*, actor: Any, campaign: Campaign) -> Campaign:
    require_permission(actor, Permission.MANAGE_CAMPAIGNS, campaign.province)
    campaign.is_closed = True
    campaign.save(update_fields=["is_closed"])
    audit_record(actor=actor, action="campaign.close", obj=campaign)
    return campaign


@transaction.atomic
def campaign_reopen(*, actor: Any, campaign: Campaign, reason: str) -> Campaign:
    """Reopen a closed campaign; the reason is recorded."""
    require_permission(actor, Permission.MANAGE_CAMPAIGNS, campaign.province)
    if not reason.strip():
        raise AppError("invalid", "Cần ghi lý do mở lại đợt rà soát.", field="reason")
    campaign.is_closed = False
    campaign.save(update_fields=["is_closed"])
    audit_record(actor=actor, action="campaign.reopen", obj=campaign, after={"reason": reason.strip()})
    return campaign
