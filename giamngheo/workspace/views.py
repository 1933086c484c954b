"""The home page (each role's work queue, figures and charts) and the data-quality panel it loads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from giamngheo.accounts.area import active_assignment
from giamngheo.areas.selectors import root_units
from giamngheo.registry.quality import quality_report
from giamngheo.workspace import sections

QUALITY_COMMUNES_SHOWN = 3  # communes checked in the panel (a commune officer has one)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The page after sign-in: the work of each of the user's roles, then the area's figures and charts."""
    today = timezone.localdate()
    names = sections.sections_for(request.user)
    context = sections.queue_context(request.user, names, today)
    context["assignment"] = active_assignment(request)
    context["today"] = today
    context["roots"] = root_units(request.user)
    if names:
        context["figures"] = sections.area_figures(request.user, today)
    return render(request, "workspace/home.html", context)


@login_required
def quality_panel(request: HttpRequest) -> HttpResponse:
    """What looks wrong in the data of the communes the user works in as a commune officer (HTMX panel)."""
    communes = sections.quality_communes(request.user)[:QUALITY_COMMUNES_SHOWN]
    rows = [(commune, quality_report(request.user, commune)) for commune in communes]
    return render(request, "workspace/_quality.html", {"rows": rows})
