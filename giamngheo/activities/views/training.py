"""Course pages: the attendees (put one on the list, import a list), and officers taken from the users."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.activities import selectors
from giamngheo.activities.forms import AttendanceForm, FromUsersForm
from giamngheo.activities.models import OfficerCourse
from giamngheo.activities.services.training import attendance_set, officers_from_users
from giamngheo.core.service_calls import call_service


def course_context(request: HttpRequest, course: OfficerCourse) -> dict[str, Any]:
    return {"attendances": selectors.attendances_of(course), "attendance_form": AttendanceForm(course=course)}


@login_required
@require_POST
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get_for_user(request.user, pk)
    form = AttendanceForm(request.POST, course=course)
    if form.is_valid():
        outcome = call_service(
            request, attendance_set, actor=request.user, course=course, **form.cleaned_data
        )
        if outcome.ok:
            messages.success(request, _("Đã ghi học viên."))
    else:
        messages.error(request, _("Hãy chọn một cán bộ của đơn vị."))
    return redirect("activities:courses_detail", pk=course.pk)


@login_required
@require_POST
def officers_add_from_users(request: HttpRequest) -> HttpResponse:
    form = FromUsersForm(request.POST, user=request.user)
    if form.is_valid():
        outcome = call_service(
            request, officers_from_users, actor=request.user, unit=form.cleaned_data["unit"]
        )
        if outcome.ok and outcome.value is not None:
            messages.success(
                request, _("Đã thêm %(n)s cán bộ từ tài khoản người dùng.") % {"n": len(outcome.value)}
            )
    else:
        messages.error(request, _("Hãy chọn đơn vị."))
    return redirect("activities:officers_list")
