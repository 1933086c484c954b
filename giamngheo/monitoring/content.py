"""The monitoring report (Circular 10/2022, Mẫu 01): results framework, results, budget, line agencies."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q

from giamngheo.monitoring.models import IndicatorValue, Report, RoundKind
from giamngheo.monitoring.selectors import TIMELINESS_LABELS, days_late, plan_achievement, report_timeliness
from giamngheo.programs.models import Plan, TargetGroup, Task
from giamngheo.programs.selectors import budget_summary


def group_label(group: str) -> str:
    """The Vietnamese label of a target group («Toàn địa bàn»), never its code."""
    return str(TargetGroup(group).label) if group in TargetGroup.values else group


def _framework(report: Report) -> list[dict[str, Any]]:
    plan = report.round.plan
    if plan is None:
        return []
    is_commune = report.commune_id is not None
    rows = []
    for row in plan_achievement(plan, report.round.period, unit=report.unit if is_commune else None):
        target = row.target
        rows.append(
            {
                "indicator": target.indicator.name,
                "unit_label": target.indicator.unit_label,
                "group": str(target.get_group_display()),
                "target": target.text,
                "where": (target.target_unit or plan.unit).name,
                "actual": row.actual.value,
                "origin": row.actual.origin,
                "local": row.local.value if row.local is not None else None,
                "status": row.achievement.status,
                "status_label": str(row.achievement.status.label),
                "message": row.actual.message or row.achievement.message,
            }
        )
    return rows


def _budget(plan: Plan, agency_id: int | None) -> list[dict[str, Any]]:
    return [
        {
            "line": str(row["line"].project or "Chung"),
            "source": row["line"].get_source_display(),
            "expenditure": row["line"].get_expenditure_display(),
            "planned": row["planned"],
            "allocated": row["allocated"],
            "disbursed": row["disbursed"],
            "rate": row["rate"],
        }
        for row in budget_summary(plan).execution
        if agency_id is None
        or (row["line"].project is not None and row["line"].project.lead_agency_id == agency_id)
    ]


def _agency_tasks(report: Report, plan: Plan) -> list[dict[str, Any]]:
    """The tasks the agency leads in the plan (only the closed-out project's, for a project close-out)."""
    tasks = Task.objects.filter(plan=plan, lead_agency_id=report.agency_id).select_related("project")
    if report.round.project_id is not None:
        tasks = tasks.filter(project_id=report.round.project_id)
    return [
        {
            "number": task.number,
            "content": task.content,
            "project": str(task.project or ""),
            "due_date": task.due_date.strftime("%d/%m/%Y") if task.due_date else "",
            "status": task.status,
            "status_label": str(task.get_status_display()),
        }
        for task in tasks.order_by("order", "number")
    ]


def _agency_reports(report: Report) -> list[dict[str, Any]]:
    """The line agencies' reports of the round, for the standing agency's report (one query)."""
    rows = []
    agency_reports = (
        Report.objects.filter(round_id=report.round_id, agency__isnull=False)
        .select_related("agency")
        .annotate(
            tasks=Count("agency__tasks", filter=Q(agency__tasks__plan_id=report.round.plan_id)),
            done=Count(
                "agency__tasks",
                filter=Q(agency__tasks__plan_id=report.round.plan_id, agency__tasks__status="done"),
            ),
        )
        .order_by("agency__name")
    )
    for agency_report in agency_reports:
        timeliness = report_timeliness(agency_report)
        rows.append(
            {
                "agency": agency_report.agency.name if agency_report.agency else "",
                "status": agency_report.status,
                "status_label": str(agency_report.get_status_display()),
                "timeliness": str(TIMELINESS_LABELS[timeliness]),
                "days_late": days_late(agency_report),
                "tasks": agency_report.tasks,
                "done": agency_report.done,
                "summary": agency_report.summary if agency_report.is_locked else "",
            }
        )
    return rows


def report_content(report: Report) -> dict[str, Any]:
    """Generate the report's figures from data, for the report's unit (or line agency) and period."""
    reporting_round = report.round
    period = reporting_round.period
    plan = reporting_round.plan
    is_agency = report.agency_id is not None
    is_commune = report.commune_id is not None
    results = [
        {
            "indicator": value.indicator.name,
            "unit_label": value.indicator.unit_label,
            "group": group_label(value.group),
            "value": value.value,
            "note": value.note,
        }
        for value in IndicatorValue.objects.filter(unit=report.unit, period=period).select_related(
            "indicator"
        )
    ]
    tasks: dict[str, int] = {}
    budget: list[dict[str, Any]] = []
    agency_tasks: list[dict[str, Any]] = []
    if plan is not None and is_agency:
        agency_tasks = _agency_tasks(report, plan)
        budget = _budget(plan, report.agency_id)
    elif plan is not None and not is_commune:
        tasks = dict(plan.tasks.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        budget = _budget(plan, None)
    return {
        "unit": report.reporter,
        "period": period.label,
        "kind": str(reporting_round.get_kind_display()),
        "title": reporting_round.label,
        "request": reporting_round.request,
        "plan": str(plan) if plan else "",
        "framework": [] if is_agency else _framework(report),
        "results": [] if is_agency else results,
        "tasks": tasks,
        "agency_tasks": agency_tasks,
        "budget": budget,
        "agency_reports": _agency_reports(report) if not (is_agency or is_commune) else [],
        "close_out": reporting_round.kind == RoundKind.CLOSE_OUT,
    }


def to_snapshot(content: dict[str, Any]) -> dict[str, Any]:
    """The content as JSON-ready data (decimals as exact strings) to freeze into the report."""
    snapshot: dict[str, Any] = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
    return snapshot


def report_figures(report: Report) -> dict[str, Any]:
    """The frozen figures of a submitted report, or figures generated now for an open one."""
    if report.snapshot is not None and report.status in {"submitted", "approved"}:
        return dict(report.snapshot)
    return report_content(report)
