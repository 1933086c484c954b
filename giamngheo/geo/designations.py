"""Area designations of a current commune on a day, its own and those carried from its predecessors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db.models import BooleanField, ExpressionWrapper, Q
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
    return communes_designated_many({"": (kind, value, carry_legacy_until)}, day)[""]


def communes_designated_many[K](
    requests: Mapping[K, tuple[str, str, dt.date | None]], day: dt.date
) -> dict[K, set[int]]:
    """`communes_designated` of several (kind, value, carry_legacy_until) at once, in two queries in all."""
    carrying = {
        key
        for key, (kind, _value, until) in requests.items()
        if kind in LEGACY_KINDS and until is not None and LEGACY_LAST_DAY < day <= until
    }
    pairs = Q()
    for kind, value, _until in requests.values():
        pairs |= Q(kind=kind, value=value)
    rows = (
        UnitAttribute.objects.filter(pairs)
        .filter(_valid_on(day) | _valid_on(LEGACY_LAST_DAY) if carrying else _valid_on(day))
        .annotate(
            on_day=ExpressionWrapper(_valid_on(day), output_field=BooleanField()),
            on_last_day=ExpressionWrapper(_valid_on(LEGACY_LAST_DAY), output_field=BooleanField()),
        )
        .values_list("unit_id", "kind", "value", "on_day", "on_last_day")
        if requests
        else []
    )
    own: dict[K, set[int]] = {key: set() for key in requests}
    legacy: dict[K, set[int]] = {key: set() for key in carrying}
    for unit_id, kind, value, on_day, on_last_day in rows:
        for key, (wanted_kind, wanted_value, _until) in requests.items():
            if (kind, value) == (wanted_kind, wanted_value):
                if on_day:
                    own[key].add(unit_id)
                if on_last_day and key in carrying:
                    legacy[key].add(unit_id)
    everywhere = set().union(*legacy.values())
    if not everywhere:
        return own
    successions = list(
        Succession.objects.filter(
            Q(predecessor_id__in=everywhere) | Q(predecessor__district_id__in=everywhere)
        ).values_list("successor_id", "predecessor_id", "predecessor__district_id")
    )
    for key, units in legacy.items():
        own[key] |= {
            successor
            for successor, predecessor, district in successions
            if predecessor in units or district in units
        }
    return own
