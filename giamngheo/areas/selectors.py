"""Reads of administrative units, always through the user's area."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from giamngheo.accounts.access import assignments_of, unit_scope_q, units_for_user
from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit, Level, Succession, Tree, UnitAttribute


def unit_list(
    user: Any,
    *,
    tree: str | None = None,
    level: str | None = None,
    parent_id: int | None = None,
    valid_on: datetime.date | None = None,
    search: str | None = None,
) -> QuerySet[AdminUnit]:
    """Units in the user's area, filtered by tree, level, parent, a day they existed on, or a name."""
    units = units_for_user(user)
    if tree:
        units = units.filter(tree=tree)
    if level:
        units = units.filter(level=level)
    if parent_id is not None:
        units = units.filter(parent_id=parent_id)
    if valid_on is not None:
        units = units.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=valid_on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=valid_on)
        )
    if search:
        units = units.filter(search_name__contains=search_key(search))
    return units.select_related("parent").order_by("tree", "level", "code")


def unit_subtree(user: Any, unit: AdminUnit) -> QuerySet[AdminUnit]:
    """The unit and every unit under it, in the user's area: one indexed filter on an ancestor column."""
    # Tree order: each district, then each commune followed by its villages (codes are fixed-width).
    return (
        units_for_user(user)
        .filter(unit.subtree_filter())
        .select_related("parent")
        .order_by(F("district__code").asc(nulls_first=True), F("commune__code").asc(nulls_first=True), "code")
    )


def root_units(user: Any) -> list[AdminUnit]:
    """The units a user starts browsing from: their assigned units, or every current province."""
    assignments = assignments_of(user)
    if any(assignment.unit_id is None for assignment in assignments):
        return list(AdminUnit.objects.filter(tree=Tree.CURRENT, level=Level.PROVINCE).order_by("code"))
    seen: dict[int, AdminUnit] = {}
    for assignment in assignments:
        if assignment.unit is not None:
            seen.setdefault(assignment.unit.pk, assignment.unit)
    return sorted(seen.values(), key=lambda unit: (unit.tree, unit.level, unit.code))


@dataclass(frozen=True)
class ChildRow:
    unit: AdminUnit
    children: int


def unit_children_with_counts(user: Any, unit: AdminUnit) -> list[ChildRow]:
    """The unit's children in the user's area, each with the number of units directly under it.

    Two queries in all, whatever the number of children.
    """
    children = list(unit_list(user, parent_id=unit.pk))
    counts = dict(
        AdminUnit.objects.filter(
            parent_id__in=[child.pk for child in children], valid_to__isnull=unit.is_current
        )
        .values("parent_id")
        .annotate(n=Count("id"))
        .values_list("parent_id", "n")
    )
    return [ChildRow(child, counts.get(child.pk, 0)) for child in children]


def unit_attribute_history(user: Any, unit: AdminUnit) -> QuerySet[UnitAttribute]:
    """Every value each attribute of the unit has had, newest first within each kind."""
    if not units_for_user(user).filter(pk=unit.pk).exists():
        return UnitAttribute.objects.none()
    return unit.attributes.select_related("recorded_by").order_by("kind", "-valid_from", "-id")


def unit_successions(user: Any, unit: AdminUnit) -> tuple[list[Succession], list[Succession]]:
    """The unit's predecessors and successors that lie in the user's area.

    A legacy district has no succession of its own: its successors are those of its communes.
    """
    visible = AdminUnit.objects.filter(unit_scope_q(user)).values("id")
    predecessors = list(
        Succession.objects.filter(successor=unit, predecessor_id__in=visible)
        .select_related("predecessor", "predecessor__parent")
        .order_by("predecessor__code")
    )
    if unit.level == Level.DISTRICT:
        successors = list(
            Succession.objects.filter(predecessor__district=unit, successor_id__in=visible)
            .select_related("successor", "predecessor")
            .order_by("successor__code", "predecessor__code")
        )
    else:
        successors = list(
            Succession.objects.filter(predecessor=unit, successor_id__in=visible)
            .select_related("successor", "successor__parent")
            .order_by("-is_primary", "successor__code")
        )
    return predecessors, successors
