"""The registry's state of some households, shaped like an upload, and signatures to compare them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl
from django.db.models import Max

from giamngheo.registry.assess import HOUSEHOLD_FACT_FIELDS, MEMBER_FACT_FIELDS
from giamngheo.registry.models import MEMBER_IDENTITY_FIELDS, Household, Member, MemberFacts, SurveyRound
from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, MEMBER_SCHEMA

CHUNK = 2000
HOUSEHOLD_PLACE = {
    "village_id": pl.Int64(),
    "address": pl.String(),
    "residence": pl.String(),
    "status": pl.String(),
}
MEMBER_IDENTITY = {"has_merit": pl.Boolean()}
HOUSEHOLD_COLUMNS = {**HOUSEHOLD_SCHEMA, **HOUSEHOLD_PLACE}
MEMBER_COLUMNS = {**MEMBER_SCHEMA, **MEMBER_IDENTITY}
MEMBER_SIGNED = ("member_no", *MEMBER_IDENTITY_FIELDS, *MEMBER_FACT_FIELDS)
HOUSEHOLD_SIGNED = (*HOUSEHOLD_PLACE, "area", *HOUSEHOLD_FACT_FIELDS)


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def existing_snapshot(codes: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Households with these codes (id, version) and their active members, with their latest round's facts."""
    household_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    for chunk in _chunks(codes):
        households: dict[int, dict[str, Any]] = {
            row["id"]: dict(row)
            for row in Household.objects.filter(code__in=chunk).values(
                "id", "code", "version", "village_id", "address", "residence", "status"
            )
        }
        if not households:
            continue
        latest = dict(
            SurveyRound.objects.filter(household_id__in=list(households))
            .values("household_id")
            .annotate(latest=Max("id"))
            .values_list("household_id", "latest")
        )
        rounds = {
            row["household_id"]: row
            for row in SurveyRound.objects.filter(id__in=list(latest.values())).values(
                "id", "household_id", "area", *HOUSEHOLD_FACT_FIELDS
            )
        }
        facts = {
            row["member_id"]: row
            for row in MemberFacts.objects.filter(round_id__in=list(latest.values())).values(
                "member_id", *MEMBER_FACT_FIELDS
            )
        }
        for pk, household in households.items():
            survey = rounds.get(pk, {})
            household_rows.append(
                {
                    "id": pk,
                    "version": household["version"],
                    "household_code": household["code"],
                    **{key: household[key] for key in HOUSEHOLD_PLACE},
                    "area": survey.get("area"),
                    **{key: survey.get(key) for key in HOUSEHOLD_FACT_FIELDS},
                }
            )
        for member in Member.objects.filter(household_id__in=list(households), is_active=True).values(
            "id", "household__code", "member_no", *MEMBER_IDENTITY_FIELDS
        ):
            own = facts.get(member["id"], {})
            member_rows.append(
                {
                    **{key: value for key, value in member.items() if key != "household__code"},
                    "household_code": member["household__code"],
                    **{key: own.get(key) for key in MEMBER_FACT_FIELDS},
                }
            )
    households_frame = (
        pl.DataFrame(
            [
                {
                    **row,
                    "floor_area_m2": float(row["floor_area_m2"])
                    if row["floor_area_m2"] is not None
                    else None,
                }
                for row in household_rows
            ],
            schema={"id": pl.Int64(), "version": pl.Int64(), **HOUSEHOLD_COLUMNS},
            orient="row",
            strict=False,
        )
        if household_rows
        else pl.DataFrame(schema={"id": pl.Int64(), "version": pl.Int64(), **HOUSEHOLD_COLUMNS})
    )
    members_frame = (
        pl.DataFrame(member_rows, schema={"id": pl.Int64(), **MEMBER_COLUMNS}, orient="row", strict=False)
        if member_rows
        else pl.DataFrame(schema={"id": pl.Int64(), **MEMBER_COLUMNS})
    )
    return households_frame, members_frame


def _text(frame: pl.DataFrame, columns: Iterable[str], schema: dict[str, pl.DataType]) -> list[pl.Expr]:
    """Each column as canonical text: blanks and nulls alike, numbers without formatting."""
    expressions = []
    for column in columns:
        value = pl.col(column) if column in frame.columns else pl.lit(None, dtype=schema[column])
        if schema[column] == pl.Float64():
            value = value.round(1)
        text = value.cast(pl.String)
        expressions.append(pl.when(text == "").then(None).otherwise(text).fill_null("∅"))
    return expressions


def signatures(households: pl.DataFrame, members: pl.DataFrame) -> pl.DataFrame:
    """One text per household summing up what an import would write: place, facts, members and their facts."""
    members = members.with_columns(
        pl.coalesce(
            pl.col("birth_year") if "birth_year" in members.columns else pl.lit(None, dtype=pl.Int64),
            pl.col("birth_date").dt.year().cast(pl.Int64)
            if "birth_date" in members.columns
            else pl.lit(None, dtype=pl.Int64),
        ).alias("birth_year")
    )
    member_text = (
        members.select(
            "household_code",
            "member_no",
            pl.concat_str(_text(members, MEMBER_SIGNED, MEMBER_COLUMNS), separator="|").alias("text"),
        )
        .sort("household_code", "member_no")
        .group_by("household_code", maintain_order=True)
        .agg(pl.col("text").str.join("¶").alias("members"))
    )
    household_text = households.select(
        "household_code",
        pl.concat_str(_text(households, HOUSEHOLD_SIGNED, HOUSEHOLD_COLUMNS), separator="|").alias("text"),
    )
    return household_text.join(member_text, on="household_code", how="left").select(
        "household_code",
        pl.concat_str("text", pl.col("members").fill_null(""), separator="#").alias("signature"),
    )
