"""Writes to plans: header, bases, projects, targets, allocation, budget, tasks, calendar — each audited."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import AppError
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.programs.catalogue import agency_get_or_create
from giamngheo.programs.models import (
    Plan,
    PlanAllocation,
    PlanKind,
    PlanLegalBasis,
    PlanProject,
    PlanTarget,
    Program,
    ReporterLevel,
    ReportingRule,
    TargetBound,
    TargetGroup,
    TargetKind,
    Task,
    TaskStatus,
    TaskUpdate,
)
from giamngheo.programs.scope import current_scope


def _require_manage(actor: Any, plan: Plan) -> None:
    require_permission(actor, Permission.MANAGE_PLANS, plan.province)


def _invalid(message: str, field: str, **details: Any) -> AppError:
    return AppError("invalid", message, field=field, **details)


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    program: Program,
    unit: AdminUnit,
    kind: str,
    start_year: int,
    end_year: int,
    number: str,
    issuer: str,
    title: str,
    issued_on: datetime.date | None = None,
    signer: str = "",
    general_objective: str = "",
    scope: str = "",
    is_draft: bool = False,
) -> Plan:
    """Record a plan issued by a province, district or commune (current or legacy)."""
    if unit.level == Level.VILLAGE:
        raise _invalid(_("Kế hoạch do cấp tỉnh, huyện hoặc xã ban hành, không phải thôn."), "unit")
    province, commune = current_scope(unit)
    require_permission(actor, Permission.MANAGE_PLANS, province)
    if kind not in PlanKind.values:
        raise _invalid(_("Loại kế hoạch không hợp lệ."), "kind")
    if end_year < start_year:
        raise _invalid(_("Năm kết thúc phải từ năm bắt đầu trở đi."), "end_year")
    if kind == PlanKind.ANNUAL and end_year != start_year:
        raise _invalid(_("Kế hoạch năm chỉ gồm một năm."), "end_year")
    if start_year < program.start_year or end_year > program.end_year:
        raise _invalid(
            _("Thời gian kế hoạch phải nằm trong giai đoạn %(start)s–%(end)s của chương trình.")
            % {"start": program.start_year, "end": program.end_year},
            "start_year",
        )
    number = number.strip()
    if not number:
        raise _invalid(_("Cần nhập số hiệu kế hoạch."), "number")
    if not title.strip():
        raise _invalid(_("Cần nhập trích yếu kế hoạch."), "title")
    if Plan.objects.filter(unit=unit, number=number, start_year=start_year).exists():
        raise _invalid(_("Đơn vị này đã có kế hoạch cùng số hiệu trong năm đó."), "number")
    if issued_on is not None and not is_draft and issued_on.year > end_year:
        raise _invalid(_("Ngày ban hành không được sau thời gian của kế hoạch."), "issued_on")
    plan = Plan.objects.create(
        program=program,
        unit=unit,
        province=province,
        commune=commune,
        kind=kind,
        start_year=start_year,
        end_year=end_year,
        number=number,
        issued_on=issued_on,
        is_draft=is_draft,
        issuer=issuer.strip(),
        signer=signer.strip(),
        title=title.strip(),
        general_objective=general_objective,
        scope=scope,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(actor=actor, action="plan_create", obj=plan, after={"number": number, "unit": unit.pk})
    return plan


@transaction.atomic
def plan_legal_basis_add(
    *, actor: Any, plan: Plan, title: str, parent_plan: Plan | None = None
) -> PlanLegalBasis:
    """Add a legal basis to a plan, linked to a parent plan when it is in the system."""
    _require_manage(actor, plan)
    if not title.strip():
        raise _invalid(_("Cần nhập tên văn bản làm căn cứ."), "title")
    if parent_plan is not None and parent_plan.pk == plan.pk:
        raise _invalid(_("Kế hoạch không thể làm căn cứ cho chính nó."), "parent_plan")
    order = plan.legal_bases.count() + 1
    basis = PlanLegalBasis.objects.create(
        plan=plan, order=order, title=title.strip(), parent_plan=parent_plan
    )
    audit_record(actor=actor, action="plan_legal_basis_add", obj=plan, after={"title": title})
    return basis


@transaction.atomic
def plan_project_add(
    *,
    actor: Any,
    plan: Plan,
    local_number: str,
    local_name: str,
    component_code: str,
    lead_agency: str = "",
    coordinating_agencies: Sequence[str] = (),
    objective: str = "",
) -> PlanProject:
    """Add a project in the plan's own numbering, mapped to a component of the national catalogue."""
    _require_manage(actor, plan)
    component = plan.program.components.filter(code=component_code).first()
    if component is None:
        raise _invalid(
            _("Mã dự án %(code)s không có trong danh mục của chương trình.") % {"code": component_code},
            "component_code",
        )
    if plan.projects.filter(local_number=local_number.strip()).exists():
        raise _invalid(_("Kế hoạch đã có dự án số hiệu này."), "local_number")
    project = PlanProject.objects.create(
        plan=plan,
        local_number=local_number.strip(),
        local_name=local_name.strip(),
        component=component,
        lead_agency=agency_get_or_create(province=plan.province, name=lead_agency) if lead_agency else None,
        objective=objective,
        order=plan.projects.count() + 1,
    )
    project.coordinating_agencies.set(
        [agency_get_or_create(province=plan.province, name=name) for name in coordinating_agencies if name]
    )
    audit_record(actor=actor, action="plan_project_add", obj=plan, after={"project": project.local_number})
    return project


