"""Template filters: labels of recognised statuses and assessment categories, in the active language."""

from __future__ import annotations

from django import template

from giamngheo.registry.models import CATEGORY_LABELS, HouseholdStatus

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    """'poor' → 'Hộ nghèo'; 'none' → 'Không thuộc diện'."""
    return str(dict(HouseholdStatus.choices).get(value, value))


@register.filter
def category_label(value: str) -> str:
    """'not_poor' → 'Hộ không nghèo'."""
    label = str(CATEGORY_LABELS.get(value, value))
    return label[:1].upper() + label[1:]
