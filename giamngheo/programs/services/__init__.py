"""Writes to plans, checked and audited: header and bases, targets and allocation, budget, tasks, calendar."""

from giamngheo.programs.services.agencies import agency_member_add, agency_member_remove
from giamngheo.programs.services.budget import (
    budget_allocation_record,
    budget_line_remove,
    budget_line_set,
    budget_statement_remove,
    budget_statement_set,
    disbursement_record,
)
from giamngheo.programs.services.plans import (
    plan_create,
    plan_enter,
    plan_legal_basis_add,
    plan_legal_basis_remove,
    plan_project_add,
    plan_project_update,
    plan_update,
)
from giamngheo.programs.services.targets import (
    AllocationRow,
    plan_allocation_set,
    plan_target_add,
    plan_target_remove,
    plan_target_update,
)
from giamngheo.programs.services.tasks import (
    reporting_rule_add,
    reporting_rule_remove,
    reporting_rule_update,
    task_add,
    task_occurrence_complete,
    task_remove,
    task_status_set,
    task_update,
)

__all__ = [
    "AllocationRow",
    "agency_member_add",
    "agency_member_remove",
    "budget_allocation_record",
    "budget_line_remove",
    "budget_line_set",
    "budget_statement_remove",
    "budget_statement_set",
    "disbursement_record",
    "plan_allocation_set",
    "plan_create",
    "plan_enter",
    "plan_legal_basis_add",
    "plan_legal_basis_remove",
    "plan_project_add",
    "plan_project_update",
    "plan_target_add",
    "plan_target_remove",
    "plan_target_update",
    "plan_update",
    "reporting_rule_add",
    "reporting_rule_remove",
    "reporting_rule_update",
    "task_add",
    "task_occurrence_complete",
    "task_remove",
    "task_status_set",
    "task_update",
]
