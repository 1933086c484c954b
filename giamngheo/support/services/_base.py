"""Helpers shared by the support services: locking a household and the place of an object."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from giamngheo.accounts.access import assignments_with_permission, covers, require_permission
from giamngheo.accounts.roles import Role
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.programs.models import BudgetLine
from giamngheo.programs.services.budget import budget_line_spend_check
from giamngheo.registry.models import Household, Member
from giamngheo.support.selectors import agency_kinds_of

# The household's places and latest assessment, read with the lock (every rule and audit needs them).
HOUSEHOLD_RELATED = ("commune", "village", "province", "latest_assessment__round")


def household_lock(household: Household) -> Household:
    """Lock the household row, so two support decisions for it are taken one after the other."""
    return (
        Household.objects.select_for_update(of=("self",))
        .select_related(*HOUSEHOLD_RELATED)
        .get(pk=household.pk)
    )


def require_in_area(actor: Any, permission: str, household: Household) -> None:
    require_permission(actor, permission, household.village or household.commune)


def require_recorder(actor: Any, permission: str, household: Household, agency_kind: str) -> None:
    """The actor may record this support here: an agency officer only for a type of one of their agencies."""
    place = household.village or household.commune
    kinds: dict[int, set[str]] | None = None
    for assignment in assignments_with_permission(actor, permission):
        if not covers(assignment.unit, place):
            continue
        if assignment.role != Role.AGENCY_OFFICER:
            return
        kinds = agency_kinds_of(actor) if kinds is None else kinds
        if agency_kind in kinds.get(household.province_id, set()):
            return
    raise PermissionDenied()


def check_member(household: Household, member: Member | None) -> None:
    if member is not None and member.household_id != household.pk:
        raise AppError(ErrorCode.INVALID, _("Thành viên không thuộc hộ này."), field="member")


def check_version(current: int, given: int | None) -> None:
    if given is not None and current != given:
        raise AppError(ErrorCode.CONFLICT)


def check_spend(budget_line: BudgetLine | None, amount: int | None, on: Any) -> None:
    """Refuse a payment against a plan budget line that would pass what was allocated to it."""
    if budget_line is not None and amount:
        budget_line_spend_check(line=budget_line, amount_dong=amount, on=on)
