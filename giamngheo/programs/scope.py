"""Where a unit of either tree lies in today's map: its current province and commune, for area scoping."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.geo.models import AdminUnit, Level, Succession, Tree


def _primary_successor(unit: AdminUnit) -> AdminUnit | None:
    succession = (
        Succession.objects.filter(predecessor=unit, is_primary=True).select_related("successor").first()
    )
    return succession.successor if succession else None


def current_scope(unit: AdminUnit) -> tuple[AdminUnit, AdminUnit | None]:
    """The current province and (for communes and villages) current commune a unit lies in.

    A legacy unit maps through the succession table to the primary successor of its province or commune.
    """
    if unit.tree == Tree.CURRENT:
        province = unit.province or unit
        commune = unit.commune if unit.level in {Level.COMMUNE, Level.VILLAGE} else None
        return province, commune
    legacy_province = unit.province or unit
    successor = _primary_successor(legacy_province)
    if successor is None:
        raise AppError(ErrorCode.INVALID, _("Đơn vị cũ chưa có đơn vị kế thừa trong danh mục."), field="unit")
    commune = None
    if unit.level in {Level.COMMUNE, Level.VILLAGE} and unit.commune_id:
        commune = _primary_successor(unit.commune)  # type: ignore[arg-type]
    return successor, commune


def equivalent_current_unit(unit: AdminUnit) -> AdminUnit | None:
    """The current unit covering exactly the same territory, or None (legacy units merged or split)."""
    if unit.tree == Tree.CURRENT:
        return unit
    # One query: the unit's successions and every succession into its successors.
    successors = Succession.objects.filter(predecessor=unit).values("successor_id")
    successions = list(
        Succession.objects.filter(Q(predecessor=unit) | Q(successor_id__in=successors)).select_related(
            "successor"
        )
    )
    own = [succession for succession in successions if succession.predecessor_id == unit.pk]
    if len(own) != 1 or own[0].is_partial:
        return None
    successor = own[0].successor
    if any(s.successor_id == successor.pk and s.predecessor_id != unit.pk for s in successions):
        return None
    return successor
