"""Course sessions and attendance: add a day, mark who was present, complete those who attended enough."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from giamngheo.core.errors import AppError
from giamngheo.core.exports import xlsx_response
from giamngheo.core.service_calls import call_service
from giamngheo.jobs import selectors
from giamngheo.jobs.exports import TRAINEE_HEADER, trainee_rows
from giamngheo.jobs.forms import DATE
from giamngheo.jobs.models import Course, Enrolment
from giamngheo.jobs.services.attendance import attendance_rates, attendance_record, completable, session_add
from giamngheo.jobs.services.training import enrolment_complete
from giamngheo.jobs.views._common import can_manage_jobs


class SessionForm(forms.Form):
    held_on = forms.DateField(label=gettext_lazy("Ngày học"), widget=DATE)
    topic = forms.CharField(label=gettext_lazy("Nội dung"), max_length=255, required=False)


class CompleteByAttendanceForm(forms.Form):
    completed_on = forms.DateField(label=gettext_lazy("Ngày hoàn thành"), widget=DATE)


@login_required
@require_POST
def session_create(request: HttpRequest, course_id: int) -> HttpResponse:
    item = selectors.course_get_for_user(request.user, course_id)
    form = SessionForm(request.POST)
    if form.is_valid():
        outcome = call_service(
            request,
            session_add,
            actor=request.user,
            course=item,
            today=timezone.localdate(),
            **form.cleaned_data,
        )
        if outcome.ok and outcome.value is not None:
            return redirect("jobs:session", course_id=item.pk, session_id=outcome.value.pk)
    else:
        messages.error(request, _("Hãy ghi ngày học."))
    return redirect("jobs:course", course_id=item.pk)


@login_required
def session(request: HttpRequest, course_id: int, session_id: int) -> HttpResponse:
    """The roll of one session: the trainees of the user's area, present or absent."""
    item = selectors.session_get_for_user(request.user, course_id, session_id)
    enrolments = list(
        selectors.enrolments_for_user(request.user)
        .filter(course_id=item.course_id, enrolled_on__lte=item.held_on)
        .order_by("member__full_name", "id")
    )
    if request.method == "POST":
        present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
        outcome = call_service(
            request,
            attendance_record,
            actor=request.user,
            session=item,
            enrolments=enrolments,
            present=present,
        )
        if outcome.ok:
            messages.success(request, _("Đã điểm danh."))
            return redirect("jobs:course", course_id=item.course_id)
    marks = dict(item.attendances.filter(enrolment__in=enrolments).values_list("enrolment_id", "present"))
    rows = [(e, marks.get(e.pk)) for e in enrolments]
    context = {
        "session": item,
        "course": item.course,
        "rows": rows,
        "can_edit": can_manage_jobs(request.user),
    }
    return render(request, "jobs/session.html", context)


@login_required
@require_POST
def complete_by_attendance(request: HttpRequest, course_id: int) -> HttpResponse:
    """Complete every trainee of the user's area whose attendance meets the course's rule."""
    item = selectors.course_get_for_user(request.user, course_id)
    form = CompleteByAttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi ngày hoàn thành."))
        return redirect("jobs:course", course_id=item.pk)
    enrolments = list(
        selectors.enrolments_for_user(request.user).filter(course=item, completed_on__isnull=True)
    )
    done, refused = 0, []
    for enrolment in completable(item, enrolments):
        try:
            enrolment_complete(
                actor=request.user, enrolment=enrolment, on=form.cleaned_data["completed_on"],
                today=timezone.localdate(),
            )  # fmt: skip
            done += 1
        except AppError as error:  # each trainee on their own: one refusal does not stop the others
            refused.append(f"{enrolment.member.full_name}: {error.message}")
    messages.success(request, _("Đã ghi hoàn thành cho %(n)s học viên.") % {"n": done})
    for text in refused[:20]:
        messages.error(request, text)
    return redirect("jobs:course", course_id=item.pk)


def course_attendance_context(course: Course, enrolments: list[Enrolment]) -> dict[str, object]:
    """What the course page shows about sessions: the days, each trainee's rate (`e.rate`), the forms."""
    today = timezone.localdate()
    rates = attendance_rates(course, enrolments)
    for enrolment in enrolments:
        enrolment.rate = rates[enrolment.pk]  # type: ignore[attr-defined]
    return {
        "sessions": course.sessions.order_by("held_on"),
        "session_form": SessionForm(initial={"held_on": today}),
        "complete_all_form": CompleteByAttendanceForm(initial={"completed_on": today}),
    }


@login_required
def trainees_export(request: HttpRequest, course_id: int) -> HttpResponseBase:
    """The course's trainees of the user's area with their attendance and completion (.xlsx)."""
    item = selectors.course_get_for_user(request.user, course_id)
    enrolments = list(
        selectors.enrolments_for_user(request.user)
        .filter(course=item)
        .select_related("household__commune")
        .order_by("household__commune__name", "member__full_name", "id")
    )
    rates = attendance_rates(item, enrolments)
    for enrolment in enrolments:
        enrolment.rate = rates[enrolment.pk]  # type: ignore[attr-defined]
    return xlsx_response(
        f"hoc-vien-khoa-{item.pk}.xlsx",
        _("Học viên"),
        [str(h) for h in TRAINEE_HEADER],
        trainee_rows(enrolments),
    )
