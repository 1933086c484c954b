"""Applying a checked plan workbook through the services: a dry run for the preview, then all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction

from giamngheo.core.errors import AppError, PermissionDenied
from giamngheo.programs import services
from giamngheo.programs.imports.columns import ALLOCATION, BUDGET, COLUMNS, TARGETS, TASKS
from giamngheo.programs.imports.read import ParsedPlan
from giamngheo.programs.models import Plan, PlanAllocation
from giamngheo.programs.selectors import AllocationTable, BudgetSummary, allocation_table, budget_summary
from giamngheo.standards.interchange import InterchangeError


@dataclass
class ImportResult:
    """What an import did (or would do): counts per sheet, problems, and the plan's computed tables."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[InterchangeError] = field(default_factory=list)
    allocation: AllocationTable[PlanAllocation] | None = None
    budget: BudgetSummary | None = None

    def count(self, sheet: str, outcome: str) -> None:
        counts = self.counts.setdefault(sheet, {"created": 0, "updated": 0, "unchanged": 0})
        counts[outcome] += 1

    @property
    def changes(self) -> int:
        return sum(c["created"] + c["updated"] for c in self.counts.values())


# Service field names → the column the user sees.
FIELD_COLUMNS = {
    "value_low": "value_low",
    "value_high": "value_high",
    "target_year": "target_year",
    "baseline_year": "baseline_year",
    "text": "text",
    "kind": "kind",
    "bound": "bound",
    "group": "group",
    "amount": "amount",
    "source": "source",
    "expenditure": "expenditure",
    "project": "project",
    "number": "number",
    "content": "content",
    "lead_agency": "lead_agency",
    "label": "label",
    "start_poor": "start_poor",
    "start_total": "start_total",
    "reduction": "reduction",
    "projected_total": "projected_total",
}


class _Refused(Exception):
    pass


def _step(
    result: ImportResult, file: str, sheet: str, row: int, action: Callable[[], Any], values: dict[str, Any]
) -> bool:
    """Run one service in a savepoint; a refusal becomes an error located at the row and column."""
    try:
        with transaction.atomic():
            action()
    except PermissionDenied:
        raise
    except AppError as error:
        key = FIELD_COLUMNS.get(error.field or "")
        header = {k: h for k, h, _r in COLUMNS[sheet]}.get(key or "")
        value = values.get(key or "")
        result.errors.append(
            InterchangeError(
                f"{file} › {sheet}", row, header, None if value is None else str(value), error.message
            )
        )
        return False
    return True


def _same(obj: Any, values: dict[str, Any], names: list[str]) -> bool:
    return all(getattr(obj, name) == values[name] for name in names)


def _upsert(
    result: ImportResult,
    place: tuple[str, str, int, dict[str, Any]],
    *,
    found: bool,
    same: bool,
    write: Callable[[], Any],
) -> None:
    """Count a row that changes nothing, or run the service that corrects or adds it and count that.

    `place` is the file, the sheet, the row number and the row's values (to locate a refusal).
    """
    file, sheet, row, values = place
    if found and same:
        result.count(sheet, "unchanged")
    elif _step(result, file, sheet, row, write, values):
        result.count(sheet, "updated" if found else "created")


def _apply(actor: Any, plan: Plan, parsed: ParsedPlan, file: str) -> ImportResult:
    result = ImportResult()
    _apply_targets(actor, plan, parsed, file, result)
    if parsed.allocation:
        _apply_allocation(actor, plan, parsed, file, result)
    _apply_budget(actor, plan, parsed, file, result)
    _apply_tasks(actor, plan, parsed, file, result)
    return result


def _apply_targets(actor: Any, plan: Plan, parsed: ParsedPlan, file: str, result: ImportResult) -> None:
    targets = {target.text: target for target in plan.targets.all()}
    target_fields = ["indicator", "group", "target_unit", "kind", "bound", "value_low", "value_high"]
    target_fields += ["target_year", "baseline_value", "baseline_year", "note"]
    for row, values in parsed.targets:
        existing = targets.get(values["text"])
        _upsert(
            result,
            (file, TARGETS, row, values),
            found=existing is not None,
            same=existing is not None and _same(existing, values, target_fields),
            write=partial(services.plan_target_update, actor=actor, target=existing, **values)
            if existing is not None
            else partial(services.plan_target_add, actor=actor, plan=plan, **values),
        )


