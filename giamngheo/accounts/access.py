"""The one access layer: every selector, page, export and API endpoint filters through these functions.

A user's area is the union of their active assignments. An assignment over a province covers every
unit whose `province` column is that province; over a commune, every unit whose `commune` column is
that commune; over a village, the village itself. A national assignment (no unit) covers everything.
Units of the legacy tree are visible to whoever covers the current unit they passed into.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from giamngheo.accounts.models import AreaAssignment
from giamngheo.accounts.roles import ROLE_PERMISSIONS, ROLE_RANK
from giamngheo.core.errors import NotFound, PermissionDenied
from giamngheo.geo.models import ANCESTOR_FIELD, AdminUnit, Level, Succession, Tree

_CACHE_ATTRIBUTE = "_giamngheo_assignments"
_AGENCY_ATTRIBUTE = "_giamngheo_token_agency"
_WITHHELD_ATTRIBUTE = "_giamngheo_withheld_permissions"
NOTHING = Q(pk__in=[])


def assignments_of(user: Any) -> list[AreaAssignment]:
    """The user's active assignments, read once per request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = sorted(
            AreaAssignment.objects.filter(user=user, is_active=True).select_related("unit", "unit__province"),
            key=lambda assignment: (ROLE_RANK.get(assignment.role, 99), assignment.pk),
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_assignments(user: Any) -> None:
    """Drop the cached assignments after they change."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def narrow_to(
    user: Any, assignments: list[AreaAssignment], agency: Any = None, withheld: Iterable[str] = ()
) -> None:
    """Make this user object see only `assignments` (and, given an agency, only that agency's rows), without
    the `withheld` permissions whatever their roles grant.

    A service token calls the API as its creator narrowed to the token's unit or agency: the API sets the
    narrowed assignments on the request's own user object, so every selector below scopes by them.
    """
    setattr(user, _CACHE_ATTRIBUTE, list(assignments))
    setattr(user, _AGENCY_ATTRIBUTE, agency)
    setattr(user, _WITHHELD_ATTRIBUTE, frozenset(withheld))


def _granted(user: Any, assignment: AreaAssignment) -> set[str]:
    granted = ROLE_PERMISSIONS.get(assignment.role, set())
    withheld = getattr(user, _WITHHELD_ATTRIBUTE, None)
    return granted - withheld if withheld else granted


def withholds(user: Any, permission: str) -> bool:
    """Whether this caller is denied `permission` whatever its roles grant (a narrowed service token)."""
    return permission in getattr(user, _WITHHELD_ATTRIBUTE, frozenset())


def token_agency(user: Any) -> Any:
    """The agency a service token's call is bound to (None for any other caller)."""
    return getattr(user, _AGENCY_ATTRIBUTE, None)


def is_national(user: Any) -> bool:
    return any(assignment.unit_id is None for assignment in assignments_of(user))


def _assignment_units(assignments: Iterable[AreaAssignment]) -> list[AdminUnit]:
    return [assignment.unit for assignment in assignments if assignment.unit is not None]


def scope_q(
    user: Any,
    *,
    province: str | None = None,
    commune: str | None = None,
    village: str | None = None,
    assignments: Iterable[AreaAssignment] | None = None,
) -> Q:
    """A filter for rows of any model by the paths to their province, commune and village columns.

    Example: households use `scope_q(user, province="province", commune="commune", village="village")`.
    A path left out means rows cannot be matched at that level (and are then hidden from such users).
    """
    chosen = list(assignments) if assignments is not None else assignments_of(user)
    if any(assignment.unit_id is None for assignment in chosen):
        return Q()
    paths = {Level.PROVINCE: province, Level.COMMUNE: commune, Level.VILLAGE: village}
    result = NOTHING
    for unit in _assignment_units(chosen):
        path = paths.get(Level(unit.level))
        if path:
            result |= Q(**{path: unit.pk})
    return result


def _legacy_units_q(units: list[AdminUnit]) -> Q:
    """Legacy units that passed into the given current provinces or communes."""
    current_ids = [unit.pk for unit in units if unit.tree == Tree.CURRENT and unit.level != Level.VILLAGE]
    if not current_ids:
        return NOTHING
    predecessor_ids = Succession.objects.filter(successor_id__in=current_ids).values("predecessor_id")
    provinces = [unit.pk for unit in units if unit.level == Level.PROVINCE]
    legacy = Q(tree=Tree.LEGACY, id__in=predecessor_ids)
    if provinces:
        legacy_provinces = Succession.objects.filter(successor_id__in=provinces).values("predecessor_id")
        legacy |= Q(tree=Tree.LEGACY, province_id__in=legacy_provinces)
    return legacy


def unit_scope_q(user: Any) -> Q:
    """A filter for AdminUnit rows inside the user's area (both trees)."""
    assignments = assignments_of(user)
    if any(assignment.unit_id is None for assignment in assignments):
        return Q()
    units = _assignment_units(assignments)
    if not units:
        return NOTHING
    current = NOTHING
    for unit in units:
        current |= Q(**{ANCESTOR_FIELD[Level(unit.level)]: unit.pk})
    return current | _legacy_units_q(units)


def units_for_user(user: Any) -> QuerySet[AdminUnit]:
    """Every administrative unit the user may see."""
    return AdminUnit.objects.filter(unit_scope_q(user))


def unit_get_for_user(user: Any, pk: int | str) -> AdminUnit:
    """One unit inside the user's area, or NotFound (outside the area is indistinguishable from absent)."""
    try:
        return units_for_user(user).select_related("parent", "province", "district", "commune").get(pk=pk)
    except (AdminUnit.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def covers(assignment_unit: AdminUnit | None, unit: AdminUnit) -> bool:
    """Whether an assignment over `assignment_unit` covers `unit` (current-tree units only)."""
    if assignment_unit is None:
        return True
    if unit.tree != Tree.CURRENT:
        return False
    field = ANCESTOR_FIELD[Level(assignment_unit.level)]
    return bool(getattr(unit, f"{field}_id" if field != "id" else "id") == assignment_unit.pk)


def has_permission(user: Any, permission: str, unit: AdminUnit | None = None) -> bool:
    """Whether the user holds a role granting `permission` over `unit` (or anywhere, when unit is None)."""
    for assignment in assignments_of(user):
        if permission not in _granted(user, assignment):
            continue
        if unit is None or covers(assignment.unit, unit):
            return True
    return False


def require_permission(user: Any, permission: str, unit: AdminUnit | None = None) -> None:
    """Raise PermissionDenied unless `has_permission`."""
    if not has_permission(user, permission, unit):
        raise PermissionDenied()


def assignments_with_permission(user: Any, permission: str) -> list[AreaAssignment]:
    """The user's assignments whose role grants `permission`."""
    return [a for a in assignments_of(user) if permission in _granted(user, a)]
