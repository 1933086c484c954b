"""The labour survey: one row per member and round, recorded on the page or imported; never typed twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.jobs.models import Employment, LabourSurvey, Qualification
from giamngheo.jobs.services._base import (
    actor_or_none,
    check_not_future,
    check_working_age,
    person_columns,
    require_for_member,
)
from giamngheo.registry.models import Member

ANSWERS = (
    "employment",
    "qualification",
    "has_certificate",
    "skills",
    "wants_work",
    "wants_training",
    "wants_abroad",
    "stays_in_commune",
    "constraint_note",
)


def clean_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers checked against their lists, with defaults for what was left out."""
    if answers.get("employment") not in Employment.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="employment")
    qualification = answers.get("qualification", Qualification.NONE)
    if qualification not in Qualification.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="qualification")
    skills = " ".join(str(answers.get("skills") or "").split())
    note = " ".join(str(answers.get("constraint_note") or "").split())
    trade = (
        " ".join(str(answers.get("training_trade") or "").split()) if answers.get("wants_training") else ""
    )
    if len(skills) > 255 or len(note) > 255:
        raise AppError(ErrorCode.TEXT_TOO_LONG, field="skills" if len(skills) > 255 else "constraint_note")
    if len(trade) > 128:
        raise AppError(ErrorCode.TEXT_TOO_LONG, field="training_trade")
    return {
        "employment": answers["employment"],
        "qualification": int(qualification),
        "has_certificate": bool(answers.get("has_certificate")),
        "skills": skills,
        "wants_work": bool(answers.get("wants_work")),
        "wants_training": bool(answers.get("wants_training")),
        "training_trade": trade,
        "wants_abroad": bool(answers.get("wants_abroad")),
        "stays_in_commune": bool(answers.get("stays_in_commune")),
        "constraint_note": note,
    }


def same_as_latest(member: Member, surveyed_on: dt.date, answers: dict[str, Any]) -> bool:
    """Whether the member's latest survey already says this on this day (an import run twice adds nothing)."""
    latest = LabourSurvey.objects.filter(member=member).order_by("-surveyed_on", "-id").first()
    return (
        latest is not None
        and latest.surveyed_on == surveyed_on
        and all(getattr(latest, name) == value for name, value in answers.items())
    )


@transaction.atomic
def labour_survey_record(
    *,
    actor: Any,
    member: Member,
    surveyed_on: dt.date,
    answers: dict[str, Any],
    today: dt.date,
    source: str = "form",
) -> LabourSurvey | None:
    """Record a member's labour survey; None when the latest survey of that day already says the same."""
    require_for_member(actor, member)
    check_not_future(surveyed_on, today, "surveyed_on")
    if not member.is_active:
        raise AppError(ErrorCode.INVALID, _("Thành viên đã ra khỏi hộ."), field="member")
    check_working_age(member, surveyed_on)
    cleaned = clean_answers(answers)
    if same_as_latest(member, surveyed_on, cleaned):
        return None
    survey = LabourSurvey.objects.create(
        **person_columns(member),
        surveyed_on=surveyed_on,
        source=source,
        recorded_by=actor_or_none(actor),
        **cleaned,
    )
    audit_record(
        actor=actor,
        action=AuditAction.LABOUR_SURVEY_RECORD,
        obj=survey,
        after={"member": member.pk, "surveyed_on": surveyed_on.isoformat(), **cleaned},
    )
    return survey
