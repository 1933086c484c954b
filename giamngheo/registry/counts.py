"""Triggers that keep `HouseholdCount` current for every writer of households, its rebuild and its recount.

Every change of a household row (insert, update, delete; one at a time, in bulk or by raw SQL) moves the
household out of its old key and into its new one, in the same transaction as the change. On PostgreSQL the
triggers run once per statement over its transition tables (one grouped upsert for a whole import or annual
run, rows locked in key order); on SQLite once per row. The key reads the latest assessment's `deprived`,
which never changes once written (assessments are insert-only, guarded by their own triggers).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Count, Sum

from giamngheo.core.db import execute_all, execute_atomic
from giamngheo.registry.models import Assessment, Household
from giamngheo.registry.models_counts import HouseholdCount

COUNTS = HouseholdCount._meta.db_table
HOUSEHOLDS = Household._meta.db_table
ASSESSMENTS = Assessment._meta.db_table
KEY = (
    "province_id",
    "commune_id",
    "village_id",
    "status",
    "is_ethnic_minority",
    "has_merit_member",
    "assessed",
    "deprived",
)
KEY_COLUMNS = ", ".join(KEY)
UNIQUE_INDEX = f"{COUNTS}_key"
TRIGGERS = {
    operation: f"{HOUSEHOLDS}_count_{operation.lower()}" for operation in ("INSERT", "UPDATE", "DELETE")
}
# An import inserts households pointing at assessments it inserts later in the same transaction (foreign keys
# are checked at commit): the household was counted unassessed; the assessment's insert moves it.
ASSESSMENT_TRIGGER = f"{ASSESSMENTS}_count_insert"


def trigger_names() -> set[str]:
    return {*TRIGGERS.values(), ASSESSMENT_TRIGGER}


def _postgres_assessment_function() -> str:
    pointing = f"FROM {HOUSEHOLDS} h JOIN new_rows a ON a.id = h.latest_assessment_id WHERE h.is_active"
    keys = "h.province_id, h.commune_id, h.village_id, h.status, h.is_ethnic_minority, h.has_merit_member"
    return f"""
