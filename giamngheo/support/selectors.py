"""Reads of support delivery, always limited to the user's area through the access layer."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from giamngheo.accounts.access import assignments_of, scope_q, token_agency, withholds
from giamngheo.accounts.roles import Permission, Role
from giamngheo.core.errors import NotFound
from giamngheo.geo.models import Level
from giamngheo.programs.models import AgencyMember
from giamngheo.registry.models import Assessment, Household
from giamngheo.support.models import (
    BeneficiaryEntry,
    BeneficiaryList,
    HouseholdPlan,
    HousingCase,
    RecordStatus,
    SupportRecord,
    SupportType,
)


def _household_scope(user: Any, prefix: str = "") -> Q:
    return scope_q(
        user, province=f"{prefix}province", commune=f"{prefix}commune", village=f"{prefix}household__village"
    )


def agency_kinds_of(user: Any) -> dict[int, set[str]]:
    """The kinds of the agencies the user belongs to, by province id (one query)."""
    kinds: dict[int, set[str]] = defaultdict(set)
    agency = token_agency(user)
    if agency is not None:  # a service token bound to an agency: that agency only
        if agency.kind:
            kinds[agency.province_id].add(agency.kind)
        return kinds
    rows = AgencyMember.objects.filter(user=user).exclude(agency__kind="")
    for province_id, kind in rows.values_list("agency__province_id", "agency__kind"):
        if province_id is not None:
            kinds[province_id].add(kind)
    return kinds


def _agency_scope(user: Any, *, type_path: str, paths: dict[str, str]) -> Q:
    """The user's area, where an agency officer's assignment covers only the support types of their agencies.

    Other roles keep their plain area; an agency officer of a province sees, across it, the rows whose
    support type is led by an agency kind they belong to there (none when they belong to no agency).
    """
    assignments = assignments_of(user)
    agency = [a for a in assignments if a.role == Role.AGENCY_OFFICER]
    result = scope_q(user, assignments=[a for a in assignments if a.role != Role.AGENCY_OFFICER], **paths)
    if not agency:
        return result
    kinds = agency_kinds_of(user)
    for assignment in agency:
        unit = assignment.unit
        province_id = (
            None if unit is None else (unit.pk if unit.level == Level.PROVINCE else unit.province_id)
        )
        wanted = set().union(*kinds.values()) if province_id is None else kinds.get(province_id, set())
        if wanted:
            result |= scope_q(user, assignments=[assignment], **paths) & Q(**{f"{type_path}__in": wanted})
    return result


def _support_scope(user: Any) -> Q:
    paths = {"province": "province", "commune": "commune", "village": "household__village"}
    return _agency_scope(user, type_path="support_type__agency_kind", paths=paths)


def agency_sees_full_ids(user: Any, beneficiary_list: BeneficiaryList) -> bool:
    """Whether the user's agency leads this list's support type there and its policy needs full IDs."""
    support_type = beneficiary_list.support_type
    if not support_type.needs_personal_ids:
        return False
    if not any(a.role == Role.AGENCY_OFFICER for a in assignments_of(user)):
        return False
    if withholds(user, Permission.VIEW_PERSONAL_IDS):  # a service token without `personal_ids:read`
        return False
    return support_type.agency_kind in agency_kinds_of(user).get(beneficiary_list.province_id, set())


def plans_for_user(user: Any) -> QuerySet[HouseholdPlan]:
    return HouseholdPlan.objects.filter(_household_scope(user))


def plan_get_for_user(user: Any, pk: int | str) -> HouseholdPlan:
    try:
        return (
            plans_for_user(user)
            .select_related("household", "household__commune", "household__village")
            .get(pk=pk)
        )
    except (HouseholdPlan.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def lists_for_user(user: Any) -> QuerySet[BeneficiaryList]:
    """Lists of the user's province or commune (a village reviewer sees none: lists are commune documents);
    an agency officer sees those of their agencies' support types."""
    paths = {"province": "province", "commune": "commune"}
    return BeneficiaryList.objects.filter(
        _agency_scope(user, type_path="support_type__agency_kind", paths=paths)
    )


