"""The population groups of plan targets as filters on households, with area designations from geo."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, Sum

from giamngheo.geo.designations import communes_designated
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.registry.models_counts import HouseholdCount
from giamngheo.support.eligibility import carry_legacy_until

POOR_OR_NEAR_POOR = ("poor", "near_poor")
HIGH_POVERTY_PERCENT = 25

# Groups that are an area designation of the household's commune: (attribute kind, value, carried). The
# program's designations pass to the successor communes; urban or rural is each current commune's own.
DESIGNATED_GROUPS = {
    "rural": ("area_type", "rural", False),
    "urban": ("area_type", "urban", False),
    "mountainous": ("ethnic_mountainous", "yes", True),
    "poor_district": ("poor_district", "yes", True),
    "coastal_difficult": ("coastal_difficult", "yes", True),
    # A 2026–2030 designation of a current commune: nothing to carry from the former units.
    "poor_commune": ("poor_commune", "yes", False),
}


def _communes_of(area: AdminUnit | None) -> Q:
    """The households of the communes an area holds: a province's, a commune's, a village's commune's."""
    if area is None:
        return Q()
    if area.level == Level.PROVINCE:
        return Q(province_id=area.pk)
    if area.level == Level.COMMUNE:
        return Q(commune_id=area.pk)
    return Q(commune_id=area.commune_id)


def high_poverty_communes(area: AdminUnit | None = None) -> set[int]:
    """Communes of the area where poor households are above 25 % of the active households.

    One grouped query over the area's household counts, kept current by the registry's triggers (None:
    every province, for a national figure).
    """
    rows = (
        HouseholdCount.objects.filter(_communes_of(area))
        .order_by()
        .values("commune_id")
        .annotate(total=Sum("households"), poor=Sum("households", filter=Q(status="poor")))
    )
    return {
        row["commune_id"]
        for row in rows
        if (row["poor"] or 0) * 100 > HIGH_POVERTY_PERCENT * (row["total"] or 0)
    }


def group_filter(
    group: str, day: dt.date, area: AdminUnit | None = None, *, status_field: str = "status"
) -> Q | None:
    """The households of a target group on a day, as a filter on `Household`.

    None for a group the registry cannot tell. Designations are those of the household's commune, carried
    from the former communes and districts through the succession table (see `geo.designations`). `area`
    (a current unit) limits what a group reads to the area asked: the communes above 25 % are looked for
    among its communes only. The status is read from `status_field` (an annotation with the status on the
    day, for a past period).
    """
    household_groups = {
        "all": Q(),
        "poor_near_poor": Q(**{f"{status_field}__in": POOR_OR_NEAR_POOR}),
        "ethnic_minority": Q(is_ethnic_minority=True),
        "merit_households": Q(has_merit_member=True),
    }
    if group in household_groups:
        return household_groups[group]
    if group == "high_poverty_communes":
        return Q(commune_id__in=high_poverty_communes(area))
    if group in DESIGNATED_GROUPS:
        kind, value, carried = DESIGNATED_GROUPS[group]
        until = carry_legacy_until() if carried else None
        communes = communes_designated(kind, value, day, carry_legacy_until=until)
        return Q(commune_id__in=communes)
    return None
