"""What changed between consecutive survey rounds of a household, for the timeline on its page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from giamngheo.core.numbers import format_vn_number
from giamngheo.registry.assess import HOUSEHOLD_FACT_FIELDS, MEMBER_FACT_FIELDS
from giamngheo.registry.models import SurveyRound
from giamngheo.standards.loader import load_codes, load_column_labels


@dataclass(frozen=True)
class Change:
    subject: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class TimelineEntry:
    round: SurveyRound
    assessment: Any
    changes: list[Change]


def _show(value: Any, code_list: str | None) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return gettext("Có")
    if value is False:
        return gettext("Không")
    if code_list:
        return load_codes()[code_list].get(str(value), str(value))
    if isinstance(value, int | Decimal):
        return format_vn_number(value)
    return str(value)


HOUSEHOLD_CODES = {
    "foundation_material": "material",
    "walls_material": "material",
    "roof_material": "material",
    "water_source": "water_source",
    "latrine": "latrine",
}
MEMBER_CODES = {
    "employment": "employment",
    "working_capacity": "working_capacity",
    "disability": "disability",
    "education": "education",
    "nutrition": "nutrition",
}


def _differences(newer: SurveyRound, older: SurveyRound) -> list[Change]:
    labels = load_column_labels()
    changes = [
        Change(
            gettext("Hộ"),
            labels["household"].get(name, name),
            _show(getattr(older, name), HOUSEHOLD_CODES.get(name)),
            _show(getattr(newer, name), HOUSEHOLD_CODES.get(name)),
        )
        for name in HOUSEHOLD_FACT_FIELDS
        if getattr(newer, name) != getattr(older, name)
    ]
    old_facts = {facts.member_id: facts for facts in older.member_facts.all()}
    for facts in newer.member_facts.all():
        previous = old_facts.get(facts.member_id)
        if previous is None:
            changes.append(
                Change(facts.member.full_name, gettext("Thành viên"), "—", gettext("mới có trong phiếu"))
            )
            continue
        changes.extend(
            Change(
                facts.member.full_name,
                labels["member"].get(name, name),
                _show(getattr(previous, name), MEMBER_CODES.get(name)),
                _show(getattr(facts, name), MEMBER_CODES.get(name)),
            )
            for name in MEMBER_FACT_FIELDS
            if getattr(facts, name) != getattr(previous, name)
        )
    return changes


def round_changes(rounds: list[SurveyRound]) -> list[TimelineEntry]:
    """Rounds newest first, each with its assessment and the changes since the round before it."""
    entries = []
    for index, survey in enumerate(rounds):
        older = rounds[index + 1] if index + 1 < len(rounds) else None
        assessments = list(survey.assessments.all())
        entries.append(
            TimelineEntry(
                survey, assessments[0] if assessments else None, _differences(survey, older) if older else []
            )
        )
    return entries
