"""After every `migrate`: the triggers that keep the report counts and the households' search names current
exist, else they are put back and what they keep recomputed (on SQLite a migration that rebuilds a watched
table drops its triggers)."""

from __future__ import annotations

from typing import Any

from django.db import connections, transaction

from giamngheo.registry import counts, member_counts, name_search
from giamngheo.reviews import changes_sql


def expected_triggers() -> set[str]:
    names = counts.trigger_names() | name_search.trigger_names() | member_counts.trigger_names()
    for table, (_household, operations) in changes_sql.WATCHED.items():
        names |= {changes_sql.trigger_name(table, operation) for operation in operations}
    return names


def installed_triggers(connection: Any) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            return expected_triggers()
        return {row[0] for row in cursor.fetchall()}


def ensure_count_triggers(using: str = "default", **_kwargs: Any) -> bool:
    """Install the triggers and recount if any is missing; True when it did. A `post_migrate` receiver."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    needed = {counts.COUNTS, counts.HOUSEHOLDS, changes_sql.CHANGED}
    if not needed <= tables or expected_triggers() <= installed_triggers(connection):
        return False
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(cursor, counts.HOUSEHOLDS)
        }
    from giamngheo.reviews.report_counts import campaign_counts_rebuild

    with transaction.atomic(using=using), connection.cursor() as cursor:
        counts.report_counts_install(cursor, connection.vendor)
        if "search_names" in columns:  # from registry migration 0014 on
            name_search.names_install(cursor, connection.vendor)
        if member_counts.COUNTS in tables:  # from registry migration 0016 on
            member_counts.member_counts_install(cursor, connection.vendor)
        for statement in changes_sql.install_sql(connection.vendor):
            cursor.execute(statement)
        if using == "default":
            campaign_counts_rebuild()
    return True
