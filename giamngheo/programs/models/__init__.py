"""Models of program plans by subject: catalogue, indicators, plans and targets, budgets, tasks, calendar."""

from giamngheo.programs.models.budget import (
    BudgetAllocation,
    BudgetLine,
    BudgetSource,
    BudgetStatement,
    Disbursement,
    Expenditure,
)
from giamngheo.programs.models.catalogue import (
    Agency,
    AgencyKind,
    AgencyMember,
    ComponentKind,
    Confidence,
    Program,
    ProgramComponent,
)
from giamngheo.programs.models.indicators import Aggregation, Better, Indicator, IndicatorSource
from giamngheo.programs.models.plans import (
    Plan,
    PlanAllocation,
    PlanKind,
    PlanLegalBasis,
    PlanProject,
    PlanTarget,
    TargetBound,
    TargetGroup,
    TargetKind,
)
from giamngheo.programs.models.tasks import ReporterLevel, ReportingRule, Task, TaskStatus, TaskUpdate

__all__ = [
    "Agency",
    "AgencyKind",
    "AgencyMember",
    "Aggregation",
    "Better",
    "BudgetAllocation",
    "BudgetLine",
    "BudgetSource",
    "BudgetStatement",
    "ComponentKind",
    "Confidence",
    "Disbursement",
    "Expenditure",
    "Indicator",
    "IndicatorSource",
    "Plan",
    "PlanAllocation",
    "PlanKind",
    "PlanLegalBasis",
    "PlanProject",
    "PlanTarget",
    "Program",
    "ProgramComponent",
    "ReporterLevel",
    "ReportingRule",
    "TargetBound",
    "TargetGroup",
    "TargetKind",
    "Task",
    "TaskStatus",
    "TaskUpdate",
]
