"""The campaign report page and its workbook, for a commune, a province or a legacy unit in the area."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import assignments_of, unit_get_for_user, units_for_user
from giamngheo.core.errors import NotFound
from giamngheo.geo.models import AdminUnit, Level, Succession, Tree
from giamngheo.reviews.reports import campaign_report
from giamngheo.reviews.reports_xlsx import report_xlsx_response
from giamngheo.reviews.selectors import campaign_get_for_user
from giamngheo.standards.loader import load_standard


def _choices(user: Any, province: AdminUnit) -> dict[str, list[AdminUnit]]:
    """The units a report can be asked for: the province, its communes and its legacy units, in the area."""
    visible = units_for_user(user)
    legacy_provinces = Succession.objects.filter(successor=province).values("predecessor_id")
    return {
        "province": list(visible.filter(pk=province.pk)),
        "communes": list(
            visible.filter(
                tree=Tree.CURRENT, level=Level.COMMUNE, province=province, valid_to__isnull=True
            ).order_by("name")[:2000]
        ),
        "legacy": list(
            visible.filter(tree=Tree.LEGACY, level__in=[Level.PROVINCE, Level.DISTRICT])
            .filter(province_id__in=legacy_provinces)
            .order_by("level", "name")
        ),
    }


def _default_unit(user: Any, province: AdminUnit) -> AdminUnit | None:
    for assignment in assignments_of(user):
        if assignment.unit is None:
            return province
        if assignment.unit.province_id == province.pk and assignment.unit.level != Level.VILLAGE:
            return assignment.unit
    return None


@login_required
def campaign_report_page(request: HttpRequest, campaign_id: int) -> HttpResponse | FileResponse:
    """Summary, movements, deprivations and ethnic breakdown of a campaign, on screen or as xlsx."""
    campaign = campaign_get_for_user(request.user, campaign_id)
    unit_id = request.GET.get("unit", "")
    unit = (
        unit_get_for_user(request.user, unit_id)
        if unit_id
        else _default_unit(request.user, campaign.province)
    )
    if unit is None or unit.level == Level.VILLAGE:
        raise NotFound()
    report = campaign_report(request.user, campaign, unit)
    if request.GET.get("format") == "xlsx":
        return report_xlsx_response(report)
    movements = [
        (
            title,
            {
                "spec": movement.spec,
                "lines": [
                    {
                        "row": row,
                        "values": row.values(movement.spec),
                        "ok": row.computed_end(movement.spec) == row.end,
                        "is_total": row is movement.total,
                    }
                    for row in movement.all_rows()
                ],
            },
        )
        for title, movement in (
            (_("Diễn biến hộ nghèo"), report.poor),
            (_("Diễn biến hộ cận nghèo"), report.near_poor),
        )
    ]
    total = report.deprivation_total
    names = load_standard(campaign.standard).indicator_names(get_language())
    context = {
        "campaign": campaign,
        "unit": unit,
        "report": report,
        "choices": _choices(request.user, campaign.province),
        "movements": movements,
        "deprivation_lines": [
            (key, names.get(key, name), total.poor.get(key, 0), total.near_poor.get(key, 0))
            for key, name in report.indicators
        ],
        "shared_rows": [
            i for i, commune in enumerate(report.communes) if commune.pk in report.shared_communes
        ],
    }
    return render(request, "reviews/report.html", context)
