"""Apply a validated upload in one transaction: households, members, survey rounds, assessments.

Unchanged households are not touched, so applying the same file twice changes nothing the second time.
Classification runs once, in bulk, on the changed households.

New rows are written column by column from Polars frames: ids are taken from the table's sequence
beforehand (so rows can point at each other without reading anything back), then the rows go in with
COPY on PostgreSQL and one prepared INSERT run over all rows (`executemany`) on SQLite. Households that
already exist are updated through the ORM, as they are few in a typical file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

import polars as pl
from django.db import connection, models, transaction
from django.utils import timezone

from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.assess import HOUSEHOLD_FACT_FIELDS, MEMBER_FACT_FIELDS, explanation_json
from giamngheo.registry.imports.validate import Plan
from giamngheo.registry.models import (
    Assessment,
    Household,
    ImportBatch,
    Member,
    MemberExit,
    MemberFacts,
    SurveyRound,
)
from giamngheo.registry.status import household_statuses_import
from giamngheo.standards.explain import explain_frame
from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, MEMBER_SCHEMA, conform
from giamngheo.standards.model import Standard
from giamngheo.standards.single import result_from_row

BATCH = 2000
KINH = "01"
IDENTITY = (
    "full_name",
    "personal_id",
    "birth_date",
    "birth_year",
    "sex",
    "ethnicity",
    "relation",
    "has_merit",
)
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


def _chunks(values: list[Any], size: int = BATCH) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _summaries(members: pl.DataFrame) -> dict[str, dict[str, Any]]:
    """Head name, ethnic-minority and merit flags per household, from the file's members."""
    heads = members.filter(pl.col("relation") == "head").select("household_code", "full_name", "ethnicity")
    merit = members.group_by("household_code").agg(pl.col("has_merit").any().alias("merit"))
    rows = heads.join(merit, on="household_code", how="full", coalesce=True)
    return {
        code: {
            "head_name": name or "",
            "search_name": search_key(name or ""),
            "is_ethnic_minority": ethnicity is not None and ethnicity != KINH,
            "has_merit_member": bool(has_merit),
        }
        for code, name, ethnicity, has_merit in rows.iter_rows()
    }


def _households(changed: pl.DataFrame, members: pl.DataFrame) -> dict[str, Household]:
    """Create new households and update changed ones; return every changed household by code."""
    summaries = _summaries(members)
    communes = dict(
        AdminUnit.objects.filter(id__in=changed.get_column("commune_id").unique().to_list()).values_list(
            "id", "province_id"
        )
    )
    by_code: dict[str, Household] = {}
    new_rows = changed.filter(pl.col("action") == "new")
    fresh = [
        Household(
            code=row["household_code"],
            province_id=communes[row["commune_id"]],
            commune_id=row["commune_id"],
            village_id=row["village_id"],
            address=row["address"],
            residence=row["residence"],
            registered_on=row["registered_on"],
            status=row["status"],
            **summaries[row["household_code"]],
        )
        for row in new_rows.iter_rows(named=True)
    ]
    for household in Household.objects.bulk_create(fresh, batch_size=BATCH):
        by_code[household.code] = household
    updates = {
        row["household_code"]: row
        for row in changed.filter(pl.col("action") == "updated").iter_rows(named=True)
    }
    existing: list[Household] = []
    for chunk in _chunks(list(updates)):
        existing.extend(Household.objects.filter(code__in=chunk))
    for household in existing:
        row = updates[household.code]
        household.village_id, household.address = row["village_id"], row["address"]
        household.residence = row["residence"]
        for key, value in summaries[household.code].items():
            setattr(household, key, value)
        household.version += 1
        by_code[household.code] = household
    Household.objects.bulk_update(
        existing,
        [
            "village",
            "address",
            "residence",
            "head_name",
            "search_name",
            "is_ethnic_minority",
            "has_merit_member",
            "version",
        ],
        batch_size=BATCH,
    )
    household_statuses_import(
        households=existing, statuses={code: row["status"] for code, row in updates.items()}
    )
    return by_code


def _identity(row: dict[str, Any]) -> dict[str, Any]:
    birth_date = row.get("birth_date")
    return {
        "full_name": " ".join(str(row["full_name"]).split()),
        "personal_id": row.get("personal_id") or "",
        "birth_date": birth_date,
        "birth_year": row.get("birth_year") or (birth_date.year if birth_date else None),
        "sex": row["sex"],
        "ethnicity": row.get("ethnicity") or KINH,
        "relation": row.get("relation") or "other",
        "has_merit": bool(row.get("has_merit")),
    }


