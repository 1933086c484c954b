"""API of the household registry: households, members, survey rounds and assessments, all area-scoped.

Writes go through the registry services (which check the permission to edit); reads through the
selectors. Personal IDs go through `registry.personal_ids`: masked unless the caller may see them.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from giamngheo.accounts.access import unit_get_for_user
from giamngheo.api.registry_schemas import (
    AssessmentOut,
    HouseholdIn,
    HouseholdOut,
    HouseholdPatch,
    MemberIn,
    MemberOut,
    MemberPatch,
    RoundCreatedOut,
    RoundIn,
    RoundOut,
)
from giamngheo.api.schemas import ERRORS, Id, Pagination, Text
from giamngheo.api.schemas import lazy_text as _
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.pagination import with_known_count
from giamngheo.registry import assess, personal_ids, selectors, selectors_rounds, services, surveys
from giamngheo.registry.models import Assessment, Household, Member, SurveyRound

router = Router(tags=[_("Sổ hộ")])


class HouseholdQuery(Schema):
    q: Text = ""
    commune: Id | None = None
    village: Id | None = None
    category: Text = ""
    status: Text = ""
    ethnic_minority: bool | None = None
    merit: bool | None = None
    children_under_five: bool = False
    include_closed: bool = False


def _members_out(request: HttpRequest, household: Household, members: list[Member]) -> list[dict[str, Any]]:
    """Members as the caller may see them: IDs through `personal_ids` (full ones audited, one event)."""
    shown = personal_ids.personal_ids_for(request.user, household, members, purpose="api")
    return [MemberOut.from_orm(member).dict() | {"personal_id": shown[member.pk]} for member in members]


def _assessment_out(assessment: Assessment) -> dict[str, Any]:
    data = {
        field: getattr(assessment, field)
        for field in AssessmentOut.model_fields
        if hasattr(assessment, field)
    }
    data["household_id"], data["round_id"] = assessment.household_id, assessment.round_id
    data["deprived"] = assessment.deprived_keys
    data["explanation"] = assessment.full_explanation
    data["explanation_vi"] = str(data["explanation"].get("explanation_vi", ""))
    return data


def _round_out(survey: SurveyRound) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "household_id": survey.household_id,
        "reference_date": survey.reference_date,
        "source": survey.source,
        "area": survey.area,
        "facts": {name: getattr(survey, name) for name in assess.HOUSEHOLD_FACT_FIELDS},
        "members": [
            {
                "member_id": facts.member_id,
                **{name: getattr(facts, name) for name in assess.MEMBER_FACT_FIELDS},
            }
            for facts in survey.member_facts.all()
        ],
        "assessment_ids": [assessment.pk for assessment in survey.assessments.all()],
    }


def _village(user: Any, village_id: int | None) -> Any:
    return unit_get_for_user(user, village_id) if village_id else None


@router.get(
    "/households", response={200: list[HouseholdOut], **ERRORS}, summary=_("Danh sách hộ trong địa bàn")
)
@paginate(Pagination)
def household_list(request: HttpRequest, filters: Query[HouseholdQuery]) -> Any:
    """Households of the caller's area: search by code or name (accents optional).

    A 12-digit `q` also matches personal IDs for callers allowed to see them (throttled and audited).
    """
    chosen = selectors.HouseholdFilter(
        search=filters.q,
        commune=filters.commune,
        village=filters.village,
        category=filters.category,
        status=filters.status,
        ethnic_minority=filters.ethnic_minority,
        merit=filters.merit,
        children_under_five=filters.children_under_five,
        include_closed=filters.include_closed,
        by_personal_id=personal_ids.exact_search_allowed(request.user, filters.q, purpose="api"),
    )
    households = selectors.household_list(request.user, chosen)
    return with_known_count(households, selectors.household_list_count(request.user, chosen))


@router.get("/households/{household_id}", response={200: HouseholdOut, **ERRORS}, summary=_("Chi tiết hộ"))
def household_detail(request: HttpRequest, household_id: Id) -> Household:
    return selectors.household_get_for_user(request.user, household_id)


@router.post("/households", response={201: HouseholdOut, **ERRORS}, summary=_("Đăng ký hộ mới và chủ hộ"))
def household_create(request: HttpRequest, payload: HouseholdIn) -> Status[Household]:
    commune = unit_get_for_user(request.user, payload.commune_id)
    household = services.household_register(
        actor=request.user,
        commune=commune,
        village=_village(request.user, payload.village_id),
        head=payload.head.dict(),
        address=payload.address,
        residence=payload.residence,
        registered_on=payload.registered_on,
    )
    return Status(201, household)


@router.patch(
    "/households/{household_id}", response={200: HouseholdOut, **ERRORS}, summary=_("Sửa nơi ở của hộ")
)
def household_update(request: HttpRequest, household_id: Id, payload: HouseholdPatch) -> Household:
    """Village, address or residence; `version` must be the household's current version."""
    household = selectors.household_get_for_user(request.user, household_id)
    fields = payload.dict(exclude_unset=True)
    if fields.get("residence", household.residence) not in ("permanent", "temporary"):
        raise AppError(
            ErrorCode.INVALID,
            _("Cư trú phải là permanent (thường trú) hoặc temporary (tạm trú)."),
            field="residence",
        )
    village_id = fields.get("village_id", household.village_id)
    services.household_update(
        actor=request.user,
        household=household,
        village=_village(request.user, village_id),
        address=fields.get("address", household.address),
        residence=fields.get("residence", household.residence),
        version=payload.version,
    )
    return selectors.household_get_for_user(request.user, household_id)


