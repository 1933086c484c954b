"""Household support plans: causes, solutions suggested from the engine's explanation, helper, visits."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.registry.models import Household, Member
from giamngheo.support.catalogue import support_types_for_province
from giamngheo.support.eligibility import commune_facts, judge
from giamngheo.support.models import (
    FollowUpVisit,
    HouseholdPlan,
    PlanSolution,
    PovertyCause,
    SupportLevel,
    SupportType,
)
from giamngheo.support.services._base import check_member, check_version, require_in_area


def _snapshot(plan: HouseholdPlan) -> dict[str, Any]:
    return {
        "year": plan.year,
        "causes": sorted(plan.causes.values_list("code", flat=True)),
        "other_cause": plan.other_cause,
        "helper_name": plan.helper_name,
        "helper_organisation": plan.helper_organisation,
        "registers_to_escape": plan.registers_to_escape,
        "solutions": [
            f"{solution.support_type.code}:{solution.member_id or ''}"
            for solution in plan.solutions.select_related("support_type")
        ],
    }


def suggested_solutions(household: Household, on: dt.date) -> list[tuple[SupportType, Member | None]]:
    """Support types addressing the household's deprivations (latest assessment) for which it qualifies."""
    return suggested_solutions_many([household], on)[household.pk]


def _deprived(household: Household) -> set[str]:
    assessment = household.latest_assessment
    deprived = set(assessment.deprived_keys) if assessment is not None else set()
    if assessment is not None and assessment.category in {"poor", "near_poor"}:
        deprived.add("income")
    return deprived


def suggested_solutions_many(
    households: Sequence[Household], on: dt.date
) -> dict[int, list[tuple[SupportType, Member | None]]]:
    """`suggested_solutions` for many households at once: the catalogue, the members and each commune's
    facts are read once, then every household is judged in memory by the same rules."""
    found: dict[int, list[tuple[SupportType, Member | None]]] = {h.pk: [] for h in households}
    deprived = {h.pk: _deprived(h) for h in households}
    wanted = [h for h in households if deprived[h.pk]]
    if not wanted:
        return found
    members: dict[int, list[Member]] = defaultdict(list)
    for member in Member.objects.filter(household__in=[h.pk for h in wanted], is_active=True).order_by(
        "household_id", "member_no"
    ):
        members[member.household_id].append(member)
    by_commune: dict[int, list[Household]] = defaultdict(list)
    for household in wanted:
        by_commune[household.commune_id].append(household)
    types_by_province: dict[int | None, list[SupportType]] = {}
    for group in by_commune.values():
        facts = commune_facts(group[0].commune, group, on)
        for household in group:
            if household.province_id not in types_by_province:
                types_by_province[household.province_id] = list(
                    support_types_for_province(household.province).prefetch_related("excludes")
                )
            for support_type in types_by_province[household.province_id]:
                if not deprived[household.pk] & set(support_type.addressed_indicators):
                    continue
                targets: list[Member | None] = (
                    [None] if support_type.level == SupportLevel.HOUSEHOLD else list(members[household.pk])
                )
                found[household.pk].extend(
                    (support_type, target)
                    for target in targets
                    if judge(support_type, household, target, facts).eligible
                )
    return found


def _set_solutions(
    plan: HouseholdPlan,
    solutions: Sequence[tuple[SupportType, Member | None]],
    suggested: set[tuple[int, int | None]],
) -> None:
    plan.solutions.all().delete()
    rows: list[PlanSolution] = []
    seen: set[tuple[int, int | None]] = set()
    for support_type, member in solutions:
        key = (support_type.pk, member.pk if member else None)
        if key in seen:
            continue
        seen.add(key)
        check_member(plan.household, member)
        if support_type.level == SupportLevel.MEMBER and member is None:
            raise AppError(
                ErrorCode.INVALID,
                _("«%(name)s» dành cho từng thành viên: hãy chọn thành viên.") % {"name": support_type.name},
                field="solutions",
            )
        rows.append(
            PlanSolution(plan=plan, support_type=support_type, member=member, suggested=key in suggested)
        )
    PlanSolution.objects.bulk_create(rows)


@dataclass(frozen=True)
class PlanDraft:
    """One household's plan for `household_plans_create_many` (solutions None: the engine's suggestions)."""

    household: Household
    causes: Sequence[PovertyCause]
    helper_name: str
    helper_organisation: str = ""
    registers_to_escape: bool = False
    solutions: Sequence[tuple[SupportType, Member | None]] | None = None


@transaction.atomic
def household_plan_create(
    *,
    actor: Any,
    household: Household,
    year: int,
    causes: Sequence[PovertyCause],
    other_cause: str = "",
    helper_name: str,
    helper_organisation: str = "",
    helper_phone: str = "",
    registers_to_escape: bool = False,
    solutions: Sequence[tuple[SupportType, Member | None]] = (),
    note: str = "",
    on: dt.date,
) -> HouseholdPlan:
    """Make a household's support plan for a year; refused when it already has one for that year."""
    return _plan_create(
        actor=actor, household=household, year=year, causes=causes, other_cause=other_cause,
        helper_name=helper_name, helper_organisation=helper_organisation, helper_phone=helper_phone,
        registers_to_escape=registers_to_escape, solutions=solutions, note=note,
        suggested=suggested_solutions(household, on),
    )  # fmt: skip


