"""API of review campaigns: campaigns, progress per commune, cases with their steps, the commune's steps.

Reads go through `reviews.selectors` (the caller's area: another commune's case is 404); writes through the
review services, which check the role (commune officer or chair: `review_work`) and the campaign again,
move each case along the one transition table and record the audit event. A survey is entered through
`POST /households/{household_id}/rounds`; `collect-surveys` then moves the listed households to «surveyed».
"""

import base64
import binascii
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.text import get_valid_filename
from ninja import Query, Router
from ninja.pagination import paginate

from giamngheo.accounts.access import unit_get_for_user
from giamngheo.api import reviews_examples as examples
from giamngheo.api.reviews_schemas import (
    MINUTES_MAX_BYTES,
    AnswerIn,
    CampaignOut,
    CaseDetailOut,
    CaseFilter,
    CaseOut,
    ConfirmIn,
    CountOut,
    MeetingIn,
    MeetingOut,
    ObjectionIn,
    ObjectionOut,
    PostingIn,
    PostingOut,
    ProgressOut,
)
from giamngheo.api.schemas import ERRORS, Id, Pagination, Year
from giamngheo.api.schemas import lazy_text as _
from giamngheo.core.errors import AppError, ErrorCode, NotFound
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.reviews import selectors, services
from giamngheo.reviews.models import (
    Campaign,
    Objection,
    Posting,
    ReviewCase,
    Step,
    VillageMeeting,
)

router = Router(tags=[_("Rà soát hộ nghèo, hộ cận nghèo")])


def _case(user: Any, review_case_id: int) -> ReviewCase:
    """One case the caller may see (their area, down to the village), or NotFound."""
    case = (
        selectors.cases_for_user(user)
        .select_related("campaign", "household", "village", "assessment")
        .filter(pk=review_case_id)
        .first()
    )
    if case is None:
        raise NotFound()
    return case


def _commune(request: HttpRequest, campaign_id: int, commune_id: int) -> tuple[Campaign, AdminUnit]:
    campaign = selectors.campaign_get_for_user(request.user, campaign_id)
    return campaign, selectors.commune_for_campaign(request.user, campaign, commune_id)


def _village(request: HttpRequest, campaign_id: int, village_id: int) -> tuple[Campaign, AdminUnit]:
    """A village of the campaign's province inside the caller's area, or NotFound."""
    campaign = selectors.campaign_get_for_user(request.user, campaign_id)
    village = unit_get_for_user(request.user, village_id)
    if village.level != Level.VILLAGE or village.province_id != campaign.province_id:
        raise NotFound()
    return campaign, village


def _minutes(payload: MeetingIn) -> ContentFile[bytes]:
    try:
        data = base64.b64decode(payload.minutes_base64, validate=True)
    except (binascii.Error, ValueError) as error:
        raise AppError(
            ErrorCode.INVALID, _("Biên bản phải là nội dung tệp mã hóa base64."), field="minutes_base64"
        ) from error
    if not data or len(data) > MINUTES_MAX_BYTES:
        raise AppError(
            ErrorCode.INVALID, _("Biên bản phải có nội dung và không quá 1,8 MB."), field="minutes_base64"
        )
    try:
        name = get_valid_filename(PurePosixPath(payload.minutes_name.replace("\\", "/")).name)
    except SuspiciousFileOperation:
        name = "bien-ban.pdf"
    return ContentFile(data, name=name)


# Campaigns ------------------------------------------------------------------------------------------


@router.get(
    "/reviews/campaigns",
    response={200: list[CampaignOut], **ERRORS},
    summary=_("Các đợt rà soát"),
    description=_(
        "Các đợt rà soát của các tỉnh trong địa bàn người gọi (cán bộ xã thấy các đợt của tỉnh mình), "
        "mới nhất trước; lọc theo `year`."
    ),
    openapi_extra=examples.CAMPAIGNS,
)
@paginate(Pagination)
def review_campaign_list(request: HttpRequest, year: Year | None = None) -> Any:
    campaigns = selectors.campaigns_for_user(request.user).order_by("-year", "-starts_on", "-id")
    return campaigns.filter(year=year) if year is not None else campaigns