def _check_target_values(
    kind: str, bound: str, low: Decimal | None, high: Decimal | None, unit_label: str
) -> None:
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
    _check_target_values(kind, bound, value_low, value_high, indicator.unit_label)
    if group not in TargetGroup.values:
        raise _invalid(_("Nhóm đối tượng không hợp lệ."), "group")
    if not plan.start_year <= target_year <= plan.end_year:
        raise _invalid(_("Năm phải đạt phải nằm trong thời gian của kế hoạch."), "target_year")
    if baseline_value is not None and baseline_year is None:
        raise _invalid(_("Cần nhập năm của giá trị gốc."), "baseline_year")
    if not text.strip():
        raise _invalid(_("Cần ghi nguyên văn chỉ tiêu."), "text")
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
    audit_record(actor=actor, action="plan_target_add", obj=plan, after={"target": text})
    return target


@dataclass(frozen=True)
class AllocationRow:
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
        action="plan_allocation_set",
        obj=plan,
        before={"rows": before},
        after={"rows": len(rows)},
    )
    return created


def _project_by_number(plan: Plan, project_number: str | None) -> PlanProject | None:
    if not project_number:
        return None
    project = plan.projects.filter(local_number=project_number).first()
    if project is None:
        raise _invalid(_("Kế hoạch không có dự án %(number)s.") % {"number": project_number}, "project")
    return project


@transaction.atomic
def task_add(
    *,
    actor: Any,
    plan: Plan,
    number: str,
    content: str,
    lead_agency: str,
    coordinating_agencies: Sequence[str] = (),
    coordination_text: str = "",
    product: str = "",
    timeframe: str = "",
    due_date: datetime.date | None = None,
    project_number: str | None = None,
) -> Task:
    """Add a row of the task matrix: content, lead and coordinating agencies, product and deadline."""
    _require_manage(actor, plan)
    if not content.strip():
        raise _invalid(_("Cần nhập nội dung công việc."), "content")
    if not lead_agency.strip():
        raise _invalid(_("Cần nhập cơ quan chủ trì."), "lead_agency")
    if plan.tasks.filter(number=number).exists():
        raise _invalid(_("Kế hoạch đã có nhiệm vụ số thứ tự này."), "number")
    task = Task.objects.create(
        plan=plan,
        project=_project_by_number(plan, project_number),
        number=number,
        content=content.strip(),
        lead_agency=agency_get_or_create(province=plan.province, name=lead_agency),
        coordination_text=coordination_text,
        product=product,
        timeframe=timeframe,
        due_date=due_date,
        order=plan.tasks.count() + 1,
    )
    task.coordinating_agencies.set(
        [agency_get_or_create(province=plan.province, name=name) for name in coordinating_agencies if name]
    )
    audit_record(actor=actor, action="task_add", obj=task, after={"content": content})
    return task


@transaction.atomic
def task_status_set(*, actor: Any, task: Task, status: str, note: str = "") -> TaskUpdate:
    """Move a task to a new status; the change is kept as a row of its history."""
    require_permission(actor, Permission.UPDATE_TASKS, task.plan.province)
    if status not in TaskStatus.values:
        raise _invalid(_("Tình trạng nhiệm vụ không hợp lệ."), "status")
    if status == task.status and not note:
        raise _invalid(_("Nhiệm vụ đã ở tình trạng này; hãy ghi chú nếu muốn cập nhật tiến độ."), "status")
    before = task.status
    update = TaskUpdate.objects.create(task=task, status=status, note=note, actor=actor)
    task.status = status
    task.save(update_fields=["status"])
    audit_record(
        actor=actor, action="task_status_set", obj=task, before={"status": before}, after={"status": status}
    )
    return update


@transaction.atomic
def reporting_rule_add(
    *,
    actor: Any,
    plan: Plan,
    period_kind: str,
    label: str,
    reporter_level: str,
    recipient: str,
    due_month: int,
    due_day: int,
    period_number: int = 1,
    due_year: int | None = None,
) -> ReportingRule:
    """Add a line of the reporting regime: who reports what to whom by which day."""
    _require_manage(actor, plan)
    if reporter_level not in ReporterLevel.values:
        raise _invalid(_("Cấp báo cáo không hợp lệ."), "reporter_level")
    try:
        datetime.date(due_year or 2024, due_month, due_day)
    except ValueError as error:
        raise _invalid(_("Ngày hạn báo cáo không hợp lệ."), "due_day") from error
    return ReportingRule.objects.create(
        plan=plan,
        period_kind=period_kind,
        period_number=period_number,
        label=label,
        reporter_level=reporter_level,
        recipient=recipient,
        due_month=due_month,
        due_day=due_day,
        due_year=due_year,
    )
