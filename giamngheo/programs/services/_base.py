"""Helpers shared by the plan services: the permission to manage a plan, invalid-input errors."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.programs.models import (
    Plan,
    PlanProject,
)


def _require_manage(actor: Any, plan: Plan) -> None:
    require_permission(actor, Permission.MANAGE_PLANS, plan.managed_at)


def _invalid(message: str, field: str, **details: Any) -> AppError:
    return AppError(ErrorCode.INVALID, message, field=field, **details)


def _project_by_number(plan: Plan, project_number: str | None) -> PlanProject | None:
    if not project_number:
        return None
    project = plan.projects.filter(local_number=project_number).first()
    if project is None:
        raise _invalid(_("Kế hoạch không có dự án %(number)s.") % {"number": project_number}, "project")
    return project
