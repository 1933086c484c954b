"""Triggers that note, in `HouseholdChanged`, every household whose campaign-report facts a write may change.

The facts of a household (`report_counts`) read its own row, its members, its status transitions and their
campaign links, its review cases, and the assessment and survey round used. Any insert, update or delete on
the mutable ones, by a service, an import, the annual run or raw SQL, writes the household's id in the same
transaction: nothing has to remember to do it. PostgreSQL runs one statement per writing statement (over its
transition tables, each id once); SQLite one per row. Insert-only tables refuse updates and deletes already:
of those, transitions and links are watched on insert; assessments and survey rounds never change once
written and reach the facts only through a household's or a case's link to them, which is watched.
"""

from __future__ import annotations

from giamngheo.registry.models import Household, Member, StatusTransition
from giamngheo.reviews.models import ReviewCase, TransitionLink
from giamngheo.reviews.models_counts import HouseholdChanged

CHANGED = HouseholdChanged._meta.db_table
TRANSITIONS = StatusTransition._meta.db_table
OPERATIONS = ("INSERT", "UPDATE", "DELETE")

# Table → (the household id of a row `{row}`, the operations watched).
WATCHED: dict[str, tuple[str, tuple[str, ...]]] = {
    Household._meta.db_table: ("{row}.id", OPERATIONS),
    Member._meta.db_table: ("{row}.household_id", OPERATIONS),
    TRANSITIONS: ("{row}.household_id", ("INSERT",)),
    TransitionLink._meta.db_table: (
        f"(SELECT t.household_id FROM {TRANSITIONS} t WHERE t.id = {{row}}.transition_id)",  # noqa: S608 — table names from the models
        ("INSERT",),
    ),
    ReviewCase._meta.db_table: ("{row}.household_id", OPERATIONS),
}


def trigger_name(table: str, operation: str) -> str:
    return f"{table}_changed_{operation.lower()}"


def _rows(operation: str) -> list[tuple[str, str]]:
    """(transition table or row, alias) read by a trigger of `operation`."""
    return {
        "INSERT": [("new_rows", "NEW")],
        "UPDATE": [("old_rows", "OLD"), ("new_rows", "NEW")],
        "DELETE": [("old_rows", "OLD")],
    }[operation]


def _postgres(table: str, household: str, operation: str) -> list[str]:
    name = trigger_name(table, operation)
    selects = " UNION ".join(
        f"SELECT {household.format(row='r')} AS household_id FROM {rows} r"  # noqa: S608 — table names from the models
        for rows, _alias in _rows(operation)
    )
    referencing = " ".join(
        f"{'NEW' if rows == 'new_rows' else 'OLD'} TABLE AS {rows}" for rows, _alias in _rows(operation)
    )
    function = f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {CHANGED} (household_id)
    SELECT household_id FROM ({selects}) changed WHERE household_id IS NOT NULL;
    RETURN NULL;
END
$$
"""  # noqa: S608 — table names from the models
    return [
        function,
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {operation} ON {table} REFERENCING {referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


def _sqlite(table: str, household: str, operation: str) -> list[str]:
    name = trigger_name(table, operation)
    body = " ".join(
        f"INSERT INTO {CHANGED} (household_id) SELECT {household.format(row=alias)} "
        f"WHERE {household.format(row=alias)} IS NOT NULL;"
        for _rows_name, alias in _rows(operation)
    )
    return [
        f"DROP TRIGGER IF EXISTS {name}",
        f"CREATE TRIGGER {name} AFTER {operation} ON {table} BEGIN {body} END",
    ]


def install_sql(vendor: str) -> list[str]:
    """Statements creating every trigger (run by the migration and by the test setup)."""
    build = {"postgresql": _postgres, "sqlite": _sqlite}.get(vendor)
    if build is None:
        return []
    return [
        statement
        for table, (household, operations) in WATCHED.items()
        for operation in operations
        for statement in build(table, household, operation)
    ]


def uninstall_sql(vendor: str) -> list[str]:
    """Statements removing what `install_sql` created."""
    statements = []
    for table, (_household, operations) in WATCHED.items():
        for operation in operations:
            name = trigger_name(table, operation)
            if vendor == "postgresql":
                statements += [
                    f"DROP TRIGGER IF EXISTS {name} ON {table}",
                    f"DROP FUNCTION IF EXISTS {name}()",
                ]
            elif vendor == "sqlite":
                statements.append(f"DROP TRIGGER IF EXISTS {name}")
    return statements
