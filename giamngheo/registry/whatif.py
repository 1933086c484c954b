"""What-if: the households of a unit re-classified under another standard, from their latest survey, unsaved.

Both sides are computed by the engine from the same facts (each household's survey round behind its latest
assessment) on the same reference date, so every change comes from the standard alone, not from newer data.
Nothing is written: no assessment, no status, no audit of a household.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db.models import QuerySet

from giamngheo.geo.models import AdminUnit
from giamngheo.registry.assess import HOUSEHOLD_FACT_FIELDS, MEMBER_FACT_FIELDS
from giamngheo.registry.fact_frames import blanks_to_null, column, query_frame
from giamngheo.registry.models import Household, Member, MemberFacts, SurveyRound
from giamngheo.registry.selectors import households_for_user
from giamngheo.standards.engine import classify_frame
from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, MEMBER_SCHEMA
from giamngheo.standards.model import Standard

CATEGORIES = ("poor", "near_poor", "average", "not_poor", "unknown")
_MEMBER_IDENTITY = ("member_no", "birth_date", "birth_year", "sex", "relation", "ethnicity")


@dataclass(frozen=True)
class WhatIf:
    """Per household: commune, category before (standard in force) and after (the chosen standard)."""

    baseline: Standard
    target: Standard
    reference_date: dt.date
    households: pl.DataFrame  # household_id, commune_id, before, after, deprived_<key> of the target …
    without_survey: int  # active households of the unit with no assessment yet, left out

    @property
    def total(self) -> int:
        return self.households.height


def _facts(households: QuerySet[Household]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The engine's household and member frames from each household's latest assessed survey round.

    Two queries straight into Polars (`registry.fact_frames`), the households' filter (the user's area, the
    unit) being the ORM's own SQL as a subquery."""
    rounds = households.exclude(latest_assessment=None).values("latest_assessment__round_id")
    in_rounds, params = rounds.query.sql_with_params()
    facts = {name: HOUSEHOLD_SCHEMA[name] for name in ("area", *HOUSEHOLD_FACT_FIELDS)}
    household_sql = f"""
        SELECT r.id, r.household_id, h.commune_id,
               {", ".join(column("r", name, kind) for name, kind in facts.items())}
        FROM {SurveyRound._meta.db_table} r
        JOIN {Household._meta.db_table} h ON h.id = r.household_id
        WHERE r.id IN ({in_rounds})"""  # noqa: S608 — table and column names, the ORM's SQL and parameters
    keys_schema = {"round_id": pl.Int64(), "household_id": pl.Int64(), "commune_id": pl.Int64()}
    raw = blanks_to_null(query_frame(household_sql, {**keys_schema, **facts}, params)).with_columns(
        pl.col("household_id").cast(pl.String).alias("household_code"),
        pl.col("has_house").fill_null(value=True),
    )
    identity = {name: MEMBER_SCHEMA[name] for name in _MEMBER_IDENTITY}
    member_facts = {name: MEMBER_SCHEMA[name] for name in MEMBER_FACT_FIELDS}
    member_sql = f"""
        SELECT r.household_id,
               {", ".join(column("m", name, kind) for name, kind in identity.items())},
               {", ".join(column("f", name, kind) for name, kind in member_facts.items())}
        FROM {MemberFacts._meta.db_table} f
        JOIN {SurveyRound._meta.db_table} r ON r.id = f.round_id
        JOIN {Member._meta.db_table} m ON m.id = f.member_id
        WHERE f.round_id IN ({in_rounds})"""  # noqa: S608 — as above
    member_schema = {"household_code": pl.Int64(), **identity, **member_facts}
    members = blanks_to_null(query_frame(member_sql, member_schema, params)).with_columns(
        pl.col("household_code").cast(pl.String),
        pl.col("employment").fill_null("not_in_labour_force"),
        pl.col("working_capacity").fill_null("full"),
        pl.col("disability").fill_null("none"),
        pl.lit(None, dtype=pl.String()).alias("personal_id"),
        pl.lit(None, dtype=pl.String()).alias("full_name"),
    )
    keys = raw.select("household_code", "household_id", "commune_id")
    return raw.select(list(HOUSEHOLD_SCHEMA)), members.select(list(MEMBER_SCHEMA)), keys


def whatif_for_unit(
    user: Any, unit: AdminUnit, *, baseline: Standard, target: Standard, reference_date: dt.date
) -> WhatIf:
    """Classify the active households of `unit` (inside the user's area) under both standards."""
    households = households_for_user(user).filter(is_active=True)
    households = (
        households.filter(**{unit.level: unit})
        if unit.level != "village"
        else households.filter(village=unit)
    )
    household_frame, member_frame, keys = _facts(households)
    without_survey = households.filter(latest_assessment=None).count()
    before = classify_frame(baseline, household_frame, member_frame, reference_date)
    after = classify_frame(target, household_frame, member_frame, reference_date)
    deprived = [f"deprived_{key}" for key in target.indicator_keys]
    result = keys.with_columns(
        before.get_column("category").fill_null("unknown").alias("before"),
        after.get_column("category").fill_null("unknown").alias("after"),
        after.get_column("deprivation_count").alias("deprivation_count"),
        *(after.get_column(name) for name in deprived),
    )
    return WhatIf(baseline, target, reference_date, result, without_survey)


def transition_matrix(whatif: WhatIf) -> dict[tuple[str, str], int]:
    """How many households go from each category (standard in force) to each (chosen standard)."""
    counts = whatif.households.group_by("before", "after").len()
    return {(row["before"], row["after"]): row["len"] for row in counts.iter_rows(named=True)}


def by_commune(whatif: WhatIf) -> list[dict[str, Any]]:
    """Per commune: households, poor and near-poor before and after, and how many change category."""
    frame = whatif.households.group_by("commune_id").agg(
        pl.len().alias("households"),
        (pl.col("before") == "poor").sum().alias("poor_before"),
        (pl.col("after") == "poor").sum().alias("poor_after"),
        (pl.col("before") == "near_poor").sum().alias("near_poor_before"),
        (pl.col("after") == "near_poor").sum().alias("near_poor_after"),
        (pl.col("before") != pl.col("after")).sum().alias("changed"),
    )
    names = dict(AdminUnit.objects.filter(pk__in=frame["commune_id"].to_list()).values_list("pk", "name"))
    rows = [row | {"commune": names.get(row["commune_id"], "")} for row in frame.iter_rows(named=True)]
    return sorted(rows, key=lambda row: (-row["changed"], row["commune"]))


def entrant_deprivations(whatif: WhatIf) -> dict[str, int]:
    """For households poor or near-poor only under the chosen standard: how many lack each indicator."""
    entrants = whatif.households.filter(
        pl.col("after").is_in(["poor", "near_poor"]) & ~pl.col("before").is_in(["poor", "near_poor"])
    )
    return {
        key: int(entrants.get_column(f"deprived_{key}").fill_null(value=False).sum())
        for key in whatif.target.indicator_keys
    }


def entrants(whatif: WhatIf) -> int:
    """Households that would enter the poor or near-poor lists under the chosen standard."""
    poor_like = ["poor", "near_poor"]
    frame = whatif.households
    return frame.filter(pl.col("after").is_in(poor_like) & ~pl.col("before").is_in(poor_like)).height
