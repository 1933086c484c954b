"""The population groups of plan targets as filters on households, with area designations from geo."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, Sum

from giamngheo.geo.designations import communes_designated_many
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.monitoring.memo import announced_groups, shared
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

    One grouped query over the household counts of the area's province, kept current by the registry's
    triggers (None: every province, for a national figure), read once per province inside
    `shared_figures`: a commune's report asks it of the province and of the commune.
    """
    province_id = None if area is None else area.pk if area.level == Level.PROVINCE else area.province_id
    communes = shared(("high poverty", province_id), lambda: _high_poverty(province_id))
    if area is None or area.level == Level.PROVINCE:
        return communes
    return communes & {area.pk if area.level == Level.COMMUNE else area.commune_id}


def _high_poverty(province_id: int | None) -> set[int]:
    within = Q() if province_id is None else Q(province_id=province_id)
    rows = (
        HouseholdCount.objects.filter(within)
        .order_by()
        .values("commune_id")
        .annotate(total=Sum("households"), poor=Sum("households", filter=Q(status="poor")))
    )
    return {
        row["commune_id"]
        for row in rows
        if (row["poor"] or 0) * 100 > HIGH_POVERTY_PERCENT * (row["total"] or 0)
    }


def designated_communes(group: str, day: dt.date) -> set[int]:
    """The communes of a designated group on a day; inside `shared_figures`, those of every announced
    designated group are read together (two queries) and kept."""
    found: dict[str, set[int]] = shared(("designated", day), dict)
    if group not in found:
        wanted = [name for name in announced_groups(group) if name in DESIGNATED_GROUPS and name not in found]
        requests: dict[str, tuple[str, str, dt.date | None]] = {}
        for name in wanted:
            kind, value, carried = DESIGNATED_GROUPS[name]
            requests[name] = (kind, value, carry_legacy_until() if carried else None)
        found.update(communes_designated_many(requests, day))
    return found[group]


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
        return Q(commune_id__in=designated_communes(group, day))
    return None