def _apply_budget(actor: Any, plan: Plan, parsed: ParsedPlan, file: str, result: ImportResult) -> None:
    lines = {
        (line.project.local_number if line.project else None, line.source, line.expenditure): line
        for line in plan.budget_lines.select_related("project")
    }
    for row, values in parsed.lines:
        line = lines.get((values["project_number"], values["source"], values["expenditure"]))
        _upsert(
            result,
            (file, BUDGET, row, {**values, "project": values["project_number"]}),
            found=line is not None,
            same=line is not None and line.amount == values["amount"],
            write=partial(services.budget_line_set, actor=actor, plan=plan, **values),
        )
    statements = {(s.group, s.expenditure): s for s in plan.budget_statements.all()}
    for row, values in parsed.statements:
        statement = statements.get((values["group"], values["expenditure"]))
        _upsert(
            result,
            (file, BUDGET, row, {**values, "source": values["group"]}),
            found=statement is not None,
            same=statement is not None and statement.amount == values["amount"],
            write=partial(services.budget_statement_set, actor=actor, plan=plan, **values),
        )


def _apply_tasks(actor: Any, plan: Plan, parsed: ParsedPlan, file: str, result: ImportResult) -> None:
    tasks = {task.number: task for task in plan.tasks.select_related("lead_agency", "project")}
    for row, values in parsed.tasks:
        task = tasks.get(values["number"])
        _upsert(
            result,
            (file, TASKS, row, values),
            found=task is not None,
            same=task is not None and _task_same(task, values),
            write=partial(services.task_update, actor=actor, task=task, **values)
            if task is not None
            else partial(services.task_add, actor=actor, plan=plan, **values),
        )


def _task_same(task: Any, values: dict[str, Any]) -> bool:
    return (
        task.content == values["content"]
        and task.lead_agency.name == values["lead_agency"]
        and sorted(a.name for a in task.coordinating_agencies.all())
        == sorted(values["coordinating_agencies"])
        and task.coordination_text == values["coordination_text"]
        and task.product == values["product"]
        and task.timeframe == values["timeframe"]
        and task.due_date == values["due_date"]
        and (task.project.local_number if task.project else None) == values["project_number"]
    )


def _apply_allocation(actor: Any, plan: Plan, parsed: ParsedPlan, file: str, result: ImportResult) -> None:
    rows = [row for _number, row in parsed.allocation]
    names = ["label", "unit", "start_poor", "start_total", "reduction", "projected_total"]
    names += ["stated_start_rate", "stated_target_rate", "note"]
    current = list(plan.allocations.select_related("unit"))
    if len(current) == len(rows) and all(
        all(getattr(old, name) == getattr(new, name) for name in names)
        for old, new in zip(current, rows, strict=True)
    ):
        for _row in rows:
            result.count(ALLOCATION, "unchanged")
        return
    try:
        with transaction.atomic():
            services.plan_allocation_set(actor=actor, plan=plan, rows=rows)
    except PermissionDenied:
        raise
    except AppError as error:
        number = error.details.get("row")
        excel_row = parsed.allocation[number - 1][0] if number else None
        key = FIELD_COLUMNS.get(error.field or "")
        header = {k: h for k, h, _r in COLUMNS[ALLOCATION]}.get(key or "")
        value = getattr(rows[number - 1], key, None) if number and key else None
        result.errors.append(
            InterchangeError(
                f"{file} › {ALLOCATION}",
                excel_row,
                header,
                None if value is None else str(value),
                error.message,
            )
        )
        return
    for _row in rows:
        result.count(ALLOCATION, "created" if not current else "updated")


def plan_import_check(*, actor: Any, plan: Plan, parsed: ParsedPlan, file: str) -> ImportResult:
    """What importing would do, and the tables it would produce: applied, measured, then rolled back."""
    result = ImportResult()
    try:
        with transaction.atomic():
            result = _apply(actor, plan, parsed, file)
            result.allocation = allocation_table(plan)
            result.budget = budget_summary(plan)
            raise _Refused
    except _Refused:
        pass
    return result


def plan_import_apply(*, actor: Any, plan: Plan, parsed: ParsedPlan, file: str) -> ImportResult:
    """Apply the file: every row or none (a single refused row rolls back the whole import)."""
    if parsed.errors:
        return ImportResult(errors=list(parsed.errors))
    result = ImportResult()
    try:
        with transaction.atomic():
            result = _apply(actor, plan, parsed, file)
            if result.errors:
                raise _Refused
    except _Refused:
        result.counts = {}
    return result
