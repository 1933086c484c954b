"""Import of a plan's tables from Excel: the template, reading and checking every row, all or nothing.

Sheets «Chỉ tiêu», «Phân bổ», «Kinh phí», «Nhiệm vụ»; a missing or empty sheet leaves that part of the plan
as it is. Rows are matched to what the plan holds (targets by their wording, budget lines by project × source
× expenditure, tasks by number; the allocation table is one whole), so importing a file twice changes nothing.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

import polars as pl
import xlsxwriter
from django.db import transaction

from giamngheo.core.errors import AppError, PermissionDenied
from giamngheo.core.exports import new_workbook
from giamngheo.geo.models import AdminUnit
from giamngheo.monitoring.models import Indicator
from giamngheo.programs import budget, editing, services
from giamngheo.programs.forms import agency_names
from giamngheo.programs.models import (
    BudgetSource,
    Expenditure,
    Plan,
    TargetBound,
    TargetGroup,
    TargetKind,
)
from giamngheo.programs.models.budget import SOURCE_GROUP_LABELS
from giamngheo.programs.selectors import AllocationTable, BudgetSummary, allocation_table, budget_summary
from giamngheo.programs.unit_choices import unit_by_code, units_of_provinces
from giamngheo.standards.interchange import ROW, InterchangeError, normalise, sheet_frame

TARGETS, ALLOCATION, BUDGET, TASKS = "Chỉ tiêu", "Phân bổ", "Kinh phí", "Nhiệm vụ"
LINE, STATEMENT = "Kinh phí", "Tổng theo văn bản"
ROWS_WITH_LISTS = 500

# (key, header, required) per sheet, in the template's order.
COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    TARGETS: [
        ("text", "Nguyên văn chỉ tiêu", True),
        ("indicator", "Chỉ số", True),
        ("group", "Nhóm đối tượng", False),
        ("unit_code", "Mã đơn vị (nếu riêng cho đơn vị)", False),
        ("kind", "Loại chỉ tiêu", True),
        ("bound", "Giới hạn", True),
        ("value_low", "Giá trị thấp", False),
        ("value_high", "Giá trị cao", False),
        ("target_year", "Năm phải đạt", True),
        ("baseline_value", "Giá trị gốc", False),
        ("baseline_year", "Năm gốc", False),
        ("note", "Ghi chú", False),
    ],
    ALLOCATION: [
        ("label", "Đơn vị", True),
        ("unit_code", "Mã đơn vị", False),
        ("start_poor", "Số hộ nghèo đầu kỳ", True),
        ("start_total", "Tổng số hộ đầu kỳ", True),
        ("reduction", "Số hộ giảm trong kỳ", True),
        ("projected_total", "Tổng số hộ dự kiến cuối kỳ", True),
        ("stated_start_rate", "Tỷ lệ đầu kỳ theo văn bản (%)", False),
        ("stated_target_rate", "Tỷ lệ mục tiêu theo văn bản (%)", False),
        ("note", "Ghi chú", False),
    ],
    BUDGET: [
        ("row_kind", "Loại dòng", False),
        ("project", "Dự án (số hiệu trong kế hoạch)", False),
        ("source", "Nguồn vốn", True),
        ("expenditure", "Loại vốn", False),
        ("amount", "Số tiền (triệu đồng)", True),
    ],
    TASKS: [
        ("number", "STT", True),
        ("content", "Nội dung công việc", True),
        ("lead_agency", "Cơ quan chủ trì", True),
        ("coordinating_agencies", "Cơ quan phối hợp (cách nhau bằng ;)", False),
        ("coordination_text", "Phối hợp (nguyên văn)", False),
        ("product", "Sản phẩm", False),
        ("timeframe", "Thời gian (nguyên văn)", False),
        ("due_date", "Hạn hoàn thành (ngày/tháng/năm)", False),
        ("project", "Dự án (số hiệu trong kế hoạch)", False),
    ],
}

INSTRUCTIONS = [
    "MẪU NHẬP BẢNG CỦA KẾ HOẠCH",
    "",
    "1. «Chỉ tiêu»: mỗi dòng một chỉ tiêu; «Nguyên văn chỉ tiêu» xác định chỉ tiêu",
    "   (nhập lại cùng nguyên văn là sửa chỉ tiêu đó).",
    "   Giới hạn «không quá»: ghi giá trị cao; «ít nhất», «khoảng»: ghi giá trị thấp;",
    "   «trong khoảng»: ghi cả hai.",
    "2. «Phân bổ»: mỗi dòng một đơn vị trực thuộc (không ghi dòng toàn tỉnh: hệ thống tự cộng).",
    "   Hệ thống tính số hộ còn lại, tỷ lệ đầu kỳ và tỷ lệ mục tiêu (còn lại / tổng số hộ dự kiến) và so với",
    "   tỷ lệ ghi trong văn bản. Trang này thay cả bảng phân bổ của kế hoạch.",
    "3. «Kinh phí»: mỗi dòng một ô dự án × nguồn vốn × loại vốn, đơn vị triệu đồng.",
    "   Để trống dự án: kinh phí chung. Loại dòng «Tổng theo văn bản»: tổng văn bản nêu",
    "   (tổng kinh phí, ngân sách trung ương…) để đối chiếu với các dòng.",
    "4. «Nhiệm vụ»: mỗi dòng một nhiệm vụ; «STT» xác định nhiệm vụ (nhập lại cùng STT là sửa).",
    "5. Số: 7540 hoặc 7.540; tỷ lệ: 2,27. Ngày: 31/12/2025.",
    "   Ở các cột có danh sách, chọn giá trị trong danh sách.",
    "6. Trang để trống thì phần đó của kế hoạch giữ nguyên. Hệ thống kiểm tra toàn bộ tệp,",
    "   cho xem trước, và chỉ nhập khi không còn lỗi: nhập trọn vẹn hoặc không nhập gì.",
    "   Nhập lại cùng tệp không thay đổi gì.",
]


def _choice_lists() -> dict[str, list[str]]:
    return {
        "indicator": [indicator.name for indicator in Indicator.objects.order_by("order", "code")],
        "group": [str(label) for label in TargetGroup.labels],
        "kind": [str(label) for label in TargetKind.labels],
        "bound": [str(label) for label in TargetBound.labels],
        "row_kind": [LINE, STATEMENT],
        "source": [str(label) for label in BudgetSource.labels]
        + [str(label) for key, label in SOURCE_GROUP_LABELS.items() if key in {"total", "local"}],
        "expenditure": [str(label) for label in Expenditure.labels],
    }


def build_template() -> bytes:
    """The plan import template as .xlsx bytes: a guide, four sheets with drop-downs, the lists."""
    lists = _choice_lists()
    buffer = io.BytesIO()
    workbook = new_workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#FDECC8", "border": 1, "text_wrap": True})
    guide = workbook.add_worksheet("Hướng dẫn")
    guide.set_column(0, 0, 120)
    for index, line in enumerate(INSTRUCTIONS):
        guide.write(index, 0, line, bold if index == 0 else None)
    sheets = {title: workbook.add_worksheet(title) for title in COLUMNS}
    catalog = workbook.add_worksheet("Danh mục")
    ranges: dict[str, str] = {}
    for column, (name, values) in enumerate(lists.items()):
        catalog.write(0, column, name, bold)
        catalog.write_column(1, column, values)
        letter = xlsxwriter.utility.xl_col_to_name(column)
        ranges[name] = f"='Danh mục'!${letter}$2:${letter}${len(values) + 1}"
    for title, columns in COLUMNS.items():
        sheet = sheets[title]
        sheet.freeze_panes(1, 0)
        for index, (key, header, _required) in enumerate(columns):
            sheet.write(0, index, header, bold)
            sheet.set_column(index, index, max(12, min(40, len(header) + 2)))
            if key in ranges:
                sheet.data_validation(
                    1, index, ROWS_WITH_LISTS, index, {"validate": "list", "source": ranges[key]}
                )
    workbook.close()
    return buffer.getvalue()


@dataclass
class ParsedPlan:
    """Typed rows of each sheet (with their Excel row numbers) and every problem found reading them."""

    targets: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    allocation: list[tuple[int, services.AllocationRow]] = field(default_factory=list)
    lines: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    statements: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    tasks: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[InterchangeError] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


class _Sheet:
    """Reads the cells of one sheet, recording an InterchangeError for each bad value."""

    def __init__(self, file: str, title: str, frame: pl.DataFrame, errors: list[InterchangeError]):
        self.place = f"{file} › {title}"
        self.errors = errors
        headers = {normalise(header): key for key, header, _required in COLUMNS[title]}
        short = {normalise(header.split("(")[0]): key for key, header, _required in COLUMNS[title]}
        self.columns: dict[str, str] = {}
        for name in frame.columns:
            key = headers.get(normalise(name)) or short.get(normalise(name.split("(")[0]))
            if key and key not in self.columns:
                self.columns[key] = name
        self.headers = {key: header for key, header, _required in COLUMNS[title]}
        self.frame = frame
        for key, header, required in COLUMNS[title]:
            if required and key not in self.columns and frame.height:
                errors.append(InterchangeError(self.place, 1, header, None, "thiếu cột bắt buộc"))
        self.row = 0
        self.values: dict[str, str | None] = {}
        self.failed = False

    def rows(self) -> Any:
        for values in self.frame.iter_rows(named=True):
            self.row = values[ROW]
            self.values = {key: values[name] for key, name in self.columns.items()}
            self.failed = False
            yield self.row

    def fail(self, key: str, reason: str) -> None:
        self.failed = True
        self.errors.append(
            InterchangeError(self.place, self.row, self.headers[key], self.values.get(key), reason)
        )

    def text(self, key: str, *, required: bool = False, limit: int = 500) -> str:
        value = (self.values.get(key) or "").strip()
        if required and not value:
            self.fail(key, "cần có giá trị")
        elif len(value) > limit:
            self.fail(key, f"dài quá {limit} ký tự")
        return value

    def number(self, key: str, *, required: bool = False, integer: bool = False) -> Any:
        raw = (self.values.get(key) or "").replace(" ", "").replace("\u00a0", "").rstrip("%")
        if not raw:
            if required:
                self.fail(key, "cần có số")
            return None
        text = raw
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text) and (integer or key == "amount"):
            text = text.replace(".", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.fail(key, "không phải là số")
            return None
        if value < 0:
            self.fail(key, "số không được âm")
            return None
        if integer:
            if value != value.to_integral_value():
                self.fail(key, "phải là số nguyên")
                return None
            return int(value)
        return value

    def choice(self, key: str, options: dict[str, str], *, default: str | None = None) -> str | None:
        raw = (self.values.get(key) or "").strip()
        if not raw:
            if default is None:
                self.fail(key, "cần chọn một giá trị trong danh sách")
            return default
        found = options.get(normalise(raw))
        if found is None:
            self.fail(key, "không có trong danh sách chọn")
        return found

    def date(self, key: str) -> datetime.date | None:
        raw = (self.values.get(key) or "").strip()
        if not raw:
            return None
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                return datetime.datetime.strptime(raw, pattern).date()
            except ValueError:
                continue
        self.fail(key, "ngày không hợp lệ (ghi dạng 31/12/2025)")
        return None


def _options(choices: Any) -> dict[str, str]:
    return {
        **{normalise(str(label)): value for value, label in choices},
        **{normalise(value): value for value, _label in choices},
    }


def _excel_cells(row: list[Any]) -> list[Any]:
    """Fractions from number cells written with a decimal comma, so a dot only ever groups thousands."""
    return [
        format(Decimal(repr(cell)).normalize(), "f").replace(".", ",")
        if isinstance(cell, float) and not cell.is_integer()
        else cell
        for cell in row
    ]


def read_workbook(content: bytes, file_name: str, plan: Plan) -> ParsedPlan:
    """Read and check every row of the four sheets against the plan; nothing is written."""
    from python_calamine import CalamineError, CalamineWorkbook

    parsed = ParsedPlan()
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except (CalamineError, OSError, ValueError) as error:
        reason = f"không đọc được tệp Excel (.xlsx): {str(error).splitlines()[0]}"
        parsed.errors.append(InterchangeError(file_name, None, None, None, reason))
        return parsed
    names = {normalise(name): name for name in workbook.sheet_names}
    frames: dict[str, pl.DataFrame] = {}
    for title in COLUMNS:
        name = names.get(normalise(title))
        if name is not None:
            rows = [_excel_cells(row) for row in workbook.get_sheet_by_name(name).to_python()]
            frame = sheet_frame(rows)
            if frame.height:
                frames[title] = frame
                parsed.sheets.append(title)
    if not frames:
        parsed.errors.append(
            InterchangeError(file_name, None, None, None, "tệp không có dòng nào ở các trang theo mẫu")
        )
    units = units_of_provinces([plan.province_id], include_provinces=False)
    if TARGETS in frames:
        _read_targets(_Sheet(file_name, TARGETS, frames[TARGETS], parsed.errors), plan, units, parsed)
    if ALLOCATION in frames:
        _read_allocation(
            _Sheet(file_name, ALLOCATION, frames[ALLOCATION], parsed.errors), plan, units, parsed
        )
    if BUDGET in frames:
        _read_budget(_Sheet(file_name, BUDGET, frames[BUDGET], parsed.errors), plan, parsed)
    if TASKS in frames:
        _read_tasks(_Sheet(file_name, TASKS, frames[TASKS], parsed.errors), plan, parsed)
    return parsed


def _unit(sheet: _Sheet, units: Any, plan: Plan) -> AdminUnit | None:
    code = sheet.text("unit_code")
    if not code:
        return None
    unit = unit_by_code(code, units, plan.unit.tree)
    if unit is None:
        sheet.fail("unit_code", "không có đơn vị mã này trong tỉnh của kế hoạch")
    return unit


def _read_targets(sheet: _Sheet, plan: Plan, units: Any, parsed: ParsedPlan) -> None:
    indicators = {normalise(indicator.name): indicator for indicator in Indicator.objects.all()}
    indicators |= {normalise(indicator.code): indicator for indicator in Indicator.objects.all()}
    seen: set[str] = set()
    for row in sheet.rows():
        text = sheet.text("text", required=True)
        if text and text in seen:
            sheet.fail("text", "chỉ tiêu bị lặp trong tệp")
        seen.add(text)
        raw_indicator = sheet.text("indicator", required=True)
        indicator = indicators.get(normalise(raw_indicator)) if raw_indicator else None
        if raw_indicator and indicator is None:
            sheet.fail("indicator", "không có trong danh mục chỉ số")
        values = {
            "text": text,
            "indicator": indicator,
            "group": sheet.choice("group", _options(TargetGroup.choices), default=TargetGroup.ALL),
            "target_unit": _unit(sheet, units, plan),
            "kind": sheet.choice("kind", _options(TargetKind.choices)),
            "bound": sheet.choice("bound", _options(TargetBound.choices)),
            "value_low": sheet.number("value_low"),
            "value_high": sheet.number("value_high"),
            "target_year": sheet.number("target_year", required=True, integer=True),
            "baseline_value": sheet.number("baseline_value"),
            "baseline_year": sheet.number("baseline_year", integer=True),
            "note": sheet.text("note", limit=255),
        }
        if not sheet.failed:
            parsed.targets.append((row, values))


def _read_allocation(sheet: _Sheet, plan: Plan, units: Any, parsed: ParsedPlan) -> None:
    seen: set[str] = set()
    for row in sheet.rows():
        label = sheet.text("label", required=True, limit=128)
        if label and label in seen:
            sheet.fail("label", "đơn vị bị lặp trong tệp")
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


def _read_budget(sheet: _Sheet, plan: Plan, parsed: ParsedPlan) -> None:
    projects = {project.local_number for project in plan.projects.all()}
    kinds = {normalise(LINE): LINE, normalise(STATEMENT): STATEMENT, normalise("Dòng kinh phí"): LINE}
    seen: set[tuple[str, ...]] = set()
    for row in sheet.rows():
        kind = sheet.choice("row_kind", kinds, default=LINE)
        expenditure = sheet.choice(
            "expenditure", _options(Expenditure.choices), default=Expenditure.UNSPECIFIED
        )
        amount = sheet.number("amount", required=True)
        if kind == STATEMENT:
            group = sheet.choice("source", _options(list(SOURCE_GROUP_LABELS.items())))
            key: tuple[str, ...] = ("statement", str(group), str(expenditure))
            values = {"group": group, "expenditure": expenditure, "amount": amount}
        else:
            project = sheet.text("project", limit=32)
            if project and project not in projects:
                sheet.fail(
                    "project", "kế hoạch không có dự án số hiệu này (thêm dự án ở trang Dự án, kinh phí)"
                )
            source = sheet.choice("source", _options(BudgetSource.choices))
            key = ("line", project, str(source), str(expenditure))
            values = {"project_number": project or None, "source": source, "expenditure": expenditure}
            values["amount"] = amount
        if key in seen and not sheet.failed:
            sheet.fail("source", "dòng kinh phí bị lặp trong tệp (cùng dự án, nguồn và loại vốn)")
        seen.add(key)
        if not sheet.failed:
            (parsed.statements if kind == STATEMENT else parsed.lines).append((row, values))


def _read_tasks(sheet: _Sheet, plan: Plan, parsed: ParsedPlan) -> None:
    projects = {project.local_number for project in plan.projects.all()}
    seen: set[str] = set()
    for row in sheet.rows():
        number = sheet.text("number", required=True, limit=16)
        if number and number in seen:
            sheet.fail("number", "STT bị lặp trong tệp")
        seen.add(number)
        project = sheet.text("project", limit=32)
        if project and project not in projects:
            sheet.fail("project", "kế hoạch không có dự án số hiệu này")
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


@dataclass
class ImportResult:
    """What an import did (or would do): counts per sheet, problems, and the plan's computed tables."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[InterchangeError] = field(default_factory=list)
    allocation: AllocationTable | None = None
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
        if existing is not None and _same(existing, values, target_fields):
            result.count(TARGETS, "unchanged")
        elif existing is not None:
            if _step(
                result,
                file,
                TARGETS,
                row,
                partial(editing.plan_target_update, actor=actor, target=existing, **values),
                values,
            ):
                result.count(TARGETS, "updated")
        elif _step(
            result,
            file,
            TARGETS,
            row,
            partial(services.plan_target_add, actor=actor, plan=plan, **values),
            values,
        ):
            result.count(TARGETS, "created")


