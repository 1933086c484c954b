"""The labour register: working-age members of the area with their latest survey; a person's page."""

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

from giamngheo.accounts.access import has_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.exports import xlsx_response
from giamngheo.core.service_calls import call_service
from giamngheo.jobs import selectors
from giamngheo.jobs.exports import REGISTER_HEADER, register_rows
from giamngheo.jobs.forms import LabourSurveyForm
from giamngheo.jobs.matching import vacancies_for_member
from giamngheo.jobs.models import Employment, Qualification
from giamngheo.jobs.services.labour import labour_survey_record
from giamngheo.jobs.views._common import user_communes
from giamngheo.registry.models import HouseholdStatus

FILTERS = ("xa", "dien", "muon", "chua-khao-sat")


def _register(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The register filtered by commune, household status, wish, and whether a survey exists."""
    today = timezone.localdate()
    members = selectors.labour_register_for_user(request.user, on=today)
    commune, status = request.GET.get("xa", ""), request.GET.get("dien", "")
    wish, unsurveyed = request.GET.get("muon", ""), request.GET.get("chua-khao-sat") == "1"
    if commune.isdigit():
        members = members.filter(household__commune_id=int(commune))
    if status == "poor_near_poor":
        members = members.filter(household__status__in=[HouseholdStatus.POOR, HouseholdStatus.NEAR_POOR])
    elif status in HouseholdStatus.values:
        members = members.filter(household__status=status)
    if wish in ("work", "training", "abroad"):
        members = members.filter(**{f"labour_wants_{wish}": True})
    if unsurveyed:
        members = members.filter(**{"labour_surveyed_on__isnull": True})  # noqa: PIE804 — an annotation the stubs cannot see
    return members.order_by("household__commune__name", "household__code", "member_no")


@login_required
def register(request: HttpRequest) -> HttpResponse:
    members = _register(request)
    page = Paginator(members, 100).get_page(request.GET.get("page"))
    employment, qualification = dict(Employment.choices), dict(Qualification.choices)
    for person in page:
        person.employment_label = employment.get(person.labour_employment or "", "")
        person.qualification_label = qualification.get(person.labour_qualification, "")
    context = {
        "page": page,
        "communes": user_communes(request.user),
        "statuses": HouseholdStatus.choices,
        "filters": {name.replace("-", "_"): request.GET.get(name, "") for name in FILTERS},
        "query_string": request.GET.urlencode(),
    }
    return render(request, "jobs/register.html", context)


@login_required
def register_export(request: HttpRequest) -> HttpResponseBase:
    """The filtered register as Excel (formula-safe), full personal IDs only for those allowed."""
    rows = register_rows(request.user, _register(request))
    return xlsx_response("so-lao-dong.xlsx", _("Sổ lao động"), [str(h) for h in REGISTER_HEADER], rows)


@login_required
def member(request: HttpRequest, member_id: int) -> HttpResponse:
    """A person's labour surveys, ranked open vacancies with reasons, referrals and the survey form."""
    person = selectors.member_get_for_user(request.user, member_id)
    today = timezone.localdate()
    latest = selectors.surveys_of(person).first()
    initial = {"surveyed_on": today}
    if latest is not None:
        initial |= {
            name: getattr(latest, name) for name in LabourSurveyForm.base_fields if name != "surveyed_on"
        }
    context = {
        "person": person,
        "surveys": selectors.surveys_of(person)[:10],
        "matches": vacancies_for_member(request.user, person, on=today),
        "referrals": selectors.referrals_for_user(request.user)
        .filter(member=person)
        .order_by("-referred_on"),
        "form": LabourSurveyForm(initial=initial),
        "can_edit": has_permission(
            request.user, Permission.MANAGE_JOBS, person.household.village or person.household.commune
        ),
    }
    return render(request, "jobs/member.html", context)


@login_required
@require_POST
def member_survey(request: HttpRequest, member_id: int) -> HttpResponse:
    person = selectors.member_get_for_user(request.user, member_id)
    form = LabourSurveyForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Phiếu khảo sát chưa hợp lệ: %(fields)s") % {"fields": ", ".join(form.errors)}
        )
        return redirect("jobs:member", member_id=person.pk)
    data = dict(form.cleaned_data)
    outcome = call_service(
        request,
        labour_survey_record,
        actor=request.user,
        member=person,
        surveyed_on=data.pop("surveyed_on"),
        answers=data,
        today=timezone.localdate(),
    )
    if outcome.ok:
        if outcome.value is None:
            messages.info(request, _("Phiếu giống phiếu đã ghi ngày này; không ghi thêm."))
        else:
            messages.success(request, _("Đã ghi phiếu khảo sát lao động."))
    return redirect("jobs:member", member_id=person.pk)
