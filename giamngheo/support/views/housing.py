"""Housing cases: list of the area, opening one from a household, approval, progress, acceptance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import has_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.service_calls import call_service
from giamngheo.registry.selectors import household_get_for_user
from giamngheo.support import selectors
from giamngheo.support.forms import (
    HousingAcceptForm,
    HousingApproveForm,
    HousingCancelForm,
    HousingOpenForm,
    HousingProgressForm,
)
from giamngheo.support.models import HousingStage
from giamngheo.support.services import housing as services
from giamngheo.support.views._common import user_support_types


def _housing_types(user: Any) -> Any:
    return user_support_types(user).filter(addresses__contains="housing")


@login_required
def housing_index(request: HttpRequest) -> HttpResponse:
    """Housing cases of the area with their stage; counts by stage."""
    cases = selectors.housing_cases_for_user(request.user).select_related(
        "household", "commune", "support_type"
    )
    stage = request.GET.get("buoc", "")
    if stage in HousingStage.values:
        cases = cases.filter(stage=stage)
    page = Paginator(cases.order_by("-year", "commune__name", "household__code"), 100).get_page(
        request.GET.get("page")
    )
    counts = selectors.housing_stage_counts(selectors.housing_cases_for_user(request.user))
    stages = [(value, label, counts.get(value, 0)) for value, label in HousingStage.choices]
    return render(request, "support/housing_index.html", {"page": page, "stages": stages, "stage": stage})


@login_required
def housing_open(request: HttpRequest, household_id: int) -> HttpResponse:
    """Propose a house to build or repair for a household."""
    household = household_get_for_user(request.user, household_id)
    today = timezone.localdate()
    form = HousingOpenForm(
        request.POST or None, support_types=_housing_types(request.user), initial={"year": today.year}
    )
    if request.method == "POST" and form.is_valid():
        case = call_service(
            form,
            services.housing_case_open,
            actor=request.user,
            household=household,
            on=today,
            **form.cleaned_data,
        ).value
        if case is not None:
            messages.success(request, _("Đã lập hồ sơ hỗ trợ nhà ở."))
            return redirect("support:housing", case_id=case.pk)
    return render(
        request,
        "support/housing_open.html",
        {"household": household, "form": form, "need": services.housing_need(household)},
        status=400 if form.errors else 200,
    )


@login_required
def housing_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.housing_case_get_for_user(request.user, case_id)
    today = timezone.localdate()
    place = case.household.village or case.household.commune
    open_case = case.stage not in (HousingStage.ACCEPTED, HousingStage.CANCELLED)
    context = {
        "case": case,
        "progress": case.progress.order_by("on", "id"),
        "funding": case.funding.all(),
        "can_approve": case.stage == HousingStage.PROPOSED
        and has_permission(request.user, Permission.APPROVE_SUPPORT, case.commune),
        "can_manage": open_case and has_permission(request.user, Permission.MANAGE_SUPPORT, place),
        "approve_form": HousingApproveForm(
            initial={
                "version": case.version,
                "decided_on": today,
                "central": case.support_type.default_amount,
            }
        ),
        "progress_form": HousingProgressForm(initial={"version": case.version, "on": today}),
        "accept_form": HousingAcceptForm(initial={"version": case.version, "on": today}),
        "cancel_form": HousingCancelForm(initial={"version": case.version}),
    }
    return render(request, "support/housing_detail.html", context)


def _done(request: HttpRequest, case_id: int, ok: bool, message: str) -> HttpResponse:
    if ok:
        messages.success(request, message)
    return redirect("support:housing", case_id=case_id)


def _failed(request: HttpRequest, case_id: int, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("support:housing", case_id=case_id)


@login_required
@require_POST
def housing_approve(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.housing_case_get_for_user(request.user, case_id)
    form = HousingApproveForm(request.POST)
    if not form.is_valid():
        return _failed(request, case.pk, _("Hãy ghi số, ngày quyết định và số tiền theo nguồn."))
    data = form.cleaned_data
    outcome = call_service(
        request,
        services.housing_case_approve,
        actor=request.user,
        case=case,
        version=data["version"],
        funding=form.funding(),
        on=data["decided_on"],
        decision_number=data["decision_number"],
    )
    return _done(request, case.pk, outcome.ok, _("Đã phê duyệt hồ sơ nhà ở."))


@login_required
@require_POST
def housing_progress(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.housing_case_get_for_user(request.user, case_id)
    form = HousingProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        return _failed(request, case.pk, _("Hãy chọn giai đoạn và ngày."))
    outcome = call_service(
        request,
        services.housing_case_progress,
        actor=request.user,
        case=case,
        today=timezone.localdate(),
        **form.cleaned_data,
    )
    return _done(request, case.pk, outcome.ok, _("Đã ghi tiến độ."))


@login_required
@require_POST
def housing_accept(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.housing_case_get_for_user(request.user, case_id)
    form = HousingAcceptForm(request.POST)
    if not form.is_valid():
        return _failed(request, case.pk, _("Hãy ghi ngày nghiệm thu và diện tích."))
    outcome = call_service(
        request,
        services.housing_case_accept,
        actor=request.user,
        case=case,
        today=timezone.localdate(),
        **form.cleaned_data,
    )
    return _done(request, case.pk, outcome.ok, _("Đã nghiệm thu nhà ở; khoản hỗ trợ được ghi là đã chi."))


@login_required
@require_POST
def housing_cancel(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.housing_case_get_for_user(request.user, case_id)
    form = HousingCancelForm(request.POST)
    if not form.is_valid():
        return _failed(request, case.pk, _("Hãy ghi lý do hủy."))
    outcome = call_service(
        request,
        services.housing_case_cancel,
        actor=request.user,
        case=case,
        on=timezone.localdate(),
        **form.cleaned_data,
    )
    return _done(request, case.pk, outcome.ok, _("Đã hủy hồ sơ nhà ở."))
