"""Data quality page of a commune: the checks of `quality.py`, each row linking to its household."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from giamngheo.accounts.access import has_permission, unit_get_for_user, units_for_user
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import NotFound
from giamngheo.geo.models import Level, Tree
from giamngheo.registry import quality
from giamngheo.registry.selectors import mask_personal_id


@login_required
def quality_page(request: HttpRequest) -> HttpResponse:
    """Choose a commune of the area (skipped when there is one), then list what looks wrong in it."""
    communes = units_for_user(request.user).filter(
        level=Level.COMMUNE, tree=Tree.CURRENT, valid_to__isnull=True
    )
    commune_id = request.GET.get("commune", "")
    if not commune_id:
        first_two = list(communes.order_by("name")[:2])
        if len(first_two) == 1:
            return redirect(f"{request.path}?commune={first_two[0].pk}")
        return render(
            request, "registry/quality.html", {"communes": communes.order_by("name")[:500], "commune": None}
        )
    commune = unit_get_for_user(request.user, commune_id)
    if commune.level != Level.COMMUNE or commune.tree != Tree.CURRENT:
        raise NotFound()
    report = quality.quality_report(request.user, commune)
    if not has_permission(request.user, Permission.VIEW_PERSONAL_IDS, commune):
        for row in report.shared_personal_ids:
            row["personal_id"] = mask_personal_id(row["personal_id"])
    return render(request, "registry/quality.html", {"commune": commune, "report": report})
