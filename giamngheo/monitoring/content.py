"""The monitoring report (Circular 10/2022, Mẫu 01): results framework, results, budget, line agencies."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q

from giamngheo.core.models import Period, PeriodKind, period_bounds
from giamngheo.monitoring.achievement import Achievement
from giamngheo.monitoring.memo import shared_figures
from giamngheo.monitoring.models import IndicatorValue, Report, RoundKind
from giamngheo.monitoring.selectors import (
    TIMELINESS_LABELS,
    TargetRow,
    days_late,
    plan_achievement,
    report_timeliness,
    value_for,
)
from giamngheo.programs.models import Plan, TargetGroup, Task
from giamngheo.programs.selectors import budget_summary

# Where a computed indicator's figure comes from, by the prefix of its computation's name.
DATASETS = {
    "registry": "sổ hộ nghèo, hộ cận nghèo (hộ đang quản lý, diện đã công nhận, phiếu rà soát)",
    "support": "sổ theo dõi hỗ trợ (bản ghi đã giao, còn hiệu lực)",
    "programs": "kế hoạch, kinh phí và nhiệm vụ của kế hoạch",
    "monitoring": "các đợt báo cáo",
}


def completion_rate(achievement: Achievement, better: str, kind: str) -> Decimal | None:
    """The share of the goal reached (%): value over goal, or goal over value when lower is better."""
    compared, goal = achievement.compared, achievement.goal
    if compared is None or goal is None:
        return None
    lower_level = better == "lower" and kind in {"level", "coverage", "count"}
    numerator, denominator = (goal, compared) if lower_level else (compared, goal)
    if not denominator:
        return None
    return (numerator * 100 / denominator).quantize(Decimal("0.01"))


def value_source(row: TargetRow, unit_name: str, period_label: str) -> str:
    """The query or entry behind a framework row's value, in words an auditor can follow."""
    indicator = row.target.indicator
    actual = row.actual
    target = f"Chỉ tiêu số {row.target.pk} của kế hoạch {row.target.plan.number}"
    if actual.origin == "computed":
        dataset = DATASETS.get(indicator.computation.split("_", 1)[0], "dữ liệu hệ thống")
        return (
            f"{target}; thực hiện: tính tự động ({indicator.computation}) từ {dataset}, "
            f"{unit_name}, đến hết {period_label}"
        )
    if actual.origin == "entered":
        note = f" — {actual.message}" if actual.message else ""
        return f"{target}; thực hiện: số liệu nhập (giá trị chỉ số {indicator.code}, {unit_name}){note}"
    if actual.origin == "aggregated":
        return f"{target}; thực hiện: {actual.message} ({indicator.code})"
    return f"{target}; {actual.message or 'chưa có số liệu'}"


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
                "target_id": target.pk,
                "code": target.indicator.code,
                "baseline": target.baseline_value,
                "baseline_year": target.baseline_year,
                "target_year": target.target_year,
                "rate": completion_rate(row.achievement, target.indicator.better, target.kind),
                "trace": value_source(
                    row, (target.target_unit or target.plan.unit).name, report.round.period.label
                ),
                "indicator": target.indicator.name,
                "unit_label": target.indicator.unit_label,
                "group": str(target.get_group_display()),
                "target": target.text,
                "where": (target.target_unit or target.plan.unit).name,
                "actual": row.actual.value,
                "origin": row.actual.origin,
                "local": row.local.value if row.local is not None else None,
                "status": row.achievement.status,
                "status_label": str(row.achievement.status.label),
                "message": row.actual.message or row.achievement.message,
            }
        )
    return rows


def _close_out(report: Report) -> list[dict[str, Any]]:
    """A close-out over several years: each target's baseline, its value at the end of the first year and
    at the end of the period, and the change over the period (values as of each year's last day)."""
    reporting_round = report.round
    plan, first_year = reporting_round.plan, reporting_round.from_year
    if plan is None or first_year is None:
        return []
    start, end = period_bounds(first_year, PeriodKind.YEAR, 1)
    first = Period(year=first_year, kind=PeriodKind.YEAR, number=1, start_date=start, end_date=end)
    rows = []
    for row in plan_achievement(plan, reporting_round.period):
        target = row.target
        where = target.target_unit or target.plan.unit
        opening = value_for(target.indicator, where, first, target.group).value
        closing = row.actual.value
        rows.append(
            {
                "target": target.text,
                "unit_label": target.indicator.unit_label,
                "baseline_year": target.baseline_year,
                "baseline": target.baseline_value,
                "first_year": first_year,
                "first": opening,
                "last": closing,
                "change": closing - opening if closing is not None and opening is not None else None,
                "status_label": str(row.achievement.status.label),
                "trace": f"Chỉ tiêu số {target.pk}; giá trị cuối năm {first_year} và cuối kỳ "
                f"{reporting_round.period.label.lower()} của chỉ số {target.indicator.code}, {where.name}",
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
            "trace": f"Dòng kinh phí số {row['line'].pk}, kế hoạch {plan.number}; "
            "dự toán = tổng phân bổ; "
            f"giải ngân = nhập tay {row['disbursed_manual']:f} + sổ hỗ trợ {row['disbursed_ledger']:.3f}",
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
    """Generate the report's figures from data, for the report's unit (or line agency) and period.

    Every figure read from the registry is read once for the whole report (`shared_figures`): the framework
    and the close-out ask the same units the same things.
    """
    with shared_figures():
        return _report_content(report)


def _report_content(report: Report) -> dict[str, Any]:
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
            "trace": f"Số liệu nhập: giá trị chỉ số số {value.pk} ({value.indicator.code}, "
            f"{report.unit.name}, {period.label})" + (f" — {value.note}" if value.note else ""),
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
        "plan_number": plan.number if plan else "",
        "framework": [] if is_agency else _framework(report),
        "results": [] if is_agency else results,
        "tasks": tasks,
        "agency_tasks": agency_tasks,
        "budget": budget,
        "agency_reports": _agency_reports(report) if not (is_agency or is_commune) else [],
        "close_out": reporting_round.kind == RoundKind.CLOSE_OUT,
        "close_out_years": (
            f"{reporting_round.from_year}–{period.year}" if reporting_round.from_year is not None else ""
        ),
        "close_out_rows": [] if is_agency or is_commune else _close_out(report),
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