def _members(
    members: pl.DataFrame, households: dict[str, Household], on: dt.date
) -> dict[tuple[str, int], Member]:
    """Deactivate members missing from the file, update changed ones, add new ones."""
    current: dict[tuple[str, int], Member] = {}
    codes_by_id = {household.pk: code for code, household in households.items()}
    for chunk in _chunks(list(codes_by_id)):
        for member in Member.objects.filter(household_id__in=chunk, is_active=True):
            current[(codes_by_id[member.household_id], member.member_no)] = member
    wanted = {
        (row["household_code"], row["member_no"]): _identity(row) for row in members.iter_rows(named=True)
    }
    leaving = [member for key, member in current.items() if key not in wanted]
    for member in leaving:
        member.is_active, member.left_on, member.left_reason = False, on, MemberExit.MOVED_OUT
    Member.objects.bulk_update(leaving, ["is_active", "left_on", "left_reason"], batch_size=BATCH)
    changed: list[Member] = []
    fresh: list[Member] = []
    for key, identity in wanted.items():
        existing = current.get(key)
        if existing is None:
            fresh.append(
                Member(
                    household_id=households[key[0]].pk,
                    member_no=key[1],
                    search_name=search_key(identity["full_name"]),
                    **identity,
                )
            )
        elif any(getattr(existing, name) != value for name, value in identity.items()):
            for name, value in identity.items():
                setattr(existing, name, value)
            existing.search_name = search_key(existing.full_name)
            changed.append(existing)
    Member.objects.bulk_update(changed, [*IDENTITY, "search_name"], batch_size=BATCH)
    result = {key: member for key, member in current.items() if key in wanted}
    for member in Member.objects.bulk_create(fresh, batch_size=BATCH):
        result[(codes_by_id[member.household_id], member.member_no)] = member
    return result


APPLY_HOUSEHOLDS = 10_000  # households applied at a time (their members, rounds, facts, assessments)
COPY_ROWS = 50_000  # rows per COPY chunk, so the text of a chunk is all that is held at once


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Ids for `count` new rows of a table, taken from its sequence so no other writer can use them."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock, so the highest id (or AUTOINCREMENT's counter)
        # cannot move under us; explicit ids above it advance the counter.
        cursor.execute(f'SELECT MAX(id) FROM "{table}"')  # noqa: S608 — a model's table name
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        counter = cursor.fetchone()
        start = max(highest, counter[0] if counter else 0) + 1
    return list(range(start, start + count))


def _with_ids(frame: pl.DataFrame, model: type[models.Model], name: str = "id") -> pl.DataFrame:
    return frame.with_columns(pl.Series(name, _reserve_ids(model, frame.height), dtype=pl.Int64))


def _sql_ready(frame: pl.DataFrame) -> pl.DataFrame:
    """Dates as ISO text (accepted by both databases, no deprecated sqlite3 adapters)."""
    return frame.with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))


def _copy_chunks(frame: pl.DataFrame) -> Iterator[bytes]:
    for start in range(0, frame.height, COPY_ROWS):
        yield frame.slice(start, COPY_ROWS).write_csv(include_header=False, null_value="\\N").encode()


def _insert(model: type[models.Model], frame: pl.DataFrame) -> None:
    """Insert rows whose columns are exactly the table's columns (ids included)."""
    if frame.is_empty():
        return
    columns = [str(field.column) for field in model._meta.concrete_fields]
    if set(columns) != set(frame.columns):
        raise ValueError(f"{model.__name__}: columns {sorted(set(columns) ^ set(frame.columns))} differ")
    frame = _sql_ready(frame.select(columns))
    table = model._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN (FORMAT csv, NULL '\\N')"
            with cursor.cursor.copy(sql) as copy:
                for chunk in _copy_chunks(frame):
                    copy.write(chunk)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        for start in range(0, frame.height, COPY_ROWS):
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})",  # noqa: S608
                frame.slice(start, COPY_ROWS).rows(),
            )


def _now() -> str:
    """The current time as the database stores it (text for COPY and for SQLite)."""
    return str(connection.ops.adapt_datetimefield_value(timezone.now()))


def _search_names(column: pl.Series) -> pl.Series:
    """`search_key` of each name, computed once per distinct name."""
    keys = {name: search_key(name) for name in column.unique().drop_nulls().to_list()}
    return column.replace_strict(keys, default="", return_dtype=pl.String)


def _clean_names(expression: pl.Expr) -> pl.Expr:
    """Spaces collapsed, as `_identity` does for each member."""
    return expression.cast(pl.String).str.replace_all(r"\s+", " ").str.strip_chars()


def _new_households(new: pl.DataFrame, members: pl.DataFrame) -> pl.DataFrame:
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
    now = _now()
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
    return _with_ids(frame, Household).select(
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
        "is_ethnic_minority",
        "has_merit_member",
        pl.lit(True).alias("is_active"),
        pl.lit(None, dtype=pl.Date).alias("closed_on"),
        pl.lit("").alias("closed_reason"),
        pl.lit(1).alias("version"),
        pl.lit(now).alias("created_at"),
        pl.lit(now).alias("updated_at"),
    )


