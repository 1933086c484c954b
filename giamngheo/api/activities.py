"""API endpoints of the activity registers: communication, officers and courses, inspections, commendations,
donations — each list limited to the caller's area (and an agency officer to their agencies' rows).

Reads go through `activities.selectors`; the one write, a follow-up of a recommendation, goes through the
oversight services (role, area, agency and status checked there).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from giamngheo.activities import selectors
from giamngheo.activities.models import FollowUp
from giamngheo.activities.services.oversight import recommendation_follow_up
from giamngheo.api.schemas import ERRORS, Id, InSchema, Pagination, Text, Year
from giamngheo.api.schemas import lazy_text as gettext_lazy

router = Router(tags=["activities"])


class PlacedOut(Schema):
    id: int
    province_id: int
    commune_id: int | None
    lead_agency_id: int | None
    plan_project_id: int | None
    budget_line_id: int | None
    task_id: int | None


class CommunicationOut(PlacedOut):
    kind: str
    title: str
    held_on: datetime.date
    cost_central: Decimal
    cost_local: Decimal
    cost_other: Decimal
    reach: int
    reach_poor: int
    notes: str


class OfficerOut(Schema):
    id: int
    province_id: int
    commune_id: int | None
    user_id: int | None
    full_name: str
    position: str
    is_active: bool


class OfficerCourseOut(PlacedOut):
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    place: str
    organiser: str
    level: str
    cost: Decimal
    attendee_count: int
    completed_count: int


class FollowUpOut(Schema):
    id: int
    on: datetime.date
    action: str
    evidence: str
    new_status: str


class RecommendationOut(Schema):
    id: int
    number: int
    content: str
    responsible_unit_id: int | None
    responsible_agency_id: int | None
    due_on: datetime.date
    status: str
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_follow_ups(recommendation: Any) -> list[Any]:
        return list(recommendation.follow_ups.all())


class InspectionOut(PlacedOut):
    kind: str
    method: str
    title: str
    body: str
    subject_agency_id: int | None
    starts_on: datetime.date
    ends_on: datetime.date
    recommendation_count: int
    open_count: int


class InspectionDetailOut(InspectionOut):
    scope: str
    findings: str
    recommendations: list[RecommendationOut]

    @staticmethod
    def resolve_recommendations(inspection: Any) -> list[Any]:
        return selectors.recommendations_of(inspection)


class CommendationOut(PlacedOut):
    stage: str
    recipient_kind: str
    recipient: str
    household_id: int | None
    level: str
    decision_number: str
    decided_on: datetime.date


class DonationOut(PlacedOut):
    donor: str
    donated_on: datetime.date
    amount: int
    in_kind: bool
    description: str


class FollowUpIn(InSchema):
    on: datetime.date
    action: Text = Field(min_length=1, max_length=4000)
    evidence: Text = Field("", max_length=255)
    new_status: Text = Field(max_length=16)


def _in_year(rows: Any, field: str, year: int | None) -> Any:
    return rows.filter(**{f"{field}__year": year}) if year is not None else rows


@router.get(
    "/activities/communication",
    response={200: list[CommunicationOut], **ERRORS},
    summary=gettext_lazy("Sản phẩm, hoạt động truyền thông giảm nghèo"),
)
@paginate(Pagination)
def communication_list_api(request: HttpRequest, year: Year | None = None) -> Any:
    return _in_year(selectors.communication_for_user(request.user), "held_on", year).order_by(
        "-held_on", "-id"
    )


@router.get(
    "/activities/officers",
    response={200: list[OfficerOut], **ERRORS},
    summary=gettext_lazy("Cán bộ làm công tác giảm nghèo"),
)
@paginate(Pagination)
def officer_list_api(request: HttpRequest) -> Any:
    return selectors.officers_for_user(request.user).order_by("province_id", "commune_id", "full_name", "id")


@router.get(
    "/activities/courses",
    response={200: list[OfficerCourseOut], **ERRORS},
    summary=gettext_lazy("Lớp tập huấn cán bộ giảm nghèo"),
)
@paginate(Pagination)
def officer_course_list_api(request: HttpRequest, year: Year | None = None) -> Any:
    return _in_year(selectors.courses_for_user(request.user), "starts_on", year).order_by("-starts_on", "-id")


@router.get(
    "/activities/inspections",
    response={200: list[InspectionOut], **ERRORS},
    summary=gettext_lazy("Đợt kiểm tra, giám sát"),
)
@paginate(Pagination)
def inspection_list_api(request: HttpRequest, year: Year | None = None) -> Any:
    return _in_year(selectors.inspections_for_user(request.user), "starts_on", year).order_by(
        "-starts_on", "-id"
    )


@router.get(
    "/activities/inspections/{inspection_id}",
    response={200: InspectionDetailOut, **ERRORS},
    summary=gettext_lazy("Một đợt kiểm tra với kiến nghị và theo dõi thực hiện"),
)
def inspection_detail_api(request: HttpRequest, inspection_id: Id) -> Any:
    return selectors.inspection_get_for_user(request.user, inspection_id)


@router.post(
    "/activities/recommendations/{recommendation_id}/follow-ups",
    response={200: FollowUpOut, **ERRORS},
    summary=gettext_lazy("Ghi theo dõi thực hiện một kiến nghị"),
)
def follow_up_create_api(request: HttpRequest, recommendation_id: Id, body: FollowUpIn) -> FollowUp:
    recommendation = selectors.recommendation_get_for_user(request.user, recommendation_id)
    return recommendation_follow_up(
        actor=request.user, recommendation=recommendation, on=body.on, action=body.action,
        evidence=body.evidence, new_status=body.new_status, today=timezone.localdate(),
    )  # fmt: skip


@router.get(
    "/activities/commendations",
    response={200: list[CommendationOut], **ERRORS},
    summary=gettext_lazy("Đề nghị, quyết định khen thưởng"),
)
@paginate(Pagination)
def commendation_list_api(request: HttpRequest, year: Year | None = None) -> Any:
    rows = selectors.commendations_for_user(request.user)
    return _in_year(rows, "decided_on", year).order_by("-decided_on", "-id")


@router.get(
    "/activities/donations",
    response={200: list[DonationOut], **ERRORS},
    summary=gettext_lazy("Ủng hộ Quỹ Vì người nghèo"),
)
@paginate(Pagination)
def donation_list_api(request: HttpRequest, year: Year | None = None) -> Any:
    return _in_year(selectors.donations_for_user(request.user), "donated_on", year).order_by(
        "-donated_on", "-id"
    )
