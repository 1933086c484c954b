"""Writes of the annual run: a chunk's assessments by COPY, then each household's latest, compare-and-set.

A household whose latest assessment changed while the run worked (a survey saved meanwhile) keeps the newer
one: the update only moves households still pointing at the assessment the run read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.db import connection

from giamngheo.registry.assess import assessment_columns
from giamngheo.registry.imports.bulk_insert import insert_rows, now_text, with_ids
from giamngheo.registry.models import Assessment
from giamngheo.standards.model import Standard


def assessments_frame(
    standard: Standard, households: pl.DataFrame, explained: pl.DataFrame, reference_date: dt.date, actor: Any
) -> pl.DataFrame:
    """Rows of the assessment table for explained households, as `assess.assessment_record` stores them."""
    frame = explained.select(assessment_columns(standard)).join(
        households.select("household_code", "household_id", "round_id", "income_per_capita", "income_score"),
        on="household_code",
        how="inner",
        maintain_order="left",
    )
    frame = with_ids(frame, Assessment)
    return frame.select(
        "id",
        "household_code",
        "household_id",
        "round_id",
        "standard",
        pl.lit(reference_date).alias("reference_date"),
        "income_path",
        "income_per_capita",
        "income_score",
        "deprived",
        "deprivation_count",
        "score_b",
        "category",
        "low_income_worker",
        "explanation",
        pl.lit(getattr(actor, "pk", None), dtype=pl.Int64).alias("assessed_by_id"),
        pl.lit(now_text()).alias("assessed_at"),
    )


def point_households(assessments: pl.DataFrame, households: pl.DataFrame) -> int:
    """Make each household's latest assessment the new one, unless it moved since it was read."""
    rows = assessments.select("household_id", "id", "category").join(
        households.select("household_id", "previous_id"), on="household_id", how="inner"
    )
    if rows.is_empty():
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMP TABLE annual_latest (household_id bigint, assessment_id bigint, "
                "category varchar(16), previous_id bigint) ON COMMIT DROP"
            )
            data = rows.select("household_id", "id", "category", "previous_id").write_csv(
                include_header=False, null_value="\\N"
            )
            with cursor.cursor.copy("COPY annual_latest FROM STDIN (FORMAT csv, NULL '\\N')") as copy:
                copy.write(data.encode())
            cursor.execute("ANALYZE annual_latest")  # so the update joins by hash, not row by row
            cursor.execute(
                "UPDATE registry_household h SET latest_assessment_id = t.assessment_id, "
                "latest_category = t.category FROM annual_latest t WHERE h.id = t.household_id "
                "AND h.latest_assessment_id IS NOT DISTINCT FROM t.previous_id"
            )
            moved = int(cursor.rowcount)
            cursor.execute("DROP TABLE annual_latest")
            return moved
        cursor.executemany(
            "UPDATE registry_household SET latest_assessment_id = %s, latest_category = %s "
            "WHERE id = %s AND latest_assessment_id IS %s",
            rows.select("id", "category", "household_id", "previous_id").rows(),
        )
        return int(cursor.rowcount)


def write_chunk(assessments: pl.DataFrame, households: pl.DataFrame) -> pl.DataFrame:
    """Insert a chunk's assessments and point its households at them; the rows written (id, household)."""
    insert_rows(Assessment, assessments.drop("household_code"))
    point_households(assessments, households)
    return assessments.select("household_id", "category")
