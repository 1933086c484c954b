"""Pages of the annual run: queue a province's re-classification, follow its progress, read its figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from giamngheo.accounts.access import has_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import AppError
from giamngheo.registry.annual.forms import AnnualRunForm
from giamngheo.registry.annual.selectors import (
    annual_run_communes,
    annual_run_get_for_user,
    annual_runs_for_user,
)
from giamngheo.registry.annual.services import annual_run_create
from giamngheo.registry.models_annual import AnnualRunStatus

RECENT_RUNS = 20


@login_required
def annual_runs(request: HttpRequest) -> HttpResponse:
    """The user's provinces' runs, and the form to queue one (province officers)."""
    form = AnnualRunForm(request.user, request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            run = annual_run_create(
                actor=request.user,
                province=form.cleaned_data["province"],
                standard_id=form.cleaned_data["standard"],
                reference_date=form.cleaned_data["reference_date"],
            )
        except AppError as refused:
            error = refused.message
        else:
            return redirect("registry:annual_run", run_id=run.pk)
    units = form.fields["province"].units  # type: ignore[attr-defined]
    may_run = any(has_permission(request.user, Permission.MANAGE_CAMPAIGNS, unit) for unit in units.values())
    context = {
        "runs": annual_runs_for_user(request.user)[:RECENT_RUNS],
        "form": form,
        "may_run": may_run,
        "error": error,
    }
    return render(request, "registry/annual_runs.html", context, status=400 if error else 200)


@login_required
def annual_run(request: HttpRequest, run_id: int) -> HttpResponse:
    """Progress of a run (the page polls while it runs), then its figures by commune."""
    run = annual_run_get_for_user(request.user, run_id)
    running = run.status in (AnnualRunStatus.QUEUED, AnnualRunStatus.RUNNING)
    context = {
        "run": run,
        "running": running,
        "percent": (100 * run.progress_done // run.progress_total) if run.progress_total else 0,
        "communes": [] if running else list(annual_run_communes(run)),
    }
    template = "registry/_annual_run.html" if getattr(request, "htmx", False) else "registry/annual_run.html"
    return render(request, template, context)
