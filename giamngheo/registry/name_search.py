"""Triggers keeping `Household.search_names` current: the head's and active members' accent-free names.

The household list's name search reads one column of one table: on PostgreSQL a trigram index over it,
narrowed by the user's area, instead of a scan of every member of the province (docs/adr/1506). Every
writer is covered because the database keeps the column: services, imports, the demo loaders and raw SQL.

- A household's own name change, or any write of the column by the application (a stale value from a
  full `save()`), makes the database recompute it from the members.
- A member's insert, change or removal recomputes its household's (both households when it moves).

The names are joined by `|`, which no search key contains (`search_matches` refuses one that does), so a
match never spans two names: "contains the key" is "some name contains the key".
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from giamngheo.core.db import execute_all, execute_atomic
from giamngheo.registry.models import Household, Member

HOUSEHOLDS = Household._meta.db_table
MEMBERS = Member._meta.db_table
SEPARATOR = "|"
INDEX = "household_search_names_trgm"
OLD_INDEX = "household_search_name_trgm"
HOUSEHOLD_INSERT = f"{HOUSEHOLDS}_names_insert"
HOUSEHOLD_UPDATE = f"{HOUSEHOLDS}_names_update"
MEMBER_TRIGGERS = {
    operation: f"{MEMBERS}_names_{operation.lower()}" for operation in ("INSERT", "UPDATE", "DELETE")
}


def trigger_names() -> set[str]:
    return {HOUSEHOLD_INSERT, HOUSEHOLD_UPDATE, *MEMBER_TRIGGERS.values()}


def names_sql(vendor: str, household_id: str, own_name: str) -> str:
    """SQL for the names of one household: its own name, then its active members' in member order."""
    if vendor == "postgresql":
        return (
            f"concat_ws('{SEPARATOR}', {own_name}, (SELECT string_agg(m.search_name, '{SEPARATOR}' "  # noqa: S608 — model names
            f"ORDER BY m.member_no) FROM {MEMBERS} m WHERE m.household_id = {household_id} AND m.is_active))"
        )
    return (
        f"{own_name} || COALESCE('{SEPARATOR}' || (SELECT group_concat(search_name, '{SEPARATOR}') FROM "  # noqa: S608 — model names
        f"(SELECT search_name FROM {MEMBERS} WHERE household_id = {household_id} AND is_active "
        "ORDER BY member_no)), '')"
    )


