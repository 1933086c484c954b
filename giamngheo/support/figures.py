"""Work queues of support for home pages: poor households without a plan this year, plans never visited."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from giamngheo.registry.models import Household, HouseholdStatus
from giamngheo.registry.selectors import households_for_user
from giamngheo.support.models import FollowUpVisit, HouseholdPlan
from giamngheo.support.selectors import plans_for_user


def households_without_plan(user: Any, *, year: int) -> QuerySet[Household]:
    """Poor households (recognised now, active) of the user's area with no support plan for `year`."""
    planned = HouseholdPlan.objects.filter(household=OuterRef("pk"), year=year)
    return (
        households_for_user(user)
        .filter(is_active=True, status=HouseholdStatus.POOR)
        .exclude(Exists(planned))
        .select_related("village")
        .order_by("village__name", "head_name", "pk")
    )


def plans_without_visit(user: Any, *, year: int) -> QuerySet[HouseholdPlan]:
    """Support plans of `year` in the user's area that have no follow-up visit recorded yet."""
    visited = FollowUpVisit.objects.filter(plan=OuterRef("pk"))
    return (
        plans_for_user(user)
        .filter(year=year)
        .exclude(Exists(visited))
        .select_related("household", "household__village")
        .order_by("household__village__name", "household__head_name", "pk")
    )
