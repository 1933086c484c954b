"""The area switcher: which of a user's assignments a browser session is working in."""

from __future__ import annotations

from django.http import HttpRequest

from giamngheo.accounts.access import assignments_of
from giamngheo.accounts.models import AreaAssignment

SESSION_KEY = "active_assignment_id"


def active_assignment(request: HttpRequest) -> AreaAssignment | None:
    """The assignment chosen in the area switcher, or the user's first one."""
    assignments = assignments_of(request.user)
    if not assignments:
        return None
    chosen = request.session.get(SESSION_KEY)
    for assignment in assignments:
        if assignment.pk == chosen:
            return assignment
    return assignments[0]


def active_assignment_set(request: HttpRequest, assignment_id: int) -> bool:
    """Switch the session to another of the user's own assignments; False if it is not theirs."""
    if any(assignment.pk == assignment_id for assignment in assignments_of(request.user)):
        request.session[SESSION_KEY] = assignment_id
        return True
    return False
