"""Infrastructure works: create, edit, record progress (insert-only history) and maintenance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.geo.models import AdminUnit
from giamngheo.programs.models import Agency, BudgetLine, PlanProject, ProgramComponent, Task
from giamngheo.works.models import Work, WorkCapital, WorkKind, WorkMaintenance, WorkProgress
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

EDITABLE = (
    "name",
    "kind",
    "village",
    "investor",
    "plan_project",
    "component",
    "budget_line",
    "task",
    "started_on",
    "planned_completion_on",
    "latitude",
    "longitude",
    "description",
)


def _check(fields: dict[str, Any], commune: AdminUnit) -> None:
    if fields["kind"] not in WorkKind.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="kind")
    village = fields.get("village")
    if village is not None and village.parent_id != commune.pk:
        raise AppError(ErrorCode.INVALID, _("Thôn không thuộc xã của công trình."), field="village")
    province = commune.province or commune
    check_links(province, fields, agency_field="investor", communes={commune.pk})
    check_coordinates(fields.get("latitude"), fields.get("longitude"))
    started, planned = fields.get("started_on"), fields.get("planned_completion_on")
    if started and planned and planned < started:
        raise AppError(
            ErrorCode.INVALID,
            _("Ngày hoàn thành theo kế hoạch trước ngày khởi công."),
            field="planned_completion_on",
        )


def _capital_set(work: Work, capital: dict[str, Decimal]) -> None:
    WorkCapital.objects.filter(work=work).exclude(source__in=list(capital)).delete()
    for source, amount in capital.items():
        WorkCapital.objects.update_or_create(work=work, source=source, defaults={"amount": amount})


@transaction.atomic
def work_create(
    *,
    actor: Any,
    commune: AdminUnit,
    name: str,
    kind: str,
    village: AdminUnit | None = None,
    investor: Agency | None = None,
    plan_project: PlanProject | None = None,
    component: ProgramComponent | None = None,
    budget_line: BudgetLine | None = None,
    task: Task | None = None,
    started_on: dt.date | None = None,
    planned_completion_on: dt.date | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    description: str = "",
    capital: Mapping[str, Any] | None = None,
) -> Work:
    """Register a work in a commune; capital is given by budget source in million VND."""
    check_commune(commune)
    require_writer(actor, commune, investor)
    fields: dict[str, Any] = {
        "name": check_name(name),
        "kind": kind,
        "village": village,
        "investor": investor,
        "plan_project": plan_project,
        "component": component or (plan_project.component if plan_project else None),
        "budget_line": budget_line,
        "task": task,
        "started_on": started_on,
        "planned_completion_on": planned_completion_on,
        "latitude": latitude,
        "longitude": longitude,
        "description": description.strip(),
    }
    _check(fields, commune)
    money = clean_money(capital, "capital")
    work = Work.objects.create(
        commune=commune, province=commune.province or commune, created_by=actor_or_none(actor), **fields
    )
    _capital_set(work, money)
    audit_record(
        actor=actor,
        action=AuditAction.WORK_CREATE,
        obj=work,
        after={"name": work.name, "kind": kind, "capital": {k: str(v) for k, v in money.items()}},
    )
    return work


@transaction.atomic
def work_update(
    *, actor: Any, work: Work, data: Mapping[str, Any], capital: Mapping[str, Any] | None = None
) -> Work:
    """Change a work's description, links, dates and coordinates (progress has its own history)."""
    work = Work.objects.select_for_update(of=("self",)).select_related("commune", "investor").get(pk=work.pk)
    require_writer(actor, work.commune, work.investor)
    fields = {name: data.get(name, getattr(work, name)) for name in EDITABLE}
    fields["name"] = check_name(fields["name"])
    fields["description"] = (fields["description"] or "").strip()
    if fields["investor"] != work.investor:
        require_writer(actor, work.commune, fields["investor"])
    _check(fields, work.commune)
    work, _changed = model_update(
        instance=work, fields=EDITABLE, data=fields, actor=actor, action=AuditAction.WORK_UPDATE
    )
    if capital is not None:
        _capital_set(work, clean_money(capital, "capital"))
    return work


