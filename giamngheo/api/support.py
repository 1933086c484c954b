"""API endpoints for support delivery: catalogue, household plans, beneficiary lists, ledger, housing cases.

Every read goes through `support.selectors` (the caller's area) and every write through the support
services, which check the caller's role and area again and record the audit event.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from giamngheo.accounts.access import unit_get_for_user, units_for_user
from giamngheo.api.schemas import ERRORS, Id, Pagination, Year
from giamngheo.api.schemas import lazy_text as gettext_lazy
from giamngheo.api.support_schemas import (
    BeneficiaryListDetailOut,
    BeneficiaryListOut,
    CancelIn,
    DeliverIn,
    EntryOut,
    EntryPatch,
    HouseholdPlanIn,
    HouseholdPlanOut,
    HouseholdPlanPatch,
    HousingAcceptIn,
    HousingApproveIn,
    HousingCancelIn,
    HousingCaseOut,
    HousingOpenIn,
    HousingProgressIn,
    ListApproveIn,
    ListProposeIn,
    RecordIn,
    RecordOut,
    SolutionIn,
    SupportTypeOut,
    VersionIn,
    VisitIn,
    VisitOut,
)
from giamngheo.core.errors import AppError, ErrorCode, NotFound
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.models import Household, Member
from giamngheo.registry.selectors import household_get_for_user
from giamngheo.support import selectors
from giamngheo.support.catalogue import support_type_find, support_types_for_province
from giamngheo.support.models import (
    BeneficiaryEntry,
    BeneficiaryList,
    FollowUpVisit,
    HouseholdPlan,
    HousingCase,
    PovertyCause,
    SupportRecord,
    SupportType,
)
from giamngheo.support.services import housing, lists, plans, records

router = Router(tags=[gettext_lazy("Hỗ trợ hộ nghèo")])


def _province_of_user(request: HttpRequest) -> AdminUnit | None:
    provinces = units_for_user(request.user).filter(level=Level.PROVINCE, tree=Tree.CURRENT)
    return provinces.first() if provinces.count() == 1 else None


def _type(province: AdminUnit | None, code: str, field: str = "support_type") -> SupportType:
    try:
        return support_type_find(province, code)
    except AppError as error:
        raise AppError(error.code, error.message, field=field) from error


def _member(household: Household, member_id: int | None) -> Member | None:
    if member_id is None:
        return None
    member = household.members.filter(pk=member_id).first()
    if member is None:
        raise AppError(ErrorCode.INVALID, _("Thành viên không thuộc hộ này."), field="member_id")
    return member


def _causes(codes: list[str]) -> list[PovertyCause]:
    causes = list(PovertyCause.objects.filter(code__in=codes))
    if len(causes) != len(set(codes)):
        raise AppError(ErrorCode.INVALID, _("Nguyên nhân nghèo không có trong danh mục."), field="causes")
    return causes


def _solutions(household: Household, solutions: list[SolutionIn]) -> list[tuple[SupportType, Member | None]]:
    return [
        (_type(household.province, item.support_type, "solutions"), _member(household, item.member_id))
        for item in solutions
    ]


# Catalogue ------------------------------------------------------------------------------------------


@router.get(
    "/support/types", response={200: list[SupportTypeOut], **ERRORS}, summary=gettext_lazy("Danh mục hỗ trợ")
)
def support_type_list(request: HttpRequest) -> list[SupportType]:
    """The national support types and the local policies of the caller's province."""
    return list(support_types_for_province(_province_of_user(request)).select_related("component"))


# Household plans ------------------------------------------------------------------------------------


@router.get(
    "/support/plans",
    response={200: list[HouseholdPlanOut], **ERRORS},
    summary=gettext_lazy("Kế hoạch hỗ trợ hộ"),
)
@paginate(Pagination)
def support_plan_list(request: HttpRequest, year: Year | None = None) -> Any:
    plans_ = selectors.plans_for_user(request.user).order_by("-year", "household__code")
    return plans_.filter(year=year) if year is not None else plans_


@router.get(
    "/support/plans/{support_plan_id}",
    response={200: HouseholdPlanOut, **ERRORS},
    summary=gettext_lazy("Kế hoạch của hộ"),
)
def support_plan_detail(request: HttpRequest, support_plan_id: Id) -> HouseholdPlan:
    return selectors.plan_get_for_user(request.user, support_plan_id)


