"""Job fairs and mobile job sessions: the list and form, one event with who came and referrals made there."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import has_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.exports import xlsx_response
from giamngheo.core.service_calls import call_service
from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit
from giamngheo.jobs import selectors
from giamngheo.jobs.exports import EVENT_HEADER, event_rows
from giamngheo.jobs.forms import DATE
from giamngheo.jobs.models import JobEventKind, Vacancy
from giamngheo.jobs.services.events import event_attend, event_refer, job_event_create
from giamngheo.jobs.views._common import can_manage_jobs, user_communes


class JobEventForm(forms.Form):
    place = forms.ModelChoiceField(
        label=gettext_lazy("Địa bàn tổ chức (xã)"), queryset=AdminUnit.objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=JobEventKind.choices)
    name = forms.CharField(label=gettext_lazy("Tên"), max_length=255)
    held_on = forms.DateField(label=gettext_lazy("Ngày tổ chức"), widget=DATE)
    venue = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=255)
    organiser = forms.CharField(label=gettext_lazy("Đơn vị tổ chức"), max_length=255)
    vacancies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Vị trí tuyển dụng tại sự kiện"),
        queryset=Vacancy.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = user_communes(user)  # type: ignore[attr-defined]
        self.fields["vacancies"].queryset = selectors.open_vacancies_for_user(  # type: ignore[attr-defined]
            user, on=timezone.localdate()
        ).order_by("employer__name", "position")


class AttendForm(forms.Form):
    member = forms.IntegerField(required=False, widget=forms.HiddenInput)
    walk_in_name = forms.CharField(
        label=gettext_lazy("Họ tên người ngoài sổ"), max_length=255, required=False
    )


class EventReferForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    vacancy = forms.IntegerField()


@login_required
def events(request: HttpRequest) -> HttpResponse:
    """Fairs and mobile sessions of the user's province, newest first, and the form to add one."""
    form = JobEventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(form, job_event_create, actor=request.user, **form.cleaned_data)
        if outcome.ok and outcome.value is not None:
            messages.success(request, _("Đã ghi sự kiện."))
            return redirect("jobs:event", event_id=outcome.value.pk)
    rows = selectors.job_events_for_user(request.user).order_by("-held_on", "-id")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {"page": page, "form": form, "can_edit": can_manage_jobs(request.user), "query_string": ""}
    return render(request, "jobs/events.html", context)


@login_required
def events_export(request: HttpRequest) -> HttpResponseBase:
    rows = event_rows(request.user, selectors.job_events_for_user(request.user).order_by("held_on", "id"))
    return xlsx_response(
        "ngay-hoi-viec-lam.xlsx", _("Ngày hội, phiên giao dịch"), [str(h) for h in EVENT_HEADER], rows
    )


@login_required
def event(request: HttpRequest, event_id: int) -> HttpResponse:
    """One event: employers and vacancies, attendees of the user's area, referrals made there."""
    item = selectors.job_event_get_for_user(request.user, event_id)
    today = timezone.localdate()
    attendees = selectors.attendees_for_user(request.user).filter(event=item).order_by("id")
    came = {a.member_id for a in attendees if a.member_id}
    query = request.GET.get("q", "").strip()
    candidates = selectors.labour_register_for_user(request.user, on=today).filter(
        household__province_id=item.province_id
    )
    if query:
        key = search_key(query)
        candidates = candidates.filter(Q(search_name__contains=key) | Q(household__code=query))
    else:
        candidates = candidates.filter(**{"labour_wants_work": True})  # noqa: PIE804 — an annotation
    context = {
        "event": item,
        "employers": item.employers.order_by("name"),
        "vacancies": item.vacancies.select_related("employer").order_by("employer__name", "position"),
        "attendees": attendees,
        "candidates": candidates.exclude(pk__in=came).order_by("household__code", "member_no")[:50],
        "referrals": selectors.referrals_for_user(request.user).filter(event=item).order_by("-id"),
        "query": query,
        "held": item.held_on <= today,
        "can_edit": has_permission(request.user, Permission.MANAGE_JOBS, item.place),
        "can_record": can_manage_jobs(request.user),
    }
    return render(request, "jobs/event.html", context)


@login_required
@require_POST
def attend(request: HttpRequest, event_id: int) -> HttpResponse:
    item = selectors.job_event_get_for_user(request.user, event_id)
    form = AttendForm(request.POST)
    if form.is_valid() and (form.cleaned_data["member"] or form.cleaned_data["walk_in_name"].strip()):
        member_id = form.cleaned_data["member"]
        person = selectors.member_get_for_user(request.user, member_id) if member_id else None
        outcome = call_service(
            request, event_attend, actor=request.user, event=item, member=person,
            walk_in_name=form.cleaned_data["walk_in_name"], today=timezone.localdate(),
        )  # fmt: skip
        if outcome.ok:
            messages.success(request, _("Đã ghi người tham dự."))
    else:
        messages.error(request, _("Hãy chọn người trong sổ hoặc ghi họ tên."))
    return redirect("jobs:event", event_id=item.pk)


@login_required
@require_POST
def refer(request: HttpRequest, event_id: int) -> HttpResponse:
    item = selectors.job_event_get_for_user(request.user, event_id)
    form = EventReferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn vị trí tuyển dụng."))
        return redirect("jobs:event", event_id=item.pk)
    person = selectors.member_get_for_user(request.user, form.cleaned_data["member"])
    job = selectors.vacancy_get_for_user(request.user, form.cleaned_data["vacancy"])
    outcome = call_service(
        request, event_refer, actor=request.user, event=item, vacancy=job, member=person,
        today=timezone.localdate(),
    )  # fmt: skip
    if outcome.ok:
        messages.success(request, _("Đã giới thiệu %(name)s.") % {"name": person.full_name})
    return redirect("jobs:event", event_id=item.pk)
