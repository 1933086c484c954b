"""Bridge from registry rows to the standards engine: facts from a survey round, results to an Assessment."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from giamngheo.registry.models import Assessment, Household, Member, MemberFacts, SurveyRound
from giamngheo.standards.explanation_json import compact_json_expression
from giamngheo.standards.explanation_store import compact, full_document
from giamngheo.standards.facts import HouseholdFacts
from giamngheo.standards.facts import MemberFacts as EngineMemberFacts
from giamngheo.standards.loader import load_standard, standard_for_year
from giamngheo.standards.model import Standard
from giamngheo.standards.single import HouseholdResult, classify_household

HOUSEHOLD_FACT_FIELDS = (
    "income_per_capita",
    "income_score",
    "has_house",
    "foundation_material",
    "walls_material",
    "roof_material",
    "floor_area_m2",
    "water_source",
    "latrine",
    "internet_use",
    "phone_use",
    "digital_services_use",
    "has_television",
    "has_radio",
    "has_computer",
    "has_smartphone",
    "loudspeaker_access",
    "waste_treatment",
    "agricultural",
)
MEMBER_FACT_FIELDS = (
    "employment",
    "working_capacity",
    "disability",
    "social_allowance",
    "health_insurance",
    "education",
    "in_school",
    "nutrition",
    "ill_untreated",
)


def standard_for(reference_date: dt.date, standard_id: str | None = None) -> Standard:
    """The standard named, or the one in force for the review year of the reference date."""
    return load_standard(standard_id) if standard_id else standard_for_year(reference_date.year)


def _blank_to_none(value: Any) -> Any:
    return None if value == "" else value


def household_facts(household_code: str, values: dict[str, Any]) -> HouseholdFacts:
    """Engine facts from a mapping of household fact fields (blank means unknown)."""
    facts: dict[str, Any] = {name: _blank_to_none(values.get(name)) for name in HOUSEHOLD_FACT_FIELDS}
    if facts["floor_area_m2"] is not None:
        facts["floor_area_m2"] = float(facts["floor_area_m2"])
    if facts["has_house"] is None:
        facts["has_house"] = True
    return HouseholdFacts(household_code=household_code, area=values["area"], **facts)


def member_facts(household_code: str, member: Member, values: dict[str, Any]) -> EngineMemberFacts:
    """Engine facts of one member: identity from the member row, review facts from `values`."""
    facts: dict[str, Any] = {name: _blank_to_none(values.get(name)) for name in MEMBER_FACT_FIELDS}
    for required, default in (
        ("employment", "not_in_labour_force"),
        ("working_capacity", "full"),
        ("disability", "none"),
    ):
        if facts[required] is None:
            facts[required] = default
    return EngineMemberFacts(
        household_code=household_code,
        member_no=member.member_no,
        birth_year=member.birth_year,
        birth_date=member.birth_date,
        full_name=member.full_name,
        personal_id=member.personal_id or None,
        sex=member.sex,
        relation=member.relation,
        ethnicity=member.ethnicity,
        **facts,
    )


def classify(
    standard: Standard,
    household: Household,
    household_values: dict[str, Any],
    members: list[tuple[Member, dict[str, Any]]],
    reference_date: dt.date,
) -> HouseholdResult:
    """Classify one household from unsaved form values (used for the live preview and on save)."""
    facts = household_facts(household.code, household_values)
    people = [member_facts(household.code, member, values) for member, values in members]
    return classify_household(standard, facts, people, reference_date)


def explanation_json(result: HouseholdResult) -> dict[str, Any]:
    """The full structured explanation of a result (stored compacted: `explanation_store.compact`)."""
    return full_document(result)


def assessment_columns(standard: Standard) -> list[pl.Expr]:
    """The stored values of `assessment_record` for every row of `explain_frame` (the bulk writers' path)."""
    return [
        pl.col("household_code"),
        pl.col("standard"),
        pl.col("income_path").fill_null(""),
        pl.col("deprived_indicators").list.join(",").fill_null("").alias("deprived"),
        pl.col("deprivation_count").cast(pl.Int64),
        pl.col("score_b").cast(pl.Int64),
        pl.col("category").fill_null(""),
        pl.col("low_income_worker").fill_null(value=False),
        compact_json_expression(standard).alias("explanation"),
    ]


def assessment_record(
    *, actor: Any, household: Household, survey: SurveyRound, result: HouseholdResult
) -> Assessment:
    """Store a result as an insert-only assessment and mark it as the household's latest."""
    assessment = Assessment.objects.create(
        household=household,
        round=survey,
        standard=result.standard,
        reference_date=survey.reference_date,
        income_path=result.income_path or "",
        income_per_capita=survey.income_per_capita,
        income_score=survey.income_score,
        deprived=",".join(result.deprived),
        deprivation_count=result.deprivation_count,
        score_b=result.score_b,
        category=result.category.value if result.category else "",
        low_income_worker=bool(result.low_income_worker),
        explanation=compact(explanation_json(result)),
        assessed_by=actor if getattr(actor, "pk", None) else None,
    )
    Household.objects.filter(pk=household.pk).update(
        latest_assessment=assessment, latest_category=assessment.category
    )
    household.latest_assessment, household.latest_category = assessment, assessment.category
    return assessment


def round_values(survey: SurveyRound) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """Household and member fact values of a saved round (to prefill the next survey form)."""
    household_values = {name: getattr(survey, name) for name in ("area", *HOUSEHOLD_FACT_FIELDS)}
    members = {
        facts.member_id: {name: getattr(facts, name) for name in MEMBER_FACT_FIELDS}
        for facts in MemberFacts.objects.filter(round=survey)
    }
    return household_values, members
