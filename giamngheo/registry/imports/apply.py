"""Apply a validated upload in one transaction: households, members, survey rounds, assessments.

Unchanged households are not touched, so applying the same file twice changes nothing the second time.
Classification runs once, in bulk, on the changed households.

Stages: households already in the registry are updated through the ORM (`apply_existing`); the rows of new
households, their members, and every survey round, member facts and assessment are built as Polars frames
(`apply_rows`) and inserted in bulk with reserved ids (`bulk_insert`).
"""

from __future__ import annotations

from typing import Any

import polars as pl
from django.db import transaction

from giamngheo.registry.confirmations import confirmations_from_import
from giamngheo.registry.imports.apply_existing import BATCH, update_households, update_members
from giamngheo.registry.imports.apply_rows import (
    assessments_frame,
    member_facts_frame,
    new_households_frame,
    new_members_frame,
    rounds_frame,
)
from giamngheo.registry.imports.bulk_insert import insert_rows
from giamngheo.registry.imports.validate import Plan
from giamngheo.registry.models import Assessment, Household, ImportBatch, Member, MemberFacts, SurveyRound
from giamngheo.standards.model import Standard

APPLY_HOUSEHOLDS = 10_000  # households applied at a time (their members, rounds, facts, assessments)


@transaction.atomic
def apply_plan(
    plan: Plan, *, batch: ImportBatch, standard: Standard, actor: Any, chunk: int | None = None
) -> dict[str, int]:
    """Write every new or changed household of a validated plan, all or nothing.

    `chunk` households are built and written at a time, each with all its members (`APPLY_HOUSEHOLDS`).
    """
    if plan.errors:
        raise ValueError("a plan with errors cannot be applied")
    size = chunk or APPLY_HOUSEHOLDS
    changed = plan.households.filter(pl.col("action") != "unchanged")
    # Households go in chunks, so the rows and explanations being built stay bounded; one transaction.
    for start in range(0, changed.height, size):
        _apply_chunk(changed.slice(start, size), plan.members, batch, standard, actor)
    # Unchanged households were surveyed again too: their latest assessment is confirmed at this date.
    unchanged = plan.households.filter(pl.col("action") == "unchanged").get_column("household_code").to_list()
    confirmed = confirmations_from_import(batch=batch, codes=unchanged) if unchanged else 0
    return {
        "new": plan.count("new"),
        "updated": plan.count("updated"),
        "unchanged": plan.count("unchanged"),
        "confirmed": confirmed,
    }


def _apply_chunk(
    changed: pl.DataFrame, all_members: pl.DataFrame, batch: ImportBatch, standard: Standard, actor: Any
) -> None:
    if changed.height:
        codes = changed.get_column("household_code").implode()
        members = all_members.filter(pl.col("household_code").is_in(codes))
        if "has_merit" not in members.columns:
            members = members.with_columns(pl.lit(False).alias("has_merit"))
        new = changed.filter(pl.col("action") == "new")
        updated = changed.filter(pl.col("action") == "updated")
        new_members = members.filter(
            pl.col("household_code").is_in(new.get_column("household_code").implode())
        )
        updated_members = members.filter(
            pl.col("household_code").is_in(updated.get_column("household_code").implode())
        )
        # Existing households: the ORM (few rows; members that left are closed, changed ones updated).
        existing = update_households(updated, updated_members) if updated.height else {}
        people = update_members(updated_members, existing, batch.reference_date) if existing else {}
        # New households: columns, reserved ids.
        households = new_households_frame(new, new_members)
        new_people = new_members_frame(
            new_members,
            households.select(pl.col("code").alias("household_code"), pl.col("id").alias("household_id")),
        )
        household_ids = pl.concat(
            [
                households.select(pl.col("code").alias("household_code"), pl.col("id").alias("household_id")),
                pl.DataFrame(
                    [(code, household.pk) for code, household in existing.items()],
                    schema={"household_code": pl.String, "household_id": pl.Int64},
                    orient="row",
                ),
            ]
        )
        member_ids = pl.concat(
            [
                new_people.select("household_code", "member_no", pl.col("id").alias("member_id")),
                pl.DataFrame(
                    [(code, number, member.pk) for (code, number), member in people.items()],
                    schema={"household_code": pl.String, "member_no": pl.Int64, "member_id": pl.Int64},
                    orient="row",
                ),
            ]
        )
        rounds = rounds_frame(changed, household_ids, batch, actor)
        facts = member_facts_frame(members, member_ids, rounds)
        assessments = assessments_frame(changed, members, standard, rounds, batch, actor)
        latest = assessments.select(
            pl.col("household_code").alias("code"),
            pl.col("id").alias("latest_assessment_id"),
            pl.col("category").alias("latest_category"),
        )
        # The household points at its latest assessment, inserted later in this transaction (the foreign
        # keys are checked at commit).
        insert_rows(
            Household,
            households.join(latest, on="code", how="left").with_columns(
                pl.col("latest_category").fill_null("")
            ),
        )
        insert_rows(Member, new_people.drop("household_code"))
        insert_rows(SurveyRound, rounds.drop("household_code"))
        insert_rows(MemberFacts, facts)
        insert_rows(Assessment, assessments.drop("household_code"))
        if existing:
            by_code = {
                code: (assessment_id, category) for code, assessment_id, category in latest.iter_rows()
            }
            refreshed = [
                Household(
                    pk=household.pk, latest_assessment_id=by_code[code][0], latest_category=by_code[code][1]
                )
                for code, household in existing.items()
            ]
            Household.objects.bulk_update(
                refreshed, ["latest_assessment", "latest_category"], batch_size=BATCH
            )
