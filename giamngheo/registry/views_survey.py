"""Survey entry page: the form (phiếu rà soát), its live classification and its draft saved as it goes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.service_calls import call_service
from giamngheo.registry import assess, surveys
from giamngheo.registry.forms import HouseholdFactsForm, MemberFactsForm
from giamngheo.registry.models import CATEGORY_LABELS, Household, Member
from giamngheo.registry.models_drafts import SurveyDraft
from giamngheo.registry.selectors_rounds import survey_draft_for
from giamngheo.registry.views import _editable

SESSION_ENDED = 401  # told to the page's script, which keeps the typed values and asks to sign in again


def _initial(
    household: Household, members: list[Member], draft: SurveyDraft | None
) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """Start values: the officer's draft if there is one, else the last survey round, else empty."""
    household_initial: dict[str, Any] = {"reference_date": timezone.localdate()}
    member_initial: dict[int, dict[str, Any]] = {member.pk: {} for member in members}
    previous = household.rounds.order_by("-reference_date", "-id").first()
    if previous is not None:
        values, by_member = assess.round_values(previous)
        household_initial.update({key: value for key, value in values.items() if value not in (None, "")})
        for pk, facts in by_member.items():
            member_initial[pk] = {key: value for key, value in facts.items() if value not in (None, "")}
    if draft is not None:
        for name, value in draft.fields.items():
            prefix, _sep, field = name.partition("-")
            if prefix == "h":
                household_initial[field] = value
            elif prefix[1:].isdigit() and int(prefix[1:]) in member_initial:
                member_initial[int(prefix[1:])][field] = value
    return household_initial, member_initial


def _yes_no(values: dict[str, Any]) -> dict[str, Any]:
    return {
        key: ("true" if value is True else "false" if value is False else value)
        for key, value in values.items()
    }


def _survey_forms(
    request: HttpRequest, household: Household, draft: SurveyDraft | None
) -> tuple[HouseholdFactsForm, list[tuple[Member, MemberFactsForm]]]:
    members = list(household.members.filter(is_active=True).order_by("member_no"))
    data = request.POST if request.method == "POST" else None
    household_initial, member_initial = _initial(household, members, draft)
    household_initial["version"] = household.version
    household_form = HouseholdFactsForm(data, initial=_yes_no(household_initial), prefix="h")
    member_forms = [
        (member, MemberFactsForm(data, initial=_yes_no(member_initial[member.pk]), prefix=f"m{member.pk}"))
        for member in members
    ]
    return household_form, member_forms


def _classify_forms(
    household: Household,
    household_form: HouseholdFactsForm,
    member_forms: list[tuple[Member, MemberFactsForm]],
) -> Any:
    reference = household_form.cleaned_data["reference_date"]
    values = {key: household_form.cleaned_data.get(key) for key in assess.HOUSEHOLD_FACT_FIELDS}
    values["area"] = surveys.area_of(household, reference)
    standard = assess.standard_for(reference)
    people = [(member, form.cleaned_data) for member, form in member_forms]
    return assess.classify(standard, household, values, people, reference)


def survey(request: HttpRequest, household_id: int) -> HttpResponse:
    """The survey form (phiếu rà soát) with the classification shown live and a draft kept as fields change.

    Every change sends the form for a preview, which also saves the draft. When the session has ended, the
    preview is answered 401 (not the sign-in page) so the page's script keeps the values and says so.
    """
    if not request.user.is_authenticated:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(status=SESSION_ENDED)
        return redirect_to_login(request.get_full_path())
    household = _editable(request, household_id)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "discard":
        surveys.survey_draft_discard(actor=request.user, household=household)
        messages.success(request, _("Đã bỏ bản nháp; phiếu hiện theo lần rà soát gần nhất."))
        return redirect("registry:survey", household_id=household.pk)
    draft = survey_draft_for(request.user, household) if request.method == "GET" else None
    household_form, member_forms = _survey_forms(request, household, draft)
    valid = (
        request.method == "POST" and household_form.is_valid() and all(f.is_valid() for _m, f in member_forms)
    )
    if action == "preview":
        surveys.survey_draft_save(actor=request.user, household=household, fields=request.POST.dict())
        result = _classify_forms(household, household_form, member_forms) if valid else None
        return render(
            request,
            "registry/_survey_result.html",
            {
                "result": result,
                "form": household_form,
                "category_labels": CATEGORY_LABELS,
                "draft_saved": True,
            },
        )
    if (
        valid
        and call_service(
            household_form,
            surveys.survey_submit,
            actor=request.user,
            household=household,
            reference_date=household_form.cleaned_data["reference_date"],
            household_values={
                key: household_form.cleaned_data.get(key) for key in assess.HOUSEHOLD_FACT_FIELDS
            },
            member_values={member.pk: form.cleaned_data for member, form in member_forms},
            version=household_form.cleaned_data["version"],
        ).ok
    ):
        messages.success(request, _("Đã lưu phiếu rà soát và kết quả đánh giá."))
        return redirect("registry:household", household_id=household.pk)
    return render(
        request,
        "registry/survey.html",
        {
            "household": household,
            "form": household_form,
            "member_forms": member_forms,
            "draft": draft,
            "result": None,
            "category_labels": CATEGORY_LABELS,
        },
        status=400 if request.method == "POST" else 200,
    )
