"""Template tag giving the household page its recognised-status history."""

from __future__ import annotations

from django import template

from giamngheo.registry.models import Household
from giamngheo.reviews.history import StatusHistory
from giamngheo.reviews.history import household_status_history as history_of

register = template.Library()


@register.simple_tag
def household_status_history(household: Household) -> StatusHistory:
    return history_of(household)
