"""Writes to a plan's task matrix (rows, status history) and its reporting calendar."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import has_permission, require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.programs.catalogue import agency_get_or_create
from giamngheo.programs.models import (
    AgencyMember,
    Plan,
    Recurrence,
    ReporterLevel,
    ReportingRule,
    Task,
    TaskOccurrenceDone,
    TaskStatus,
    TaskUpdate,
)
from giamngheo.programs.recurrence import due_dates
from giamngheo.programs.services._base import _invalid, _project_by_number, _require_manage


def _check_task(
    plan: Plan,
    *,
    number: str,
    content: str,
    lead_agency: str,
    recurrence: tuple[str, datetime.date | None] = (Recurrence.ONCE, None),
    task: Task | None = None,
) -> str:
    """The rules of a task row, the same when it is added or corrected; returns the trimmed number."""
    kind, due_date = recurrence
    if kind not in Recurrence.values:
        raise _invalid(_("Kiểu lặp lại không hợp lệ."), "recurrence")
    if kind != Recurrence.ONCE and due_date is None:
        raise _invalid(_("Nhiệm vụ lặp lại cần hạn của lần đầu tiên."), "due_date")
    number = number.strip()
    if not number:
        raise _invalid(_("Cần nhập số thứ tự nhiệm vụ."), "number")
    if not content.strip():
        raise _invalid(_("Cần nhập nội dung công việc."), "content")
    if not lead_agency.strip():
        raise _invalid(_("Cần nhập cơ quan chủ trì."), "lead_agency")
    same_number = plan.tasks.filter(number=number)
    if task is not None:
        same_number = same_number.exclude(pk=task.pk)
    if same_number.exists():
        raise _invalid(_("Kế hoạch đã có nhiệm vụ số thứ tự này."), "number")
    return number


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
    recurrence: str = Recurrence.ONCE,
    project_number: str | None = None,
) -> Task:
    """Add a row of the task matrix: content, lead and coordinating agencies, product and deadline."""
    _require_manage(actor, plan)
    number = _check_task(
        plan, number=number, content=content, lead_agency=lead_agency, recurrence=(recurrence, due_date)
    )
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
        recurrence=recurrence,
        order=plan.tasks.count() + 1,
    )
    task.coordinating_agencies.set(
        [agency_get_or_create(province=plan.province, name=name) for name in coordinating_agencies if name]
    )
    audit_record(actor=actor, action=AuditAction.TASK_ADD, obj=task, after={"content": content})
    return task


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
    recurrence: str = Recurrence.ONCE,
    project_number: str | None = None,
) -> Task:
    """Correct a row of the task matrix; its status and history are kept."""
    plan = task.plan
    _require_manage(actor, plan)
    number = _check_task(
        plan,
        number=number,
        content=content,
        lead_agency=lead_agency,
        recurrence=(recurrence, due_date),
        task=task,
    )
    fields: dict[str, Any] = {
        "number": number,
        "content": content.strip(),
        "lead_agency": agency_get_or_create(province=plan.province, name=lead_agency),
        "coordination_text": coordination_text.strip(),
        "product": product.strip(),
        "timeframe": timeframe.strip(),
        "due_date": due_date,
        "recurrence": recurrence,
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
        action=AuditAction.TASK_UPDATE,
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
            ErrorCode.INVALID,
            _("Nhiệm vụ đã có lịch sử cập nhật; hãy chuyển sang «Dừng thực hiện» thay vì xóa."),
            field="number",
        )
    content = task.content
    audit_record(actor=actor, action=AuditAction.TASK_REMOVE, obj=plan, before={"task": content})
    task.delete()


def _require_task_owner(actor: Any, task: Task) -> None:
    """The plan's managers and the members of the task's lead agency update a task."""
    plan = task.plan
    if has_permission(actor, Permission.MANAGE_PLANS, plan.managed_at):
        return
    require_permission(actor, Permission.UPDATE_TASKS, plan.province)
    if not AgencyMember.objects.filter(agency_id=task.lead_agency_id, user=actor).exists():
        raise AppError(ErrorCode.TASK_NOT_OWN_AGENCY, field="status")


@transaction.atomic
def task_status_set(*, actor: Any, task: Task, status: str, note: str = "") -> TaskUpdate:
    """Move a task to a new status; the change is kept as a row of its history."""
    _require_task_owner(actor, task)
    if status not in TaskStatus.values:
        raise _invalid(_("Tình trạng nhiệm vụ không hợp lệ."), "status")
    if status == task.status and not note:
        raise _invalid(_("Nhiệm vụ đã ở tình trạng này; hãy ghi chú nếu muốn cập nhật tiến độ."), "status")
    before = task.status
    update = TaskUpdate.objects.create(task=task, status=status, note=note, actor=actor)
    task.status = status
    task.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.TASK_STATUS_SET,
        obj=task,
        before={"status": before},
        after={"status": status},
    )
    return update


@transaction.atomic
def task_occurrence_complete(
    *, actor: Any, task: Task, due_date: datetime.date, note: str = ""
) -> TaskOccurrenceDone:
    """Record that one occurrence of a recurring task (the one due on `due_date`) is done, today."""
    _require_task_owner(actor, task)
    if due_date not in due_dates(task, task.plan.end_year):
        raise _invalid(_("Nhiệm vụ không có hạn vào ngày này."), "due_date")
    try:
        with transaction.atomic():
            done = TaskOccurrenceDone.objects.create(task=task, due_date=due_date, note=note, actor=actor)
    except IntegrityError as error:  # taskoccurrence_unique_due decides, never check-then-create
        raise _invalid(_("Lần thực hiện này đã được ghi hoàn thành."), "due_date") from error
    audit_record(
        actor=actor,
        action=AuditAction.TASK_STATUS_SET,
        obj=task,
        after={"occurrence": due_date.isoformat(), "status": TaskStatus.DONE},
    )
    return done


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
    """Add a line of the reporting calendar: who reports what to whom by which day; checked, then audited."""
    _require_manage(actor, plan)
    _check_rule(reporter_level, label, recipient, (due_month, due_day, due_year))
    rule = ReportingRule.objects.create(
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
    audit_record(actor=actor, action=AuditAction.REPORTING_RULE_ADD, obj=plan, after={"label": rule.label})
    return rule


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
    rule, _changed = model_update(
        instance=rule,
        fields=fields,
        data=fields,
        actor=actor,
        action=AuditAction.REPORTING_RULE_UPDATE,
        subject=plan,
    )
    return rule


@transaction.atomic
def reporting_rule_remove(*, actor: Any, rule: ReportingRule) -> None:
    """Remove a line of the reporting calendar (rounds already opened keep their deadlines)."""
    plan = rule.plan
    _require_manage(actor, plan)
    before = {"label": rule.label, "due": f"{rule.due_day}/{rule.due_month}"}
    rule.delete()
    audit_record(actor=actor, action=AuditAction.REPORTING_RULE_REMOVE, obj=plan, before=before)
