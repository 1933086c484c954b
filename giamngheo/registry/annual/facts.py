"""Facts of a province for the annual run: each active household's latest survey round, in two queries.

Each query goes straight into Polars (`registry.fact_frames`: COPY on PostgreSQL, a cursor on SQLite). Blank
text means «not recorded», as in the per-household bridge (`registry.assess`), and the same defaults fill
unknown facts.
"""

from __future__ import annotations

import datetime as dt
import re

import polars as pl

from giamngheo.registry.assess import HOUSEHOLD_FACT_FIELDS, MEMBER_FACT_FIELDS
from giamngheo.registry.fact_frames import blanks_to_null, column, query_frame
from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, MEMBER_SCHEMA

KEY_SCHEMA: dict[str, pl.DataType] = {
    "household_id": pl.Int64(),
    "household_code": pl.String(),
    "commune_id": pl.Int64(),
    "previous_id": pl.Int64(),
    "previous_category": pl.String(),
    "assessed_round_id": pl.Int64(),
    "assessed_standard": pl.String(),
    "assessed_on": pl.Date(),
    "round_id": pl.Int64(),
}
_STANDARD_ID = re.compile(r"[0-9A-Za-z._-]{1,32}")
_IDENTITY = ("member_no", "full_name", "birth_date", "birth_year", "sex", "relation", "ethnicity")


def _latest_rounds(province_id: int, reference_date: dt.date) -> str:
    """Each active household's latest round on or before the reference date (numbers only are inlined)."""
    return f"""
        SELECT id, household_id FROM (
            SELECT r.id, r.household_id, ROW_NUMBER() OVER (
                PARTITION BY r.household_id ORDER BY r.reference_date DESC, r.id DESC
            ) AS position
            FROM registry_surveyround r JOIN registry_household h ON h.id = r.household_id
            WHERE h.province_id = {int(province_id)} AND h.is_active
              AND r.reference_date <= '{reference_date.isoformat()}'
        ) ranked WHERE position = 1"""  # noqa: S608 — an int and an ISO date, nothing typed by a user


def province_facts(
    province_id: int, reference_date: dt.date, areas: dict[int, str], standard_id: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(households, members): keys and previous assessment of each household plus the engine's columns.

    `areas` maps each commune to urban/rural on the reference date (the poverty line's area). Members are
    read only for households not yet assessed from their latest round under `standard_id` on that date.
    """
    if not _STANDARD_ID.fullmatch(standard_id):
        raise ValueError(f"unexpected standard id {standard_id[:40]!r}")
    latest = _latest_rounds(province_id, reference_date)
    facts = {name: HOUSEHOLD_SCHEMA[name] for name in HOUSEHOLD_FACT_FIELDS}
    household_sql = f"""
        SELECT h.id, h.code, h.commune_id, h.latest_assessment_id, h.latest_category,
               a.round_id, a.standard, a.reference_date, r.id,
               {", ".join(column("r", name, kind) for name, kind in facts.items())}
        FROM ({latest}) l
        JOIN registry_surveyround r ON r.id = l.id
        JOIN registry_household h ON h.id = l.household_id
        LEFT JOIN registry_assessment a ON a.id = h.latest_assessment_id
        ORDER BY h.id"""  # noqa: S608 — built from column names and the inlined numbers above
    households = blanks_to_null(query_frame(household_sql, {**KEY_SCHEMA, **facts})).with_columns(
        pl.col("has_house").fill_null(value=True),
        pl.col("commune_id").replace_strict(areas, default="rural", return_dtype=pl.String).alias("area"),
    )
    member_facts = {name: MEMBER_SCHEMA[name] for name in MEMBER_FACT_FIELDS}
    identity = {name: MEMBER_SCHEMA[name] for name in _IDENTITY}
    member_sql = f"""
        SELECT l.household_id,
               {", ".join(column("m", name, kind) for name, kind in identity.items())},
               {", ".join(column("f", name, kind) for name, kind in member_facts.items())}
        FROM ({latest}) l
        JOIN registry_household h ON h.id = l.household_id
        LEFT JOIN registry_assessment a ON a.id = h.latest_assessment_id
        JOIN registry_memberfacts f ON f.round_id = l.id
        JOIN registry_member m ON m.id = f.member_id
        WHERE m.is_active AND (
            a.id IS NULL OR a.round_id <> l.id OR a.standard <> '{standard_id}'
            OR a.reference_date <> '{reference_date.isoformat()}'
        )"""  # noqa: S608 — as above, and a standard id checked against _STANDARD_ID
    member_schema = {"household_id": pl.Int64(), **identity, **member_facts}
    members = blanks_to_null(query_frame(member_sql, member_schema))
    codes = households.select("household_id", "household_code")
    members = (
        members.join(codes, on="household_id", how="inner")
        .with_columns(
            pl.col("employment").fill_null("not_in_labour_force"),
            pl.col("working_capacity").fill_null("full"),
            pl.col("disability").fill_null("none"),
            pl.lit(None, dtype=pl.String()).alias("personal_id"),
        )
        .sort("household_id", "member_no")
    )
    return households, members.select(list(MEMBER_SCHEMA))
