"""Review requests: record a household's Mẫu 01 / Mẫu 04, and follow the 15-day deadline of each."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.access import assignments_with_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.service_calls import call_service
from giamngheo.registry.selectors import households_for_user
from giamngheo.reviews.forms_requests import ReviewRequestForm
from giamngheo.reviews.requests import request_state, requests_for_user
from giamngheo.reviews.services import review_request_record

SHOWN = 500


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    """Requests of the area, newest first, each with its deadline; the form records a new one."""
    form = ReviewRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        household = (
            households_for_user(request.user).filter(code=form.cleaned_data["household_code"].strip()).first()
        )
        if household is None:
            form.add_error("household_code", _("Không có hộ mang mã này trong địa bàn của bạn."))
        elif call_service(
            form,
            review_request_record,
            actor=request.user,
            household=household,
            form=form.cleaned_data["form"],
            received_on=form.cleaned_data["received_on"],
            note=form.cleaned_data["note"],
        ).ok:
            messages.success(
                request, _("Đã ghi nhận giấy đề nghị của hộ %(code)s.") % {"code": household.code}
            )
            return redirect("reviews:requests")
    today = timezone.localdate()
    shown = request.GET.get("tinh-trang", "")
    rows = []
    for review_request in requests_for_user(request.user).order_by("-received_on", "-id")[:SHOWN]:
        state = request_state(review_request, today)
        if not shown or state.key == shown:
            rows.append((review_request, state))
    context = {
        "form": form,
        "rows": rows,
        "shown": shown,
        "limit": SHOWN,
        "can_record": bool(assignments_with_permission(request.user, Permission.REVIEW_WORK)),
    }
    return render(request, "reviews/requests.html", context)
