"""Template filters for administrative units."""

from __future__ import annotations

from django import template

from giamngheo.geo.models import VALUE_LABELS

register = template.Library()


@register.filter
def attribute_value_label(value: str) -> str:
    """The Vietnamese label of an attribute value ("urban" → "Thành thị", "yes" → "Có")."""
    return str(VALUE_LABELS.get(value, value))
