"""What the works pages share: the user's communes and agencies, who may write."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from giamngheo.accounts.access import assignments_with_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import PermissionDenied
from giamngheo.programs.models import Agency
from giamngheo.support.views._common import user_communes

__all__ = ["can_manage_works", "refuse_readers", "user_agencies", "user_communes"]


def can_manage_works(user: Any) -> bool:
    return bool(assignments_with_permission(user, Permission.MANAGE_WORKS))


def user_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies of the provinces of the user's communes (investors and lead agencies to choose from)."""
    provinces = user_communes(user).values("province_id")
    return Agency.objects.filter(province_id__in=provinces).order_by("name")


def refuse_readers(request: Any) -> None:
    """A form posted by a reader is refused before it is validated (403, not a form error)."""
    if request.method == "POST" and not can_manage_works(request.user):
        raise PermissionDenied()
