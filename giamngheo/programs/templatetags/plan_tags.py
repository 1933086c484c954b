"""Template helpers for plan dashboards: status colours and bar widths for server-rendered SVG charts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from giamngheo.core.file_errors import file_problem_text

register = template.Library()

STATUS_CLASS = {
    "achieved": "st-achieved",
    "on_track": "st-on-track",
    "at_risk": "st-at-risk",
    "off_track": "st-off-track",
    "no_data": "st-no-data",
}


@register.filter
def status_class(status: str) -> str:
    """The CSS class of an achievement or report status."""
    return STATUS_CLASS.get(str(status), "st-no-data")


@register.simple_tag
def bar_width(value: Any, goal: Any, better: str = "higher", scale: int = 100) -> int:
    """How far along a bar is (0–scale): the share of the goal reached, inverted when lower is better."""
    try:
        actual, target = Decimal(str(value)), Decimal(str(goal))
    except (ArithmeticError, ValueError, TypeError):
        return 0
    if better == "lower":
        share = Decimal(1) if actual <= target else (target / actual if actual else Decimal(0))
    else:
        share = actual / target if target else Decimal(1)
    return int(max(Decimal(0), min(share, Decimal(1))) * scale)


@register.simple_tag
def share_width(part: Any, whole: Any, scale: int = 100) -> int:
    """A part of a whole as a bar width (0–scale)."""
    try:
        part_value, whole_value = Decimal(str(part or 0)), Decimal(str(whole or 0))
    except (ArithmeticError, ValueError):
        return 0
    if whole_value <= 0:
        return 0
    return int(max(Decimal(0), min(part_value / whole_value, Decimal(1))) * scale)


@register.filter
def vn_number(value: Any) -> str:
    """A number without trailing zeros, grouped and with a decimal comma: 1.595; 72,5; 1,76."""
    from django.template.defaultfilters import floatformat

    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError, TypeError):
        return "" if value is None else str(value)
    exponent = number.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return str(floatformat(number, f"{places}g"))


@register.filter
def file_problem(problem: Any) -> str:
    """A problem found in an uploaded file, told in the active language."""
    return file_problem_text(problem)
