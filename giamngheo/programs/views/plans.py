"""Pages of plans: the list, one plan's dashboard (allocation, budget, tasks, calendar), task updates."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import has_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.service_calls import call_service
from giamngheo.programs import selectors, services
from giamngheo.programs.models import TaskStatus


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """Plans of the user's area."""
    plans = list(selectors.plan_list(request.user))
    return render(request, "programs/plan_list.html", {"plans": plans})


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """A plan's dashboard: allocation, budget, tasks, calendar; monitoring fills in targets and results."""
    plan = selectors.plan_get_for_user(request.user, plan_id)
    today = timezone.localdate()
    context = {
        "plan": plan,
        "allocation": selectors.allocation_table(plan),
        "budget": selectors.budget_summary(plan),
        "board": selectors.task_board(plan, today=today),
        "today": today,
        "task_statuses": TaskStatus.choices,
        "can_update_tasks": has_permission(request.user, Permission.UPDATE_TASKS, plan.province)
        or has_permission(request.user, Permission.MANAGE_PLANS, plan.managed_at),
        # A commune officer manages its own commune's plans, not the province's it can read.
        "can_manage": has_permission(request.user, Permission.MANAGE_PLANS, plan.managed_at),
    }
    return render(request, "programs/plan_detail.html", context)


def _date_or_none(text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


@login_required
@require_POST
def task_status(request: HttpRequest, plan_id: int, task_id: int) -> HttpResponse:
    """Move a task to a new status with a note, or record one occurrence of a recurring task as done."""
    task = selectors.task_get_for_user(request.user, plan_id, task_id)
    note = request.POST.get("note", "").strip()[:500]
    if "occurrence" in request.POST:
        due = _date_or_none(request.POST["occurrence"])
        if due is None:
            messages.error(request, _("Ngày hạn của lần thực hiện không hợp lệ."))
        elif call_service(
            request, services.task_occurrence_complete, actor=request.user, task=task, due_date=due, note=note
        ).ok:
            messages.success(
                request,
                _("Đã ghi hoàn thành nhiệm vụ %(number)s, lần hạn %(due)s.")
                % {"number": task.number, "due": due.strftime("%d/%m/%Y")},
            )
    elif call_service(
        request,
        services.task_status_set,
        actor=request.user,
        task=task,
        status=request.POST.get("status", ""),
        note=note,
    ).ok:
        messages.success(request, _("Đã cập nhật nhiệm vụ %(number)s.") % {"number": task.number})
    return redirect(reverse("programs:detail", args=[task.plan_id]) + "#nhiem-vu")
