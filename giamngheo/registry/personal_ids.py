"""The one place that decides whether a user sees a personal ID in full or masked, and audits full reads.

Every page, form, export, PDF and API response that shows a member's personal ID goes through
`personal_id_for` (one ID) or `personal_ids_for` (the members of one household); lists and exports use
`visible_expression` inside their query and `personal_ids_read` to write one event naming the count.
A full ID is shown only to a user holding `Permission.VIEW_PERSONAL_IDS` over the household's village or
commune, and each time it is shown an audit event `personal_id.view` records the object and the purpose.
Exact-ID search (`exact_search_allowed`) is offered to the same users only, throttled and audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db.models import BooleanField, Case, Model, Q, Value, When
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import assignments_with_permission, has_permission, scope_q
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.core.text import mask_personal_id
from giamngheo.registry.models import Household, Member

__all__ = [
    "exact_search_allowed",
    "looks_like_personal_id",
    "mask_personal_id",
    "may_see",
    "may_see_in",
    "may_see_somewhere",
    "personal_id_for",
    "personal_ids_for",
    "personal_ids_read",
    "viewer_unit",
    "visible_expression",
    "visible_q",
]

VIEW = AuditAction.PERSONAL_ID_VIEW
SEARCH = AuditAction.PERSONAL_ID_SEARCH
# At most this many exact-ID searches per user in the window: enough for daily work, far too few to
# recover a masked ID (about 1,000 guesses remain once the last 3 digits and the birth year are known).
SEARCH_LIMIT = 20
SEARCH_WINDOW_SECONDS = 10 * 60
ID_LENGTH = 12
THROTTLED_MESSAGE = _("Bạn đã tìm theo số định danh quá nhiều lần; hãy thử lại sau 10 phút.")


def _place(household: Household) -> Any:
    return household.village or household.commune


def may_see_in(user: Any, unit: Any) -> bool:
    """Whether the user may see in full the personal IDs of households of this commune or village."""
    return has_permission(user, Permission.VIEW_PERSONAL_IDS, unit)


def may_see(user: Any, household: Household) -> bool:
    """Whether the user may see this household's personal IDs in full."""
    return may_see_in(user, _place(household))


def may_see_somewhere(user: Any) -> bool:
    """Whether the user may see personal IDs in full anywhere (else every ID they get is masked)."""
    return has_permission(user, Permission.VIEW_PERSONAL_IDS)


def viewer_unit(user: Any) -> Any:
    """Where a user's own reading of IDs (a list, an export) is logged: their first unit allowing it."""
    assignments = assignments_with_permission(user, Permission.VIEW_PERSONAL_IDS)
    return assignments[0].unit if assignments else None


def personal_ids_read(user: Any, *, obj: Model, purpose: str, count: int, unit: Any = None) -> None:
    """Record that `count` full IDs were shown to the user (one event for a page, a list or an export)."""
    if count:
        extra = {} if unit is None else {"unit": unit}
        audit_record(actor=user, action=VIEW, obj=obj, after={"purpose": purpose, "count": count}, **extra)


def personal_id_for(user: Any, household: Household, personal_id: str, *, purpose: str) -> str:
    """One member's ID as this user may see it: full (and audited) or masked."""
    if not personal_id:
        return ""
    if not may_see(user, household):
        return mask_personal_id(personal_id)
    personal_ids_read(user, obj=household, purpose=purpose, count=1)
    return personal_id


def personal_ids_for(
    user: Any, household: Household, members: Iterable[Member], *, purpose: str
) -> dict[int, str]:
    """The IDs of several members of one household by member pk, with one audit event for the lot."""
    members = list(members)
    if not may_see(user, household):
        return {member.pk: mask_personal_id(member.personal_id) for member in members}
    personal_ids_read(
        user, obj=household, purpose=purpose, count=sum(1 for member in members if member.personal_id)
    )
    return {member.pk: member.personal_id for member in members}


def visible_q(user: Any, *, household_path: str = "household__") -> Q | None:
    """A filter for rows whose household's IDs the user may see in full; None: none at all, Q(): all."""
    assignments = assignments_with_permission(user, Permission.VIEW_PERSONAL_IDS)
    if not assignments:
        return None
    return scope_q(
        user,
        province=f"{household_path}province",
        commune=f"{household_path}commune",
        village=f"{household_path}village",
        assignments=assignments,
    )


def visible_expression(user: Any, *, household_path: str = "household__", wanted: bool = True) -> Any:
    """A SQL boolean per row: may this user see the ID of this row's household in full (and asked to)?"""
    visible = visible_q(user, household_path=household_path) if wanted else None
    if visible is None:
        return Value(False)
    if not visible:  # a national assignment: everything
        return Value(True)
    return Case(When(visible, then=Value(True)), default=Value(False), output_field=BooleanField())


def looks_like_personal_id(text: str) -> str | None:
    """The 12 digits when a search text is a personal ID (spaces ignored), else None."""
    digits = text.replace(" ", "").strip()
    return digits if len(digits) == ID_LENGTH and digits.isdigit() else None


def exact_search_allowed(user: Any, text: str, *, purpose: str) -> bool:
    """Whether a search text may match personal IDs for this user; counts, throttles and audits it.

    Users who may not see IDs get False (the digits are then searched as a household code only, so the
    answer says nothing about IDs). Past SEARCH_LIMIT searches in SEARCH_WINDOW_SECONDS: AppError.
    """
    digits = looks_like_personal_id(text)
    if digits is None or not may_see_somewhere(user):
        return False
    key = f"personal_id_search:{user.pk}"
    cache.add(key, 0, SEARCH_WINDOW_SECONDS)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, SEARCH_WINDOW_SECONDS)
        used = 1
    if used > SEARCH_LIMIT:
        raise AppError(ErrorCode.THROTTLED, THROTTLED_MESSAGE, field="q")
    audit_record(
        actor=user,
        action=SEARCH,
        obj=user,
        after={"personal_id": digits, "purpose": purpose},
    )
    return True
