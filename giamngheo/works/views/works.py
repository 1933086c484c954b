"""Pages of infrastructure works: the list with its filter and export, a work, create, edit, progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.core.service_calls import call_service, record_from_form
from giamngheo.works import selectors
from giamngheo.works.exports import table_response, work_header, work_rows
from giamngheo.works.forms import MaintenanceForm, ProgressForm, WorkForm
from giamngheo.works.models import WorkKind, WorkStatus
from giamngheo.works.services.works import (
    EDITABLE,
    work_create,
    work_maintenance_record,
    work_progress_record,
    work_update,
)
from giamngheo.works.views._common import can_manage_works, refuse_readers, user_agencies, user_communes

PAGE_SIZE = 200


@login_required
def works(request: HttpRequest) -> HttpResponse:
    chosen = selectors.WorkFilter.from_query(request.GET)
    rows = chosen.apply(selectors.works_for_user(request.user)).order_by("commune__name", "name", "pk")
    context = {
        "works": rows[:PAGE_SIZE],
        "total": rows.count(),
        "by_kind": selectors.works_by_kind(rows),
        "filter": chosen,
        "communes": user_communes(request.user),
        "kinds": WorkKind.choices,
        "statuses": WorkStatus.choices,
        "query": request.GET.urlencode(),
        "can_edit": can_manage_works(request.user),
    }
    return render(request, "works/works.html", context)


@login_required
def works_export(request: HttpRequest) -> HttpResponseBase:
    chosen = selectors.WorkFilter.from_query(request.GET)
    rows = work_rows(chosen.apply(selectors.works_for_user(request.user)))
    return table_response(
        request.GET.get("format", "xlsx"), "cong-trinh", _("Công trình"), work_header(), rows
    )


def _work_form(request: HttpRequest, **kwargs: object) -> WorkForm:
    return WorkForm(
        request.POST or None,
        communes=user_communes(request.user),
        agencies=user_agencies(request.user),
        **kwargs,
    )


@login_required
def work_create_page(request: HttpRequest) -> HttpResponse:
    refuse_readers(request)
    form = _work_form(request)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            form, work_create, actor=request.user, capital=form.money(), **form.service_fields()
        )
        if outcome.ok and outcome.value is not None:
            messages.success(request, _("Đã thêm công trình."))
            return redirect("works:work", work_id=outcome.value.pk)
    return render(request, "works/work_form.html", {"form": form, "title": _("Thêm công trình")})


@login_required
def work_edit(request: HttpRequest, work_id: int) -> HttpResponse:
    item = selectors.work_get_for_user(request.user, work_id)
    refuse_readers(request)
    initial = {name: getattr(item, name) for name in EDITABLE} | {"commune": item.commune}
    initial |= {f"capital_{row.source}": row.amount for row in item.capital.all()}
    form = _work_form(request, initial=initial)
    form.fields["commune"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.service_fields()
        outcome = call_service(
            form, work_update, actor=request.user, work=item, data=data, capital=form.money()
        )
        if outcome.ok:
            messages.success(request, _("Đã lưu công trình."))
            return redirect("works:work", work_id=item.pk)
    return render(request, "works/work_form.html", {"form": form, "title": item.name, "work": item})


@login_required
def work(request: HttpRequest, work_id: int) -> HttpResponse:
    item = selectors.work_get_for_user(request.user, work_id)
    today = timezone.localdate()
    context = {
        "work": item,
        "capital": item.capital.all(),
        "capital_total": sum((row.amount for row in item.capital.all()), start=0),
        "reports": item.progress_reports.select_related("recorded_by").order_by("-on", "-pk"),
        "maintenance": item.maintenance.order_by("-on", "-pk"),
        "progress_form": ProgressForm(initial={"on": today, "percent": item.progress}),
        "maintenance_form": MaintenanceForm(initial={"on": today}),
        "can_edit": can_manage_works(request.user),
    }
    return render(request, "works/work.html", context)


@login_required
@require_POST
def work_progress(request: HttpRequest, work_id: int) -> HttpResponse:
    item = selectors.work_get_for_user(request.user, work_id)
    record_from_form(
        request, ProgressForm(request.POST), work_progress_record, actor=request.user, work=item,
        today=timezone.localdate(), done=_("Đã ghi tiến độ."),
        invalid=_("Hãy ghi ngày và tiến độ từ 0 đến 100 %."),
    )  # fmt: skip
    return redirect("works:work", work_id=item.pk)


@login_required
@require_POST
def work_maintenance(request: HttpRequest, work_id: int) -> HttpResponse:
    item = selectors.work_get_for_user(request.user, work_id)
    record_from_form(
        request, MaintenanceForm(request.POST), work_maintenance_record, actor=request.user, work=item,
        today=timezone.localdate(), done=_("Đã ghi duy tu, bảo dưỡng."),
        invalid=_("Hãy ghi ngày và nội dung duy tu."),
    )  # fmt: skip
    return redirect("works:work", work_id=item.pk)
