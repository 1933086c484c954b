"""Budget execution of a plan (allocations, disbursements, the ledger), «my tasks», and agency members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.access import has_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.exports import xlsx_workbook_response
from giamngheo.core.forms import reporting_period_split
from giamngheo.core.models import PeriodKind
from giamngheo.core.service_calls import call_service
from giamngheo.core.services import period_get_or_create
from giamngheo.programs import selectors, services
from giamngheo.programs.budget_forms import AgencyMemberForm, AllocationForm, DisbursementForm
from giamngheo.programs.budget_periods import MONTHS_PER_COLUMN, budget_by_period, budget_period_sheet
from giamngheo.programs.models import Agency, BudgetAllocation, Disbursement, Plan, TaskStatus


def _record_disbursement(*, actor: Any, line: Any, year: int, period: str, amount: Any, note: str) -> Any:
    kind, number = reporting_period_split(period)
    period_row = period_get_or_create(year=year, kind=kind, number=number)
    return services.disbursement_record(actor=actor, line=line, period=period_row, amount=amount, note=note)


def _period_choice(request: HttpRequest, plan: Plan) -> tuple[int, str]:
    """The year (within the plan, this year by default) and the granularity asked in the query string."""
    today = timezone.localdate().year
    try:
        year = int(request.GET.get("nam", today))
    except ValueError:
        year = today
    if not plan.start_year <= year <= plan.end_year:
        year = min(max(today, plan.start_year), plan.end_year)
    kind = request.GET.get("ky", PeriodKind.MONTH)
    return year, kind if kind in MONTHS_PER_COLUMN else PeriodKind.MONTH


@login_required
def plan_budget_periods_xlsx(request: HttpRequest, plan_id: int) -> FileResponse:
    """The disbursement by month or quarter as a spreadsheet (million VND)."""
    plan: Plan = selectors.plan_get_for_user(request.user, plan_id)
    year, kind = _period_choice(request, plan)
    table = budget_by_period(plan, year=year, kind=kind)
    return xlsx_workbook_response(f"giai-ngan-theo-ky-{plan.pk}-{year}.xlsx", [budget_period_sheet(table)])


@login_required
def plan_budget_execution(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Per budget line: allocated, disbursed from support records, disbursed manually, rate; entry forms."""
    plan: Plan = selectors.plan_get_for_user(request.user, plan_id)
    can_manage = has_permission(request.user, Permission.MANAGE_PLANS, plan.managed_at)
    year = timezone.localdate().year
    allocation_form = AllocationForm(plan=plan, initial={"year": year})
    disbursement_form = DisbursementForm(plan=plan, initial={"year": year})
    status = 200
    if request.method == "POST" and can_manage:
        if request.POST.get("action") == "allocation":
            allocation_form = AllocationForm(request.POST, plan=plan)
            if allocation_form.is_valid():
                outcome = call_service(
                    allocation_form,
                    services.budget_allocation_record,
                    actor=request.user,
                    **allocation_form.cleaned_data,
                )
                if outcome.ok:
                    messages.success(request, _("Đã ghi dự toán được giao."))
                    return redirect("programs:budget", plan_id=plan.pk)
        else:
            disbursement_form = DisbursementForm(request.POST, plan=plan)
            if disbursement_form.is_valid():
                outcome = call_service(
                    disbursement_form,
                    _record_disbursement,
                    actor=request.user,
                    **disbursement_form.cleaned_data,
                )
                if outcome.ok:
                    messages.success(request, _("Đã ghi giải ngân."))
                    return redirect("programs:budget", plan_id=plan.pk)
        status = 400
    elif request.method == "POST":
        return HttpResponse(status=403)
    period_year, period_kind = _period_choice(request, plan)
    context = {
        "plan": plan,
        "budget": selectors.budget_summary(plan),
        "by_period": budget_by_period(plan, year=period_year, kind=period_kind),
        "period_years": range(plan.start_year, plan.end_year + 1),
        "allocations": BudgetAllocation.objects.filter(line__plan=plan)
        .select_related("line", "line__project")
        .order_by("year", "line_id", "pk"),
        "disbursements": Disbursement.objects.filter(line__plan=plan)
        .select_related("line", "line__project", "period")
        .order_by("period__start_date", "period__end_date", "line_id", "pk"),
        "can_manage": can_manage,
        "allocation_form": allocation_form,
        "disbursement_form": disbursement_form,
    }
    return render(request, "programs/budget_execution.html", context, status=status)


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """«Nhiệm vụ của tôi»: the tasks led by the user's agencies, with deadlines and status."""
    context = {
        "tasks": list(selectors.my_tasks(request.user)),
        "today": timezone.localdate(),
        "task_statuses": TaskStatus.choices,
    }
    return render(request, "programs/my_tasks.html", context)


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    """The agencies of the provinces the user manages, with their members."""
    agencies = selectors.agencies_for_user(request.user).prefetch_related("members__user")
    return render(request, "programs/agency_list.html", {"agencies": agencies})


@login_required
def agency_detail(request: HttpRequest, agency_id: int) -> HttpResponse:
    """One agency's members: add a user by login name, remove one."""
    agency: Agency = selectors.agency_get_for_user(request.user, agency_id)
    form = AgencyMemberForm()
    status = 200
    if request.method == "POST":
        form = AgencyMemberForm(request.POST)
        if form.is_valid():
            user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
            service = (
                services.agency_member_remove
                if request.POST.get("action") == "remove"
                else services.agency_member_add
            )
            if user is None:
                form.add_error("username", _("Không có người dùng này."))
            elif call_service(form, service, actor=request.user, agency=agency, user=user).ok:
                messages.success(request, _("Đã cập nhật cán bộ của cơ quan."))
                return redirect("programs:agency", agency_id=agency.pk)
        status = 400
    members = agency.members.select_related("user").order_by("user__username")
    context = {"agency": agency, "members": members, "form": form}
    return render(request, "programs/agency_detail.html", context, status=status)