@router.post(
    "/households/{household_id}/support-plans",
    response={200: HouseholdPlanOut, **ERRORS},
    summary=gettext_lazy("Lập kế hoạch hỗ trợ hộ (nguyên nhân, giải pháp, người giúp đỡ)"),
)
def support_plan_create(request: HttpRequest, household_id: Id, payload: HouseholdPlanIn) -> HouseholdPlan:
    household = household_get_for_user(request.user, household_id)
    return plans.household_plan_create(
        actor=request.user,
        household=household,
        year=payload.year,
        causes=_causes(payload.causes),
        other_cause=payload.other_cause,
        helper_name=payload.helper_name,
        helper_organisation=payload.helper_organisation,
        helper_phone=payload.helper_phone,
        registers_to_escape=payload.registers_to_escape,
        solutions=_solutions(household, payload.solutions),
        note=payload.note,
        on=timezone.localdate(),
    )


@router.put(
    "/support/plans/{support_plan_id}",
    response={200: HouseholdPlanOut, **ERRORS},
    summary=gettext_lazy("Sửa kế hoạch hộ"),
)
def support_plan_update(
    request: HttpRequest, support_plan_id: Id, payload: HouseholdPlanPatch
) -> HouseholdPlan:
    """Replace the plan's causes, solutions and helper; `version` must be the plan's current version."""
    plan = selectors.plan_get_for_user(request.user, support_plan_id)
    return plans.household_plan_update(
        actor=request.user,
        plan=plan,
        version=payload.version,
        causes=_causes(payload.causes),
        other_cause=payload.other_cause,
        helper_name=payload.helper_name,
        helper_organisation=payload.helper_organisation,
        helper_phone=payload.helper_phone,
        registers_to_escape=payload.registers_to_escape,
        solutions=_solutions(plan.household, payload.solutions),
        note=payload.note,
    )


@router.post(
    "/support/plans/{support_plan_id}/visits",
    response={200: VisitOut, **ERRORS},
    summary=gettext_lazy("Ghi lần thăm hộ"),
)
def support_plan_visit(request: HttpRequest, support_plan_id: Id, payload: VisitIn) -> FollowUpVisit:
    plan = selectors.plan_get_for_user(request.user, support_plan_id)
    return plans.plan_visit_add(
        actor=request.user,
        plan=plan,
        visited_on=payload.visited_on,
        visitor=payload.visitor,
        note=payload.note,
        today=timezone.localdate(),
    )


# Beneficiary lists ----------------------------------------------------------------------------------


@router.get(
    "/support/lists",
    response={200: list[BeneficiaryListOut], **ERRORS},
    summary=gettext_lazy("Danh sách hỗ trợ"),
)
@paginate(Pagination)
def support_list_list(request: HttpRequest, year: Year | None = None) -> Any:
    found = selectors.lists_for_user(request.user).select_related("support_type")
    return found.filter(year=year) if year is not None else found


@router.get(
    "/support/lists/{list_id}",
    response={200: BeneficiaryListDetailOut, **ERRORS},
    summary=gettext_lazy("Danh sách hỗ trợ và các đối tượng (lý do đủ hay không đủ điều kiện)"),
)
def support_list_detail(request: HttpRequest, list_id: Id) -> BeneficiaryList:
    return selectors.list_get_for_user(request.user, list_id)


@router.post(
    "/units/{commune_id}/support-lists",
    response={200: BeneficiaryListDetailOut, **ERRORS},
    summary=gettext_lazy(
        "Lập danh sách đề xuất: mọi hộ, thành viên của xã với lý do đủ hay không đủ điều kiện"
    ),
)
def support_list_propose(request: HttpRequest, commune_id: Id, payload: ListProposeIn) -> BeneficiaryList:
    commune = unit_get_for_user(request.user, commune_id)
    return lists.beneficiary_list_propose(
        actor=request.user,
        support_type=_type(commune.province, payload.support_type),
        commune=commune,
        year=payload.year,
        reference_date=payload.reference_date,
        title=payload.title,
    )


