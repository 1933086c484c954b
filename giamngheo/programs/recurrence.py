"""The deadlines of a recurring task and, per deadline, whether it was met, met late or is overdue."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from giamngheo.programs.models import Recurrence, Task

MONTHS_APART = {Recurrence.YEARLY: 12, Recurrence.QUARTERLY: 3}
STATE_LABELS = {
    "done": _("Hoàn thành đúng hạn"),
    "done_late": _("Hoàn thành trễ hạn"),
    "overdue": _("Quá hạn"),
    "open": _("Chưa đến hạn"),
}


@dataclass(frozen=True)
class Occurrence:
    due: dt.date
    done_on: dt.date | None
    state: str

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def days_late(self) -> int:
        """Days between the deadline and a late completion (0 when on time or not yet done)."""
        return max(0, (self.done_on - self.due).days) if self.done_on else 0


def _add_months(day: dt.date, months: int, anchor_day: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(anchor_day, calendar.monthrange(year, month)[1]))


def due_dates(task: Task, last_year: int) -> list[dt.date]:
    """Every deadline of the task up to 31 December of `last_year` (one for a task done once)."""
    if task.due_date is None:
        return []
    if task.recurrence not in MONTHS_APART:
        return [task.due_date]
    step = MONTHS_APART[Recurrence(task.recurrence)]
    dates, day = [], task.due_date
    while day.year <= last_year:
        dates.append(day)
        day = _add_months(day, step, task.due_date.day)
    return dates


def occurrences(task: Task, done: Mapping[dt.date, dt.date], today: dt.date) -> list[Occurrence]:
    """The task's deadlines within its plan, each with its completion day and state.

    `done` maps a deadline to the day its occurrence was completed.
    """
    rows = []
    for due in due_dates(task, task.plan.end_year):
        done_on = done.get(due)
        if done_on is not None:
            state = "done" if done_on <= due else "done_late"
        else:
            state = "overdue" if today > due else "open"
        rows.append(Occurrence(due=due, done_on=done_on, state=state))
    return rows