def _new_members(members: pl.DataFrame, household_ids: pl.DataFrame) -> pl.DataFrame:
    """Rows of the member table for the members of new households, ids reserved."""
    now = _now()
    frame = members.drop("household_id", "id", strict=False).join(household_ids, on="household_code")
    frame = _with_ids(frame, Member)
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


def _rounds_frame(
    changed: pl.DataFrame, household_ids: pl.DataFrame, batch: ImportBatch, actor: Any
) -> pl.DataFrame:
    frame = changed.drop("household_id", "id", strict=False).join(household_ids, on="household_code")
    frame = _with_ids(frame, SurveyRound)
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
        pl.lit(_now()).alias("recorded_at"),
    )


def _member_facts_frame(
    members: pl.DataFrame, member_ids: pl.DataFrame, rounds: pl.DataFrame
) -> pl.DataFrame:
    frame = members.join(member_ids, on=["household_code", "member_no"], how="inner").join(
        rounds.select("household_code", pl.col("id").alias("round_id")), on="household_code", how="inner"
    )
    frame = _with_ids(frame, MemberFacts)
    return frame.select("id", "round_id", "member_id", *_facts(frame, MEMBER_FACT_FIELDS))


def _assessments_frame(
    changed: pl.DataFrame,
    members: pl.DataFrame,
    standard: Standard,
    rounds: pl.DataFrame,
    batch: ImportBatch,
    actor: Any,
) -> pl.DataFrame:
    """One assessment per changed household, with the explanation the single-household path stores."""
    explained = explain_frame(
        standard, conform(changed, HOUSEHOLD_SCHEMA), conform(members, MEMBER_SCHEMA), batch.reference_date
    )
    encoder = Assessment._meta.get_field("explanation").encoder
    records = []
    for row in explained.iter_rows(named=True):
        result = result_from_row(standard, row)
        records.append(
            (
                result.household_code,
                result.standard,
                result.income_path or "",
                ",".join(result.deprived),
                result.deprivation_count,
                result.score_b,
                result.category.value if result.category else "",
                bool(result.low_income_worker),
                json.dumps(explanation_json(result), cls=encoder),
            )
        )
    frame = pl.DataFrame(
        records,
        schema={
            "household_code": pl.String,
            "standard": pl.String,
            "income_path": pl.String,
            "deprived": pl.String,
            "deprivation_count": pl.Int64,
            "score_b": pl.Int64,
            "category": pl.String,
            "low_income_worker": pl.Boolean,
            "explanation": pl.String,
        },
        orient="row",
    ).join(
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
    frame = _with_ids(frame, Assessment)
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
        pl.lit(_now()).alias("assessed_at"),
    )


@transaction.atomic
def apply_plan(plan: Plan, *, batch: ImportBatch, standard: Standard, actor: Any) -> dict[str, int]:
    """Write every new or changed household of a validated plan, all or nothing."""
    if plan.errors:
        raise ValueError("a plan with errors cannot be applied")
    changed = plan.households.filter(pl.col("action") != "unchanged")
    # Households go in chunks, so the rows and explanations being built stay bounded; one transaction.
    for start in range(0, changed.height, APPLY_HOUSEHOLDS):
        _apply_chunk(changed.slice(start, APPLY_HOUSEHOLDS), plan.members, batch, standard, actor)
    return {"new": plan.count("new"), "updated": plan.count("updated"), "unchanged": plan.count("unchanged")}


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
        existing = _households(updated, updated_members) if updated.height else {}
        people = _members(updated_members, existing, batch.reference_date) if existing else {}
        # New households: columns, reserved ids.
        households = _new_households(new, new_members)
        new_people = _new_members(
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
        rounds = _rounds_frame(changed, household_ids, batch, actor)
        facts = _member_facts_frame(members, member_ids, rounds)
        assessments = _assessments_frame(changed, members, standard, rounds, batch, actor)
        latest = assessments.select(
            pl.col("household_code").alias("code"),
            pl.col("id").alias("latest_assessment_id"),
            pl.col("category").alias("latest_category"),
        )
        # The household points at its latest assessment, inserted later in this transaction (the foreign
        # keys are checked at commit).
        _insert(
            Household,
            households.join(latest, on="code", how="left").with_columns(
                pl.col("latest_category").fill_null("")
            ),
        )
        _insert(Member, new_people.drop("household_code"))
        _insert(SurveyRound, rounds.drop("household_code"))
        _insert(MemberFacts, facts)
        _insert(Assessment, assessments.drop("household_code"))
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