@router.patch(
    "/support/lists/{list_id}/entries/{entry_id}",
    response={200: EntryOut, **ERRORS},
    summary=gettext_lazy("Chọn hoặc bỏ chọn một đối tượng, số tiền"),
)
def support_entry_update(
    request: HttpRequest, list_id: Id, entry_id: Id, payload: EntryPatch
) -> BeneficiaryEntry:
    entry = selectors.list_get_for_user(request.user, list_id).entries.filter(pk=entry_id).first()
    if entry is None:
        raise NotFound()
    return lists.beneficiary_entry_update(
        actor=request.user,
        entry=entry,
        selected=payload.selected,
        amount=payload.amount,
        quantity=payload.quantity,
    )


@router.post(
    "/support/lists/{list_id}/approve",
    response={200: BeneficiaryListOut, **ERRORS},
    summary=gettext_lazy("Phê duyệt danh sách (chủ tịch xã): ghi sổ hỗ trợ, từ chối hỗ trợ trùng"),
)
def support_list_approve(request: HttpRequest, list_id: Id, payload: ListApproveIn) -> BeneficiaryList:
    return lists.beneficiary_list_approve(
        actor=request.user,
        beneficiary_list=selectors.list_get_for_user(request.user, list_id),
        version=payload.version,
        decision_number=payload.decision_number,
        decided_on=payload.decided_on,
    )


@router.post(
    "/support/lists/{list_id}/cancel",
    response={200: BeneficiaryListOut, **ERRORS},
    summary=gettext_lazy("Hủy danh sách"),
)
def support_list_cancel(request: HttpRequest, list_id: Id, payload: VersionIn) -> BeneficiaryList:
    return lists.beneficiary_list_cancel(
        actor=request.user,
        beneficiary_list=selectors.list_get_for_user(request.user, list_id),
        version=payload.version,
    )


# Ledger ---------------------------------------------------------------------------------------------


@router.get("/support/records", response={200: list[RecordOut], **ERRORS}, summary=gettext_lazy("Sổ hỗ trợ"))
@paginate(Pagination)
def support_record_list(request: HttpRequest, household_id: Id | None = None) -> Any:
    found = selectors.records_for_user(request.user).select_related("support_type").order_by("-on", "-id")
    return found.filter(household_id=household_id) if household_id is not None else found


@router.get(
    "/support/records/{record_id}",
    response={200: RecordOut, **ERRORS},
    summary=gettext_lazy("Một dòng sổ hỗ trợ"),
)
def support_record_detail(request: HttpRequest, record_id: Id) -> SupportRecord:
    return selectors.record_get_for_user(request.user, record_id)


@router.post(
    "/households/{household_id}/support-records",
    response={200: RecordOut, **ERRORS},
    summary=gettext_lazy("Ghi khoản hỗ trợ ngoài danh sách (từ chối hỗ trợ trùng, nêu bản ghi trước)"),
)
def support_record_create(request: HttpRequest, household_id: Id, payload: RecordIn) -> SupportRecord:
    household = household_get_for_user(request.user, household_id)
    return records.support_record_add(
        actor=request.user,
        household=household,
        member=_member(household, payload.member_id),
        support_type=_type(household.province, payload.support_type),
        on=payload.on,
        amount=payload.amount,
        quantity=payload.quantity,
        delivered=payload.delivered,
        reason=payload.reason,
        today=timezone.localdate(),
    )


@router.post(
    "/support/records/{record_id}/deliver",
    response={200: RecordOut, **ERRORS},
    summary=gettext_lazy("Ghi đã trao, đã chi (bản ghi mới thay bản ghi đã duyệt)"),
)
def support_record_deliver(request: HttpRequest, record_id: Id, payload: DeliverIn) -> SupportRecord:
    return records.support_record_deliver(
        actor=request.user,
        record=selectors.record_get_for_user(request.user, record_id),
        on=payload.on,
        amount=payload.amount,
        note=payload.note,
        today=timezone.localdate(),
    )


@router.post(
    "/support/records/{record_id}/cancel",
    response={200: RecordOut, **ERRORS},
    summary=gettext_lazy("Hủy khoản hỗ trợ có lý do (bản ghi mới)"),
)
def support_record_cancel(request: HttpRequest, record_id: Id, payload: CancelIn) -> SupportRecord:
    return records.support_record_cancel(
        actor=request.user,
        record=selectors.record_get_for_user(request.user, record_id),
        reason=payload.reason,
        on=payload.on,
    )


