"""Checking each row of a plan workbook against the plan: indicators, units, choices, projects."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from giamngheo.geo.models import AdminUnit
from giamngheo.programs import services
from giamngheo.programs.forms import agency_names
from giamngheo.programs.imports.columns import ALLOCATION, BUDGET, LINE, STATEMENT, TARGETS, TASKS
from giamngheo.programs.imports.read import ParsedPlan, Sheet, choice_options, read_sheets
from giamngheo.programs.models import (
    BudgetSource,
    Expenditure,
    Indicator,
    Plan,
    TargetBound,
    TargetGroup,
    TargetKind,
)
from giamngheo.programs.models.budget import SOURCE_GROUP_LABELS
from giamngheo.programs.unit_choices import unit_by_code, units_of_provinces
from giamngheo.standards.interchange import normalise


def _unit(sheet: Sheet, units: Any, plan: Plan) -> AdminUnit | None:
    code = sheet.text("unit_code")
    if not code:
        return None
    unit = unit_by_code(code, units, plan.unit.tree)
    if unit is None:
        sheet.fail("unit_code", gettext("không có đơn vị mã này trong tỉnh của kế hoạch"))
    return unit


def _check_targets(sheet: Sheet, plan: Plan, units: Any, parsed: ParsedPlan) -> None:
    indicators = {normalise(indicator.name): indicator for indicator in Indicator.objects.all()}
    indicators |= {normalise(indicator.code): indicator for indicator in Indicator.objects.all()}
    seen: set[str] = set()
    for row in sheet.rows():
        text = sheet.text("text", required=True)
        if text and text in seen:
            sheet.fail("text", gettext("chỉ tiêu bị lặp trong tệp"))
        seen.add(text)
        raw_indicator = sheet.text("indicator", required=True)
        indicator = indicators.get(normalise(raw_indicator)) if raw_indicator else None
        if raw_indicator and indicator is None:
            sheet.fail("indicator", gettext("không có trong danh mục chỉ số"))
        values = {
            "text": text,
            "indicator": indicator,
            "group": sheet.choice("group", choice_options(TargetGroup.choices), default=TargetGroup.ALL),
            "target_unit": _unit(sheet, units, plan),
            "kind": sheet.choice("kind", choice_options(TargetKind.choices)),
            "bound": sheet.choice("bound", choice_options(TargetBound.choices)),
            "value_low": sheet.number("value_low"),
            "value_high": sheet.number("value_high"),
            "target_year": sheet.number("target_year", required=True, integer=True),
            "baseline_value": sheet.number("baseline_value"),
            "baseline_year": sheet.number("baseline_year", integer=True),
            "note": sheet.text("note", limit=255),
        }
        if not sheet.failed:
            parsed.targets.append((row, values))


def _check_allocation(sheet: Sheet, plan: Plan, units: Any, parsed: ParsedPlan) -> None:
    seen: set[str] = set()
    for row in sheet.rows():
        label = sheet.text("label", required=True, limit=128)
        if label and label in seen:
            sheet.fail("label", gettext("đơn vị bị lặp trong tệp"))
        seen.add(label)
        unit = _unit(sheet, units, plan)
        numbers = {
            key: sheet.number(key, required=True, integer=True)
            for key in ("start_poor", "start_total", "reduction", "projected_total")
        }
        rates = {key: sheet.number(key) for key in ("stated_start_rate", "stated_target_rate")}
        note = sheet.text("note", limit=255)
        if not sheet.failed:
            parsed.allocation.append(
                (row, services.AllocationRow(label=label, unit=unit, note=note, **numbers, **rates))
            )


def _check_budget(sheet: Sheet, plan: Plan, parsed: ParsedPlan) -> None:
    projects = {project.local_number for project in plan.projects.all()}
    kinds = {normalise(LINE): LINE, normalise(STATEMENT): STATEMENT, normalise("Dòng kinh phí"): LINE}
    seen: set[tuple[str, ...]] = set()
    for row in sheet.rows():
        kind = sheet.choice("row_kind", kinds, default=LINE)
        expenditure = sheet.choice(
            "expenditure", choice_options(Expenditure.choices), default=Expenditure.UNSPECIFIED
        )
        amount = sheet.number("amount", required=True)
        if kind == STATEMENT:
            group = sheet.choice("source", choice_options(list(SOURCE_GROUP_LABELS.items())))
            key: tuple[str, ...] = ("statement", str(group), str(expenditure))
            values = {"group": group, "expenditure": expenditure, "amount": amount}
        else:
            project = sheet.text("project", limit=32)
            if project and project not in projects:
                sheet.fail(
                    "project",
                    gettext("kế hoạch không có dự án số hiệu này (thêm dự án ở trang Dự án, kinh phí)"),
                )
            source = sheet.choice("source", choice_options(BudgetSource.choices))
            key = ("line", project, str(source), str(expenditure))
            values = {"project_number": project or None, "source": source, "expenditure": expenditure}
            values["amount"] = amount
        if key in seen and not sheet.failed:
            sheet.fail("source", gettext("dòng kinh phí bị lặp trong tệp (cùng dự án, nguồn và loại vốn)"))
        seen.add(key)
        if not sheet.failed:
            (parsed.statements if kind == STATEMENT else parsed.lines).append((row, values))


def _check_tasks(sheet: Sheet, plan: Plan, parsed: ParsedPlan) -> None:
    projects = {project.local_number for project in plan.projects.all()}
    seen: set[str] = set()
    for row in sheet.rows():
        number = sheet.text("number", required=True, limit=16)
        if number and number in seen:
            sheet.fail("number", gettext("STT bị lặp trong tệp"))
        seen.add(number)
        project = sheet.text("project", limit=32)
        if project and project not in projects:
            sheet.fail("project", gettext("kế hoạch không có dự án số hiệu này"))
        values = {
            "number": number,
            "content": sheet.text("content", required=True),
            "lead_agency": sheet.text("lead_agency", required=True, limit=255),
            "coordinating_agencies": agency_names(sheet.text("coordinating_agencies", limit=2000)),
            "coordination_text": sheet.text("coordination_text"),
            "product": sheet.text("product", limit=255),
            "timeframe": sheet.text("timeframe", limit=128),
            "due_date": sheet.date("due_date"),
            "project_number": project or None,
        }
        if not sheet.failed:
            parsed.tasks.append((row, values))


def read_workbook(content: bytes, file_name: str, plan: Plan) -> ParsedPlan:
    """Read and check every row of the four sheets against the plan; nothing is written."""
    parsed = ParsedPlan()
    frames = read_sheets(content, file_name, parsed)
    if not frames:
        return parsed
    units = units_of_provinces([plan.province_id], include_provinces=False)
    if TARGETS in frames:
        _check_targets(Sheet(file_name, TARGETS, frames[TARGETS], parsed.errors), plan, units, parsed)
    if ALLOCATION in frames:
        _check_allocation(
            Sheet(file_name, ALLOCATION, frames[ALLOCATION], parsed.errors), plan, units, parsed
        )
    if BUDGET in frames:
        _check_budget(Sheet(file_name, BUDGET, frames[BUDGET], parsed.errors), plan, parsed)
    if TASKS in frames:
        _check_tasks(Sheet(file_name, TASKS, frames[TASKS], parsed.errors), plan, parsed)
    return parsed
