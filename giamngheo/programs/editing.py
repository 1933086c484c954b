"""Edits of a plan entered on screen: header, bases, targets, budget lines and totals, tasks, calendar."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.errors import AppError
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit
from giamngheo.programs.catalogue import agency_get_or_create
from giamngheo.programs.models import (
    BudgetLine,
    BudgetStatement,
    Plan,
    PlanKind,
    PlanLegalBasis,
    PlanTarget,
    ReporterLevel,
    ReportingRule,
    TargetGroup,
    Task,
)
from giamngheo.programs.services import (
    _check_target_values,
    _invalid,
    _project_by_number,
    _require_manage,
    plan_create,
    plan_legal_basis_add,
    reporting_rule_add,
)


@transaction.atomic
def plan_update(
    *,
    actor: Any,
    plan: Plan,
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
    """Correct a plan's header; the issuing unit and program stay (they decide who may see the plan)."""
    _require_manage(actor, plan)
    Plan.objects.select_for_update(of=("self",)).filter(pk=plan.pk).first()
    if kind not in PlanKind.values:
        raise _invalid(_("Loại kế hoạch không hợp lệ."), "kind")
    if end_year < start_year:
        raise _invalid(_("Năm kết thúc phải từ năm bắt đầu trở đi."), "end_year")
    if kind == PlanKind.ANNUAL and end_year != start_year:
        raise _invalid(_("Kế hoạch năm chỉ gồm một năm."), "end_year")
    program = plan.program
    if start_year < program.start_year or end_year > program.end_year:
        raise _invalid(
            _("Thời gian kế hoạch phải nằm trong giai đoạn %(start)s–%(end)s của chương trình.")
            % {"start": program.start_year, "end": program.end_year},
            "start_year",
        )
    outside = plan.targets.exclude(target_year__gte=start_year, target_year__lte=end_year).first()
    if outside is not None:
        raise _invalid(
            _("Chỉ tiêu «%(text)s» phải đạt năm %(year)s, ngoài thời gian mới của kế hoạch.")
            % {"text": outside.text, "year": outside.target_year},
            "end_year",
        )
    number = number.strip()
    if not number:
        raise _invalid(_("Cần nhập số hiệu kế hoạch."), "number")
    if not title.strip():
        raise _invalid(_("Cần nhập trích yếu kế hoạch."), "title")
    if Plan.objects.filter(unit=plan.unit, number=number, start_year=start_year).exclude(pk=plan.pk).exists():
        raise _invalid(_("Đơn vị này đã có kế hoạch cùng số hiệu trong năm đó."), "number")
    if issued_on is not None and not is_draft and issued_on.year > end_year:
        raise _invalid(_("Ngày ban hành không được sau thời gian của kế hoạch."), "issued_on")
    fields = {
        "kind": kind,
        "start_year": start_year,
        "end_year": end_year,
        "number": number,
        "issuer": issuer.strip(),
        "title": title.strip(),
        "issued_on": issued_on,
        "signer": signer.strip(),
        "general_objective": general_objective,
        "scope": scope,
        "is_draft": is_draft,
    }
    before = {name: getattr(plan, name) for name in fields if getattr(plan, name) != fields[name]}
    if not before:
        return plan
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=list(before))
    audit_record(
        actor=actor,
        action="plan_update",
        obj=plan,
        before={name: str(value) for name, value in before.items()},
        after={name: str(fields[name]) for name in before},
    )
    return plan


@transaction.atomic
def plan_legal_basis_remove(*, actor: Any, basis: PlanLegalBasis) -> None:
    """Remove a legal basis from a plan."""
    plan = basis.plan
    _require_manage(actor, plan)
    title = basis.title
    basis.delete()
    audit_record(actor=actor, action="plan_legal_basis_remove", obj=plan, before={"title": title})


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
    _check_target_values(kind, bound, value_low, value_high, indicator.unit_label)
    if group not in TargetGroup.values:
        raise _invalid(_("Nhóm đối tượng không hợp lệ."), "group")
    if not plan.start_year <= target_year <= plan.end_year:
        raise _invalid(_("Năm phải đạt phải nằm trong thời gian của kế hoạch."), "target_year")
    if baseline_value is not None and baseline_year is None:
        raise _invalid(_("Cần nhập năm của giá trị gốc."), "baseline_year")
    if not text.strip():
        raise _invalid(_("Cần ghi nguyên văn chỉ tiêu."), "text")
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
    changed = [name for name, value in fields.items() if getattr(target, name) != value]
    if not changed:
        return target
    before = {name: str(getattr(target, name)) for name in changed}
    for name in changed:
        setattr(target, name, fields[name])
    target.save(update_fields=changed)
    audit_record(
        actor=actor,
        action="plan_target_update",
        obj=plan,
        before={"target": target.pk, **before},
        after={name: str(fields[name]) for name in changed},
    )
    return target


