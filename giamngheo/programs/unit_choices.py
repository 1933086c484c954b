"""Which administrative units a plan may name: issuing units a user may plan for, sub-units of a plan."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from giamngheo.accounts.access import assignments_with_permission
from giamngheo.accounts.roles import Permission
from giamngheo.geo.models import AdminUnit, Level, Succession, Tree

LEVEL_ORDER = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}


def units_of_provinces(province_ids: Iterable[int], *, include_provinces: bool = True) -> QuerySet[AdminUnit]:
    """Current and legacy provinces, districts and communes lying in the given current provinces."""
    ids = list(province_ids)
    legacy_provinces = Succession.objects.filter(
        successor_id__in=ids, predecessor__level=Level.PROVINCE
    ).values("predecessor_id")
    lower = Q(tree=Tree.CURRENT, province_id__in=ids, level=Level.COMMUNE, valid_to__isnull=True) | Q(
        tree=Tree.LEGACY, province_id__in=legacy_provinces, level__in=[Level.DISTRICT, Level.COMMUNE]
    )
    if include_provinces:
        lower |= Q(tree=Tree.CURRENT, pk__in=ids) | Q(tree=Tree.LEGACY, pk__in=legacy_provinces)
    return AdminUnit.objects.filter(lower).order_by("-tree", "level", "name")


def plan_issuing_units(user: Any) -> QuerySet[AdminUnit]:
    """Units the user may record a plan for: those of the provinces where they manage plans.

    A national manager chooses among provinces and districts of both trees (communes plan locally); a
    commune officer records their own commune's plan.
    """
    assignments = assignments_with_permission(user, Permission.MANAGE_PLANS)
    if any(assignment.unit_id is None for assignment in assignments):
        return AdminUnit.objects.filter(
            Q(level__in=[Level.PROVINCE, Level.DISTRICT]) & (Q(tree=Tree.LEGACY) | Q(valid_to__isnull=True))
        ).order_by("-tree", "level", "name")
    provinces = [
        assignment.unit.pk
        for assignment in assignments
        if assignment.unit is not None and assignment.unit.level == Level.PROVINCE
    ]
    communes = [
        assignment.unit.pk
        for assignment in assignments
        if assignment.unit is not None and assignment.unit.level == Level.COMMUNE
    ]
    if not provinces:
        return AdminUnit.objects.filter(pk__in=communes).order_by("name")
    return units_of_provinces(provinces)


def unit_label(unit: AdminUnit) -> str:
    """How a unit is shown in a choice list: name, code, and whether it is a unit before 2025."""
    if unit.tree == Tree.LEGACY:
        return _("%(name)s (%(code)s) — đơn vị cũ") % {"name": unit.name, "code": unit.code}
    return f"{unit.name} ({unit.code})"


def unit_by_code(code: str, units: QuerySet[AdminUnit], prefer_tree: str) -> AdminUnit | None:
    """The unit with this code among `units`, from `prefer_tree` when both trees use the code."""
    found = sorted(units.filter(code=code.strip()), key=lambda unit: unit.tree != prefer_tree)
    return found[0] if found else None
