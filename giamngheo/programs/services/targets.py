"""Writes to a plan's indicator targets and its allocation table of poverty reduction by unit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.geo.models import AdminUnit
from giamngheo.programs.models import (
    Plan,
    PlanAllocation,
    PlanTarget,
    TargetBound,
    TargetGroup,
    TargetKind,
)
from giamngheo.programs.models.plans import AllocationFigures
from giamngheo.programs.services._base import _invalid, _require_manage


def _check_target(
    plan: Plan,
    *,
    kind: str,
    bound: str,
    low: Decimal | None,
    high: Decimal | None,
    unit_label: str,
    group: str,
    target_year: int,
    baseline: tuple[Decimal | None, int | None],
    text: str,
) -> None:
    """The rules of a plan target, the same when it is added or corrected (on screen or from Excel)."""
    if kind not in TargetKind.values:
        raise _invalid(_("Loại chỉ tiêu không hợp lệ."), "kind")
    if bound not in TargetBound.values:
        raise _invalid(_("Giới hạn chỉ tiêu không hợp lệ."), "bound")
    if bound == TargetBound.RANGE and (low is None or high is None):
        raise _invalid(_("Chỉ tiêu dạng khoảng cần cả giá trị thấp và cao."), "value_high")
    if bound != TargetBound.RANGE and low is None and high is None:
        raise _invalid(_("Cần nhập giá trị chỉ tiêu."), "value_low")
    if low is not None and high is not None and low > high:
        raise _invalid(_("Giá trị thấp phải nhỏ hơn hoặc bằng giá trị cao."), "value_low")
    for field, value in (("value_low", low), ("value_high", high)):
        if value is not None and value < 0:
            raise _invalid(_("Giá trị chỉ tiêu không được âm."), field)
        if (
            value is not None
            and unit_label == "%"
            and kind in {TargetKind.LEVEL, TargetKind.COVERAGE}
            and value > 100
        ):
            raise _invalid(_("Tỷ lệ không được vượt quá 100%."), field)
    if group not in TargetGroup.values:
        raise _invalid(_("Nhóm đối tượng không hợp lệ."), "group")
    if not plan.start_year <= target_year <= plan.end_year:
        raise _invalid(_("Năm phải đạt phải nằm trong thời gian của kế hoạch."), "target_year")
    baseline_value, baseline_year = baseline
    if baseline_value is not None and baseline_year is None:
        raise _invalid(_("Cần nhập năm của giá trị gốc."), "baseline_year")
    if not text.strip():
        raise _invalid(_("Cần ghi nguyên văn chỉ tiêu."), "text")


def _check_indicator_period(indicator: Any, target_year: int) -> None:
    """A target uses an indicator of the results framework of its year's program period."""
    if not indicator.is_valid_in(target_year):
        raise _invalid(
            _("Chỉ số «%(name)s» không thuộc khung kết quả năm %(year)s (chỉ áp dụng %(validity)s).")
            % {"name": indicator.name, "year": target_year, "validity": indicator.validity_label},
            "indicator",
        )


@transaction.atomic
def plan_target_add(
    *,
    actor: Any,
    plan: Plan,
    indicator: Any,
    kind: str,
    bound: str,
    target_year: int,
    text: str,
    value_low: Decimal | None = None,
    value_high: Decimal | None = None,
    group: str = TargetGroup.ALL,
    target_unit: AdminUnit | None = None,
    baseline_value: Decimal | None = None,
    baseline_year: int | None = None,
    note: str = "",
) -> PlanTarget:
    """Add an indicator target to a plan (an end level, a yearly change, a count or a coverage)."""
    _require_manage(actor, plan)
    _check_indicator_period(indicator, target_year)
    _check_target(
        plan,
        kind=kind,
        bound=bound,
        low=value_low,
        high=value_high,
        unit_label=indicator.unit_label,
        group=group,
        target_year=target_year,
        baseline=(baseline_value, baseline_year),
        text=text,
    )
    target = PlanTarget.objects.create(
        plan=plan,
        indicator=indicator,
        kind=kind,
        bound=bound,
        value_low=value_low,
        value_high=value_high,
        target_year=target_year,
        group=group,
        target_unit=target_unit,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        text=text.strip(),
        note=note,
        order=plan.targets.count() + 1,
    )
    audit_record(actor=actor, action=AuditAction.TARGET_ADD, obj=plan, after={"target": text})
    return target