CREATE OR REPLACE FUNCTION {ASSESSMENT_TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {COUNTS} AS c ({KEY_COLUMNS}, households)
    SELECT {KEY_COLUMNS}, SUM(delta) FROM (
        SELECT k1 AS province_id, k2 AS commune_id, k3 AS village_id, k4 AS status, k5 AS is_ethnic_minority,
            k6 AS has_merit_member, k7 AS assessed, k8 AS deprived, delta
        FROM (SELECT {keys}, false, '', -1 {pointing}
              UNION ALL SELECT {keys}, true, COALESCE(a.deprived, ''), 1 {pointing})
            AS moved (k1, k2, k3, k4, k5, k6, k7, k8, delta)
    ) d
    GROUP BY {KEY_COLUMNS}
    HAVING SUM(delta) <> 0
    ORDER BY {KEY_COLUMNS}
    ON CONFLICT ({KEY_COLUMNS}) DO UPDATE SET households = c.households + EXCLUDED.households;
    RETURN NULL;
END
$$
"""  # noqa: S608 — table names from the models


def _sqlite_assessment_body() -> str:
    """Move the active households pointing at the new assessment from unassessed to its deprivations."""

    def matching(assessed: int, deprived: str) -> str:
        """The pointing households whose key is the count row's, with `assessed` and `deprived` (a unary +
        keeps SQLite on the index of `latest_assessment_id`, not a scan of a province's households)."""
        same = " AND ".join(f"{COUNTS}.{column} IS +h.{column}" for column in KEY[:6])
        return (
            f"FROM {HOUSEHOLDS} h WHERE h.latest_assessment_id = NEW.id AND h.is_active AND {same} "
            f"AND {COUNTS}.assessed IS {assessed} AND {COUNTS}.deprived IS {deprived}"
        )

    def rows(assessed: int, deprived: str) -> str:
        """The count rows of those keys, found from the households (their index), not by a scan."""
        same = " AND ".join(f"c.{column} IS h.{column}" for column in KEY[:6])
        return (
            f"SELECT c.id FROM {HOUSEHOLDS} h JOIN {COUNTS} c ON c.commune_id = h.commune_id "  # noqa: S608
            f"AND c.status = h.status AND {same} AND c.assessed IS {assessed} AND c.deprived IS {deprived} "
            "WHERE h.latest_assessment_id = NEW.id AND h.is_active"
        )

    key = ", ".join(f"h.{column}" for column in KEY[:6])
    new_key = " AND ".join(f"c.{column} IS h.{column}" for column in KEY[:6])
    return (
        f"UPDATE {COUNTS} SET households = households - (SELECT COUNT(*) {matching(0, "''")}) "  # noqa: S608
        f"WHERE id IN ({rows(0, "''")}); "
        f"INSERT INTO {COUNTS} ({KEY_COLUMNS}, households) SELECT DISTINCT {key}, 1, NEW.deprived, 0 "
        f"FROM {HOUSEHOLDS} h WHERE h.latest_assessment_id = NEW.id AND h.is_active AND NOT EXISTS "
        f"(SELECT 1 FROM {COUNTS} c WHERE {new_key} AND c.assessed IS 1 AND c.deprived IS NEW.deprived); "
        f"UPDATE {COUNTS} SET households = households + (SELECT COUNT(*) {matching(1, 'NEW.deprived')}) "
        f"WHERE id IN ({rows(1, 'NEW.deprived')});"
    )


def _key_select(rows: str, count: str) -> str:
    """The key of each active household of `rows` (a table or transition table) and `count` (an SQL term)."""
    return (
        f"SELECT h.province_id, h.commune_id, h.village_id, h.status, h.is_ethnic_minority, "  # noqa: S608 — table names from the models
        f"h.has_merit_member, a.id IS NOT NULL, COALESCE(a.deprived, ''), {count} "
        f"FROM {rows} h LEFT JOIN {ASSESSMENTS} a ON a.id = h.latest_assessment_id WHERE h.is_active"
    )


def _postgres_function(operation: str) -> str:
    sources = {
        "INSERT": [_key_select("new_rows", "1")],
        "UPDATE": [_key_select("old_rows", "-1"), _key_select("new_rows", "1")],
        "DELETE": [_key_select("old_rows", "-1")],
    }[operation]
    union = " UNION ALL ".join(sources)
    return f"""
CREATE OR REPLACE FUNCTION {TRIGGERS[operation]}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {COUNTS} AS c ({KEY_COLUMNS}, households)
    SELECT {KEY_COLUMNS}, SUM(delta) FROM (
        SELECT k1 AS province_id, k2 AS commune_id, k3 AS village_id, k4 AS status, k5 AS is_ethnic_minority,
            k6 AS has_merit_member, k7 AS assessed, k8 AS deprived, delta
        FROM ({union}) AS moved (k1, k2, k3, k4, k5, k6, k7, k8, delta)
    ) d
    GROUP BY {KEY_COLUMNS}
    HAVING SUM(delta) <> 0
    ORDER BY {KEY_COLUMNS}
    ON CONFLICT ({KEY_COLUMNS}) DO UPDATE SET households = c.households + EXCLUDED.households;
    RETURN NULL;
END
$$
"""  # noqa: S608 — table names from the models


def _sqlite_key(row: str) -> tuple[str, str]:
    """The key of the OLD or NEW row on SQLite: the column list to insert and the condition to find it."""
    assessed = f"EXISTS (SELECT 1 FROM {ASSESSMENTS} WHERE id = {row}.latest_assessment_id)"  # noqa: S608 — table names from the models
    deprived = f"COALESCE((SELECT deprived FROM {ASSESSMENTS} WHERE id = {row}.latest_assessment_id), '')"  # noqa: S608 — table names from the models
    values = [f"{row}.{column}" for column in KEY[:6]] + [assessed, deprived]
    condition = " AND ".join(f"{column} IS {value}" for column, value in zip(KEY, values, strict=True))
    return ", ".join(values), condition


def _sqlite_add(row: str) -> str:
    values, condition = _sqlite_key(row)
    return (
        f"INSERT INTO {COUNTS} ({KEY_COLUMNS}, households) SELECT {values}, 0 "  # noqa: S608 — table names from the models
        f"WHERE {row}.is_active AND NOT EXISTS (SELECT 1 FROM {COUNTS} WHERE {condition}); "
        f"UPDATE {COUNTS} SET households = households + 1 WHERE {row}.is_active AND {condition};"
    )


def _sqlite_remove(row: str) -> str:
    _values, condition = _sqlite_key(row)
    return f"UPDATE {COUNTS} SET households = households - 1 WHERE {row}.is_active AND {condition};"  # noqa: S608 — table names from the models


def _sqlite_changed() -> str:
    """The WHEN of the update trigger: a column of the key (or the active flag) changed."""
    columns = [*KEY[:6], "latest_assessment_id", "is_active"]
    return " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in columns)


def install_sql(vendor: str) -> list[str]:
    """Statements creating the unique key and the triggers (run by the migration and the test setup)."""
    if vendor == "postgresql":
        statements = [
            f"CREATE UNIQUE INDEX IF NOT EXISTS {UNIQUE_INDEX} ON {COUNTS} ({KEY_COLUMNS}) NULLS NOT DISTINCT"
        ]
        for operation, name in TRIGGERS.items():
            tables = {
                "INSERT": "NEW TABLE AS new_rows",
                "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                "DELETE": "OLD TABLE AS old_rows",
            }[operation]
            statements += [
                _postgres_function(operation),
                f"DROP TRIGGER IF EXISTS {name} ON {HOUSEHOLDS}",
                f"CREATE TRIGGER {name} AFTER {operation} ON {HOUSEHOLDS} REFERENCING {tables} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            ]
        statements += [
            _postgres_assessment_function(),
            f"DROP TRIGGER IF EXISTS {ASSESSMENT_TRIGGER} ON {ASSESSMENTS}",
            f"CREATE TRIGGER {ASSESSMENT_TRIGGER} AFTER INSERT ON {ASSESSMENTS} "
            f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {ASSESSMENT_TRIGGER}()",
        ]
        return statements
    if vendor == "sqlite":
        bodies = {
            "INSERT": ("", _sqlite_add("NEW")),
            "UPDATE": (f" WHEN {_sqlite_changed()}", _sqlite_remove("OLD") + " " + _sqlite_add("NEW")),
            "DELETE": ("", _sqlite_remove("OLD")),
        }
        statements = [f"CREATE INDEX IF NOT EXISTS {UNIQUE_INDEX} ON {COUNTS} (commune_id, status)"]
        for operation, name in TRIGGERS.items():
            when, body = bodies[operation]
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {operation} ON {HOUSEHOLDS}{when} BEGIN {body} END",
            ]
        statements += [
            f"DROP TRIGGER IF EXISTS {ASSESSMENT_TRIGGER}",
            # most assessments are inserted before a household points at them: nothing to move
            f"CREATE TRIGGER {ASSESSMENT_TRIGGER} AFTER INSERT ON {ASSESSMENTS} "  # noqa: S608 — model names
            f"WHEN EXISTS (SELECT 1 FROM {HOUSEHOLDS} WHERE latest_assessment_id = NEW.id) "
            f"BEGIN {_sqlite_assessment_body()} END",
        ]
        return statements
    return []


def uninstall_sql(vendor: str) -> list[str]:
    """Statements removing what `install_sql` created."""
    if vendor == "postgresql":
        return [
            statement
            for operation, name in TRIGGERS.items()
            for statement in (
                f"DROP TRIGGER IF EXISTS {name} ON {HOUSEHOLDS}",
                f"DROP FUNCTION IF EXISTS {name}()",
            )
        ] + [
            f"DROP TRIGGER IF EXISTS {ASSESSMENT_TRIGGER} ON {ASSESSMENTS}",
            f"DROP FUNCTION IF EXISTS {ASSESSMENT_TRIGGER}()",
            f"DROP INDEX IF EXISTS {UNIQUE_INDEX}",
        ]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in trigger_names()] + [
            f"DROP INDEX IF EXISTS {UNIQUE_INDEX}"
        ]
    return []


