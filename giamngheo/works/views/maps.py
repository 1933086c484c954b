"""The map of works and models with coordinates (Leaflet served locally; tiles only when configured)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from giamngheo.works import selectors


@login_required
def works_map(request: HttpRequest) -> HttpResponse:
    """Markers of the user's works and models; without a tile server the markers stand on a blank map."""
    works, models = selectors.mappable(request.user)
    points = [
        {
            "kind": "work",
            "name": work.name,
            "label": work.get_kind_display(),
            "place": work.commune.name,
            "status": work.status_label,
            "lat": float(work.latitude or 0),
            "lng": float(work.longitude or 0),
            "url": reverse("works:work", args=[work.pk]),
        }
        for work in works.order_by("pk")[:2000]
    ] + [
        {
            "kind": "model",
            "name": model.name,
            "label": model.get_kind_display(),
            "place": ", ".join(commune.name for commune in model.communes.all()),
            "status": "",
            "lat": float(model.latitude or 0),
            "lng": float(model.longitude or 0),
            "url": reverse("works:model", args=[model.pk]),
        }
        for model in models.prefetch_related("communes").order_by("pk")[:2000]
    ]
    context = {
        "points": points,
        "map_config": {"tiles": settings.WORKS_MAP_TILE_URL, "attribution": settings.WORKS_MAP_ATTRIBUTION},
    }
    return render(request, "works/map.html", context)
