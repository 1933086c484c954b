"""Reads of plans through the user's area: lists, one plan, allocation table, budget summary, task board."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.access import assignments_of, assignments_with_permission, scope_q
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import NotFound
from giamngheo.geo.models import Level
from giamngheo.programs.models import (
    Agency,
    BudgetLine,
    BudgetSource,
    Expenditure,
    Plan,
    PlanAllocation,
    PlanProject,
    Recurrence,
    Task,
    TaskStatus,
)
from giamngheo.programs.models.budget import DONG_PER_MILLION, SOURCE_GROUP_LABELS, SOURCE_GROUPS
from giamngheo.programs.models.plans import AllocationFigures, AllocationTotals
from giamngheo.programs.recurrence import occurrences

ZERO = Decimal(0)


def plan_scope_q(user: Any) -> Q:
    """Plans in the user's area, and the province-wide plans of the provinces their communes lie in.

    A commune officer reads the provincial plan they implement, but no other commune's plan.
    """
    own = scope_q(user, province="province", commune="commune")
    provinces = {
        assignment.unit.province_id
        for assignment in assignments_of(user)
        if assignment.unit is not None and assignment.unit.level in {Level.COMMUNE, Level.VILLAGE}
    }
    if provinces:
        own |= Q(commune__isnull=True, province_id__in=provinces)
    return own


def plan_list(user: Any, *, year: int | None = None) -> QuerySet[Plan]:
    """Plans the user may read, newest first, with their program and issuing unit."""
    plans = Plan.objects.filter(plan_scope_q(user)).select_related("program", "unit", "province")
    if year is not None:
        plans = plans.filter(start_year__lte=year, end_year__gte=year)
    return plans.order_by("-start_year", "province__code", "number")


def plan_get_for_user(user: Any, pk: int | str) -> Plan:
    """One plan in the user's area, or NotFound."""
    try:
        return (
            plan_list(user)
            .prefetch_related(
                "legal_bases__parent_plan",
                Prefetch(
                    "projects",
                    queryset=PlanProject.objects.select_related("component", "lead_agency").prefetch_related(
                        "coordinating_agencies"
                    ),
                ),
                "targets__indicator",
                "targets__target_unit",
                "reporting_rules",
            )
            .get(pk=pk)
        )
    except (Plan.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def task_get_for_user(user: Any, plan_id: int | str, pk: int | str) -> Task:
    """One task of a plan in the user's area, or NotFound."""
    try:
        return Task.objects.select_related("plan").get(pk=pk, plan__in=plan_list(user).filter(pk=plan_id))
    except (Task.DoesNotExist, ValueError) as error:
        raise NotFound() from error


@dataclass(frozen=True)
class AllocationIssue:
    """A rate the system computes that differs from the rate the plan states."""

    label: str
    column: str
    computed: Decimal | None
    stated: Decimal


@dataclass
class AllocationTable[Row: AllocationFigures](AllocationTotals):
    """Rows of an allocation table, their sum (the whole-unit row) and every stated rate that differs."""

    rows: Sequence[Row]
    start_poor: int = 0
    start_total: int = 0
    reduction: int = 0
    projected_total: int = 0
    issues: list[AllocationIssue] = field(default_factory=list)


def allocation_totals[Row: AllocationFigures](rows: Sequence[Row]) -> AllocationTable[Row]:
    """Sum the rows into the whole-unit row and list each rate the system computes differently."""
    table = AllocationTable(rows=rows)
    for row in rows:
        table.start_poor += row.start_poor
        table.start_total += row.start_total
        table.reduction += row.reduction
        table.projected_total += row.projected_total
        if not row.start_ok and row.stated_start_rate is not None:
            table.issues.append(
                AllocationIssue(row.label, "start_rate", row.start_rate, row.stated_start_rate)
            )
        if not row.target_ok and row.stated_target_rate is not None:
            table.issues.append(
                AllocationIssue(row.label, "target_rate", row.target_rate, row.stated_target_rate)
            )
    return table


def allocation_table(plan: Plan) -> AllocationTable[PlanAllocation]:
    """The plan's allocation table with the whole-unit row computed from the sub-units."""
    return allocation_totals(list(plan.allocations.select_related("unit")))


@dataclass
class BudgetRow:
    label: str
    cells: dict[str, Decimal]
    total: Decimal


@dataclass
class BudgetCheck:
    label: str
    stated: Decimal
    computed: Decimal

    @property
    def ok(self) -> bool:
        return self.stated == self.computed


@dataclass
class BudgetSummary:
    columns: list[tuple[str, str]]
    rows: list[BudgetRow]
    totals: dict[str, Decimal]
    grand_total: Decimal
    checks: list[BudgetCheck]
    execution: list[dict[str, Any]]


def _line_key(line: BudgetLine) -> str:
    return f"{line.source}:{line.expenditure}"


def _line_total(field: str, **condition: Any) -> Subquery:
    """The sum of a budget line's related rows (`field` through a relation), as a subquery of the line."""
    of_line = BudgetLine.objects.filter(pk=OuterRef("pk"), **condition).order_by()
    return Subquery(of_line.annotate(total=Sum(field)).values("total")[:1])


def budget_summary(plan: Plan) -> BudgetSummary:
    """The project × source table with totals, the stated totals checked, and execution per line."""
    # One query: each line with its sums, each read by its own subquery (joins would multiply them).
    lines = list(
        plan.budget_lines.select_related("project").annotate(
            allocated=_line_total("allocations__amount"),
            disbursed_manual=_line_total("disbursements__amount"),
            # Support delivered against the line (the ledger, in đồng): a chain's last link, not cancelled.
            disbursed_ledger=_line_total(
                "support_records__amount",
                support_records__status="delivered",
                support_records__superseded_by__isnull=True,
            ),
        )
    )
    keys = sorted(
        {_line_key(line) for line in lines},
        key=lambda key: (
            BudgetSource.values.index(key.split(":")[0]),
            Expenditure.values.index(key.split(":")[1]),
        ),
    )
    columns = [
        (
            key,
            str(BudgetSource(key.split(":")[0]).label)
            + ("" if key.endswith("unspecified") else f" – {Expenditure(key.split(':')[1]).label}"),
        )
        for key in keys
    ]
    by_project: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    labels: dict[str, str] = {}
    for line in lines:
        name = str(line.project) if line.project else _("Chung (chưa phân theo dự án)")
        order = f"{line.project.order:03d}" if line.project else "999"
        labels[order] = name
        by_project[order][_line_key(line)] += line.amount
    rows = [
        BudgetRow(labels[order], dict(cells), sum(cells.values(), ZERO))
        for order, cells in sorted(by_project.items())
    ]
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        totals[_line_key(line)] += line.amount
    grand_total = sum(totals.values(), ZERO)
    checks = []
    for statement in plan.budget_statements.all():
        sources = SOURCE_GROUPS[statement.group]
        computed = sum(
            (
                line.amount
                for line in lines
                if line.source in sources
                and (statement.expenditure in {Expenditure.UNSPECIFIED, line.expenditure})
            ),
            ZERO,
        )
        label = str(SOURCE_GROUP_LABELS[statement.group])
        if statement.expenditure != Expenditure.UNSPECIFIED:
            label += f" – {Expenditure(statement.expenditure).label}"
        checks.append(BudgetCheck(label, statement.amount, computed))
    execution = []
    for line in lines:
        allocated = line.allocated or ZERO
        manual = line.disbursed_manual or ZERO
        ledger = Decimal(line.disbursed_ledger or 0) / DONG_PER_MILLION
        paid = manual + ledger
        execution.append(
            {
                "line": line,
                "planned": line.amount,
                "allocated": allocated,
                "disbursed_manual": manual,
                "disbursed_ledger": ledger,
                "disbursed": paid,
                "rate": (paid * 100 / allocated).quantize(Decimal("0.01")) if allocated else None,
                "overspent": paid > allocated,
            }
        )
    return BudgetSummary(columns, rows, dict(totals), grand_total, checks, execution)


@dataclass
class AgencyTasks:
    agency: str
    total: int = 0
    done: int = 0
    overdue: int = 0
    tasks: list[Task] = field(default_factory=list)


def task_board(plan: Plan, *, today: datetime.date) -> list[AgencyTasks]:
    """Tasks grouped by lead agency, with counts of done and overdue tasks.

    A recurring task carries `occurrence_rows` (each deadline with its state) and is overdue while one
    of its past deadlines has no completion.
    """
    board: dict[int, AgencyTasks] = {}
    tasks = (
        plan.tasks.select_related("lead_agency", "project", "plan")
        .prefetch_related("coordinating_agencies", "occurrences_done")
        .order_by("order", "pk")
    )
    for task in tasks:
        group = board.setdefault(task.lead_agency_id, AgencyTasks(str(task.lead_agency.name)))
        group.total += 1
        group.tasks.append(task)
        if task.recurrence != Recurrence.ONCE:
            done = {row.due_date: timezone.localdate(row.occurred_at) for row in task.occurrences_done.all()}
            task.occurrence_rows = occurrences(task, done, today)  # type: ignore[attr-defined]
            late = any(row.state == "overdue" for row in task.occurrence_rows)  # type: ignore[attr-defined]
        else:
            late = bool(task.due_date and task.due_date < today)
        if task.status == TaskStatus.DONE:
            group.done += 1
        elif task.status != TaskStatus.CANCELLED and late:
            group.overdue += 1
    return sorted(board.values(), key=lambda group: (-group.overdue, group.agency))


def task_is_overdue(task: Task, today: datetime.date) -> bool:
    return task.status not in {TaskStatus.DONE, TaskStatus.CANCELLED} and bool(
        task.due_date and task.due_date < today
    )


def my_tasks(user: Any) -> QuerySet[Task]:
    """Tasks led by the agencies the user belongs to, in plans of their area, soonest deadline first."""
    return (
        Task.objects.filter(lead_agency__members__user=user, plan__in=plan_list(user).values("pk"))
        .select_related("plan", "lead_agency")
        .order_by(F("due_date").asc(nulls_last=True), "plan_id", "order")
    )


def agencies_for_user(user: Any) -> QuerySet[Agency]:
    """Agencies of the provinces where the user manages users (province officers and administrators)."""
    provinces = [a.unit_id for a in assignments_with_permission(user, Permission.MANAGE_USERS)]
    if any(unit_id is None for unit_id in provinces):
        return Agency.objects.select_related("province")
    return Agency.objects.filter(province_id__in=provinces).select_related("province")


def agency_get_for_user(user: Any, pk: int | str) -> Agency:
    try:
        return agencies_for_user(user).get(pk=pk)
    except (Agency.DoesNotExist, ValueError) as error:
        raise NotFound() from error
