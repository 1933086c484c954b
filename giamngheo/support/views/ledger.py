"""The support ledger of the user's area: filters, delivery and cancellation of a record."""

from __future__ import annotations

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
from giamngheo.support import selectors
from giamngheo.support.forms import CancelForm, DeliverForm
from giamngheo.support.models import RecordStatus
from giamngheo.support.services.records import support_record_cancel, support_record_deliver
from giamngheo.support.views._common import user_support_types


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    """Support records of the area (what stands, or the whole history), by type, year and status."""
    records = selectors.records_for_user(request.user).select_related(
        "household", "member", "support_type", "commune"
    )
    type_id = request.GET.get("loai", "")
    year = request.GET.get("nam", "")
    history = request.GET.get("lich-su") == "1"
    if type_id.isdigit():
        records = records.filter(support_type_id=int(type_id))
    if year.isdigit():
        records = records.filter(on__year=int(year))
    if not history:
        records = selectors.current_records(records)
    summary = selectors.support_summary(
        selectors.records_for_user(request.user), year=int(year) if year.isdigit() else None
    )
    page = Paginator(records.order_by("-on", "-id"), 100).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "summary": summary,
        "types": user_support_types(request.user),
        "type_id": type_id,
        "year": year,
        "history": history,
        "query_string": request.GET.urlencode(),
    }
    return render(request, "support/ledger.html", context)


@login_required
def record_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    """One record, its chain (approval → delivery → cancellation) and the actions still possible."""
    record = selectors.record_get_for_user(request.user, record_id)
    chain = [record]
    while chain[-1].supersedes_id:
        chain.append(chain[-1].supersedes)  # type: ignore[arg-type]
    later = list(selectors.records_for_user(request.user).filter(supersedes=record))
    can_act = not later and has_permission(
        request.user, Permission.RECORD_SUPPORT, record.household.village or record.household.commune
    )
    context = {
        "record": record,
        "chain": chain,
        "later": later,
        "can_deliver": can_act and record.status == RecordStatus.APPROVED,
        "can_cancel": can_act and record.status != RecordStatus.CANCELLED,
        "deliver_form": DeliverForm(initial={"on": timezone.localdate(), "amount": record.amount}),
        "cancel_form": CancelForm(),
    }
    return render(request, "support/record_detail.html", context)


@login_required
@require_POST
def record_deliver(request: HttpRequest, record_id: int) -> HttpResponse:
    record = selectors.record_get_for_user(request.user, record_id)
    form = DeliverForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi ngày trao hoặc ngày chi."))
        return redirect("support:record", record_id=record.pk)
    new = call_service(
        request,
        support_record_deliver,
        actor=request.user,
        record=record,
        today=timezone.localdate(),
        **form.cleaned_data,
    ).value
    if new is None:
        return redirect("support:record", record_id=record.pk)
    messages.success(request, _("Đã ghi nhận đã trao, đã chi."))
    return redirect("support:record", record_id=new.pk)


@login_required
@require_POST
def record_cancel(request: HttpRequest, record_id: int) -> HttpResponse:
    record = selectors.record_get_for_user(request.user, record_id)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do hủy."))
        return redirect("support:record", record_id=record.pk)
    new = call_service(
        request,
        support_record_cancel,
        actor=request.user,
        record=record,
        reason=form.cleaned_data["reason"],
        on=timezone.localdate(),
    ).value
    if new is None:
        return redirect("support:record", record_id=record.pk)
    messages.success(request, _("Đã hủy bản ghi hỗ trợ."))
    return redirect("support:record", record_id=new.pk)
