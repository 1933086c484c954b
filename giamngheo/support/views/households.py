"""A household's support: the panel on its page, its yearly support plan and follow-up visits."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import has_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.service_calls import call_service
from giamngheo.registry import assess
from giamngheo.registry.models import Household, Member
from giamngheo.registry.selectors import household_get_for_user
from giamngheo.support import selectors
from giamngheo.support.forms import HouseholdPlanForm, VisitForm
from giamngheo.support.models import HouseholdPlan, SupportType
from giamngheo.support.services.plans import (
    household_plan_create,
    household_plan_update,
    plan_visit_add,
    suggested_solutions,
)
from giamngheo.support.views._common import user_support_types


def indicator_labels(household: Household) -> dict[str, str]:
    """Names of the deprivation indicators of the standard the household was last assessed with."""
    latest = household.latest_assessment
    if latest is None:
        return {}
    standard = assess.standard_for(latest.reference_date, latest.standard)
    return standard.indicator_names(get_language())


@login_required
def household_panel(request: HttpRequest, household_id: int) -> HttpResponse:
    """The support part of a household page: plan, what it received, and each deprivation followed up."""
    household = household_get_for_user(request.user, household_id)
    plan = household.support_plans.order_by("-year").first()
    context = {
        "household": household,
        "plan": plan,
        "records": selectors.household_support_timeline(household),
        "follow_up": selectors.deprivation_follow_up(household, indicator_labels(household)),
        "housing_cases": household.housing_cases.select_related("support_type").order_by("-year"),
        "can_manage": has_permission(
            request.user, Permission.MANAGE_SUPPORT, household.village or household.commune
        ),
        "this_year": timezone.localdate().year,
    }
    return render(request, "support/_household_panel.html", context)


def _choice_key(support_type: SupportType, member: Member | None) -> str:
    return f"{support_type.pk}:{member.pk if member else ''}"


def _solution_choices(
    household: Household, suggested: list[tuple[SupportType, Member | None]], user: Any
) -> list[tuple[str, str]]:
    choices = [(_choice_key(t, m), f"{t.name} — {m.full_name}" if m else t.name) for t, m in suggested]
    known = {key for key, _label in choices}
    for support_type in user_support_types(user).filter(level="household"):
        key = _choice_key(support_type, None)
        if key not in known:
            choices.append((key, support_type.name))
    return choices


def _parse_solutions(household: Household, keys: list[str]) -> list[tuple[SupportType, Member | None]]:
    members = {m.pk: m for m in household.members.filter(is_active=True)}
    types = {t.pk: t for t in SupportType.objects.filter(pk__in=[int(k.split(":")[0]) for k in keys])}
    parsed = []
    for key in keys:
        type_id, _sep, member_id = key.partition(":")
        member = members.get(int(member_id)) if member_id else None
        parsed.append((types[int(type_id)], member))
    return parsed


@login_required
def plan_edit(request: HttpRequest, household_id: int, year: int) -> HttpResponse:
    """Create or change a household's support plan for a year, the engine's suggestions pre-ticked."""
    household = household_get_for_user(request.user, household_id)
    plan: HouseholdPlan | None = household.support_plans.filter(year=year).first()
    today = timezone.localdate()
    suggested = suggested_solutions(household, today)
    choices = _solution_choices(household, suggested, request.user)
    if plan is not None:
        initial: dict[str, Any] = {
            "causes": list(plan.causes.all()),
            "other_cause": plan.other_cause,
            "solutions": [
                _choice_key(s.support_type, s.member)
                for s in plan.solutions.select_related("support_type", "member")
            ],
            "helper_name": plan.helper_name,
            "helper_organisation": plan.helper_organisation,
            "helper_phone": plan.helper_phone,
            "registers_to_escape": plan.registers_to_escape,
            "note": plan.note,
            "version": plan.version,
        }
    else:
        initial = {"solutions": [_choice_key(t, m) for t, m in suggested]}
    form = HouseholdPlanForm(request.POST or None, initial=initial, solution_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "causes": list(data["causes"]),
            "other_cause": data["other_cause"],
            "helper_name": data["helper_name"],
            "helper_organisation": data["helper_organisation"],
            "helper_phone": data["helper_phone"],
            "registers_to_escape": data["registers_to_escape"],
            "solutions": _parse_solutions(household, data["solutions"]),
            "note": data["note"],
        }
        if plan is None:
            saved = call_service(
                form,
                household_plan_create,
                actor=request.user,
                household=household,
                year=year,
                on=today,
                **values,
            )
        else:
            saved = call_service(
                form, household_plan_update, actor=request.user, plan=plan, version=data["version"], **values
            )
        if saved.ok:
            messages.success(request, _("Đã lưu kế hoạch hỗ trợ hộ năm %(year)s.") % {"year": year})
            return redirect("registry:household", household_id=household.pk)
    context = {
        "household": household,
        "plan": plan,
        "year": year,
        "form": form,
        "latest": household.latest_assessment,
        "visit_form": VisitForm(initial={"visited_on": today}),
        "visits": plan.visits.all() if plan else [],
    }
    return render(request, "support/plan_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def plan_visit(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Record a follow-up visit of a household's helper."""
    plan = selectors.plan_get_for_user(request.user, plan_id)
    form = VisitForm(request.POST)
    if form.is_valid():
        today = timezone.localdate()
        if call_service(
            request, plan_visit_add, actor=request.user, plan=plan, today=today, **form.cleaned_data
        ).ok:
            messages.success(request, _("Đã ghi lần thăm hộ."))
    else:
        messages.error(request, _("Hãy ghi đủ ngày, người đến thăm và nội dung."))
    return redirect("support:plan", household_id=plan.household_id, year=plan.year)
