"""Data quality page of a commune: the checks of `quality.py`, each row linking to its household."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from giamngheo.accounts.access import unit_get_for_user, units_for_user
from giamngheo.core.errors import NotFound
from giamngheo.geo.models import Level, Tree
from giamngheo.registry import personal_ids, quality


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
    if personal_ids.may_see_in(request.user, commune):
        personal_ids.personal_ids_read(
            request.user, obj=commune, purpose="data_quality", count=len(report.shared_personal_ids)
        )
    else:
        for row in report.shared_personal_ids:
            row["personal_id"] = personal_ids.mask_personal_id(row["personal_id"])
    return render(request, "registry/quality.html", {"commune": commune, "report": report})
