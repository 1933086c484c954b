"""Livelihood models and production projects: create, edit, participating households, evaluations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.geo.models import AdminUnit
from giamngheo.programs.models import Agency, BudgetLine, PlanProject, Task
from giamngheo.registry.models import Household
from giamngheo.support.eligibility import commune_facts, judge
from giamngheo.support.models import SupportRecord, SupportType
from giamngheo.support.services.records import support_record_add
from giamngheo.works.models import (
    Evaluation,
    EvaluationResult,
    LivelihoodModel,
    ModelBudget,
    ModelKind,
    Participant,
)
from giamngheo.works.services._base import (
    actor_or_none,
    check_commune,
    check_coordinates,
    check_links,
    check_name,
    check_not_future,
    clean_money,
    require_writer,
)

# The catalogue's support type a joining is recorded under in the support ledger.
SUPPORT_TYPES = {ModelKind.MODEL: "da2-mo-hinh-sinh-ke", ModelKind.PRODUCTION: "da3-ho-tro-san-xuat"}

EDITABLE = (
    "name",
    "kind",
    "lead_agency",
    "partner",
    "plan_project",
    "budget_line",
    "task",
    "replicated_from",
    "started_on",
    "ended_on",
    "latitude",
    "longitude",
    "description",
)


def require_model_writer(
    actor: Any, model: LivelihoodModel, communes: Sequence[AdminUnit] | None = None
) -> None:
    """The actor manages works in one of the model's communes (or its province), or leads it as an agency."""
    places = list(communes if communes is not None else model.communes.all())
    for place in places or [model.province]:
        try:
            require_writer(actor, place, model.lead_agency)
        except PermissionDenied:
            continue
        return
    raise PermissionDenied()


def _check(fields: dict[str, Any], province: AdminUnit, communes: Sequence[AdminUnit]) -> None:
    if fields["kind"] not in ModelKind.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="kind")
    if not communes:
        raise AppError(ErrorCode.REQUIRED, _("Hãy chọn ít nhất một xã."), field="communes")
    for commune in communes:
        check_commune(commune, "communes")
        if commune.province_id != province.pk:
            raise AppError(ErrorCode.INVALID, _("Các xã phải cùng một tỉnh."), field="communes")
    check_links(province, fields, agency_field="lead_agency", communes={c.pk for c in communes})
    origin = fields.get("replicated_from")
    if origin is not None and origin.province_id != province.pk:
        raise AppError(ErrorCode.INVALID, _("Mô hình gốc không thuộc tỉnh này."), field="replicated_from")
    check_coordinates(fields.get("latitude"), fields.get("longitude"))
    if fields.get("ended_on") and fields["ended_on"] < fields["started_on"]:
        raise AppError(ErrorCode.INVALID, _("Ngày kết thúc trước ngày bắt đầu."), field="ended_on")


def _budget_set(model: LivelihoodModel, budget: dict[str, Decimal]) -> None:
    ModelBudget.objects.filter(model=model).exclude(source__in=list(budget)).delete()
    for source, amount in budget.items():
        ModelBudget.objects.update_or_create(model=model, source=source, defaults={"amount": amount})


@transaction.atomic
def model_create(
    *,
    actor: Any,
    communes: Sequence[AdminUnit],
    name: str,
    kind: str,
    started_on: dt.date,
    lead_agency: Agency | None = None,
    partner: str = "",
    plan_project: PlanProject | None = None,
    budget_line: BudgetLine | None = None,
    task: Task | None = None,
    replicated_from: LivelihoodModel | None = None,
    ended_on: dt.date | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    description: str = "",
    budget: Mapping[str, Any] | None = None,
) -> LivelihoodModel:
    """Register a model or production project in one or more communes of a province."""
    communes = list(communes)
    if not communes:
        raise AppError(ErrorCode.REQUIRED, _("Hãy chọn ít nhất một xã."), field="communes")
    province = communes[0].province or communes[0]
    fields: dict[str, Any] = {
        "name": check_name(name),
        "kind": kind,
        "lead_agency": lead_agency,
        "partner": partner.strip()[:255],
        "plan_project": plan_project,
        "budget_line": budget_line,
        "task": task,
        "replicated_from": replicated_from,
        "started_on": started_on,
        "ended_on": ended_on,
        "latitude": latitude,
        "longitude": longitude,
        "description": description.strip(),
    }
    _check(fields, province, communes)
    if not any(_may_write(actor, commune, lead_agency) for commune in communes):
        raise PermissionDenied()
    money = clean_money(budget, "budget")
    model = LivelihoodModel.objects.create(province=province, created_by=actor_or_none(actor), **fields)
    model.communes.set(communes)
    _budget_set(model, money)
    audit_record(
        actor=actor,
        action=AuditAction.MODEL_CREATE,
        obj=model,
        unit=communes[0] if len(communes) == 1 else province,
        after={"name": model.name, "kind": kind, "communes": [c.pk for c in communes]},
    )
    return model


