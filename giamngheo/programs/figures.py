"""Work queues of plans for home pages: open tasks (the agency's own or the area's), the current plan."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Case, F, Q, QuerySet, Value, When

from giamngheo.programs.models import Plan, Task, TaskStatus
from giamngheo.programs.selectors import my_tasks, plan_list

OPEN = Q(status__in=[TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS])


def open_tasks(user: Any, *, own: bool) -> QuerySet[Task]:
    """Unfinished tasks: those led by the user's agencies (`own`), or all in the plans of the user's area."""
    tasks = (
        my_tasks(user)
        if own
        else Task.objects.filter(plan__in=plan_list(user).values("pk")).select_related("plan", "lead_agency")
    )
    return tasks.filter(OPEN).order_by(F("due_date").asc(nulls_last=True), "plan_id", "order")


def overdue(tasks: QuerySet[Task], today: datetime.date) -> QuerySet[Task]:
    return tasks.filter(due_date__lt=today)


def current_plan(user: Any, *, year: int) -> Plan | None:
    """The issued plan of the area in force in `year`, else the one that ended last; province-wide first."""
    in_force = Case(When(end_year__gte=year, then=Value(0)), default=Value(1))
    return (
        plan_list(user)
        .filter(is_draft=False, start_year__lte=year)
        .order_by(in_force, "-end_year", F("commune").asc(nulls_first=True), "-start_year", "pk")
        .first()
    )
