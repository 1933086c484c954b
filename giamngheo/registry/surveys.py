"""Survey entry: a household's facts of one review and their assessment under the standard in force."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AreaType, AttributeKind
from giamngheo.geo.selectors import unit_attribute_on
from giamngheo.registry import assess
from giamngheo.registry.models import (
    Household,
    MemberFacts,
    SurveyRound,
)
from giamngheo.registry.models_drafts import SurveyDraft
from giamngheo.registry.services import _bump, _lock
from giamngheo.registry.validation import (
    check_birth,
    check_household_facts,
    check_member_facts,
)


def area_of(household: Household, on: dt.date) -> str:
    """Urban or rural for the poverty line: the commune's attribute on the reference date."""
    return unit_attribute_on(household.commune, AttributeKind.AREA_TYPE, on) or AreaType.RURAL


@transaction.atomic
def survey_submit(
    *,
    actor: Any,
    household: Household,
    reference_date: dt.date,
    household_values: dict[str, Any],
    member_values: dict[int, dict[str, Any]],
    version: int,
) -> tuple[SurveyRound, Any]:
    """Save a survey round (household and member facts) and its assessment under the standard in force.

    The standard is the server's choice, from the reference date (as the survey form shows it).
    """
    household = _lock(household, version)
    require_permission(actor, Permission.EDIT_HOUSEHOLDS, household.village or household.commune)
    members = list(household.members.filter(is_active=True).order_by("member_no"))
    missing = [member.full_name for member in members if member.pk not in member_values]
    if missing:
        raise AppError(
            ErrorCode.SURVEY_INCOMPLETE,
            _("Thiếu thông tin của thành viên: %(members)s.") % {"members": ", ".join(missing)},
        )
    values = {name: household_values.get(name) for name in assess.HOUSEHOLD_FACT_FIELDS}
    check_household_facts(values)
    for member in members:
        try:
            check_member_facts(member_values[member.pk])
            check_birth(birth_year=member.birth_year, birth_date=member.birth_date, reference=reference_date)
        except AppError as error:
            message = _("%(member)s — %(message)s") % {"member": member.full_name, "message": error.message}
            raise AppError(error.code, message, field=error.field) from error
    values["area"] = area_of(household, reference_date)
    standard = assess.standard_for(reference_date)
    result = assess.classify(
        standard,
        household,
        values,
        [(member, member_values[member.pk]) for member in members],
        reference_date,
    )
    stored = {
        key: ("" if value is None and key.endswith(("material", "source", "latrine")) else value)
        for key, value in values.items()
    }
    survey = SurveyRound.objects.create(
        household=household, reference_date=reference_date, source="form", recorded_by=actor, **stored
    )
    MemberFacts.objects.bulk_create(
        MemberFacts(
            round=survey,
            member=member,
            **{
                key: (
                    ""
                    if value is None
                    and key in ("employment", "working_capacity", "disability", "education", "nutrition")
                    else value
                )
                for key, value in member_values[member.pk].items()
                if key in assess.MEMBER_FACT_FIELDS
            },
        )
        for member in members
    )
    assessment = assess.assessment_record(actor=actor, household=household, survey=survey, result=result)
    _bump(household)
    SurveyDraft.objects.filter(household=household, author=actor).delete()
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_SUBMIT,
        obj=household,
        after={"round": survey.pk, "category": assessment.category, "deprived": assessment.deprived},
    )
    return survey, assessment


# The survey form's own inputs: "h-<field>" for the household, "m<member id>-<field>" for a member.
_DRAFT_FIELD = re.compile(r"(h|m\d{1,12})-[a-z0-9_]{1,40}")
DRAFT_VALUE_LENGTH = 64


def survey_draft_save(*, actor: Any, household: Household, fields: Mapping[str, str]) -> SurveyDraft:
    """Keep what the officer has typed so far in the household's survey form (one draft per officer).

    Only the form's own inputs are kept, as typed and cut to a short length; the version is left out so
    that a restored draft is checked against the household as it is when it is saved.
    """
    require_permission(actor, Permission.EDIT_HOUSEHOLDS, household.village or household.commune)
    kept = {
        name: str(value)[:DRAFT_VALUE_LENGTH]
        for name, value in fields.items()
        if _DRAFT_FIELD.fullmatch(name) and name != "h-version"
    }
    draft, _created = SurveyDraft.objects.update_or_create(
        household=household, author=actor, defaults={"fields": kept}
    )
    return draft


def survey_draft_discard(*, actor: Any, household: Household) -> None:
    """Throw away the officer's draft of the household's survey form."""
    SurveyDraft.objects.filter(household=household, author=actor).delete()


def survey_drafts_prune(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete the survey drafts nobody has touched for `older_than` (abandoned forms). Returns the count."""
    cutoff = (now or timezone.now()) - older_than
    deleted, _by_model = SurveyDraft.objects.filter(saved_at__lt=cutoff).delete()
    return deleted