@transaction.atomic
def plan_target_remove(*, actor: Any, target: PlanTarget) -> None:
    """Remove an indicator target (reports already sent keep their frozen figures)."""
    plan = target.plan
    _require_manage(actor, plan)
    text = target.text
    target.delete()
    audit_record(actor=actor, action="plan_target_remove", obj=plan, before={"target": text})


@transaction.atomic
def budget_line_remove(*, actor: Any, line: BudgetLine) -> None:
    """Remove a planned budget line that has no money assigned or paid yet."""
    plan = line.plan
    _require_manage(actor, plan)
    if line.allocations.exists() or line.disbursements.exists():
        raise AppError(
            "invalid",
            _("Dòng kinh phí đã có dự toán giao hoặc giải ngân; hãy đặt lại số tiền thay vì xóa."),
            field="amount",
        )
    before = {"source": line.source, "expenditure": line.expenditure, "amount": str(line.amount)}
    line.delete()
    audit_record(actor=actor, action="budget_line_remove", obj=plan, before=before)


@transaction.atomic
def budget_statement_remove(*, actor: Any, statement: BudgetStatement) -> None:
    """Remove a total stated in the plan's text."""
    plan = statement.plan
    _require_manage(actor, plan)
    before = {"group": statement.group, "amount": str(statement.amount)}
    statement.delete()
    audit_record(actor=actor, action="budget_statement_remove", obj=plan, before=before)