def list_get_for_user(user: Any, pk: int | str) -> BeneficiaryList:
    try:
        return lists_for_user(user).select_related("support_type", "commune", "province").get(pk=pk)
    except (BeneficiaryList.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def entry_get_for_user(user: Any, list_id: int | str, pk: int | str) -> BeneficiaryEntry:
    """One entry of a beneficiary list of the user's area, or NotFound."""
    try:
        return BeneficiaryEntry.objects.select_related("household", "member", "list").get(
            pk=pk, list=list_get_for_user(user, list_id)
        )
    except (BeneficiaryEntry.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def records_for_user(user: Any) -> QuerySet[SupportRecord]:
    return SupportRecord.objects.filter(_support_scope(user))


def record_get_for_user(user: Any, pk: int | str) -> SupportRecord:
    try:
        return records_for_user(user).select_related("household", "member", "support_type").get(pk=pk)
    except (SupportRecord.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def housing_cases_for_user(user: Any) -> QuerySet[HousingCase]:
    return HousingCase.objects.filter(_support_scope(user))


def housing_case_get_for_user(user: Any, pk: int | str) -> HousingCase:
    try:
        return housing_cases_for_user(user).select_related("household", "support_type", "record").get(pk=pk)
    except (HousingCase.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def current_records(records: QuerySet[SupportRecord]) -> QuerySet[SupportRecord]:
    """The last link of each record chain (what stands now), cancellations excluded."""
    return records.filter(superseded_by__isnull=True).exclude(status=RecordStatus.CANCELLED)


@dataclass(frozen=True)
class DeprivationFollowUp:
    """For one deprivation of the plan's assessment: the support given for it and whether it is closed."""

    key: str
    label: str
    supported_by: list[str]
    closed: bool


def household_support_timeline(household: Household) -> list[SupportRecord]:
    """Every record of a household, newest first (the household page's support timeline)."""
    return list(
        household.support_records.select_related(
            "support_type", "member", "recorded_by", "supersedes"
        ).order_by("-on", "-id")
    )


def deprivation_follow_up(household: Household, labels: dict[str, str]) -> list[DeprivationFollowUp]:
    """The deprivations of the household's first assessment of its latest plan year, what addressed each, and
    whether the latest assessment still finds it."""
    plan = household.support_plans.order_by("-year").select_related("assessment").first()
    base: Assessment | None = plan.assessment if plan is not None else None
    if base is None:
        return []
    latest = household.latest_assessment
    still = set(latest.deprived_keys) if latest is not None else set()
    by_key: dict[str, list[str]] = defaultdict(list)
    for record in current_records(household.support_records.all()).select_related("support_type"):
        for key in record.support_type.addressed_indicators:
            by_key[key].append(record.support_type.name)
    return [
        DeprivationFollowUp(key, labels.get(key, key), sorted(set(by_key.get(key, []))), key not in still)
        for key in base.deprived_keys
    ]


@dataclass(frozen=True)
class SupportSummaryRow:
    support_type: SupportType
    households: int
    members: int
    amount: int


def support_summary(records: QuerySet[SupportRecord], *, year: int | None = None) -> list[SupportSummaryRow]:
    """Support that stands (approved or delivered), by type: households, members, money (one query)."""
    current = current_records(records)
    if year is not None:
        current = current.filter(on__gte=dt.date(year, 1, 1), on__lte=dt.date(year, 12, 31))
    rows = (
        current.values("support_type")
        .annotate(
            households=Count("household", distinct=True),
            members=Count("member", distinct=True),
            amount=Sum("amount"),
        )
        .order_by("support_type")
    )
    types = {t.pk: t for t in SupportType.objects.filter(pk__in=[row["support_type"] for row in rows])}
    return [
        SupportSummaryRow(types[row["support_type"]], row["households"], row["members"], row["amount"] or 0)
        for row in rows
    ]


def housing_stage_counts(cases: QuerySet[HousingCase]) -> dict[str, int]:
    """How many cases stand at each stage (one query)."""
    return {row["stage"]: row["n"] for row in cases.values("stage").annotate(n=Count("pk")).order_by("stage")}
