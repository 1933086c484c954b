"""Template context: the user's areas and the one they are working in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from giamngheo.accounts.access import assignments_of
from giamngheo.accounts.area import active_assignment
from giamngheo.accounts.roles import ROLE_MENUS, ROLE_PERMISSIONS


def area(request: HttpRequest) -> dict[str, Any]:
    """Expose the user's assignments, the active one, their permissions and menus to every page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    assignments = assignments_of(user)
    permissions = (
        set().union(*(ROLE_PERMISSIONS.get(a.role, set()) for a in assignments)) if assignments else set()
    )
    return {
        "my_assignments": assignments,
        "active_assignment": active_assignment(request),
        "my_permissions": {str(permission) for permission in permissions},
        "my_menus": set().union(*(ROLE_MENUS.get(a.role, set()) for a in assignments)),
    }