def _apply_budget(actor: Any, plan: Plan, parsed: ParsedPlan, file: str, result: ImportResult) -> None:
    lines = {
        (line.project.local_number if line.project else None, line.source, line.expenditure): line
        for line in plan.budget_lines.select_related("project")
    }
    for row, values in parsed.lines:
        line = lines.get((values["project_number"], values["source"], values["expenditure"]))
        if line is not None and line.amount == values["amount"]:
            result.count(BUDGET, "unchanged")
        elif _step(
            result,
            file,
            BUDGET,
            row,
            partial(budget.budget_line_set, actor=actor, plan=plan, **values),
            {**values, "project": values["project_number"]},
        ):
            result.count(BUDGET, "updated" if line else "created")
    statements = {(s.group, s.expenditure): s for s in plan.budget_statements.all()}
    for row, values in parsed.statements:
        statement = statements.get((values["group"], values["expenditure"]))
        if statement is not None and statement.amount == values["amount"]:
            result.count(BUDGET, "unchanged")
        elif _step(
            result,
            file,
            BUDGET,
            row,
            partial(budget.budget_statement_set, actor=actor, plan=plan, **values),
            {**values, "source": values["group"]},
        ):
            result.count(BUDGET, "updated" if statement else "created")


def _apply_tasks(actor: Any, plan: Plan, parsed: ParsedPlan, file: str, result: ImportResult) -> None:
    tasks = {task.number: task for task in plan.tasks.select_related("lead_agency", "project")}
    for row, values in parsed.tasks:
        task = tasks.get(values["number"])
        if task is not None and _task_same(task, values):
            result.count(TASKS, "unchanged")
        elif task is not None:
            if _step(
                result,
                file,
                TASKS,
                row,
                partial(editing.task_update, actor=actor, task=task, **values),
                values,
            ):
                result.count(TASKS, "updated")
        elif _step(
            result,
            file,
            TASKS,
            row,
            partial(services.task_add, actor=actor, plan=plan, **values),
            values,
        ):
            result.count(TASKS, "created")


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