@transaction.atomic
def work_progress_record(
    *,
    actor: Any,
    work: Work,
    on: dt.date,
    percent: int,
    note: str = "",
    completed_on: dt.date | None = None,
    handed_over_on: dt.date | None = None,
    today: dt.date,
) -> WorkProgress:
    """Record where a work stands; 100 % with a completion date completes it, a handover date hands it over.

    Progress never goes back (a lower figure than the latest report is refused), and a report is not
    dated before the latest one.
    """
    work = Work.objects.select_for_update(of=("self",)).select_related("commune", "investor").get(pk=work.pk)
    require_writer(actor, work.commune, work.investor)
    check_not_future(on, today, "on")
    check_not_future(completed_on, today, "completed_on")
    check_not_future(handed_over_on, today, "handed_over_on")
    if not 0 <= percent <= 100:
        raise AppError(ErrorCode.INVALID, _("Tiến độ phải từ 0 đến 100 %."), field="percent")
    latest = WorkProgress.objects.filter(work=work).order_by("-on", "-pk").first()
    if latest is not None and (percent < latest.percent or on < latest.on):
        raise AppError(ErrorCode.WORKS_PROGRESS_BACKWARDS, field="percent")
    completed_on = completed_on or work.completed_on or (on if percent == 100 else None)
    if completed_on is not None and percent != 100:
        raise AppError(ErrorCode.INVALID, _("Công trình hoàn thành phải đạt 100 %."), field="percent")
    if work.started_on and completed_on and completed_on < work.started_on:
        raise AppError(ErrorCode.INVALID, _("Ngày hoàn thành trước ngày khởi công."), field="completed_on")
    handed_over_on = handed_over_on or work.handed_over_on
    if handed_over_on is not None and (completed_on is None or handed_over_on < completed_on):
        raise AppError(
            ErrorCode.INVALID, _("Chỉ bàn giao sau khi công trình hoàn thành."), field="handed_over_on"
        )
    report = WorkProgress.objects.create(
        work=work, on=on, percent=percent, note=note.strip()[:255], recorded_by=actor_or_none(actor)
    )
    before = {
        "progress": work.progress,
        "completed_on": work.completed_on,
        "handed_over_on": work.handed_over_on,
    }
    work.progress = percent
    work.completed_on = completed_on
    work.handed_over_on = handed_over_on
    work.started_on = work.started_on or on
    work.version += 1
    work.save(update_fields=["progress", "completed_on", "handed_over_on", "started_on", "version"])
    audit_record(
        actor=actor,
        action=AuditAction.WORK_PROGRESS,
        obj=work,
        before=before,
        after={"progress": percent, "completed_on": completed_on, "handed_over_on": handed_over_on},
    )
    return report


@transaction.atomic
def work_maintenance_record(
    *, actor: Any, work: Work, on: dt.date, description: str, cost: Decimal | None = None, today: dt.date
) -> WorkMaintenance:
    """Record maintenance or repair of a handed-over work."""
    work = Work.objects.select_for_update(of=("self",)).select_related("commune", "investor").get(pk=work.pk)
    require_writer(actor, work.commune, work.investor)
    check_not_future(on, today, "on")
    if work.handed_over_on is None:
        raise AppError(ErrorCode.INVALID, _("Công trình chưa bàn giao; chưa ghi duy tu được."), field="on")
    if cost is not None and (cost < 0 or cost != cost.quantize(Decimal("0.001"))):
        raise AppError(ErrorCode.INVALID, _("Số tiền không hợp lệ."), field="cost")
    record = WorkMaintenance.objects.create(
        work=work,
        on=on,
        description=check_name(description, "description"),
        cost=cost,
        recorded_by=actor_or_none(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.WORK_MAINTENANCE,
        obj=work,
        after={"on": on, "description": record.description, "cost": cost},
    )
    return record
