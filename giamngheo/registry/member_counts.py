"""Triggers keeping `RoundMemberCount` current: each survey round's active members by insurance and schooling.

A round's member facts are insert-only; what can change afterwards is the member (leaving the household, a
corrected birth year). On PostgreSQL the triggers run once per statement (an import's facts in one grouped
upsert), on SQLite once per row. The monitoring report of a running period sums these rows for the poor and
near-poor households' latest rounds instead of reading every member of a province (docs/adr/1507).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Count, Q

from giamngheo.core.db import execute_all, execute_atomic
from giamngheo.registry.models import Member, MemberFacts, SurveyRound
from giamngheo.registry.models_counts import RoundMemberCount

COUNTS = RoundMemberCount._meta.db_table
FACTS = MemberFacts._meta.db_table
MEMBERS = Member._meta.db_table
ROUNDS = SurveyRound._meta.db_table
SCHOOL_AGES = (6, 14)  # ages 6 to 14 at the survey's reference date: primary and lower-secondary school
FACTS_TRIGGER = f"{FACTS}_members_count"
MEMBER_TRIGGER = f"{MEMBERS}_facts_count"
COLUMNS = "round_id, insurance_known, insured, children, at_school"


def trigger_names() -> set[str]:
    return {FACTS_TRIGGER, MEMBER_TRIGGER}


def _year(vendor: str) -> str:
    if vendor == "postgresql":
        return "CAST(EXTRACT(YEAR FROM r.reference_date) AS integer)"
    return "CAST(strftime('%Y', r.reference_date) AS integer)"


def _counts_select(vendor: str, rounds: str) -> str:
    """SELECT of the counts of the rounds whose ids `rounds` (a subquery or a value) gives."""
    low, high = SCHOOL_AGES
    child = (
        f"m.is_active AND {_year(vendor)} - m.birth_year BETWEEN {low} AND {high} AND f.in_school IS NOT NULL"
    )
    return (
        f"SELECT f.round_id, "  # noqa: S608 — model names
        "COUNT(*) FILTER (WHERE m.is_active AND f.health_insurance IS NOT NULL), "
        "COUNT(*) FILTER (WHERE m.is_active AND f.health_insurance), "
        f"COUNT(*) FILTER (WHERE {child}), COUNT(*) FILTER (WHERE {child} AND f.in_school) "
        f"FROM {FACTS} f JOIN {MEMBERS} m ON m.id = f.member_id JOIN {ROUNDS} r ON r.id = f.round_id "
        f"WHERE f.round_id IN ({rounds}) GROUP BY f.round_id"
    )


def _upsert(vendor: str, rounds: str) -> str:
    select = _counts_select(vendor, rounds)
    if vendor == "postgresql":
        return (
            f"INSERT INTO {COUNTS} AS c ({COLUMNS}) {select} ORDER BY 1 ON CONFLICT (round_id) DO UPDATE SET "
            "insurance_known = EXCLUDED.insurance_known, insured = EXCLUDED.insured, "
            "children = EXCLUDED.children, at_school = EXCLUDED.at_school"
        )
    return f"INSERT OR REPLACE INTO {COUNTS} ({COLUMNS}) {select}"


def _postgres() -> list[str]:
    changed_members = (
        "SELECT f.round_id FROM old_rows o JOIN new_rows n ON n.id = o.id "  # noqa: S608 — model names
        f"JOIN {FACTS} f ON f.member_id = n.id "
        "WHERE (o.is_active, o.birth_year) IS DISTINCT FROM (n.is_active, n.birth_year)"
    )
    sources = {
        (FACTS_TRIGGER, FACTS, "INSERT", "NEW TABLE AS new_rows"): "SELECT round_id FROM new_rows",
        (MEMBER_TRIGGER, MEMBERS, "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"): changed_members,
    }
    statements = []
    for (name, table, operation, transition), rounds in sources.items():
        statements += [
            f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_upsert("postgresql", rounds)};
    RETURN NULL;
END $$""",
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER {operation} ON {table} REFERENCING {transition} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    return statements


def _sqlite() -> list[str]:
    member_rounds = f"SELECT round_id FROM {FACTS} WHERE member_id = NEW.id"  # noqa: S608 — model names
    changed = "OLD.is_active IS NOT NEW.is_active OR OLD.birth_year IS NOT NEW.birth_year"
    bodies = {
        FACTS_TRIGGER: (f"AFTER INSERT ON {FACTS}", _upsert("sqlite", "NEW.round_id")),
        MEMBER_TRIGGER: (f"AFTER UPDATE ON {MEMBERS} WHEN {changed}", _upsert("sqlite", member_rounds)),
    }
    statements = []
    for name, (event, body) in bodies.items():
        statements += [f"DROP TRIGGER IF EXISTS {name}", f"CREATE TRIGGER {name} {event} BEGIN {body}; END"]
    return statements


def install_sql(vendor: str) -> list[str]:
    """Statements creating the triggers."""
    return {"postgresql": _postgres, "sqlite": _sqlite}.get(vendor, list)()


def uninstall_sql(vendor: str) -> list[str]:
    """Statements removing what `install_sql` created."""
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {FACTS_TRIGGER} ON {FACTS}",
            f"DROP TRIGGER IF EXISTS {MEMBER_TRIGGER} ON {MEMBERS}",
            f"DROP FUNCTION IF EXISTS {FACTS_TRIGGER}()",
            f"DROP FUNCTION IF EXISTS {MEMBER_TRIGGER}()",
        ]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in sorted(trigger_names())]
    return []


def rebuild_sql(vendor: str) -> list[str]:
    """Statements recounting every round that has member facts."""
    return [f"DELETE FROM {COUNTS}", _upsert(vendor, f"SELECT DISTINCT round_id FROM {FACTS}")]  # noqa: S608


def member_counts_install(cursor: Any, vendor: str) -> None:
    """Install the triggers and recount, on an open cursor (a migration, the post-migrate check)."""
    execute_all(cursor, [*install_sql(vendor), *rebuild_sql(vendor)])


def member_counts_rebuild() -> None:
    """Recount every round from its member facts (idempotent)."""
    execute_atomic(rebuild_sql(connection.vendor))


def kept() -> dict[int, tuple[int, int, int, int]]:
    """The kept counts by round (the tests compare them with `recounted`)."""
    rows = RoundMemberCount.objects.values_list(
        "round_id", "insurance_known", "insured", "children", "at_school"
    )
    return {row[0]: tuple(row[1:]) for row in rows}  # type: ignore[misc]


def recounted() -> dict[int, tuple[int, int, int, int]]:
    """The same counts from the facts through the ORM."""
    from django.db.models import ExpressionWrapper, F, IntegerField
    from django.db.models.functions import ExtractYear

    age = ExpressionWrapper(
        ExtractYear("round__reference_date") - F("member__birth_year"), output_field=IntegerField()
    )
    active = Q(member__is_active=True)
    child = active & Q(age__gte=SCHOOL_AGES[0], age__lte=SCHOOL_AGES[1], in_school__isnull=False)
    rows = (
        MemberFacts.objects.annotate(age=age)
        .order_by()
        .values("round_id")
        .annotate(
            known=Count("pk", filter=active & Q(health_insurance__isnull=False)),
            insured=Count("pk", filter=active & Q(health_insurance=True)),
            children=Count("pk", filter=child),
            at_school=Count("pk", filter=child & Q(in_school=True)),
        )
    )
    return {
        row["round_id"]: (row["known"], row["insured"], row["children"], row["at_school"]) for row in rows
    }