def rebuild_sql(vendor: str) -> list[str]:
    """Statements recounting the table from the households (writers wait on PostgreSQL meanwhile)."""
    lock = [f"LOCK TABLE {HOUSEHOLDS} IN SHARE MODE"] if vendor == "postgresql" else []
    recount = _key_select(HOUSEHOLDS, "COUNT(*)")
    return [
        *lock,
        f"DELETE FROM {COUNTS}",  # noqa: S608 — table names from the models
        f"INSERT INTO {COUNTS} ({KEY_COLUMNS}, households) {recount} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8",
    ]


def report_counts_install(cursor: Any, vendor: str) -> None:
    """Install the triggers and recount, on an open cursor (the migration's schema editor or a test)."""
    execute_all(cursor, [*install_sql(vendor), *rebuild_sql(vendor)])


def report_counts_rebuild() -> int:
    """Recount `HouseholdCount` from the households (idempotent); returns the active households counted."""
    execute_atomic(rebuild_sql(connection.vendor))
    return int(HouseholdCount.objects.aggregate(n=Sum("households"))["n"] or 0)


def counted() -> dict[tuple[Any, ...], int]:
    """The table's non-zero counts by key."""
    rows = HouseholdCount.objects.exclude(households=0).values_list(*KEY, "households")
    return {tuple(row[:-1]): row[-1] for row in rows}


def recounted() -> dict[tuple[Any, ...], int]:
    """The same counts from the households through the ORM (the tests' reference)."""
    rows = (
        Household.objects.filter(is_active=True)
        .order_by()
        .values_list(*KEY[:6], "latest_assessment__deprived")
        .annotate(n=Count("pk"))
    )
    result: dict[tuple[Any, ...], int] = {}
    for *head, deprived, n in rows:
        key = (*head, deprived is not None, deprived or "")
        result[key] = result.get(key, 0) + n
    return result
