"""The monitoring report (Circular 10/2022, Mẫu 01): results framework, results, budget execution."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count

from giamngheo.monitoring.models import IndicatorValue, Report
from giamngheo.monitoring.selectors import plan_achievement
from giamngheo.programs.selectors import budget_summary


def report_content(report: Report) -> dict[str, Any]:
    """Generate the report's figures from data, for the report's unit and period."""
    reporting_round = report.round
    period = reporting_round.period
    plan = reporting_round.plan
    is_commune = report.commune_id is not None
    framework = []
    if plan is not None:
        for row in plan_achievement(plan, period, unit=report.unit if is_commune else None):
            target = row.target
            show_status = not (is_commune and target.kind in {"count", "change_over_period"})
            framework.append(
                {
                    "indicator": target.indicator.name,
                    "unit_label": target.indicator.unit_label,
                    "group": target.get_group_display(),
                    "target": target.text,
                    "actual": row.actual.value,
                    "origin": row.actual.origin,
                    "status": row.achievement.status if show_status else "",
                    "status_label": row.achievement.status.label if show_status else "",
                    "message": row.actual.message or row.achievement.message,
                }
            )
    results = [
        {
            "indicator": value.indicator.name,
            "unit_label": value.indicator.unit_label,
            "group": value.group,
            "value": value.value,
            "note": value.note,
        }
        for value in IndicatorValue.objects.filter(unit=report.unit, period=period).select_related(
            "indicator"
        )
    ]
    tasks: dict[str, int] = {}
    budget: list[dict[str, Any]] = []
    if plan is not None and not is_commune:
        tasks = dict(plan.tasks.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        budget = [
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
        ]
    return {
        "unit": report.unit.name,
        "period": period.label,
        "plan": str(plan) if plan else "",
        "framework": framework,
        "results": results,
        "tasks": tasks,
        "budget": budget,
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