def _postgres() -> list[str]:
    changed = "OLD.search_name IS DISTINCT FROM NEW.search_name"
    changed += " OR OLD.search_names IS DISTINCT FROM NEW.search_names"
    member_rows = {
        "INSERT": "SELECT household_id FROM new_rows",
        # only a change of name, activity or household matters (the annual run never updates members)
        "UPDATE": (
            "SELECT o.household_id FROM old_rows o JOIN new_rows n ON n.id = o.id "
            "WHERE (o.search_name, o.is_active, o.household_id) IS DISTINCT FROM "
            "(n.search_name, n.is_active, n.household_id) "
            "UNION SELECT n.household_id FROM old_rows o JOIN new_rows n ON n.id = o.id "
            "WHERE o.household_id IS DISTINCT FROM n.household_id"
        ),
        "DELETE": "SELECT household_id FROM old_rows",
    }
    transition = {
        "INSERT": "NEW TABLE AS new_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
    }
    statements = [
        f"""CREATE OR REPLACE FUNCTION {HOUSEHOLD_INSERT}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_names := NEW.search_name;  -- no member can point at a household not yet inserted
    RETURN NEW;
END $$""",
        f"""CREATE OR REPLACE FUNCTION {HOUSEHOLD_UPDATE}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_names := {names_sql("postgresql", "NEW.id", "NEW.search_name")};
    RETURN NEW;
END $$""",
        f"DROP TRIGGER IF EXISTS {HOUSEHOLD_INSERT} ON {HOUSEHOLDS}",
        f"CREATE TRIGGER {HOUSEHOLD_INSERT} BEFORE INSERT ON {HOUSEHOLDS} "
        f"FOR EACH ROW EXECUTE FUNCTION {HOUSEHOLD_INSERT}()",
        f"DROP TRIGGER IF EXISTS {HOUSEHOLD_UPDATE} ON {HOUSEHOLDS}",
        f"CREATE TRIGGER {HOUSEHOLD_UPDATE} BEFORE UPDATE ON {HOUSEHOLDS} "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {HOUSEHOLD_UPDATE}()",
    ]
    for operation, name in MEMBER_TRIGGERS.items():
        # NULL only marks the household (the column is NOT NULL): its own trigger computes the names.
        statements += [
            f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {HOUSEHOLDS} SET search_names = NULL WHERE id IN ({member_rows[operation]});
    RETURN NULL;
END $$""",  # noqa: S608 — model names
            f"DROP TRIGGER IF EXISTS {name} ON {MEMBERS}",
            f"CREATE TRIGGER {name} AFTER {operation} ON {MEMBERS} REFERENCING {transition[operation]} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    return statements


def _sqlite() -> list[str]:
    def recompute(household_id: str) -> str:
        names = names_sql("sqlite", household_id, "search_name")
        return f"UPDATE {HOUSEHOLDS} SET search_names = {names} WHERE id = {household_id};"  # noqa: S608 — model names

    changed = "OLD.search_name IS NOT NEW.search_name OR OLD.search_names IS NOT NEW.search_names"
    member_changed = (
        "OLD.search_name IS NOT NEW.search_name OR OLD.is_active IS NOT NEW.is_active "
        "OR OLD.household_id IS NOT NEW.household_id"
    )
    bodies = {
        HOUSEHOLD_INSERT: (f"AFTER INSERT ON {HOUSEHOLDS}", recompute("NEW.id")),
        # recursive triggers are off (SQLite's default): its own UPDATE does not fire it again
        HOUSEHOLD_UPDATE: (f"AFTER UPDATE ON {HOUSEHOLDS} WHEN {changed}", recompute("NEW.id")),
        MEMBER_TRIGGERS["INSERT"]: (f"AFTER INSERT ON {MEMBERS}", recompute("NEW.household_id")),
        MEMBER_TRIGGERS["UPDATE"]: (
            f"AFTER UPDATE ON {MEMBERS} WHEN {member_changed}",
            recompute("OLD.household_id") + " " + recompute("NEW.household_id"),
        ),
        MEMBER_TRIGGERS["DELETE"]: (f"AFTER DELETE ON {MEMBERS}", recompute("OLD.household_id")),
    }
    statements = []
    for name, (event, body) in bodies.items():
        statements += [f"DROP TRIGGER IF EXISTS {name}", f"CREATE TRIGGER {name} {event} BEGIN {body} END"]
    return statements


def install_sql(vendor: str) -> list[str]:
    """Statements creating the triggers (and on PostgreSQL the trigram index, when pg_trgm is there)."""
    if vendor == "postgresql":
        return _postgres()
    if vendor == "sqlite":
        return _sqlite()
    return []


def index_sql(vendor: str, has_trigram: bool) -> list[str]:
    """The trigram index over the names, replacing the one over the head's name alone (PostgreSQL only)."""
    if vendor != "postgresql" or not has_trigram:
        return []
    return [
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {HOUSEHOLDS} USING gin (search_names gin_trgm_ops)",
        f"DROP INDEX IF EXISTS {OLD_INDEX}",
    ]


def uninstall_sql(vendor: str) -> list[str]:
    """Statements removing what `install_sql` created."""
    if vendor == "postgresql":
        drops = [f"DROP TRIGGER IF EXISTS {HOUSEHOLD_INSERT} ON {HOUSEHOLDS}"]
        drops += [f"DROP TRIGGER IF EXISTS {HOUSEHOLD_UPDATE} ON {HOUSEHOLDS}"]
        drops += [f"DROP TRIGGER IF EXISTS {name} ON {MEMBERS}" for name in MEMBER_TRIGGERS.values()]
        return drops + [f"DROP FUNCTION IF EXISTS {name}()" for name in sorted(trigger_names())]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in sorted(trigger_names())]
    return []


def rebuild_sql(vendor: str) -> list[str]:
    """Statements recomputing every household's names (after install, or to repair)."""
    if vendor == "postgresql":  # NULL marks every household: its update trigger computes the names once
        return [f"UPDATE {HOUSEHOLDS} SET search_names = NULL"]  # noqa: S608 — model names
    names = names_sql(vendor, f"{HOUSEHOLDS}.id", f"{HOUSEHOLDS}.search_name")
    return [f"UPDATE {HOUSEHOLDS} SET search_names = {names}"]  # noqa: S608 — model names


def names_install(cursor: Any, vendor: str) -> None:
    """Install the triggers and recompute every household's names, on an open cursor."""
    execute_all(cursor, [*install_sql(vendor), *rebuild_sql(vendor)])


def names_rebuild() -> None:
    """Recompute every household's names from its members (idempotent)."""
    execute_atomic(rebuild_sql(connection.vendor))


def search_matches(key: str) -> bool:
    """Whether a search key can match a name at all (a `|` would match across two names)."""
    return SEPARATOR not in key