@router.get(
    "/reviews/campaigns/{campaign_id}",
    response={200: CampaignOut, **ERRORS},
    summary=_("Một đợt rà soát"),
    description=_("Chuẩn nghèo áp dụng, các hạn của từng bước, số ngày niêm yết và trình tự phê duyệt."),
    openapi_extra=examples.CAMPAIGN,
)
def review_campaign_detail(request: HttpRequest, campaign_id: Id) -> Campaign:
    return selectors.campaign_get_for_user(request.user, campaign_id)


@router.get(
    "/reviews/campaigns/{campaign_id}/progress",
    response={200: ProgressOut, **ERRORS},
    summary=_("Tiến độ rà soát theo xã"),
    description=_(
        "Số hộ ở mỗi bước (lập danh sách, đã chấm điểm, họp dân, niêm yết, khiếu nại, đã quyết định) của "
        "từng xã trong địa bàn, số khiếu nại (đã nhận, chưa trả lời), báo cáo lên tỉnh, ngày quyết định và "
        "các bước đã quá hạn — cùng số liệu với trang đợt rà soát."
    ),
    openapi_extra=examples.PROGRESS,
)
def review_campaign_progress(request: HttpRequest, campaign_id: Id) -> dict[str, Any]:
    campaign = selectors.campaign_get_for_user(request.user, campaign_id)
    rows = selectors.campaign_progress(request.user, campaign)
    objections = {
        commune_id: (total, open_)
        for commune_id, total, open_ in Objection.objects.filter(
            case__campaign=campaign, case__commune_id__in=[row.commune.pk for row in rows]
        )
        .values_list("case__commune_id")
        .annotate(total=Count("id"), open=Count("id", filter=Q(answered_on__isnull=True)))
        .values_list("case__commune_id", "total", "open")
    }
    communes = []
    for row in rows:
        total, open_ = objections.get(row.commune.pk, (0, 0))
        communes.append(
            {
                "commune_id": row.commune.pk,
                "commune_code": row.commune.code,
                "commune_name": row.commune.name,
                "counts": {step: row.counts.get(step, 0) for step in Step.values},
                "total": row.total,
                "decided_percent": row.decided_percent,
                "objections": total,
                "objections_open": open_,
                "submission_id": row.submission.pk if row.submission is not None else None,
                "submission_status": row.submission.status if row.submission is not None else "",
                "decided_on": row.decided_on,
                "late_decision": row.late_decision,
                "late": row.late,
            }
        )
    return {
        "campaign_id": campaign.pk,
        "steps": [{"step": step, "label": str(label)} for step, label in Step.choices],
        "communes": communes,
        "totals": {step: sum(row.counts.get(step, 0) for row in rows) for step in Step.values},
    }


# Cases ----------------------------------------------------------------------------------------------


@router.get(
    "/reviews/campaigns/{campaign_id}/communes/{commune_id}/cases",
    response={200: list[CaseOut], **ERRORS},
    summary=_("Các hộ trong đợt rà soát của xã"),
    description=_(
        "Các hộ của xã trong đợt rà soát với bước đã đến, kết quả chấm điểm (`category`), kết quả dự kiến "
        "và kết quả công nhận; lọc theo thôn (`village`), bước (`step`) và phân loại (`category`)."
    ),
    openapi_extra=examples.CASES,
)
@paginate(Pagination)
def review_case_list(
    request: HttpRequest, campaign_id: Id, commune_id: Id, filters: Query[CaseFilter]
) -> Any:
    campaign, commune = _commune(request, campaign_id, commune_id)
    cases = selectors.commune_cases(request.user, campaign, commune).order_by(
        "village__name", "household__code", "id"
    )
    if filters.village is not None:
        cases = cases.filter(village_id=filters.village)
    if filters.step:
        cases = cases.filter(step=filters.step)
    if filters.category:
        cases = cases.filter(assessment__category=filters.category)
    return cases


