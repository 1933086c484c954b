"""What the jobs pages share: the user's communes, the employment support types, who may write."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from giamngheo.accounts.access import assignments_with_permission
from giamngheo.accounts.roles import Permission
from giamngheo.support.catalogue import support_types_for_province
from giamngheo.support.models import SupportType
from giamngheo.support.views._common import user_communes

__all__ = ["can_manage_jobs", "employment_support_types", "user_communes"]


def can_manage_jobs(user: Any) -> bool:
    return bool(assignments_with_permission(user, Permission.MANAGE_JOBS))


def employment_support_types(user: Any) -> QuerySet[SupportType]:
    """The catalogue's support types carried out by the employment agencies, for the user's province."""
    first = user_communes(user).select_related("province").first()
    province = first.province if first is not None else None
    return support_types_for_province(province).filter(agency_kind="employment").order_by("order", "code")
