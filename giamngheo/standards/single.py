"""Single-household classification and explanation: the bulk expressions run on a one-household frame."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from giamngheo.standards.explain import explain_frame
from giamngheo.standards.facts import HouseholdFacts, MemberFacts, households_frame, members_frame
from giamngheo.standards.loader import load_support_lines
from giamngheo.standards.model import Category, Confidence, Standard


@dataclass(frozen=True)
class IndicatorVerdict:
    """One indicator's verdict for a household, with its causes, threshold and legal source."""

    key: str
    name_vi: str
    deprived: bool
    causes: tuple[str, ...]
    threshold_vi: str
    source: str
    confidence: Confidence
    support_vi: str


@dataclass(frozen=True)
class HouseholdResult:
    """Classification of one household under one standard version, with its full trace."""

    household_code: str
    standard: str
    category: Category | None
    income_path: str | None
    income_measure: float | None
    deprived: tuple[str, ...]
    deprivation_count: int
    score_b: int
    low_income_worker: bool | None
    indicators: tuple[IndicatorVerdict, ...]
    removals_needed: int | None
    suggested_removals: tuple[str, ...]
    income_gap: int | None
    support_lines: tuple[str, ...]
    explanation_vi: str


def classify_household(
    standard: Standard,
    household: HouseholdFacts,
    members: list[MemberFacts],
    reference_date: dt.date,
) -> HouseholdResult:
    """Classify and explain one household (same expressions as the bulk path)."""
    own = [member for member in members if member.household_code == household.household_code]
    row = explain_frame(standard, households_frame([household]), members_frame(own), reference_date).row(
        0, named=True
    )
    return result_from_row(standard, row)


def result_from_row(standard: Standard, row: dict[str, Any]) -> HouseholdResult:
    """A HouseholdResult from one row of `explain_frame` (the bulk path builds results the same way)."""
    support = load_support_lines()
    verdicts = tuple(
        IndicatorVerdict(
            key=item.key,
            name_vi=item.name_vi,
            deprived=bool(row[f"deprived_{item.key}"]),
            causes=tuple(row[f"causes_{item.key}"]),
            threshold_vi=item.threshold_vi,
            source=item.source,
            confidence=item.confidence,
            support_vi=support[item.key].support_vi,
        )
        for item in standard.indicators
    )
    return HouseholdResult(
        household_code=row["household_code"],
        standard=row["standard"],
        category=Category(row["category"]) if row["category"] is not None else None,
        income_path=row["income_path"],
        income_measure=row["income_measure"],
        deprived=tuple(row["deprived_indicators"]),
        deprivation_count=int(row["deprivation_count"]),
        score_b=int(row["score_b"]),
        low_income_worker=row["low_income_worker"],
        indicators=verdicts,
        removals_needed=row["removals_needed"],
        suggested_removals=tuple(row["suggested_removals"]),
        income_gap=row["income_gap"],
        support_lines=tuple(row["support_lines"]),
        explanation_vi=row["explanation_vi"],
    )