@router.get(
    "/reviews/cases/{review_case_id}",
    response={200: CaseDetailOut, **ERRORS},
    summary=_("Một hộ trong đợt rà soát và các bước đã qua"),
    description=_(
        "Bước hiện tại, lịch sử các bước (ai chuyển, khi nào, ghi chú), khiếu nại và phiếu biểu quyết "
        "họp dân của hộ. `version` dùng khi ghi khiếu nại."
    ),
    openapi_extra=examples.CASE,
)
def review_case_detail(request: HttpRequest, review_case_id: Id) -> ReviewCase:
    return _case(request.user, review_case_id)


# The commune's steps --------------------------------------------------------------------------------


@router.post(
    "/reviews/campaigns/{campaign_id}/communes/{commune_id}/list",
    response={200: CountOut, **ERRORS},
    summary=_("Bước 1: lập danh sách hộ rà soát của xã"),
    description=_(
        "Đưa vào đợt các hộ nghèo, hộ cận nghèo của xã và các hộ có giấy đề nghị (Mẫu 01; đợt thường xuyên: "
        "Mẫu 04). Chạy lại không thêm hộ đã có. Trả về số hộ mới đưa vào."
    ),
    openapi_extra=examples.COUNT,
)
def review_cases_list(request: HttpRequest, campaign_id: Id, commune_id: Id) -> dict[str, int]:
    campaign, commune = _commune(request, campaign_id, commune_id)
    return {"count": services.cases_list(actor=request.user, campaign=campaign, commune=commune)}


@router.post(
    "/reviews/campaigns/{campaign_id}/communes/{commune_id}/collect-surveys",
    response={200: CountOut, **ERRORS},
    summary=_("Bước 2: cập nhật kết quả chấm điểm"),
    description=_(
        "Lấy kết quả đánh giá mới nhất (từ ngày bắt đầu đợt) của từng hộ trong danh sách; phiếu rà soát "
        "nhập qua `POST /households/{household_id}/rounds`. Trả về số hộ chuyển sang «đã chấm điểm»."
    ),
    openapi_extra=examples.COUNT,
)
def review_cases_collect(request: HttpRequest, campaign_id: Id, commune_id: Id) -> dict[str, int]:
    campaign, commune = _commune(request, campaign_id, commune_id)
    return {"count": services.cases_collect_surveys(actor=request.user, campaign=campaign, commune=commune)}


@router.post(
    "/reviews/campaigns/{campaign_id}/communes/{commune_id}/confirm-unchanged",
    response={200: CountOut, **ERRORS},
    summary=_("Bước 2: xác nhận hộ không thay đổi"),
    description=_(
        "Các hộ đã chọn (đang chờ phiếu) được rà soát và không thay đổi: kết quả đánh giá gần nhất được "
        "xác nhận hôm nay. Hộ chưa từng có phiếu bị từ chối."
    ),
    openapi_extra=examples.COUNT,
)
def review_cases_confirm(request: HttpRequest, campaign_id: Id, commune_id: Id, payload: ConfirmIn) -> Any:
    campaign, commune = _commune(request, campaign_id, commune_id)
    count = services.cases_confirm_unchanged(
        actor=request.user, campaign=campaign, commune=commune, case_ids=payload.review_case_ids
    )
    return {"count": count}