# Housing cases --------------------------------------------------------------------------------------


@router.get(
    "/support/housing-cases",
    response={200: list[HousingCaseOut], **ERRORS},
    summary=gettext_lazy("Hồ sơ nhà ở"),
)
@paginate(Pagination)
def housing_case_list(request: HttpRequest, year: Year | None = None) -> Any:
    found = selectors.housing_cases_for_user(request.user).select_related("support_type").order_by("-id")
    return found.filter(year=year) if year is not None else found


@router.get(
    "/support/housing-cases/{case_id}",
    response={200: HousingCaseOut, **ERRORS},
    summary=gettext_lazy("Một hồ sơ nhà ở"),
)
def housing_case_detail(request: HttpRequest, case_id: Id) -> HousingCase:
    return selectors.housing_case_get_for_user(request.user, case_id)


@router.post(
    "/households/{household_id}/housing-cases",
    response={200: HousingCaseOut, **ERRORS},
    summary=gettext_lazy("Đề xuất hỗ trợ nhà ở (hộ phải thiếu hụt nhà ở theo phiếu gần nhất)"),
)
def housing_case_create(request: HttpRequest, household_id: Id, payload: HousingOpenIn) -> HousingCase:
    household = household_get_for_user(request.user, household_id)
    return housing.housing_case_open(
        actor=request.user,
        household=household,
        support_type=_type(household.province, payload.support_type),
        work=payload.work,
        year=payload.year,
        on=payload.on,
    )


@router.post(
    "/support/housing-cases/{case_id}/approve",
    response={200: HousingCaseOut, **ERRORS},
    summary=gettext_lazy("Phê duyệt hồ sơ nhà ở với kinh phí theo nguồn (chủ tịch xã)"),
)
def housing_case_approve(request: HttpRequest, case_id: Id, payload: HousingApproveIn) -> HousingCase:
    return housing.housing_case_approve(
        actor=request.user,
        case=selectors.housing_case_get_for_user(request.user, case_id),
        version=payload.version,
        funding=dict(payload.funding),
        on=payload.on,
        decision_number=payload.decision_number,
    )


@router.post(
    "/support/housing-cases/{case_id}/progress",
    response={200: HousingCaseOut, **ERRORS},
    summary=gettext_lazy("Ghi tiến độ (khởi công, lợp mái, hoàn thành)"),
)
def housing_case_progress(request: HttpRequest, case_id: Id, payload: HousingProgressIn) -> HousingCase:
    return housing.housing_case_progress(
        actor=request.user,
        case=selectors.housing_case_get_for_user(request.user, case_id),
        version=payload.version,
        stage=payload.stage,
        on=payload.on,
        note=payload.note,
        today=timezone.localdate(),
    )


@router.post(
    "/support/housing-cases/{case_id}/accept",
    response={200: HousingCaseOut, **ERRORS},
    summary=gettext_lazy("Nghiệm thu nhà (xây mới từ 30 m², đủ ba cứng)"),
)
def housing_case_accept(request: HttpRequest, case_id: Id, payload: HousingAcceptIn) -> HousingCase:
    return housing.housing_case_accept(
        actor=request.user,
        case=selectors.housing_case_get_for_user(request.user, case_id),
        version=payload.version,
        on=payload.on,
        floor_area_m2=payload.floor_area_m2,
        hard_foundation=payload.hard_foundation,
        hard_frame=payload.hard_frame,
        hard_roof=payload.hard_roof,
        note=payload.note,
        today=timezone.localdate(),
    )


@router.post(
    "/support/housing-cases/{case_id}/cancel",
    response={200: HousingCaseOut, **ERRORS},
    summary=gettext_lazy("Hủy hồ sơ nhà ở có lý do"),
)
def housing_case_cancel(request: HttpRequest, case_id: Id, payload: HousingCancelIn) -> HousingCase:
    return housing.housing_case_cancel(
        actor=request.user,
        case=selectors.housing_case_get_for_user(request.user, case_id),
        version=payload.version,
        reason=payload.reason,
        on=payload.on,
    )
