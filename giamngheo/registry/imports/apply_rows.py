"""Frames of the rows an import inserts: new households and members, survey rounds, facts, assessments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.assess import HOUSEHOLD_FACT_FIELDS, MEMBER_FACT_FIELDS, assessment_columns
from giamngheo.registry.imports.apply_existing import KINH
from giamngheo.registry.imports.bulk_insert import now_text, with_ids
from giamngheo.registry.models import Assessment, Household, ImportBatch, Member, MemberFacts, SurveyRound
from giamngheo.standards.explain import explain_frame
from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, MEMBER_SCHEMA, conform
from giamngheo.standards.model import Standard

TEXT_FACTS = {
    "foundation_material",
    "walls_material",
    "roof_material",
    "water_source",
    "latrine",
    "employment",
    "working_capacity",
    "disability",
    "education",
    "nutrition",
}


def _search_names(column: pl.Series) -> pl.Series:
    """`search_key` of each name, computed once per distinct name."""
    keys = {name: search_key(name) for name in column.unique().drop_nulls().to_list()}
    return column.replace_strict(keys, default="", return_dtype=pl.String)


def _clean_names(expression: pl.Expr) -> pl.Expr:
    """Spaces collapsed, as `_identity` does for each member."""
    return expression.cast(pl.String).str.replace_all(r"\s+", " ").str.strip_chars()


def new_households_frame(new: pl.DataFrame, members: pl.DataFrame) -> pl.DataFrame:
    """Rows of the household table for new households, ids reserved; latest assessment filled in later."""
    heads = members.filter(pl.col("relation") == "head").select(
        "household_code",
        _clean_names(pl.col("full_name")).alias("head_name"),
        (pl.col("ethnicity").is_not_null() & (pl.col("ethnicity") != KINH)).alias("is_ethnic_minority"),
    )
    merit = members.group_by("household_code").agg(pl.col("has_merit").fill_null(False).any().alias("merit"))
    provinces = dict(
        AdminUnit.objects.filter(id__in=new.get_column("commune_id").unique().to_list()).values_list(
            "id", "province_id"
        )
    )
    now = now_text()
    frame = (
        new.select(
            "household_code", "commune_id", "village_id", "address", "residence", "registered_on", "status"
        )
        .join(heads, on="household_code", how="left")
        .join(merit, on="household_code", how="left")
    )
    frame = frame.with_columns(
        pl.col("head_name").fill_null(""),
        pl.col("is_ethnic_minority").fill_null(False),
        pl.col("merit").fill_null(False).alias("has_merit_member"),
    )
    return with_ids(frame, Household).select(
        "id",
        pl.col("household_code").alias("code"),
        pl.col("commune_id").replace_strict(provinces, return_dtype=pl.Int64).alias("province_id"),
        "commune_id",
        pl.col("village_id").cast(pl.Int64),
        pl.col("address").fill_null(""),
        "residence",
        "registered_on",
        "status",
        "head_name",
        _search_names(frame.get_column("head_name")).alias("search_name"),
        pl.lit("").alias("search_names"),  # the database's triggers write it (registry.name_search)
        "is_ethnic_minority",
        "has_merit_member",
        pl.lit(True).alias("is_active"),
        pl.lit(None, dtype=pl.Date).alias("closed_on"),
        pl.lit("").alias("closed_reason"),
        pl.lit(1).alias("version"),
        pl.lit(now).alias("created_at"),
        pl.lit(now).alias("updated_at"),
    )


def new_members_frame(members: pl.DataFrame, household_ids: pl.DataFrame) -> pl.DataFrame:
    """Rows of the member table for the members of new households, ids reserved."""
    now = now_text()
    frame = members.drop("household_id", "id", strict=False).join(household_ids, on="household_code")
    frame = with_ids(frame, Member)
    year = pl.coalesce(pl.col("birth_year"), pl.col("birth_date").dt.year()).cast(pl.Int64)
    names = frame.select(_clean_names(pl.col("full_name"))).to_series()
    return frame.select(
        "id",
        "household_code",
        "household_id",
        "member_no",
        names.alias("full_name"),
        _search_names(names).alias("search_name"),
        pl.col("personal_id").fill_null(""),
        "birth_date",
        year.alias("birth_year"),
        "sex",
        pl.col("ethnicity").fill_null(KINH),
        pl.col("relation").fill_null("other"),
        pl.col("has_merit").fill_null(False),
        pl.lit(True).alias("is_active"),
        pl.lit(None, dtype=pl.Date).alias("left_on"),
        pl.lit("").alias("left_reason"),
        pl.lit(1).alias("version"),
        pl.lit(now).alias("created_at"),
        pl.lit(now).alias("updated_at"),
    )


def _facts(frame: pl.DataFrame, names: Iterable[str]) -> list[pl.Expr]:
    """Fact columns as stored: unknown text is blank, the floor area has one decimal."""
    expressions = []
    for name in names:
        column = pl.col(name) if name in frame.columns else pl.lit(None)
        if name in TEXT_FACTS:
            column = column.cast(pl.String).fill_null("")
        elif name == "floor_area_m2":
            column = column.cast(pl.Float64).round(1)
        expressions.append(column.alias(name))
    return expressions


def _actor_id(actor: Any) -> int | None:
    return getattr(actor, "pk", None)


def rounds_frame(
    changed: pl.DataFrame, household_ids: pl.DataFrame, batch: ImportBatch, actor: Any
) -> pl.DataFrame:
    frame = changed.drop("household_id", "id", strict=False).join(household_ids, on="household_code")
    frame = with_ids(frame, SurveyRound)
    return frame.select(
        "id",
        "household_code",
        "household_id",
        pl.lit(batch.reference_date).alias("reference_date"),
        pl.lit("import").alias("source"),
        pl.lit(batch.pk, dtype=pl.Int64).alias("import_batch_id"),
        "area",
        *_facts(frame, HOUSEHOLD_FACT_FIELDS),
        pl.lit(_actor_id(actor), dtype=pl.Int64).alias("recorded_by_id"),
        pl.lit(now_text()).alias("recorded_at"),
    )


def member_facts_frame(members: pl.DataFrame, member_ids: pl.DataFrame, rounds: pl.DataFrame) -> pl.DataFrame:
    frame = members.join(member_ids, on=["household_code", "member_no"], how="inner").join(
        rounds.select("household_code", pl.col("id").alias("round_id")), on="household_code", how="inner"
    )
    frame = with_ids(frame, MemberFacts)
    return frame.select("id", "round_id", "member_id", *_facts(frame, MEMBER_FACT_FIELDS))


def assessments_frame(
    changed: pl.DataFrame,
    members: pl.DataFrame,
    standard: Standard,
    rounds: pl.DataFrame,
    batch: ImportBatch,
    actor: Any,
) -> pl.DataFrame:
    """One assessment per changed household, as the single-household path stores it (explanation compact)."""
    explained = explain_frame(
        standard, conform(changed, HOUSEHOLD_SCHEMA), conform(members, MEMBER_SCHEMA), batch.reference_date
    )
    frame = explained.select(assessment_columns(standard)).join(
        rounds.select(
            "household_code",
            "household_id",
            pl.col("id").alias("round_id"),
            "income_per_capita",
            "income_score",
        ),
        on="household_code",
        how="inner",
    )
    frame = with_ids(frame, Assessment)
    return frame.select(
        "id",
        "household_code",
        "household_id",
        "round_id",
        "standard",
        pl.lit(batch.reference_date).alias("reference_date"),
        "income_path",
        "income_per_capita",
        "income_score",
        "deprived",
        "deprivation_count",
        "score_b",
        "category",
        "low_income_worker",
        "explanation",
        pl.lit(_actor_id(actor), dtype=pl.Int64).alias("assessed_by_id"),
        pl.lit(now_text()).alias("assessed_at"),
    )
