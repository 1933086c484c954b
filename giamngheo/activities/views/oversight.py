"""Inspection pages: its recommendations, adding one, and recording a follow-up (overdue ones highlighted)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.activities import selectors
from giamngheo.activities.forms import FollowUpForm, RecommendationForm
from giamngheo.activities.models import FollowUp, Inspection, Recommendation
from giamngheo.activities.registers import REGISTERS
from giamngheo.activities.services.oversight import recommendation_add, recommendation_follow_up
from giamngheo.core.exports import xlsx_response
from giamngheo.core.service_calls import call_service


def inspection_context(request: HttpRequest, inspection: Inspection) -> dict[str, Any]:
    today = timezone.localdate()
    recommendations = selectors.recommendations_of(inspection)
    for recommendation in recommendations:
        recommendation.overdue = recommendation.is_overdue(today)  # type: ignore[attr-defined]
    return {
        "recommendations": recommendations,
        "recommendation_form": RecommendationForm(inspection=inspection, initial={"due_on": today}),
        "follow_up_form": FollowUpForm(initial={"on": today}),
        "today": today,
    }


@login_required
@require_POST
def recommendation_create(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(request.user, pk)
    form = RecommendationForm(request.POST, inspection=inspection)
    if form.is_valid():
        outcome = call_service(
            request, recommendation_add, actor=request.user, inspection=inspection, **form.cleaned_data
        )
        if outcome.ok:
            messages.success(request, _("Đã ghi kiến nghị."))
    else:
        messages.error(request, _("Hãy ghi nội dung và hạn thực hiện của kiến nghị."))
    return redirect("activities:inspections_detail", pk=inspection.pk)


@login_required
@require_POST
def follow_up(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = selectors.recommendation_get_for_user(request.user, recommendation_id)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        outcome = call_service(
            request, recommendation_follow_up, actor=request.user, recommendation=recommendation,
            today=timezone.localdate(), **form.cleaned_data,
        )  # fmt: skip
        if outcome.ok:
            messages.success(request, _("Đã ghi theo dõi thực hiện kiến nghị."))
    else:
        messages.error(request, _("Hãy ghi ngày, việc đã làm và tình trạng."))
    return redirect("activities:inspections_detail", pk=recommendation.inspection_id)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The registers at a glance, and the open recommendations of the area (oldest due date first)."""
    today = timezone.localdate()
    open_items = list(selectors.open_recommendations_for_user(request.user)[:100])
    for item in open_items:
        item.overdue = item.is_overdue(today)  # type: ignore[attr-defined]
    counts = [(register, register.rows(request.user).count()) for register in REGISTERS.values()]
    context = {"counts": counts, "open_items": open_items}
    return render(request, "activities/overview.html", context)


@login_required
def recommendations_export(request: HttpRequest) -> HttpResponseBase:
    """Every recommendation of the user's inspections with its status, due date and whether it is overdue."""
    today = timezone.localdate()
    header = [
        str(_("Đợt kiểm tra")), str(_("Đơn vị")), str(_("Số")), str(_("Kiến nghị")), str(_("Thực hiện")),
        str(_("Hạn")), str(_("Tình trạng")), str(_("Quá hạn")), str(_("Theo dõi gần nhất")),
    ]  # fmt: skip
    last = FollowUp.objects.filter(recommendation=OuterRef("pk")).order_by("-on", "-pk").values("on")[:1]
    rows = (
        Recommendation.objects.filter(
            inspection__in=selectors.inspections_for_user(request.user).values("pk")
        )
        .select_related("inspection", "inspection__commune", "inspection__province", "responsible_unit")
        .select_related("responsible_agency")
        .annotate(last_on=Subquery(last))
        .order_by("inspection__starts_on", "inspection_id", "number")
    )

    def cells(item: Recommendation) -> list[Any]:
        inspection = item.inspection
        responsible = " ".join(
            str(part)
            for part in (item.responsible_agency, getattr(item.responsible_unit, "name", None))
            if part
        )
        return [
            inspection.title, (inspection.commune or inspection.province).name, item.number, item.content,
            responsible, item.due_on, item.get_status_display(),
            str(_("Có") if item.is_overdue(today) else _("Không")), item.last_on,  # type: ignore[attr-defined]
        ]  # fmt: skip

    return xlsx_response(
        "kien-nghi.xlsx", str(_("Kiến nghị")), header, (cells(item) for item in rows.iterator())
    )
