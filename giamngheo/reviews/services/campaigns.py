"""Campaign services: open, close, reopen, requests, and the commune's report to the province."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.models import Household
from giamngheo.reviews.models import (
    ApprovalChain,
    Campaign,
    CampaignKind,
    Decision,
    RequestForm,
    ReviewCase,
    ReviewRequest,
    Step,
    Submission,
    SubmissionStatus,
)
from giamngheo.standards.loader import standard_for_year

REGULAR_REVIEW_DAYS = 15  # Decision 24/2021 Art. 5


# Optional per-step deadlines, in the order of the procedure (the decision deadline is `ends_on`).
STEP_DEADLINES = ("list_by", "survey_by", "meeting_by", "posting_by")
REPORT_DEADLINE = "report_by"


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
    deadlines: dict[str, dt.date | None] | None = None,
) -> Campaign:
    """Open a review campaign for a province, with an optional deadline for each step."""
    if province.tree != Tree.CURRENT or province.level != Level.PROVINCE:
        raise AppError(
            ErrorCode.INVALID, _("Đợt rà soát phải thuộc một tỉnh, thành phố hiện hành."), field="province"
        )
    require_permission(actor, Permission.MANAGE_CAMPAIGNS, province)
    if ends_on < starts_on:
        raise AppError(ErrorCode.INVALID, _("Hạn công nhận phải sau ngày bắt đầu."), field="ends_on")
    if not 1 <= posting_working_days <= 30:
        raise AppError(
            ErrorCode.INVALID,
            _("Số ngày niêm yết phải từ 1 đến 30 ngày làm việc."),
            field="posting_working_days",
        )
    steps = {key: value for key, value in (deadlines or {}).items() if value is not None}
    if set(steps) - {*STEP_DEADLINES, REPORT_DEADLINE}:
        raise AppError(ErrorCode.INVALID, _("Hạn không hợp lệ."))
    order = [
        ("starts_on", starts_on),
        *((key, steps.get(key)) for key in STEP_DEADLINES),
        ("ends_on", ends_on),
        ("report_by", steps.get("report_by")),
    ]
    known = [(key, day) for key, day in order if day is not None]
    for (_earlier, first), (later, second) in itertools.pairwise(known):
        if second < first:
            raise AppError(
                ErrorCode.INVALID, _("Các hạn phải theo thứ tự các bước của quy trình."), field=later
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
        **steps,
    )
    audit_record(
        actor=actor, action=AuditAction.CAMPAIGN_CREATE, obj=campaign, after={"year": year, "kind": kind}
    )
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
    audit_record(actor=actor, action=AuditAction.REVIEW_REQUEST_RECORD, obj=household, after={"form": form})
    return request


@transaction.atomic
def submission_submit(*, actor: Any, campaign: Campaign, commune: AdminUnit) -> Submission:
    """Report the commune's decided results to the province."""
    require_permission(actor, Permission.REVIEW_WORK, commune)
    submission = (
        Submission.objects.select_for_update(of=("self",)).filter(campaign=campaign, commune=commune).first()
    )
    if submission is None or not Decision.objects.filter(campaign=campaign, commune=commune).exists():
        raise AppError(
            ErrorCode.SUBMISSION_NOT_READY, _("Chưa có quyết định công nhận của Chủ tịch UBND xã để báo cáo.")
        )
    if ReviewCase.objects.filter(campaign=campaign, commune=commune).exclude(step=Step.DECIDED).exists():
        raise AppError(ErrorCode.SUBMISSION_NOT_READY, _("Còn hộ chưa có quyết định công nhận."))
    if submission.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        raise AppError(ErrorCode.SUBMISSION_STATE, _("Báo cáo đã được gửi."))
    submission.status, submission.submitted_at, submission.submitted_by = (
        SubmissionStatus.SUBMITTED,
        timezone.now(),
        actor,
    )
    submission.save()
    audit_record(actor=actor, action=AuditAction.SUBMISSION_SUBMIT, obj=submission)
    return submission