@transaction.atomic
def plan_target_update(
    *,
    actor: Any,
    target: PlanTarget,
    indicator: Any,
    kind: str,
    bound: str,
    target_year: int,
    text: str,
    value_low: Decimal | None = None,
    value_high: Decimal | None = None,
    group: str = TargetGroup.ALL,
    target_unit: AdminUnit | None = None,
    baseline_value: Decimal | None = None,
    baseline_year: int | None = None,
    note: str = "",
) -> PlanTarget:
    """Correct an indicator target; the same checks as when it was added."""
    plan = target.plan
    _require_manage(actor, plan)
    _check_indicator_period(indicator, target_year)
    _check_target(
        plan,
        kind=kind,
        bound=bound,
        low=value_low,
        high=value_high,
        unit_label=indicator.unit_label,
        group=group,
        target_year=target_year,
        baseline=(baseline_value, baseline_year),
        text=text,
    )
    fields: dict[str, Any] = {
        "indicator": indicator,
        "kind": kind,
        "bound": bound,
        "value_low": value_low,
        "value_high": value_high,
        "target_year": target_year,
        "group": group,
        "target_unit": target_unit,
        "baseline_value": baseline_value,
        "baseline_year": baseline_year,
        "text": text.strip(),
        "note": note,
    }
    target, _changed = model_update(
        instance=target,
        fields=fields,
        data=fields,
        actor=actor,
        action=AuditAction.TARGET_UPDATE,
        subject=plan,
    )
    return target


@transaction.atomic
def plan_target_remove(*, actor: Any, target: PlanTarget) -> None:
    """Remove an indicator target (reports already sent keep their frozen figures)."""
    plan = target.plan
    _require_manage(actor, plan)
    text = target.text
    target.delete()
    audit_record(actor=actor, action=AuditAction.TARGET_REMOVE, obj=plan, before={"target": text})


@dataclass(frozen=True)
class AllocationRow(AllocationFigures):
    """One row of an allocation table as entered or imported (row numbers start at 1)."""

    label: str
    start_poor: int
    start_total: int
    reduction: int
    projected_total: int
    unit: AdminUnit | None = None
    stated_start_rate: Decimal | None = None
    stated_target_rate: Decimal | None = None
    note: str = ""


def _check_allocation_row(number: int, row: AllocationRow) -> None:
    def fail(message: str, field: str) -> AppError:
        return _invalid(
            _("Dòng %(row)s (%(label)s): %(message)s")
            % {"row": number, "label": row.label, "message": message},
            field,
            row=number,
        )

    if not row.label.strip():
        raise fail(_("cần tên đơn vị."), "label")
    for field in ("start_poor", "start_total", "reduction", "projected_total"):
        if getattr(row, field) < 0:
            raise fail(_("số liệu không được âm."), field)
    if row.start_poor > row.start_total:
        raise fail(_("số hộ nghèo lớn hơn tổng số hộ."), "start_poor")
    if row.reduction > row.start_poor:
        raise fail(_("số hộ giảm lớn hơn số hộ nghèo đầu kỳ."), "reduction")
    if row.projected_total <= 0:
        raise fail(_("tổng số hộ dự kiến phải lớn hơn 0."), "projected_total")
    if row.start_poor - row.reduction > row.projected_total:
        raise fail(_("số hộ nghèo còn lại lớn hơn tổng số hộ dự kiến."), "projected_total")


@transaction.atomic
def plan_allocation_set(*, actor: Any, plan: Plan, rows: Sequence[AllocationRow]) -> list[PlanAllocation]:
    """Replace the plan's allocation table; every row is checked before anything is written."""
    _require_manage(actor, plan)
    if not rows:
        raise _invalid(_("Bảng phân bổ cần ít nhất một đơn vị."), "rows")
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        _check_allocation_row(number, row)
        if row.label.strip() in seen:
            raise _invalid(
                _("Dòng %(row)s: đơn vị %(label)s bị lặp.") % {"row": number, "label": row.label}, "label"
            )
        seen.add(row.label.strip())
    before = list(plan.allocations.values("label", "start_poor", "reduction"))
    plan.allocations.all().delete()
    created = PlanAllocation.objects.bulk_create(
        PlanAllocation(
            plan=plan,
            order=number,
            label=row.label.strip(),
            unit=row.unit,
            start_poor=row.start_poor,
            start_total=row.start_total,
            reduction=row.reduction,
            projected_total=row.projected_total,
            stated_start_rate=row.stated_start_rate,
            stated_target_rate=row.stated_target_rate,
            note=row.note,
        )
        for number, row in enumerate(rows, start=1)
    )
    audit_record(
        actor=actor,
        action=AuditAction.TARGET_ALLOCATION_SET,
        obj=plan,
        before={"rows": before},
        after={"rows": len(rows)},
    )
    return created
