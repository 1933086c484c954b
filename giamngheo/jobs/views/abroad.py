"""Work abroad: the workers of the area with their household's status then and now, departure and return."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.core.service_calls import call_service
from giamngheo.jobs import selectors
from giamngheo.jobs.forms import AbroadForm, ReturnForm
from giamngheo.jobs.services.abroad import abroad_worker_register, abroad_worker_return
from giamngheo.jobs.views._common import employment_support_types


@login_required
def abroad(request: HttpRequest) -> HttpResponse:
    rows = selectors.abroad_workers_for_user(request.user).order_by("returned_on", "-departed_on", "-id")
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "return_form": ReturnForm(initial={"on": timezone.localdate()}),
        "query_string": request.GET.urlencode(),
    }
    return render(request, "jobs/abroad.html", context)


@login_required
def abroad_register(request: HttpRequest, member_id: int) -> HttpResponse:
    person = selectors.member_get_for_user(request.user, member_id)
    form = AbroadForm(request.POST or None, support_types=employment_support_types(request.user))
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            form,
            abroad_worker_register,
            actor=request.user,
            member=person,
            today=timezone.localdate(),
            **form.cleaned_data,
        )
        if outcome.ok:
            messages.success(request, _("Đã ghi người đi làm việc ở nước ngoài."))
            return redirect("jobs:abroad")
    return render(request, "jobs/abroad_form.html", {"person": person, "form": form})


@login_required
@require_POST
def abroad_return(request: HttpRequest, worker_id: int) -> HttpResponse:
    worker = selectors.abroad_worker_get_for_user(request.user, worker_id)
    form = ReturnForm(request.POST)
    if form.is_valid():
        outcome = call_service(
            request,
            abroad_worker_return,
            actor=request.user,
            worker=worker,
            on=form.cleaned_data["on"],
            today=timezone.localdate(),
        )
        if outcome.ok:
            messages.success(request, _("Đã ghi ngày về nước."))
    else:
        messages.error(request, _("Hãy ghi ngày về nước."))
    return redirect("jobs:abroad")
