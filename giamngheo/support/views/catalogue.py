"""The support catalogue and the commune appendix of household plans."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from giamngheo.accounts.access import unit_get_for_user
from giamngheo.core.errors import NotFound
from giamngheo.geo.models import Level
from giamngheo.support import selectors
from giamngheo.support.exports import commune_appendix
from giamngheo.support.views._common import document_response, user_support_types


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """Every support type the user's province uses, with its rules, source and confidence."""
    types = (
        user_support_types(request.user).select_related("program", "component").prefetch_related("excludes")
    )
    return render(request, "support/catalogue.html", {"types": types})


@login_required
def appendix(request: HttpRequest, commune_id: int, year: int, file_format: str) -> HttpResponseBase:
    """The commune's appendix «danh sách hộ nghèo và giải pháp hỗ trợ» for a year (XLSX or PDF)."""
    commune = unit_get_for_user(request.user, commune_id)
    if commune.level != Level.COMMUNE:
        raise NotFound()
    plans = (
        selectors.plans_for_user(request.user)
        .filter(commune=commune, year=year)
        .select_related("household", "household__village")
        .prefetch_related("causes", "solutions__support_type", "solutions__member")
        .order_by("household__code")
    )
    document = commune_appendix(list(plans), commune.name, year)
    return document_response(document, f"phu-luc-giai-phap-{commune.code}-{year}", file_format)
