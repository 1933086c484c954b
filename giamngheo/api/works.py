"""API endpoints for infrastructure works and livelihood models, scoped like the pages.

Reads go through `works.selectors` (the caller's area; an agency officer only their agency's works and
models); writes go through the works services (role, area and agency checked there).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from giamngheo.accounts.access import unit_get_for_user
from giamngheo.api.schemas import ERRORS, Id, InSchema, Pagination, Text
from giamngheo.api.schemas import lazy_text as gettext_lazy
from giamngheo.works import selectors
from giamngheo.works.models import LivelihoodModel, Work, WorkProgress
from giamngheo.works.services.works import work_create, work_progress_record

router = Router(tags=["works"])


class CapitalOut(Schema):
    source: str
    amount: Decimal


class WorkProgressOut(Schema):
    on: datetime.date
    percent: int
    note: str


class WorkOut(Schema):
    id: int
    name: str
    kind: str
    commune_id: int
    village_id: int | None
    investor_id: int | None = Field(None, description="Empty: the commune People's Committee")
    plan_project_id: int | None
    budget_line_id: int | None
    task_id: int | None
    started_on: datetime.date | None
    planned_completion_on: datetime.date | None
    completed_on: datetime.date | None
    handed_over_on: datetime.date | None
    progress: int
    status: str
    latitude: Decimal | None
    longitude: Decimal | None
    version: int


class WorkDetailOut(WorkOut):
    capital: list[CapitalOut]
    progress_reports: list[WorkProgressOut]

    @staticmethod
    def resolve_capital(work: Work) -> list[Any]:
        return list(work.capital.order_by("source"))

    @staticmethod
    def resolve_progress_reports(work: Work) -> list[Any]:
        return list(work.progress_reports.order_by("on", "pk"))


class WorkFilterIn(Schema):
    commune: Id | None = None
    kind: Text = ""
    status: Text = ""


class WorkIn(InSchema):
    commune_id: Id
    name: Text = Field(..., min_length=1, max_length=255)
    kind: Text
    started_on: datetime.date | None = None
    planned_completion_on: datetime.date | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, decimal_places=6)
    capital: dict[str, Decimal] = Field(default_factory=dict, description="Million VND by budget source")
    NULLABLE = frozenset({"started_on", "planned_completion_on", "latitude", "longitude"})


class ProgressIn(InSchema):
    on: datetime.date
    percent: int = Field(..., ge=0, le=100)
    note: Text = Field("", max_length=255)
    completed_on: datetime.date | None = None
    handed_over_on: datetime.date | None = None
    NULLABLE = frozenset({"completed_on", "handed_over_on"})


class ModelOut(Schema):
    id: int
    name: str
    kind: str
    commune_ids: list[int]
    lead_agency_id: int | None
    partner: str
    plan_project_id: int | None
    replicated_from_id: int | None
    started_on: datetime.date
    ended_on: datetime.date | None
    households: int
    poor: int
    near_poor: int
    latest_result: str | None = Field(None, description="Conclusion of the latest evaluation")

    @staticmethod
    def resolve_commune_ids(model: LivelihoodModel) -> list[int]:
        return [commune.pk for commune in model.communes.all()]

    @staticmethod
    def resolve_latest_result(model: LivelihoodModel) -> str | None:
        evaluations = sorted(model.evaluations.all(), key=lambda e: (e.evaluated_on, e.pk))
        return evaluations[-1].result if evaluations else None


class ParticipantOut(Schema):
    household_id: int
    household_code: str
    commune_id: int
    status_at_joining: str
    joined_on: datetime.date
    labour_days: Decimal
    money: int
    in_kind: str

    @staticmethod
    def resolve_household_code(row: Any) -> str:
        return str(row.household.code)


@router.get("/works", response={200: list[WorkOut], **ERRORS}, summary=gettext_lazy("Công trình hạ tầng"))
@paginate(Pagination)
def work_list(request: HttpRequest, filters: Query[WorkFilterIn]) -> Any:
    chosen = selectors.WorkFilter(commune=filters.commune, kind=filters.kind, status=filters.status)
    return chosen.apply(selectors.works_for_user(request.user)).order_by("pk")


@router.get(
    "/works/{work_id}", response={200: WorkDetailOut, **ERRORS}, summary=gettext_lazy("Một công trình")
)
def work_detail(request: HttpRequest, work_id: Id) -> Work:
    return selectors.work_get_for_user(request.user, work_id)


@router.post("/works", response={200: WorkDetailOut, **ERRORS}, summary=gettext_lazy("Thêm công trình"))
def work_create_api(request: HttpRequest, body: WorkIn) -> Work:
    commune = unit_get_for_user(request.user, body.commune_id)
    data = body.model_dump(exclude={"commune_id"})
    return work_create(actor=request.user, commune=commune, **data)


@router.post(
    "/works/{work_id}/progress",
    response={200: WorkProgressOut, **ERRORS},
    summary=gettext_lazy("Ghi tiến độ công trình"),
)
def work_progress_create(request: HttpRequest, work_id: Id, body: ProgressIn) -> WorkProgress:
    work = selectors.work_get_for_user(request.user, work_id)
    return work_progress_record(
        actor=request.user, work=work, today=timezone.localdate(), **body.model_dump()
    )


@router.get(
    "/livelihood-models",
    response={200: list[ModelOut], **ERRORS},
    summary=gettext_lazy("Mô hình giảm nghèo, dự án sản xuất"),
)
@paginate(Pagination)
def model_list(request: HttpRequest, commune: Id | None = None, kind: Text = "") -> Any:
    chosen = selectors.ModelFilter(commune=commune, kind=kind)
    models = selectors.with_counts(chosen.apply(selectors.models_for_user(request.user)))
    return models.prefetch_related("communes", "evaluations").order_by("pk")


@router.get(
    "/livelihood-models/{model_id}",
    response={200: ModelOut, **ERRORS},
    summary=gettext_lazy("Một mô hình, dự án"),
)
def model_detail(request: HttpRequest, model_id: Id) -> LivelihoodModel:
    model = selectors.model_get_for_user(request.user, model_id)
    counted = selectors.with_counts(selectors.models_for_user(request.user)).filter(pk=model.pk)
    return counted.prefetch_related("communes", "evaluations").get()


@router.get(
    "/livelihood-models/{model_id}/participants",
    response={200: list[ParticipantOut], **ERRORS},
    summary=gettext_lazy("Hộ tham gia mô hình"),
)
@paginate(Pagination)
def participant_list(request: HttpRequest, model_id: Id) -> Any:
    return selectors.participants_of(selectors.model_get_for_user(request.user, model_id))
