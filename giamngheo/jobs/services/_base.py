"""Helpers shared by the jobs services: the place of a person and the actor check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.jobs.selectors import working_age_q
from giamngheo.registry.models import Member


def actor_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def require_for_member(actor: Any, member: Member) -> None:
    """The actor manages jobs where the member's household lives."""
    household = member.household
    require_permission(actor, Permission.MANAGE_JOBS, household.village or household.commune)


def person_columns(member: Member) -> dict[str, Any]:
    """The copies of the household's place that scope a row about a person."""
    household = member.household
    return {
        "member": member,
        "household": household,
        "commune": household.commune,
        "province": household.province,
    }


def check_working_age(member: Member, on: dt.date) -> None:
    if not Member.objects.filter(working_age_q(on), pk=member.pk).exists():
        raise AppError(ErrorCode.JOBS_NOT_WORKING_AGE, field="member")


def check_not_future(on: dt.date, today: dt.date, field: str) -> None:
    if on > today:
        raise AppError(ErrorCode.INVALID, _("Ngày không được sau hôm nay."), field=field)
