"""Polars expressions for each indicator kind: the single source of truth of the deprivation rules."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from giamngheo.standards.model import Indicator, Standard

STRUCTURES = ("foundation", "walls", "roof")


def _is_false(column: str) -> pl.Expr:
    """True only when the fact is recorded as False; an unknown (null) fact never causes deprivation."""
    return (pl.col(column) == False).fill_null(False)  # noqa: E712


def _is_true(column: str) -> pl.Expr:
    return (pl.col(column) == True).fill_null(False)  # noqa: E712


def _is_in(column: str, codes: tuple[str, ...]) -> pl.Expr:
    return pl.col(column).is_in(list(codes)).fill_null(False)


def _is_not_in(column: str, codes: tuple[str, ...]) -> pl.Expr:
    return (pl.col(column).is_not_null() & ~pl.col(column).is_in(list(codes))).fill_null(False)


def age_between(low: int, high: int) -> pl.Expr:
    """Inclusive age range on the member `age` column (null age → False)."""
    return pl.col("age").is_between(low, high, closed="both").fill_null(False)


def working_age(standard: Standard) -> pl.Expr:
    """Member is of working age at the reference date (inclusive bounds, by sex)."""
    bounds = standard.working_age
    upper = pl.when(pl.col("sex") == "female").then(bounds.max_female).otherwise(bounds.max_male)
    return ((pl.col("age") >= bounds.minimum) & (pl.col("age") <= upper)).fill_null(False)


def above_working_age(standard: Standard) -> pl.Expr:
    bounds = standard.working_age
    upper = pl.when(pl.col("sex") == "female").then(bounds.max_female).otherwise(bounds.max_male)
    return (pl.col("age") > upper).fill_null(False)


def _employment(indicator: Indicator, standard: Standard) -> pl.Expr:
    jobless = pl.col("employment") == "unemployed"
    if indicator.param_bool("count_wage_without_contract"):
        jobless = jobless | (pl.col("employment") == "wage_without_contract")
    return working_age(standard) & jobless.fill_null(False)


def _dependant(indicator: Indicator, standard: Standard) -> pl.Expr:
    child = (pl.col("age") < indicator.param_int("child_age_below")).fill_null(False)
    no_capacity = (pl.col("working_capacity") == "none").fill_null(False) | _is_in(
        "disability", indicator.param_codes("severe_disabilities")
    )
    adult_dependant = pl.lit(False)
    if indicator.param_bool("include_above_working_age"):
        adult_dependant = adult_dependant | above_working_age(standard)
    if indicator.param_bool("include_no_working_capacity"):
        adult_dependant = adult_dependant | no_capacity
    if indicator.param_bool("require_social_allowance"):
        adult_dependant = adult_dependant & _is_true("social_allowance")
    return child | adult_dependant


def _nutrition(indicator: Indicator, standard: Standard) -> pl.Expr:
    child = (pl.col("age") < indicator.param_int("child_age_below")).fill_null(False)
    return child & _is_in("nutrition", indicator.param_codes("statuses"))


def _health_insurance(indicator: Indicator, standard: Standard) -> pl.Expr:
    return (pl.col("age") >= indicator.param_int("min_age")).fill_null(False) & _is_false("health_insurance")


def _adult_education(indicator: Indicator, standard: Standard) -> pl.Expr:
    lacking = pl.lit(False)
    for band in indicator.param_bands():
        lacking = lacking | (age_between(band.age_from, band.age_to) & _is_not_in("education", band.accepted))
    if indicator.param_bool("exempt_if_studying"):
        lacking = lacking & ~_is_true("in_school")
    return lacking


def _child_schooling(indicator: Indicator, standard: Standard) -> pl.Expr:
    return age_between(indicator.param_int("age_from"), indicator.param_int("age_to")) & _is_false(
        "in_school"
    )


def _member_flag(indicator: Indicator, standard: Standard) -> pl.Expr:
    return _is_true(indicator.param_str("column"))


MEMBER_RULES: dict[str, Callable[[Indicator, Standard], pl.Expr]] = {
    "employment": _employment,
    "dependants": _dependant,
    "nutrition": _nutrition,
    "health_insurance": _health_insurance,
    "adult_education": _adult_education,
    "child_schooling": _child_schooling,
    "member_flag": _member_flag,
}
MEMBER_KINDS = frozenset(MEMBER_RULES)


def member_cause(indicator: Indicator, standard: Standard) -> pl.Expr:
    """Boolean member-level expression: the member causes (for dependants: counts towards) the deprivation."""
    return MEMBER_RULES[indicator.kind](indicator, standard)


def non_durable(indicator: Indicator, structure: str) -> pl.Expr:
    """The structure's material is recorded and not in the durable list."""
    return _is_not_in(f"{structure}_material", indicator.param_codes(f"durable_{structure}"))


def household_deprived(indicator: Indicator) -> pl.Expr:
    """Boolean household-level deprivation, on households joined with member aggregates."""
    kind, key = indicator.kind, indicator.key
    if kind == "dependants":
        share = indicator.param_float("max_share")
        return (pl.col(f"count_{key}") > pl.col("household_size") * share).fill_null(False)
    if kind in MEMBER_KINDS:
        return pl.col(f"any_{key}").fill_null(False)
    if kind == "housing_quality":
        count = pl.sum_horizontal(
            *(non_durable(indicator, structure).cast(pl.Int32) for structure in STRUCTURES)
        )
        return _is_false("has_house") | (count >= indicator.param_int("min_non_durable"))
    if kind == "housing_area":
        limit = pl.col("household_size") * indicator.param_float("min_area_per_person")
        return (pl.col("floor_area_m2") < limit).fill_null(False)
    if kind == "household_code_in":
        return _is_not_in(indicator.param_str("column"), indicator.param_codes("accepted"))
    if kind == "household_lacks_all":
        return pl.all_horizontal(
            *(_is_false(column) for column in indicator.param_codes("columns"))
        ).fill_null(False)
    raise ValueError(f"{key}: unknown kind {kind}")


def member_aggregate(indicator: Indicator) -> pl.Expr:
    """Per-household aggregate of a member-level cause column."""
    if indicator.kind == "dependants":
        return pl.col(f"cause_{indicator.key}").sum().alias(f"count_{indicator.key}")
    return pl.col(f"cause_{indicator.key}").any().alias(f"any_{indicator.key}")
