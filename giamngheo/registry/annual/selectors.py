"""Reads of the annual run: runs of the provinces a user oversees as a whole (province or national users)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from giamngheo.accounts.access import scope_q
from giamngheo.core.errors import NotFound
from giamngheo.registry.models_annual import AnnualRun, AnnualRunCommune


def annual_runs_for_user(user: Any) -> QuerySet[AnnualRun]:
    """Runs of the user's provinces; commune and village users see none (the figures cover every commune)."""
    return AnnualRun.objects.filter(scope_q(user, province="province")).select_related("province")


def annual_run_get_for_user(user: Any, run_id: int) -> AnnualRun:
    run = annual_runs_for_user(user).filter(pk=run_id).first()
    if run is None:
        raise NotFound()
    return run


def annual_run_communes(run: AnnualRun) -> QuerySet[AnnualRunCommune]:
    return run.communes.select_related("commune").order_by("commune__name")
