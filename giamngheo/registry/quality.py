"""Data quality checks of one commune's registry, each one SQL query, limited to the user's area.

- a personal ID held in two or more households (records closed by moving, splitting or merging do not
  count: the person's old record stays as history; a record closed by death does count);
- two active members of the commune with the same full name and birth date;
- impossible values: an active member older than 120 or born in the future; a household whose latest
  survey gives a floor area of 0 m² or less;
- an active household with no head, or with more than one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import Member, MemberExit
from giamngheo.registry.selectors import households_for_user
from giamngheo.registry.validation import MAX_AGE

HEAD = "head"
MEMBER_FIELDS = (
    "pk",
    "full_name",
    "personal_id",
    "birth_date",
    "birth_year",
    "is_active",
    "left_reason",
    "household_id",
    "household__code",
    "household__commune__name",
)


@dataclass(frozen=True)
class QualityReport:
    shared_personal_ids: list[dict[str, Any]]
    same_name_and_birth: list[dict[str, Any]]
    impossible_ages: list[dict[str, Any]]
    impossible_areas: list[dict[str, Any]]
    head_problems: list[dict[str, Any]]

    @property
    def problem_count(self) -> int:
        return sum(
            len(rows)
            for rows in (
                self.shared_personal_ids,
                self.same_name_and_birth,
                self.impossible_ages,
                self.impossible_areas,
                self.head_problems,
            )
        )


def _commune_members(user: Any, commune: AdminUnit) -> QuerySet[Member]:
    return Member.objects.filter(
        household__in=households_for_user(user).filter(commune=commune, is_active=True), is_active=True
    )


def shared_personal_ids(user: Any, commune: AdminUnit) -> list[dict[str, Any]]:
    """Records sharing a personal ID across households of the user's area, for IDs found in the commune."""
    counted = Member.objects.filter(household__in=households_for_user(user)).exclude(personal_id="")
    counted = counted.filter(Q(is_active=True) | Q(left_reason=MemberExit.DIED))
    shared = (
        counted.order_by()
        .values("personal_id")
        .annotate(households=Count("household", distinct=True))
        .filter(households__gt=1)
        .values("personal_id")
    )
    in_commune = counted.filter(household__commune=commune).values("personal_id")
    return list(
        counted.filter(personal_id__in=shared)
        .filter(personal_id__in=in_commune)
        .order_by("personal_id", "household__code")
        .values(*MEMBER_FIELDS)
    )


def same_name_and_birth(user: Any, commune: AdminUnit) -> list[dict[str, Any]]:
    """Active members of the commune sharing full name and birth date with another one."""
    members = _commune_members(user, commune).exclude(birth_date__isnull=True)
    twin = members.filter(full_name=OuterRef("full_name"), birth_date=OuterRef("birth_date")).exclude(
        pk=OuterRef("pk")
    )
    return list(
        members.filter(Exists(twin))
        .order_by("full_name", "birth_date", "household__code")
        .values(*MEMBER_FIELDS)
    )


def impossible_ages(user: Any, commune: AdminUnit, *, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Active members older than 120 or born after this year."""
    year = (today or timezone.localdate()).year
    return list(
        _commune_members(user, commune)
        .filter(Q(birth_year__lt=year - MAX_AGE) | Q(birth_year__gt=year))
        .order_by("household__code", "member_no")
        .values(*MEMBER_FIELDS)
    )


def impossible_areas(user: Any, commune: AdminUnit) -> list[dict[str, Any]]:
    """Active households whose latest survey gives a floor area of 0 m² or less."""
    return [
        dict(row)
        for row in households_for_user(user)
        .filter(commune=commune, is_active=True, latest_assessment__round__floor_area_m2__lte=0)
        .order_by("code")
        .values("pk", "code", "head_name", "latest_assessment__round__floor_area_m2")
    ]


def head_problems(user: Any, commune: AdminUnit) -> list[dict[str, Any]]:
    """Active households with no head or more than one among their active members."""
    heads = Count("members", filter=Q(members__is_active=True, members__relation=HEAD))
    return [
        dict(row)
        for row in households_for_user(user)
        .filter(commune=commune, is_active=True)
        .annotate(heads=heads)
        .exclude(heads=1)
        .order_by("code")
        .values("pk", "code", "head_name", "heads")
    ]


def quality_report(user: Any, commune: AdminUnit, *, today: dt.date | None = None) -> QualityReport:
    """Every check for one commune (five queries, whatever the number of households)."""
    return QualityReport(
        shared_personal_ids=shared_personal_ids(user, commune),
        same_name_and_birth=same_name_and_birth(user, commune),
        impossible_ages=impossible_ages(user, commune, today=today),
        impossible_areas=impossible_areas(user, commune),
        head_problems=head_problems(user, commune),
    )