@transaction.atomic
def household_plans_create_many(
    *, actor: Any, year: int, drafts: Sequence[PlanDraft], on: dt.date
) -> list[HouseholdPlan]:
    """Make many households' plans at once, each under the rules of `household_plan_create`; all or none.

    The engine's suggestions are judged for all the households in one pass (`suggested_solutions_many`).
    """
    suggestions = suggested_solutions_many([draft.household for draft in drafts], on)
    plans = []
    for draft in drafts:
        suggested = suggestions[draft.household.pk]
        plans.append(
            _plan_create(
                actor=actor,
                household=draft.household,
                year=year,
                causes=draft.causes,
                other_cause="",
                helper_name=draft.helper_name,
                helper_organisation=draft.helper_organisation,
                helper_phone="",
                registers_to_escape=draft.registers_to_escape,
                note="",
                solutions=suggested if draft.solutions is None else draft.solutions,
                suggested=suggested,
            )
        )
    return plans


def _plan_create(
    *,
    actor: Any,
    household: Household,
    year: int,
    causes: Sequence[PovertyCause],
    other_cause: str,
    helper_name: str,
    helper_organisation: str,
    helper_phone: str,
    registers_to_escape: bool,
    solutions: Sequence[tuple[SupportType, Member | None]],
    note: str,
    suggested: Sequence[tuple[SupportType, Member | None]],
) -> HouseholdPlan:
    require_in_area(actor, Permission.MANAGE_SUPPORT, household)
    if not household.is_active:
        raise AppError(ErrorCode.INVALID, _("Hộ đã ra khỏi sổ, không lập kế hoạch hỗ trợ."))
    if not helper_name.strip():
        raise AppError(ErrorCode.INVALID, _("Hãy ghi người được phân công giúp đỡ hộ."), field="helper_name")
    if not causes and not other_cause.strip():
        raise AppError(ErrorCode.INVALID, _("Hãy chọn ít nhất một nguyên nhân nghèo."), field="causes")
    try:
        with transaction.atomic():
            plan = HouseholdPlan.objects.create(
                household=household,
                commune=household.commune,
                province=household.province,
                year=year,
                category=household.status,
                assessment=household.latest_assessment,
                other_cause=other_cause.strip(),
                helper_name=helper_name.strip(),
                helper_organisation=helper_organisation.strip(),
                helper_phone=helper_phone.strip(),
                registers_to_escape=registers_to_escape,
                note=note,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError as error:
        raise AppError(
            ErrorCode.SUPPORT_PLAN_EXISTS,
            _("Hộ đã có kế hoạch hỗ trợ năm %(year)s; hãy sửa kế hoạch đó.") % {"year": year},
            field="year",
        ) from error
    plan.causes.set(causes)
    _set_solutions(plan, solutions, {(t.pk, m.pk if m else None) for t, m in suggested})
    audit_record(actor=actor, action=AuditAction.SUPPORT_PLAN_CREATE, obj=plan, after=_snapshot(plan))
    return plan


@transaction.atomic
def household_plan_update(
    *,
    actor: Any,
    plan: HouseholdPlan,
    version: int,
    causes: Sequence[PovertyCause],
    other_cause: str,
    helper_name: str,
    helper_organisation: str,
    helper_phone: str,
    registers_to_escape: bool,
    solutions: Sequence[tuple[SupportType, Member | None]],
    note: str,
) -> HouseholdPlan:
    """Change a plan; refused when someone else changed it since the form was opened."""
    plan = HouseholdPlan.objects.select_for_update().select_related("household").get(pk=plan.pk)
    require_in_area(actor, Permission.MANAGE_SUPPORT, plan.household)
    check_version(plan.version, version)
    if not helper_name.strip():
        raise AppError(ErrorCode.INVALID, _("Hãy ghi người được phân công giúp đỡ hộ."), field="helper_name")
    if not causes and not other_cause.strip():
        raise AppError(ErrorCode.INVALID, _("Hãy chọn ít nhất một nguyên nhân nghèo."), field="causes")
    before = _snapshot(plan)
    plan.other_cause, plan.helper_name = other_cause.strip(), helper_name.strip()
    plan.helper_organisation, plan.helper_phone = helper_organisation.strip(), helper_phone.strip()
    plan.registers_to_escape, plan.note = registers_to_escape, note
    plan.version = F("version") + 1
    plan.save()
    plan.refresh_from_db()
    plan.causes.set(causes)
    suggested: set[tuple[int, int | None]] = set(
        plan.solutions.filter(suggested=True).values_list("support_type_id", "member_id")
    )
    _set_solutions(plan, solutions, suggested)
    audit_record(
        actor=actor, action=AuditAction.SUPPORT_PLAN_UPDATE, obj=plan, before=before, after=_snapshot(plan)
    )
    return plan


@transaction.atomic
def plan_visit_add(
    *, actor: Any, plan: HouseholdPlan, visited_on: dt.date, visitor: str, note: str, today: dt.date
) -> FollowUpVisit:
    """Record a follow-up visit to the household (never changed afterwards)."""
    require_in_area(actor, Permission.MANAGE_SUPPORT, plan.household)
    if visited_on > today:
        raise AppError(ErrorCode.INVALID, _("Ngày thăm không được sau hôm nay."), field="visited_on")
    if not note.strip() or not visitor.strip():
        raise AppError(ErrorCode.INVALID, _("Hãy ghi người đến thăm và nội dung."), field="note")
    visit = FollowUpVisit.objects.create(
        plan=plan,
        visited_on=visited_on,
        visitor=visitor.strip(),
        note=note.strip(),
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SUPPORT_PLAN_VISIT,
        obj=plan,
        after={"visited_on": visited_on, "visitor": visitor},
    )
    return visit