@router.get(
    "/households/{household_id}/members",
    response={200: list[MemberOut], **ERRORS},
    summary=_("Thành viên của hộ"),
)
def member_list(request: HttpRequest, household_id: Id) -> list[dict[str, Any]]:
    household = selectors.household_get_for_user(request.user, household_id)
    return _members_out(request, household, list(household.members.order_by("-is_active", "member_no")))


@router.post(
    "/households/{household_id}/members", response={201: MemberOut, **ERRORS}, summary=_("Thêm thành viên")
)
def member_create(request: HttpRequest, household_id: Id, payload: MemberIn) -> Status[dict[str, Any]]:
    household = selectors.household_get_for_user(request.user, household_id)
    member = services.member_add(actor=request.user, household=household, **payload.dict())
    return Status(201, _members_out(request, household, [member])[0])


@router.patch(
    "/members/{member_id}", response={200: MemberOut, **ERRORS}, summary=_("Sửa thông tin thành viên")
)
def member_update(request: HttpRequest, member_id: Id, payload: MemberPatch) -> dict[str, Any]:
    member = selectors.member_get_for_user(request.user, member_id)
    member = services.member_update(actor=request.user, member=member, **payload.dict(exclude_unset=True))
    return _members_out(request, member.household, [member])[0]


@router.get(
    "/households/{household_id}/rounds",
    response={200: list[RoundOut], **ERRORS},
    summary=_("Phiếu rà soát của hộ"),
)
def round_list(request: HttpRequest, household_id: Id) -> list[dict[str, Any]]:
    household = selectors.household_get_for_user(request.user, household_id)
    return [_round_out(survey) for survey in selectors_rounds.rounds_of(household)]


@router.get("/rounds/{round_id}", response={200: RoundOut, **ERRORS}, summary=_("Chi tiết phiếu rà soát"))
def round_detail(request: HttpRequest, round_id: Id) -> dict[str, Any]:
    return _round_out(selectors_rounds.survey_round_get_for_user(request.user, round_id))


@router.post(
    "/households/{household_id}/rounds",
    response={201: RoundCreatedOut, **ERRORS},
    summary=_("Nhập phiếu rà soát; trả về kết quả đánh giá"),
)
def round_create(request: HttpRequest, household_id: Id, payload: RoundIn) -> Status[dict[str, Any]]:
    """Household and member facts of one review; every active member must have an entry."""
    household = selectors.household_get_for_user(request.user, household_id)
    survey, assessment = surveys.survey_submit(
        actor=request.user,
        household=household,
        reference_date=payload.reference_date,
        household_values=payload.household.dict(),
        member_values={entry.member_id: entry.dict(exclude={"member_id"}) for entry in payload.members},
        version=payload.version,
    )
    survey = selectors_rounds.survey_round_get_for_user(request.user, survey.pk)
    return Status(201, {"round": _round_out(survey), "assessment": _assessment_out(assessment)})


@router.get(
    "/households/{household_id}/assessments",
    response={200: list[AssessmentOut], **ERRORS},
    summary=_("Kết quả đánh giá của hộ"),
)
def assessment_list(request: HttpRequest, household_id: Id) -> list[dict[str, Any]]:
    household = selectors.household_get_for_user(request.user, household_id)
    return [_assessment_out(assessment) for assessment in selectors_rounds.assessments_of(household)]


@router.get(
    "/assessments/{assessment_id}", response={200: AssessmentOut, **ERRORS}, summary=_("Kết quả đánh giá")
)
def assessment_detail(request: HttpRequest, assessment_id: Id) -> dict[str, Any]:
    return _assessment_out(selectors_rounds.assessment_get_for_user(request.user, assessment_id))
