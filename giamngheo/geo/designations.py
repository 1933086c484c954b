"""Area designations of a current commune on a day, its own and those carried from its predecessors."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from giamngheo.geo.models import LEGACY_LAST_DAY, AdminUnit, Succession, UnitAttribute

# Yes/no designations that support rules look at (poor district, coastal commune, ethnic/mountainous area,
# and the 2026–2035 program's poor commune).
DESIGNATION_KINDS = ("poor_district", "coastal_difficult", "ethnic_mountainous", "poor_commune")
# The 2021–2025 designations a current commune carries from its predecessors (ADR 0701); «xã nghèo» is
# designated on the current commune itself and is never inherited.
LEGACY_KINDS = ("poor_district", "coastal_difficult", "ethnic_mountainous")


def _valid_on(day: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def commune_designations_on(
    commune: AdminUnit, day: dt.date, *, carry_legacy_until: dt.date | None = None
) -> dict[str, str]:
    """The designations of a commune on a day, each with where it comes from.

    A current commune inherits the designations its predecessor communes (and their districts) held on
    the last day of the three-level tree, while `carry_legacy_until` has not passed: the 2021–2025 program's
    unfinished tasks run until 31/12/2026 (Resolution 257/2025/QH15), and its poor districts no longer exist
    as units. Returns {kind: source text}.
    """
    found: dict[str, str] = {}
    own = UnitAttribute.objects.filter(unit=commune, kind__in=DESIGNATION_KINDS, value="yes").filter(
        _valid_on(day)
    )
    for attribute in own:
        found.setdefault(
            attribute.kind, f"{commune.name}: {attribute.source or attribute.get_kind_display()}"
        )
    if carry_legacy_until is None or day > carry_legacy_until or day <= LEGACY_LAST_DAY:
        if day <= LEGACY_LAST_DAY and commune.tree == "legacy" and commune.district_id:
            _add_unit_designations(found, [commune.district_id], day)
        return found
    predecessors = list(
        Succession.objects.filter(successor=commune).values_list("predecessor_id", "predecessor__district_id")
    )
    unit_ids = [pk for pair in predecessors for pk in pair if pk is not None]
    _add_unit_designations(found, unit_ids, LEGACY_LAST_DAY, carried=True)
    return found


def _add_unit_designations(
    found: dict[str, str], unit_ids: list[int], day: dt.date, *, carried: bool = False
) -> None:
    rows = (
        UnitAttribute.objects.filter(unit_id__in=unit_ids, kind__in=LEGACY_KINDS, value="yes")
        .filter(_valid_on(day))
        .select_related("unit")
        .order_by("unit__level", "unit__code")
    )
    for attribute in rows:
        suffix = _(" (kế thừa từ đơn vị cũ)") if carried else ""
        found.setdefault(
            attribute.kind,
            f"{attribute.unit.name}: {attribute.source or attribute.get_kind_display()}{suffix}",
        )


def communes_designated(
    kind: str, value: str, day: dt.date, *, carry_legacy_until: dt.date | None
) -> set[int]:
    """The ids of the units holding `kind = value` on `day`, with the current communes that carry it.

    The bulk counterpart of `commune_designations_on`, for indicators by group: two queries whatever the
    number of communes. After the three-level tree's last day and until `carry_legacy_until`, a current
    commune carries the value its predecessor communes (or their districts) held on that last day.
    """
    own = set(
        UnitAttribute.objects.filter(kind=kind, value=value)
        .filter(_valid_on(day))
        .values_list("unit_id", flat=True)
    )
    if (
        kind not in LEGACY_KINDS
        or carry_legacy_until is None
        or day > carry_legacy_until
        or day <= LEGACY_LAST_DAY
    ):
        return own
    legacy = set(
        UnitAttribute.objects.filter(kind=kind, value=value)
        .filter(_valid_on(LEGACY_LAST_DAY))
        .values_list("unit_id", flat=True)
    )
    carried = Succession.objects.filter(
        Q(predecessor_id__in=legacy) | Q(predecessor__district_id__in=legacy)
    ).values_list("successor_id", flat=True)
    return own | set(carried)
