"""API endpoints for plans, indicators and indicator values, all within the caller's area."""

import datetime
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from giamngheo.accounts.access import unit_get_for_user
from giamngheo.api.schemas import ERRORS, Id, InSchema, Pagination, Text, Year
from giamngheo.api.schemas import lazy_text as _
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring import services as monitoring_services
from giamngheo.monitoring.models import IndicatorValue
from giamngheo.monitoring.selectors import indicator_value_list
from giamngheo.programs.models import Indicator, Plan
from giamngheo.programs.selectors import allocation_table, budget_summary, plan_get_for_user, plan_list

router = Router(tags=[_("Kế hoạch và giám sát")])


class PlanOut(Schema):
    id: int
    number: str
    title: str
    issuer: str
    kind: str
    start_year: int
    end_year: int
    issued_on: datetime.date | None
    is_draft: bool
    unit_id: int
    province_id: int
    program: str

    @staticmethod
    def resolve_program(plan: Plan | dict[str, object]) -> str:
        return str(plan["program"]) if isinstance(plan, dict) else plan.program.code


class TargetOut(Schema):
    indicator: str
    group: str
    kind: str
    bound: str
    value_low: Decimal | None
    value_high: Decimal | None
    target_year: int
    text: str

    @staticmethod
    def resolve_indicator(target: object) -> str:
        indicator = target["indicator"] if isinstance(target, dict) else target.indicator  # type: ignore[attr-defined]
        return indicator if isinstance(indicator, str) else indicator.code


class AllocationOut(Schema):
    label: str
    unit_id: int | None
    start_poor: int
    start_rate: Decimal | None
    reduction: int
    remaining: int
    target_rate: Decimal | None


class BudgetCheckOut(Schema):
    label: str
    stated: Decimal
    computed: Decimal
    ok: bool


class PlanDetailOut(PlanOut):
    targets: list[TargetOut]
    allocation: list[AllocationOut]
    budget_total: Decimal
    budget_checks: list[BudgetCheckOut]


class IndicatorOut(Schema):
    code: str
    name: str
    unit_label: str
    source: str
    computation: str
    better: str
    valid_from_year: int | None
    valid_to_year: int | None


class ValueOut(Schema):
    indicator: str
    unit_id: int
    year: int
    period_kind: str
    period_number: int
    group: str
    value: Decimal
    note: str


# A value as the indicator-value columns store it (16 digits, 3 after the point).
Amount = Annotated[Decimal, Field(max_digits=16, decimal_places=3)]


class ValueIn(InSchema):
    NULLABLE = frozenset({"numerator", "denominator"})
    indicator: Text
    unit_id: Id
    year: Year
    period_kind: Text
    period_number: int = Field(1, ge=1, le=12)
    group: Text = Field("all", max_length=32)
    value: Amount
    numerator: Amount | None = None
    denominator: Amount | None = None
    note: Text = Field("", max_length=255)


class IndicatorFilter(Schema):
    year: Year | None = None


class ValueFilter(Schema):
    indicator: Text | None = None
    year: Year | None = None


def _value_out(row: IndicatorValue) -> dict[str, object]:
    return {
        "indicator": row.indicator.code,
        "unit_id": row.unit_id,
        "year": row.period.year,
        "period_kind": row.period.kind,
        "period_number": row.period.number,
        "group": row.group,
        "value": row.value,
        "note": row.note,
    }


@router.get("/plans", response={200: list[PlanOut], **ERRORS}, summary=_("Kế hoạch trong địa bàn"))
@paginate(Pagination)
def plans(request: HttpRequest, year: Year | None = None) -> list[Plan]:
    """Plans the caller may read, optionally those covering a year."""
    return plan_list(request.user, year=year)  # type: ignore[return-value]


@router.get("/plans/{plan_id}", response={200: PlanDetailOut, **ERRORS}, summary=_("Chi tiết kế hoạch"))
def plan_detail(request: HttpRequest, plan_id: Id) -> dict[str, object]:
    """A plan with its targets, computed allocation table and checked budget totals."""
    plan = plan_get_for_user(request.user, plan_id)
    summary = budget_summary(plan)
    table = allocation_table(plan)
    data = PlanOut.from_orm(plan).dict()
    data["targets"] = [
        {**TargetOut.from_orm(target).dict(), "indicator": target.indicator.code}
        for target in plan.targets.all()
    ]
    data["allocation"] = [
        {
            "label": row.label,
            "unit_id": row.unit_id,
            "start_poor": row.start_poor,
            "start_rate": row.start_rate,
            "reduction": row.reduction,
            "remaining": row.remaining,
            "target_rate": row.target_rate,
        }
        for row in table.rows
    ]
    data["budget_total"] = summary.grand_total
    data["budget_checks"] = [
        {"label": check.label, "stated": check.stated, "computed": check.computed, "ok": check.ok}
        for check in summary.checks
    ]
    return data


@router.get("/indicators", response={200: list[IndicatorOut], **ERRORS}, summary=_("Danh mục chỉ số"))
def indicators(request: HttpRequest, filters: Query[IndicatorFilter]) -> list[Indicator]:
    """The indicator catalogue: computed (with the computation's name) or entered.

    With `year`, only the indicators of that year's program period (a 2026 plan is not offered the
    2021–2025 count of poor districts escaping poverty).
    """
    if filters.year is not None:
        return list(Indicator.objects.valid_between(filters.year, filters.year))
    return list(Indicator.objects.all())


@router.get(
    "/indicator-values", response={200: list[ValueOut], **ERRORS}, summary=_("Giá trị chỉ số trong địa bàn")
)
@paginate(Pagination)
def values(request: HttpRequest, filters: Query[ValueFilter]) -> list[dict[str, object]]:
    """Stored indicator values of the caller's area."""
    rows = indicator_value_list(request.user, indicator=filters.indicator, year=filters.year)
    return [_value_out(row) for row in rows]


@router.post(
    "/indicator-values",
    response={200: ValueOut, **ERRORS},
    summary=_("Nhập giá trị chỉ số (chỉ số nhập tay)"),
)
def value_set(request: HttpRequest, payload: ValueIn) -> dict[str, object]:
    """Enter the value of an entered indicator for a unit of the caller's area."""
    indicator = Indicator.objects.filter(code=payload.indicator).first()
    if indicator is None:
        raise AppError(ErrorCode.INVALID, _("Không có chỉ số này."), field="indicator")
    unit = unit_get_for_user(request.user, payload.unit_id)
    period = period_get_or_create(year=payload.year, kind=payload.period_kind, number=payload.period_number)
    row = monitoring_services.indicator_value_set(
        actor=request.user,
        indicator=indicator,
        unit=unit,
        period=period,
        value=payload.value,
        group=payload.group,
        numerator=payload.numerator,
        denominator=payload.denominator,
        note=payload.note,
    )
    return _value_out(row)