def _may_write(actor: Any, unit: AdminUnit, agency: Agency | None) -> bool:
    try:
        require_writer(actor, unit, agency)
    except PermissionDenied:
        return False
    return True


@transaction.atomic
def livelihood_model_update(
    *,
    actor: Any,
    model: LivelihoodModel,
    data: Mapping[str, Any],
    communes: Sequence[AdminUnit] | None = None,
    budget: Mapping[str, Any] | None = None,
) -> LivelihoodModel:
    """Change a model's description, links, dates, communes and budget (participants keep their rows)."""
    model = (
        LivelihoodModel.objects.select_for_update(of=("self",))
        .select_related("province", "lead_agency")
        .get(pk=model.pk)
    )
    require_model_writer(actor, model)
    fields = {name: data.get(name, getattr(model, name)) for name in EDITABLE}
    fields["name"] = check_name(fields["name"])
    fields["partner"] = (fields["partner"] or "").strip()[:255]
    fields["description"] = (fields["description"] or "").strip()
    if fields["replicated_from"] is not None and fields["replicated_from"].pk == model.pk:
        raise AppError(ErrorCode.INVALID, _("Mô hình không nhân rộng từ chính nó."), field="replicated_from")
    chosen = list(communes) if communes is not None else list(model.communes.all())
    _check(fields, model.province, chosen)
    if fields["lead_agency"] != model.lead_agency and not any(
        _may_write(actor, commune, fields["lead_agency"]) for commune in chosen
    ):
        raise PermissionDenied()
    if communes is not None:
        joined = set(Participant.objects.filter(model=model).values_list("commune_id", flat=True))
        if not joined <= {commune.pk for commune in chosen}:
            raise AppError(ErrorCode.INVALID, _("Còn hộ tham gia ở xã bỏ ra."), field="communes")
        model.communes.set(chosen)
    model, _changed = model_update(
        instance=model, fields=EDITABLE, data=fields, actor=actor, action=AuditAction.MODEL_UPDATE
    )
    if budget is not None:
        _budget_set(model, clean_money(budget, "budget"))
    return model


def check_participant(model: LivelihoodModel, household: Household, commune_ids: set[int]) -> None:
    if household.commune_id not in commune_ids:
        raise AppError(ErrorCode.WORKS_HOUSEHOLD_OUTSIDE, field="household")
    if not household.is_active:
        raise AppError(ErrorCode.INVALID, _("Hộ đã đóng sổ."), field="household")


def contribution(labour_days: Decimal | None, money: int | None, in_kind: str) -> dict[str, Any]:
    days = Decimal(labour_days or 0)
    if days < 0 or days > Decimal("99999.9") or days != days.quantize(Decimal("0.1")):
        raise AppError(ErrorCode.INVALID, _("Số ngày công không hợp lệ."), field="labour_days")
    if money is not None and not 0 <= money <= 10**13:
        raise AppError(ErrorCode.INVALID, _("Số tiền không hợp lệ."), field="money")
    return {"labour_days": days, "money": money or 0, "in_kind": (in_kind or "").strip()[:255]}


