"""Reads of the registry, always limited to the user's area through the access layer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from giamngheo.accounts.access import scope_q
from giamngheo.core.errors import NotFound
from giamngheo.core.pagination import CountedPaginator
from giamngheo.core.text import search_key
from giamngheo.registry import name_search, personal_ids
from giamngheo.registry.models import Assessment, ExportJob, Household, Member, MemberFacts, SurveyRound
from giamngheo.registry.models_counts import HouseholdCount

UNDER_FIVE_YEARS = 5
# A search counts its matches up to here; past it the page says «hơn 1.000 hộ» and asks to narrow it.
SEARCH_COUNT_CAP = 1000


def household_scope(user: Any) -> Q:
    """The filter for households inside the user's area."""
    return scope_q(user, province="province", commune="commune", village="village")


def households_for_user(user: Any) -> QuerySet[Household]:
    return Household.objects.filter(household_scope(user))


def household_get_for_user(user: Any, pk: int | str) -> Household:
    """One household of the user's area with its place, or NotFound."""
    try:
        return (
            households_for_user(user)
            .select_related("commune", "village", "province", "latest_assessment")
            .get(pk=pk)
        )
    except (Household.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def member_get_for_user(user: Any, pk: int | str, *, household: Household | None = None) -> Member:
    """One member of a household of the user's area (of `household` when given), or NotFound."""
    members = Member.objects.select_related("household", "household__commune", "household__village").filter(
        household__in=households_for_user(user)
    )
    if household is not None:
        members = members.filter(household=household)
    try:
        return members.get(pk=pk)
    except (Member.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def export_job_get_for_user(user: Any, pk: int | str) -> ExportJob:
    """One background export the user asked for (nobody else's, whatever their role), or NotFound."""
    try:
        return ExportJob.objects.get(pk=pk, requested_by_id=user.pk)
    except (ExportJob.DoesNotExist, ValueError) as error:
        raise NotFound() from error


@dataclass(frozen=True)
class HouseholdFilter:
    search: str = ""
    village: int | None = None
    commune: int | None = None
    category: str = ""
    status: str = ""
    ethnic_minority: bool | None = None
    merit: bool | None = None
    children_under_five: bool = False
    include_closed: bool = False
    # Set only after personal_ids.exact_search_allowed: a 12-digit search then also matches IDs.
    by_personal_id: bool = False

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> HouseholdFilter:
        """The filters as the list page and its export links put them in the query string."""

        def flag(value: str | None) -> bool | None:
            return {"1": True, "0": False}.get(value or "")

        def number(value: str | None) -> int | None:
            return int(value) if value and value.isdigit() else None

        return cls(
            search=query.get("q", ""),
            commune=number(query.get("commune")),
            village=number(query.get("village")),
            category=query.get("category", ""),
            status=query.get("status", ""),
            ethnic_minority=flag(query.get("ethnic")),
            merit=flag(query.get("merit")),
            children_under_five=query.get("under5") == "1",
            include_closed=query.get("closed") == "1",
        )


def _search(user: Any, households: QuerySet[Household], filters: HouseholdFilter) -> QuerySet[Household]:
    """Narrow by the search text: a household code, an accent-free name, or a personal ID if allowed."""
    text = filters.search.strip()
    if not text:
        return households
    digits = personal_ids.looks_like_personal_id(text)
    visible = personal_ids.visible_q(user, household_path="") if filters.by_personal_id else None
    if digits and visible is not None:
        owner = Member.objects.filter(household=OuterRef("pk"), personal_id=digits, is_active=True)
        households = households.filter(Q(code__startswith=digits) | (Exists(owner) & visible))
    elif digits:  # searched as a household code only: the answer says nothing about IDs
        households = households.filter(code__startswith=digits)
    elif any(char.isdigit() for char in text):
        # Names have no digits: this is a household code (e.g. 20056-000123).
        households = households.filter(Q(code__startswith=text) | Q(code__startswith=text.upper()))
    else:
        # The head's and active members' names in one column kept by triggers (registry.name_search).
        key = search_key(text)
        by_name = Q(search_names__contains=key) if name_search.search_matches(key) else Q(pk__in=[])
        households = households.filter(Q(code=text) | by_name)
    return households


def _narrow(rows: QuerySet[Any], filters: HouseholdFilter) -> QuerySet[Any]:
    """The filters households share with their kept counts (`HouseholdCount` uses the same field names)."""
    if filters.commune:
        rows = rows.filter(commune_id=filters.commune)
    if filters.village:
        rows = rows.filter(village_id=filters.village)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.ethnic_minority is not None:
        rows = rows.filter(is_ethnic_minority=filters.ethnic_minority)
    if filters.merit is not None:
        rows = rows.filter(has_merit_member=filters.merit)
    return rows


def household_list(
    user: Any, filters: HouseholdFilter, *, today: dt.date | None = None
) -> QuerySet[Household]:
    """Households of the user's area matching the filters: by code, accent-free name or (if allowed) ID."""
    today = today or timezone.localdate()
    households = _narrow(households_for_user(user), filters)
    if not filters.include_closed:
        households = households.filter(is_active=True)
    if filters.category:
        households = households.filter(latest_category=filters.category)
    if filters.children_under_five:
        cutoff = today.replace(year=today.year - UNDER_FIVE_YEARS)
        young = Member.objects.filter(household=OuterRef("pk"), is_active=True).filter(
            Q(birth_date__gt=cutoff)
            | Q(birth_date__isnull=True, birth_year__gt=today.year - UNDER_FIVE_YEARS)
        )
        households = households.filter(Exists(young))
    households = _search(user, households, filters)
    return households.select_related("village", "commune").order_by("commune_id", "code")


def household_list_count(user: Any, filters: HouseholdFilter) -> int | None:
    """How many households `household_list` gives, read from the kept counts (docs/adr/1504), or None.

    None when a filter is not kept there (search, category, children under five, closed households): the
    caller then counts the rows. A province of a million households costs a COUNT of about 100 ms otherwise.
    """
    if filters.search.strip() or filters.category or filters.children_under_five or filters.include_closed:
        return None
    counts = _narrow(HouseholdCount.objects.filter(household_scope(user)), filters)
    return int(counts.aggregate(total=Sum("households"))["total"] or 0)


def household_page(user: Any, filters: HouseholdFilter, number: Any, *, per_page: int) -> Page[Household]:
    """One page of `household_list`, its total from the kept counts or, for a search, counted up to a cap."""
    paginator = CountedPaginator(
        household_list(user, filters),
        per_page,
        count=household_list_count(user, filters),
        cap=SEARCH_COUNT_CAP if filters.search.strip() else None,
    )
    return paginator.get_page(number)


def household_detail(household: Household) -> dict[str, Any]:
    """Members, the latest assessment and the survey history of a household (a fixed number of queries)."""
    members = list(household.members.order_by("-is_active", "member_no"))
    rounds = list(
        SurveyRound.objects.filter(household=household)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("member_facts", queryset=MemberFacts.objects.select_related("member")),
            Prefetch("assessments", queryset=Assessment.objects.order_by("-id")),
        )
        .order_by("-reference_date", "-id")
    )
    return {"members": members, "rounds": rounds}


# Older names, kept for callers written before `personal_ids`: both delegate to it.
mask_personal_id = personal_ids.mask_personal_id


def can_see_personal_ids(user: Any, household: Household) -> bool:
    """Whether the user may see this household's IDs in full (see `personal_ids.may_see`)."""
    return personal_ids.may_see(user, household)