@transaction.atomic
def task_update(
    *,
    actor: Any,
    task: Task,
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
    """Correct a row of the task matrix; its status and history are kept."""
    plan = task.plan
    _require_manage(actor, plan)
    number = number.strip()
    if not number:
        raise _invalid(_("Cần nhập số thứ tự nhiệm vụ."), "number")
    if not content.strip():
        raise _invalid(_("Cần nhập nội dung công việc."), "content")
    if not lead_agency.strip():
        raise _invalid(_("Cần nhập cơ quan chủ trì."), "lead_agency")
    if plan.tasks.filter(number=number).exclude(pk=task.pk).exists():
        raise _invalid(_("Kế hoạch đã có nhiệm vụ số thứ tự này."), "number")
    fields: dict[str, Any] = {
        "number": number,
        "content": content.strip(),
        "lead_agency": agency_get_or_create(province=plan.province, name=lead_agency),
        "coordination_text": coordination_text.strip(),
        "product": product.strip(),
        "timeframe": timeframe.strip(),
        "due_date": due_date,
        "project": _project_by_number(plan, project_number),
    }
    agencies = [
        agency_get_or_create(province=plan.province, name=name)
        for name in coordinating_agencies
        if name.strip()
    ]
    changed = [name for name, value in fields.items() if getattr(task, name) != value]
    agencies_changed = {a.pk for a in agencies} != set(
        task.coordinating_agencies.values_list("pk", flat=True)
    )
    if not changed and not agencies_changed:
        return task
    before = {name: str(getattr(task, name)) for name in changed}
    for name in changed:
        setattr(task, name, fields[name])
    if changed:
        task.save(update_fields=changed)
    if agencies_changed:
        task.coordinating_agencies.set(agencies)
        changed.append("coordinating_agencies")
    audit_record(
        actor=actor,
        action="task_update",
        obj=task,
        before=before,
        after={name: str(fields.get(name, [a.name for a in agencies])) for name in changed},
    )
    return task


@transaction.atomic
def task_remove(*, actor: Any, task: Task) -> None:
    """Remove a task entered by mistake; a task with status history is stopped instead, never erased."""
    plan = task.plan
    _require_manage(actor, plan)
    if task.updates.exists():
        raise AppError(
            "invalid",
            _("Nhiệm vụ đã có lịch sử cập nhật; hãy chuyển sang «Dừng thực hiện» thay vì xóa."),
            field="number",
        )
    content = task.content
    audit_record(actor=actor, action="task_remove", obj=plan, before={"task": content})
    task.delete()


def _check_rule(reporter_level: str, label: str, recipient: str, due: tuple[int, int, int | None]) -> None:
    if reporter_level not in ReporterLevel.values:
        raise _invalid(_("Cấp báo cáo không hợp lệ."), "reporter_level")
    if not label.strip():
        raise _invalid(_("Cần nhập tên báo cáo."), "label")
    if not recipient.strip():
        raise _invalid(_("Cần nhập nơi nhận báo cáo."), "recipient")
    month, day, year = due
    try:
        datetime.date(year or 2024, month, day)
    except ValueError as error:
        raise _invalid(_("Ngày hạn báo cáo không hợp lệ."), "due_day") from error


@transaction.atomic
def reporting_rule_update(
    *,
    actor: Any,
    rule: ReportingRule,
    period_kind: str,
    label: str,
    reporter_level: str,
    recipient: str,
    due_month: int,
    due_day: int,
    period_number: int = 1,
    due_year: int | None = None,
) -> ReportingRule:
    """Correct a line of the reporting calendar."""
    plan = rule.plan
    _require_manage(actor, plan)
    _check_rule(reporter_level, label, recipient, (due_month, due_day, due_year))
    fields: dict[str, Any] = {
        "period_kind": period_kind,
        "period_number": period_number,
        "label": label.strip(),
        "reporter_level": reporter_level,
        "recipient": recipient.strip(),
        "due_month": due_month,
        "due_day": due_day,
        "due_year": due_year,
    }
    changed = [name for name, value in fields.items() if getattr(rule, name) != value]
    if not changed:
        return rule
    before = {name: str(getattr(rule, name)) for name in changed}
    for name in changed:
        setattr(rule, name, fields[name])
    rule.save(update_fields=changed)
    audit_record(
        actor=actor,
        action="reporting_rule_update",
        obj=plan,
        before=before,
        after={name: str(fields[name]) for name in changed},
    )
    return rule


@transaction.atomic
def reporting_rule_remove(*, actor: Any, rule: ReportingRule) -> None:
    """Remove a line of the reporting calendar (rounds already opened keep their deadlines)."""
    plan = rule.plan
    _require_manage(actor, plan)
    before = {"label": rule.label, "due": f"{rule.due_day}/{rule.due_month}"}
    rule.delete()
    audit_record(actor=actor, action="reporting_rule_remove", obj=plan, before=before)


@transaction.atomic
def plan_enter(
    *,
    actor: Any,
    program: Any,
    unit: AdminUnit,
    legal_bases: Sequence[str] = (),
    parent_plan: Plan | None = None,
    **header: Any,
) -> Plan:
    """Record a new plan with its legal bases in one step: all of it, or nothing when a part is refused."""
    plan = plan_create(actor=actor, program=program, unit=unit, **header)
    if parent_plan is not None:
        issued = f" ngày {parent_plan.issued_on:%d/%m/%Y}" if parent_plan.issued_on else ""
        plan_legal_basis_add(
            actor=actor, plan=plan, title=f"Kế hoạch {parent_plan.number}{issued}", parent_plan=parent_plan
        )
    for title in legal_bases:
        if title.strip():
            plan_legal_basis_add(actor=actor, plan=plan, title=title)
    return plan


@transaction.atomic
def reporting_rule_enter(
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
    """Add a line of the reporting calendar typed on screen: checked, then audited."""
    _require_manage(actor, plan)
    _check_rule(reporter_level, label, recipient, (due_month, due_day, due_year))
    rule = reporting_rule_add(
        actor=actor,
        plan=plan,
        period_kind=period_kind,
        label=label.strip(),
        reporter_level=reporter_level,
        recipient=recipient.strip(),
        due_month=due_month,
        due_day=due_day,
        period_number=period_number,
        due_year=due_year,
    )
    audit_record(actor=actor, action="reporting_rule_add", obj=plan, after={"label": rule.label})
    return rule
