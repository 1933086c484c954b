"""Vocational training pages: courses, enrolment of members, completion with the certificate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.core.service_calls import call_service
from giamngheo.jobs import selectors
from giamngheo.jobs.forms import CompleteForm, CourseForm, MemberPickForm
from giamngheo.jobs.services.training import course_create, enrolment_complete, enrolment_create
from giamngheo.jobs.views._common import can_manage_jobs, employment_support_types, user_communes
from giamngheo.jobs.views.attendance import course_attendance_context


@login_required
def courses(request: HttpRequest) -> HttpResponse:
    form = CourseForm(
        request.POST or None,
        places=user_communes(request.user),
        support_types=employment_support_types(request.user),
    )
    if request.method == "POST" and form.is_valid():
        outcome = call_service(form, course_create, actor=request.user, **form.cleaned_data)
        if outcome.ok and outcome.value is not None:
            messages.success(request, _("Đã mở khóa đào tạo."))
            return redirect("jobs:course", course_id=outcome.value.pk)
    rows = selectors.courses_for_user(request.user).order_by("-starts_on", "-id")[:200]
    return render(
        request,
        "jobs/courses.html",
        {"courses": rows, "form": form, "can_edit": can_manage_jobs(request.user)},
    )


@login_required
def course(request: HttpRequest, course_id: int) -> HttpResponse:
    """A course with the trainees of the user's area; candidates who want training can be enrolled."""
    item = selectors.course_get_for_user(request.user, course_id)
    today = timezone.localdate()
    enrolments = list(
        selectors.enrolments_for_user(request.user).filter(course=item).order_by("member__full_name", "id")
    )
    enrolled = [e.member_id for e in enrolments]
    wanting = (
        selectors.labour_register_for_user(request.user, on=today)
        .filter(household__province_id=item.province_id, **{"labour_wants_training": True})  # noqa: PIE804
        .exclude(pk__in=enrolled)
        .order_by("household__code", "member_no")[:100]
    )
    context = {
        "course": item,
        "enrolments": enrolments,
        "wanting": wanting,
        "today": today,
        "complete_form": CompleteForm(initial={"completed_on": today}),
        "can_edit": can_manage_jobs(request.user),
        **course_attendance_context(item, enrolments),
    }
    return render(request, "jobs/course.html", context)


@login_required
@require_POST
def enrol(request: HttpRequest, course_id: int) -> HttpResponse:
    item = selectors.course_get_for_user(request.user, course_id)
    form = MemberPickForm(request.POST)
    if form.is_valid():
        person = selectors.member_get_for_user(request.user, form.cleaned_data["member"])
        outcome = call_service(
            request,
            enrolment_create,
            actor=request.user,
            course=item,
            member=person,
            on=form.cleaned_data["on"],
            today=timezone.localdate(),
        )
        if outcome.ok:
            messages.success(request, _("Đã ghi danh %(name)s.") % {"name": person.full_name})
    else:
        messages.error(request, _("Hãy chọn người và ngày ghi danh."))
    return redirect("jobs:course", course_id=item.pk)


@login_required
@require_POST
def complete(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.enrolment_get_for_user(request.user, enrolment_id)
    form = CompleteForm(request.POST)
    if form.is_valid():
        outcome = call_service(
            request,
            enrolment_complete,
            actor=request.user,
            enrolment=enrolment,
            on=form.cleaned_data["completed_on"],
            certificate_no=form.cleaned_data["certificate_no"],
            today=timezone.localdate(),
        )
        if outcome.ok:
            messages.success(request, _("Đã ghi hoàn thành khóa học."))
    else:
        messages.error(request, _("Hãy ghi ngày hoàn thành."))
    return redirect("jobs:course", course_id=enrolment.course_id)
