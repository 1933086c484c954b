"""Vacancies and referrals: posting, ranked candidates with reasons, referral steps, the referral list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import has_permission, require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.exports import xlsx_response
from giamngheo.core.service_calls import call_service
from giamngheo.jobs import selectors
from giamngheo.jobs.exports import REFERRAL_HEADER, referral_rows
from giamngheo.jobs.forms import MemberPickForm, StepForm, VacancyEditForm, VacancyForm
from giamngheo.jobs.matching import candidates_for_vacancy
from giamngheo.jobs.services.placements import (
    VACANCY_TERMS,
    employer_create,
    referral_create,
    referral_step,
    vacancy_create,
    vacancy_update,
)
from giamngheo.jobs.views._common import can_manage_jobs, user_communes


@login_required
def vacancies(request: HttpRequest) -> HttpResponse:
    """Vacancies of the user's province (open first) and the form to post one."""
    today = timezone.localdate()
    show_closed = request.GET.get("het-han") == "1"
    rows = selectors.vacancies_for_user(request.user)
    if not show_closed:
        rows = rows.filter(deadline__gte=today)
    form = VacancyForm(request.POST or None, places=user_communes(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        employer_data = {name: data.pop(name) for name in VacancyForm.EMPLOYER}
        employer = call_service(
            form,
            employer_create,
            actor=request.user,
            place=data["place"],
            name=employer_data["employer_name"],
            tax_code=employer_data["tax_code"],
            sector=employer_data["sector"],
            address=employer_data["address"],
        ).value
        if employer is not None:
            outcome = call_service(
                form, vacancy_create, actor=request.user, employer=employer, today=today, **data
            )
            if outcome.ok and outcome.value is not None:
                messages.success(request, _("Đã đăng vị trí tuyển dụng."))
                return redirect("jobs:vacancy", vacancy_id=outcome.value.pk)
    page = Paginator(rows.order_by("-deadline", "-id"), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "show_closed": show_closed,
        "can_edit": can_manage_jobs(request.user),
        "query_string": request.GET.urlencode(),
    }
    return render(request, "jobs/vacancies.html", context)


@login_required
def vacancy(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """One vacancy with the ranked candidates of the user's area, the reasons for each score, referrals."""
    job = selectors.vacancy_get_for_user(request.user, vacancy_id)
    today = timezone.localdate()
    referrals = selectors.referrals_for_user(request.user).filter(vacancy=job).order_by("-score", "pk")
    referred = set(referrals.values_list("member_id", flat=True))
    context = {
        "vacancy": job,
        "matches": candidates_for_vacancy(request.user, job, on=today) if job.deadline >= today else [],
        "referrals": referrals,
        "referred": referred,
        "today": today,
        "can_edit": can_manage_jobs(request.user),
        "can_change": has_permission(request.user, Permission.MANAGE_JOBS, job.place),
    }
    return render(request, "jobs/vacancy.html", context)


@login_required
def vacancy_edit(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Change the terms of a vacancy (officers covering its place); the employer and place stay."""
    job = selectors.vacancy_get_for_user(request.user, vacancy_id)
    if request.method == "POST":
        require_permission(request.user, Permission.MANAGE_JOBS, job.place)
    initial = {name: getattr(job, name) for name in VACANCY_TERMS}
    form = VacancyEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            form,
            vacancy_update,
            actor=request.user,
            vacancy=job,
            data=form.cleaned_data,
            today=timezone.localdate(),
        )
        if outcome.ok:
            messages.success(request, _("Đã sửa vị trí tuyển dụng."))
            return redirect("jobs:vacancy", vacancy_id=job.pk)
    return render(request, "jobs/vacancy_edit.html", {"vacancy": job, "form": form})


@login_required
@require_POST
def refer(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    job = selectors.vacancy_get_for_user(request.user, vacancy_id)
    form = MemberPickForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn người và ngày giới thiệu."))
        return redirect("jobs:vacancy", vacancy_id=job.pk)
    person = selectors.member_get_for_user(request.user, form.cleaned_data["member"])
    outcome = call_service(
        request,
        referral_create,
        actor=request.user,
        vacancy=job,
        member=person,
        on=form.cleaned_data["on"],
        today=timezone.localdate(),
    )
    if outcome.ok and outcome.value is not None:
        messages.success(request, _("Đã giới thiệu %(name)s.") % {"name": person.full_name})
        return redirect("jobs:referral", referral_id=outcome.value.pk)
    return redirect("jobs:vacancy", vacancy_id=job.pk)


@login_required
def referrals(request: HttpRequest) -> HttpResponse:
    rows = selectors.referrals_for_user(request.user).order_by("-referred_on", "-id")
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(request, "jobs/referrals.html", {"page": page, "query_string": request.GET.urlencode()})


@login_required
def referrals_export(request: HttpRequest) -> HttpResponseBase:
    rows = referral_rows(
        selectors.referrals_for_user(request.user).order_by("commune__name", "referred_on", "id")
    )
    return xlsx_response(
        "gioi-thieu-viec-lam.xlsx", _("Giới thiệu việc làm"), [str(h) for h in REFERRAL_HEADER], rows
    )


@login_required
def referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    """One referral: the reasons of its score, its steps and the form for the next one."""
    item = selectors.referral_get_for_user(request.user, referral_id)
    context = {
        "referral": item,
        "history": item.events.select_related("recorded_by").order_by("recorded_at", "id"),
        "form": StepForm(initial={"on": timezone.localdate(), "version": item.version}),
        "can_edit": has_permission(
            request.user, Permission.MANAGE_JOBS, item.household.village or item.household.commune
        ),
    }
    return render(request, "jobs/referral.html", context)


@login_required
@require_POST
def referral_update(request: HttpRequest, referral_id: int) -> HttpResponse:
    item = selectors.referral_get_for_user(request.user, referral_id)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn bước và ngày."))
        return redirect("jobs:referral", referral_id=item.pk)
    outcome = call_service(
        request,
        referral_step,
        actor=request.user,
        referral=item,
        today=timezone.localdate(),
        **form.cleaned_data,
    )
    if outcome.ok:
        messages.success(request, _("Đã ghi."))
    return redirect("jobs:referral", referral_id=item.pk)