@transaction.atomic
def participant_add(
    *,
    actor: Any,
    model: LivelihoodModel,
    household: Household,
    joined_on: dt.date,
    labour_days: Decimal | None = None,
    money: int | None = None,
    in_kind: str = "",
    record_support: bool = False,
    today: dt.date,
) -> Participant:
    """A household of one of the model's communes joins it; its recognised status then is kept.

    With `record_support`, the joining is also written to the support ledger (Project 2 or 3.1 support type
    of the catalogue) through the support services, whose eligibility and once-only rules apply.
    """
    communes = list(model.communes.all())
    require_model_writer(actor, model, communes)
    check_participant(model, household, {c.pk for c in communes})
    check_not_future(joined_on, today, "joined_on")
    if joined_on < model.started_on:
        raise AppError(ErrorCode.INVALID, _("Ngày tham gia trước ngày bắt đầu mô hình."), field="joined_on")
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                model=model,
                household=household,
                commune=household.commune,
                province=household.province,
                status_at_joining=household.status,
                joined_on=joined_on,
                recorded_by=actor_or_none(actor),
                **contribution(labour_days, money, in_kind),
            )
    except IntegrityError as error:
        raise AppError(ErrorCode.WORKS_PARTICIPANT_EXISTS, field="household") from error
    if record_support:
        participant.support_record = _support_record(actor, model, household, joined_on, today)
        participant.save(update_fields=["support_record"])
    audit_record(
        actor=actor,
        action=AuditAction.MODEL_PARTICIPANT_ADD,
        obj=model,
        unit=household.commune,
        after={"household": household.code, "status": household.status},
    )
    return participant


def _support_record(
    actor: Any, model: LivelihoodModel, household: Household, on: dt.date, today: dt.date
) -> SupportRecord:
    code = SUPPORT_TYPES[ModelKind.PRODUCTION if model.kind == ModelKind.PRODUCTION else ModelKind.MODEL]
    support_type = SupportType.objects.filter(code=code, is_active=True).first()
    if support_type is None:
        raise AppError(
            ErrorCode.UNKNOWN_CODE, _("Danh mục hỗ trợ chưa có loại hỗ trợ này."), field="record_support"
        )
    verdict = judge(support_type, household, None, commune_facts(household.commune, [household], on))
    if not verdict.eligible:
        raise AppError(
            ErrorCode.INVALID,
            _("Hộ không đủ điều kiện ghi vào sổ hỗ trợ: %(reason)s") % {"reason": verdict.text},
            field="record_support",
        )
    return support_record_add(
        actor=actor, household=household, member=None, support_type=support_type, on=on, amount=None,
        quantity=Decimal(1), reason=model.name[:200], today=today,
    )  # fmt: skip


@transaction.atomic
def evaluation_record(
    *,
    actor: Any,
    model: LivelihoodModel,
    evaluated_on: dt.date,
    evaluator: str,
    economic: str,
    social: str,
    environmental: str,
    result: str,
    today: dt.date,
) -> Evaluation:
    """Record an evaluation (economic, social, environmental effect and the conclusion); the latest stands."""
    require_model_writer(actor, model)
    check_not_future(evaluated_on, today, "evaluated_on")
    if evaluated_on < model.started_on:
        raise AppError(
            ErrorCode.INVALID, _("Ngày đánh giá trước ngày bắt đầu mô hình."), field="evaluated_on"
        )
    if result not in EvaluationResult.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="result")
    texts = {
        "evaluator": check_name(evaluator, "evaluator"),
        "economic": check_name_long(economic, "economic"),
        "social": check_name_long(social, "social"),
        "environmental": check_name_long(environmental, "environmental"),
    }
    evaluation = Evaluation.objects.create(
        model=model, evaluated_on=evaluated_on, result=result, recorded_by=actor_or_none(actor), **texts
    )
    audit_record(
        actor=actor,
        action=AuditAction.MODEL_EVALUATE,
        obj=model,
        after={"evaluated_on": evaluated_on, "result": result, "evaluator": texts["evaluator"]},
    )
    return evaluation


def check_name_long(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise AppError(ErrorCode.REQUIRED, field=field)
    return text[:5000]
