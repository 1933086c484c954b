"""The monitoring report (Circular 10/2022, Mẫu 01): results framework, results, budget execution."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count

from giamngheo.monitoring.achievement import Achievement
from giamngheo.monitoring.models import IndicatorValue, Report
from giamngheo.monitoring.selectors import TargetRow, plan_achievement
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
                    "target_id": target.pk,
                    "code": target.indicator.code,
                    "baseline": target.baseline_value,
                    "baseline_year": target.baseline_year,
                    "target_year": target.target_year,
                    "rate": completion_rate(row.achievement, target.indicator.better, target.kind)
                    if show_status
                    else None,
                    "trace": value_source(row, report.unit.name, period.label),
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
            "trace": f"Số liệu nhập: giá trị chỉ số số {value.pk} ({value.indicator.code}, "
            f"{report.unit.name}, {period.label})" + (f" — {value.note}" if value.note else ""),
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
                "trace": f"Dòng kinh phí số {row['line'].pk}, kế hoạch {plan.number}; "
                "dự toán = tổng phân bổ; "
                f"giải ngân = nhập tay {row['disbursed_manual']:f} + sổ hỗ trợ {row['disbursed_ledger']:.3f}",
            }
            for row in budget_summary(plan).execution
        ]
    return {
        "unit": report.unit.name,
        "period": period.label,
        "plan": str(plan) if plan else "",
        "plan_number": plan.number if plan else "",
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
