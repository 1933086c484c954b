"""Vectorised classification of households under a standard version (Polars; no per-household loop)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, MEMBER_SCHEMA, conform
from giamngheo.standards.indicators import MEMBER_KINDS, household_deprived, member_aggregate, member_cause
from giamngheo.standards.model import Area, Sourced, Standard

RESULT_BASE_COLUMNS = (
    "household_code",
    "standard",
    "area",
    "income_path",
    "income_measure",
    "category",
    "deprivation_count",
    "score_b",
    "low_income_worker",
)


def age_expression(reference_date: dt.date) -> pl.Expr:
    """Age in completed years at the reference date.

    With a birth date: full years (a person born 29 February turns a year older on 1 March in
    non-leap years). With a birth year only: reference year − birth year.
    """
    reference_key = reference_date.month * 100 + reference_date.day
    from_date = (
        reference_date.year
        - pl.col("birth_date").dt.year().cast(pl.Int64)
        - (
            (pl.col("birth_date").dt.month().cast(pl.Int64) * 100 + pl.col("birth_date").dt.day())
            > reference_key
        ).cast(pl.Int64)
    )
    from_year = reference_date.year - pl.col("birth_year")
    return pl.coalesce(from_date, from_year).alias("age")


def prepare_members(standard: Standard, members: pl.DataFrame, reference_date: dt.date) -> pl.DataFrame:
    """Members with `age` and one `cause_<indicator>` column per member-level indicator."""
    return _prepared_members(standard, members, reference_date).collect()


def _prepared_members(standard: Standard, members: pl.DataFrame, reference_date: dt.date) -> pl.LazyFrame:
    frame = conform(members, MEMBER_SCHEMA)
    if frame["household_code"].is_sorted():
        # Files usually list each household's members together: the sorted fast path of group_by.
        frame = frame.with_columns(pl.col("household_code").set_sorted())
    causes = [
        member_cause(indicator, standard).alias(f"cause_{indicator.key}")
        for indicator in standard.indicators
        if indicator.kind in MEMBER_KINDS
    ]
    return frame.lazy().with_columns(age_expression(reference_date)).with_columns(causes)


def _by_area(lines: dict[Area, Sourced] | None) -> pl.Expr:
    if lines is None:
        return pl.lit(None, dtype=pl.Float64)
    return (
        pl.when(pl.col("area") == "urban")
        .then(pl.lit(float(lines["urban"].value)))
        .when(pl.col("area") == "rural")
        .then(pl.lit(float(lines["rural"].value)))
        .otherwise(None)
    )


def category_expressions(standard: Standard) -> list[pl.Expr]:
    """Income path, the measure compared with the lines, category and the low-income-worker flag."""
    income_path = (
        pl.when(pl.col("income_per_capita").is_not_null())
        .then(pl.lit("income"))
        .when(pl.col("income_score").is_not_null())
        .then(pl.lit("score"))
        .otherwise(None)
        .alias("income_path")
    )
    on_income = pl.col("income_path") == "income"
    measure = pl.coalesce("income_per_capita", "income_score").cast(pl.Float64)
    score_line = _by_area(standard.score_lines)
    poverty_line = pl.when(on_income).then(_by_area(standard.income_lines)).otherwise(score_line)
    near_line = pl.when(on_income).then(_by_area(standard.near_poor_lines)).otherwise(score_line)
    average_line = pl.when(on_income).then(_by_area(standard.average_lines)).otherwise(None)
    enough_deprivations = pl.col("deprivation_count") >= int(standard.poor_min_deprivations.value)
    at_or_below_near = measure <= near_line
    poor = at_or_below_near & enough_deprivations
    if standard.rule == "two_tier":
        poor = poor | (measure <= poverty_line)
    category = (
        pl.when(measure.is_null() | near_line.is_null())
        .then(None)
        .when(poor)
        .then(pl.lit("poor"))
        .when(at_or_below_near)
        .then(pl.lit("near_poor"))
        .when((measure <= average_line).fill_null(False))
        .then(pl.lit("average"))
        .otherwise(pl.lit("not_poor"))
        .alias("category")
    )
    if standard.low_income_worker_lines is None:
        low_income = pl.lit(None, dtype=pl.Boolean)
    else:
        low_income = (
            pl.when(on_income & pl.col("category").is_not_null())
            .then(
                pl.col("category").is_in(["average", "not_poor"])
                & (measure <= _by_area(standard.low_income_worker_lines))
            )
            .otherwise(None)
        )
    return [
        income_path,
        measure.alias("income_measure"),
        category,
        low_income.alias("low_income_worker"),
    ]


def _evaluate(standard: Standard, households: pl.DataFrame, prepared: pl.LazyFrame) -> pl.LazyFrame:
    member_indicators = [indicator for indicator in standard.indicators if indicator.kind in MEMBER_KINDS]
    aggregates = prepared.group_by("household_code").agg(
        pl.len().alias("household_size"), *(member_aggregate(indicator) for indicator in member_indicators)
    )
    deprived = [f"deprived_{key}" for key in standard.indicator_keys]
    expressions = category_expressions(standard)
    return (
        conform(households, HOUSEHOLD_SCHEMA)
        .lazy()
        .join(aggregates, on="household_code", how="left", maintain_order="left")
        .with_columns(pl.col("household_size").fill_null(0).cast(pl.Int64))
        .with_columns(
            household_deprived(indicator).alias(f"deprived_{indicator.key}")
            for indicator in standard.indicators
        )
        .with_columns(
            pl.sum_horizontal(*(pl.col(name).cast(pl.Int64) for name in deprived)).alias("deprivation_count"),
            pl.lit(standard.id).alias("standard"),
        )
        .with_columns((pl.col("deprivation_count") * 10).alias("score_b"), expressions[0])
        .with_columns(expressions[1], expressions[2])
        .with_columns(expressions[3])
    )


def evaluate_frames(
    standard: Standard,
    households: pl.DataFrame,
    members: pl.DataFrame,
    reference_date: dt.date,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Evaluate every household; return (households with all intermediate columns, prepared members)."""
    prepared = prepare_members(standard, members, reference_date)
    return _evaluate(standard, households, prepared.lazy()).collect(), prepared


def result_columns(standard: Standard) -> list[str]:
    """Columns of the public result frame, in order."""
    return [
        *RESULT_BASE_COLUMNS[:6],
        *(f"deprived_{key}" for key in standard.indicator_keys),
        *RESULT_BASE_COLUMNS[6:],
    ]


def classify_frame(
    standard: Standard,
    households: pl.DataFrame,
    members: pl.DataFrame,
    reference_date: dt.date,
) -> pl.DataFrame:
    """Classify households in bulk: one row per household, in input order."""
    prepared = _prepared_members(standard, members, reference_date)
    return _evaluate(standard, households, prepared).select(result_columns(standard)).collect()
