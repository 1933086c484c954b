"""Reads of administrative units that need no user: attribute values on a day, ancestors."""

from __future__ import annotations

import datetime

from django.db.models import Q

from giamngheo.geo.models import AdminUnit


def unit_attribute_on(unit: AdminUnit, kind: str, day: datetime.date) -> str | None:
    """The value of an attribute of the unit on a given day, or None."""
    row = (
        unit.attributes.filter(kind=kind)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )
    return row.value if row else None


def unit_ancestors(unit: AdminUnit) -> list[AdminUnit]:
    """The unit's ancestors from the province down, for breadcrumbs (from its ancestor columns)."""
    chain = [unit.province, unit.district, unit.commune]
    return [ancestor for ancestor in chain if ancestor is not None and ancestor.pk != unit.pk]