@transaction.atomic
def submission_review(*, actor: Any, submission: Submission, approve: bool, reason: str = "") -> Submission:
    """The province approves a commune's results, or returns them with a reason."""
    campaign = submission.campaign
    require_permission(actor, Permission.MANAGE_CAMPAIGNS, campaign.province)
    submission = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
    three_levels = campaign.approval_chain == ApprovalChain.COMMUNE_DISTRICT_PROVINCE
    ready = SubmissionStatus.DISTRICT_AGREED if three_levels else SubmissionStatus.SUBMITTED
    if three_levels and approve and submission.status == SubmissionStatus.SUBMITTED:
        raise AppError(ErrorCode.DISTRICT_OPINION_REQUIRED)
    if submission.status not in (ready, SubmissionStatus.SUBMITTED):
        raise AppError(ErrorCode.SUBMISSION_STATE, _("Chỉ duyệt được báo cáo đã gửi."))
    if not approve and not reason.strip():
        raise AppError(ErrorCode.INVALID, _("Cần ghi lý do trả lại."), field="reason")
    submission.status = SubmissionStatus.APPROVED if approve else SubmissionStatus.RETURNED
    submission.reviewed_at, submission.reviewed_by, submission.return_reason = (
        timezone.now(),
        actor,
        reason.strip(),
    )
    submission.save()
    audit_record(
        actor=actor,
        action=AuditAction.SUBMISSION_APPROVE if approve else AuditAction.SUBMISSION_RETURN,
        obj=submission,
        after={"reason": reason},
    )
    return submission


@transaction.atomic
def submission_district_opinion(
    *, actor: Any, submission: Submission, opinion: str, on: dt.date
) -> Submission:
    """For campaigns of the three-level government: record the district chair's opinion on a commune's result.

    Decision 24/2021 Art. 4 step 5 (báo cáo, xin ý kiến Chủ tịch UBND cấp huyện); the provincial office
    records it from the district's written reply, since districts no longer have accounts.
    """
    campaign = submission.campaign
    require_permission(actor, Permission.MANAGE_CAMPAIGNS, campaign.province)
    if campaign.approval_chain != ApprovalChain.COMMUNE_DISTRICT_PROVINCE:
        raise AppError(ErrorCode.DISTRICT_STEP_ABSENT)
    submission = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise AppError(ErrorCode.SUBMISSION_STATE, _("Chỉ ghi ý kiến cấp huyện cho báo cáo xã đã gửi."))
    if not opinion.strip():
        raise AppError(
            ErrorCode.INVALID,
            _("Cần ghi nội dung ý kiến (số, ngày văn bản của UBND cấp huyện)."),
            field="opinion",
        )
    submission.status = SubmissionStatus.DISTRICT_AGREED
    submission.district_opinion, submission.district_opinion_on = opinion.strip(), on
    submission.save()
    audit_record(
        actor=actor,
        action=AuditAction.SUBMISSION_DISTRICT_OPINION,
        obj=submission,
        after={"opinion": opinion},
    )
    return submission


@transaction.atomic
def campaign_close(*, actor: Any, campaign: Campaign) -> Campaign:
    require_permission(actor, Permission.MANAGE_CAMPAIGNS, campaign.province)
    campaign.is_closed = True
    campaign.save(update_fields=["is_closed"])
    audit_record(actor=actor, action=AuditAction.CAMPAIGN_CLOSE, obj=campaign)
    return campaign


@transaction.atomic
def campaign_reopen(*, actor: Any, campaign: Campaign, reason: str) -> Campaign:
    """Reopen a closed campaign; the reason is recorded."""
    require_permission(actor, Permission.MANAGE_CAMPAIGNS, campaign.province)
    if not reason.strip():
        raise AppError(ErrorCode.INVALID, _("Cần ghi lý do mở lại đợt rà soát."), field="reason")
    campaign.is_closed = False
    campaign.save(update_fields=["is_closed"])
    audit_record(
        actor=actor, action=AuditAction.CAMPAIGN_REOPEN, obj=campaign, after={"reason": reason.strip()}
    )
    return campaign