@router.post(
    "/reviews/campaigns/{campaign_id}/villages/{village_id}/meetings",
    response={200: MeetingOut, **ERRORS},
    summary=_("Bước 3: ghi kết quả họp dân"),
    description=_(
        "Ngày họp, số người dự, chủ trì, thư ký, biên bản (tệp mã hóa base64, tối đa 1,8 MB) và số người "
        "đồng ý với kết quả của từng hộ; hộ được thống nhất khi ít nhất một nửa số người dự đồng ý, nếu "
        "không hộ quay lại bước rà soát."
    ),
    openapi_extra=examples.MEETING,
)
def review_meeting_record(
    request: HttpRequest, campaign_id: Id, village_id: Id, payload: MeetingIn
) -> dict[str, Any]:
    campaign, village = _village(request, campaign_id, village_id)
    votes: dict[int, int] = {}
    for vote in payload.votes:
        if vote.review_case_id in votes:
            raise AppError(ErrorCode.INVALID, _("Mỗi hộ chỉ được ghi một lần."), field="votes")
        votes[vote.review_case_id] = vote.agree
    meeting: VillageMeeting = services.meeting_record(
        actor=request.user,
        campaign=campaign,
        village=village,
        held_on=payload.held_on,
        attendees=payload.attendees,
        chaired_by=payload.chaired_by,
        secretary=payload.secretary,
        minutes=_minutes(payload),
        votes=votes,
    )
    # Where the service moved each case (the agreement rule is the service's, not repeated here).
    steps = dict(ReviewCase.objects.filter(pk__in=list(votes)).values_list("pk", "step"))
    agreed = [case_id for case_id in votes if steps[case_id] == Step.AGREED]
    return {
        "id": meeting.pk,
        "campaign_id": campaign.pk,
        "village_id": village.pk,
        "held_on": meeting.held_on,
        "attendees": meeting.attendees,
        "chaired_by": meeting.chaired_by,
        "secretary": meeting.secretary,
        "agreed": sorted(agreed),
        "disagreed": sorted(set(votes) - set(agreed)),
    }


@router.post(
    "/reviews/campaigns/{campaign_id}/villages/{village_id}/postings",
    response={200: PostingOut, **ERRORS},
    summary=_("Bước 4: niêm yết công khai"),
    description=_(
        "Niêm yết kết quả các hộ đã được họp dân thống nhất của thôn trong số ngày làm việc của đợt "
        "(bỏ qua ngày nghỉ, ngày lễ); trả về ngày kết thúc niêm yết."
    ),
    openapi_extra=examples.POSTING,
)
def review_posting_start(
    request: HttpRequest, campaign_id: Id, village_id: Id, payload: PostingIn
) -> Posting:
    campaign, village = _village(request, campaign_id, village_id)
    return services.posting_start(
        actor=request.user,
        campaign=campaign,
        village=village,
        starts_on=payload.starts_on,
        places=payload.places,
    )


@router.post(
    "/reviews/cases/{review_case_id}/objections",
    response={200: ObjectionOut, **ERRORS},
    summary=_("Bước 5: ghi khiếu nại về kết quả của hộ"),
    description=_(
        "Khiếu nại về kết quả đang niêm yết; hộ chờ trả lời. `version` là phiên bản của hộ trong đợt khi "
        "đọc (GET); nếu hộ đã chuyển bước kể từ đó thì trả về 409."
    ),
    openapi_extra=examples.OBJECTION,
)
def review_objection_record(request: HttpRequest, review_case_id: Id, payload: ObjectionIn) -> Objection:
    case = _case(request.user, review_case_id)
    with transaction.atomic():
        # The version as locked, compared after the service's own checks (a refusal by role or step comes
        # first); a stale version then rolls the objection back.
        version = (
            ReviewCase.objects.select_for_update(of=("self",))
            .values_list("version", flat=True)
            .get(pk=case.pk)
        )
        objection = services.objection_record(
            actor=request.user,
            case=case,
            lodged_by=payload.lodged_by,
            lodged_on=payload.lodged_on,
            content=payload.content,
        )
        if version != payload.version:
            raise AppError(ErrorCode.CONFLICT, field="version")
    return objection


@router.post(
    "/reviews/objections/{objection_id}/answer",
    response={200: ObjectionOut, **ERRORS},
    summary=_("Bước 5: trả lời khiếu nại"),
    description=_(
        "Trả lời khiếu nại: giữ kết quả (hộ trở lại niêm yết) hoặc rà soát lại (`resurvey`: hộ quay lại "
        "bước chấm điểm)."
    ),
    openapi_extra=examples.OBJECTION,
)
def review_objection_answer(request: HttpRequest, objection_id: Id, payload: AnswerIn) -> Objection:
    objection = (
        Objection.objects.filter(pk=objection_id, case__in=selectors.cases_for_user(request.user))
        .select_related("case")
        .first()
    )
    if objection is None:
        raise NotFound()
    return services.objection_answer(
        actor=request.user,
        objection=objection,
        answer=payload.answer,
        answered_on=payload.answered_on,
        resurvey=payload.resurvey,
    )
