"""Database-level guards: triggers that refuse UPDATE, DELETE and TRUNCATE on insert-only history tables."""

from __future__ import annotations

from typing import Any

from django.db.migrations.operations.base import Operation

FUNCTION = "giamngheo_refuse_history_change"
MESSAGE = "insert-only table"

_POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE} %: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'raise_exception';
END
$$
"""


def trigger_names(table: str) -> tuple[str, str, str]:
    """The names of the three triggers guarding a table (update, delete, truncate)."""
    return (f"{table}_no_update", f"{table}_no_delete", f"{table}_no_truncate")


def install_sql(vendor: str, table: str) -> list[str]:
    """Statements that make a table refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL)."""
    no_update, no_delete, no_truncate = trigger_names(table)
    if vendor == "postgresql":
        return [
            _POSTGRES_FUNCTION,
            f'CREATE TRIGGER "{no_update}" BEFORE UPDATE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
            f'CREATE TRIGGER "{no_delete}" BEFORE DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
            f'CREATE TRIGGER "{no_truncate}" BEFORE TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
        ]
    if vendor == "sqlite":
        # SQLite has no TRUNCATE; DELETE without WHERE fires the row trigger like any other DELETE.
        return [
            f'CREATE TRIGGER "{name}" BEFORE {operation} ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} {table}: {operation} refused'); END"
            for name, operation in ((no_update, "UPDATE"), (no_delete, "DELETE"))
        ]
    return []


def uninstall_sql(vendor: str, table: str) -> list[str]:
    """Statements that remove the triggers install_sql created (the shared function stays)."""
    if vendor == "postgresql":
        return [f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"' for name in trigger_names(table)]
    if vendor == "sqlite":
        return [f'DROP TRIGGER IF EXISTS "{name}"' for name in trigger_names(table)[:2]]
    return []


class InsertOnlyTriggers(Operation):
    """Migration operation: the model's table refuses UPDATE, DELETE and TRUNCATE at the database level.

    On SQLite a later migration that rebuilds the table (most AlterField/AddField with constraints) drops
    its triggers: such a migration must end with this operation again (tests/core/test_history_triggers.py
    fails otherwise).
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [], {"model_name": self.model_name})

    def state_forwards(self, app_label: str, state: Any) -> None:
        """Triggers change no model state."""

    def _run(self, app_label: str, schema_editor: Any, state: Any, *, install: bool) -> None:
        model = state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        vendor = schema_editor.connection.vendor
        table = model._meta.db_table
        for statement in install_sql(vendor, table) if install else uninstall_sql(vendor, table):
            schema_editor.execute(statement, params=None)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._run(app_label, schema_editor, to_state, install=True)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._run(app_label, schema_editor, from_state, install=False)

    def describe(self) -> str:
        return f"Refuse UPDATE, DELETE and TRUNCATE on {self.model_name} (database triggers)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_insert_only_triggers"


def execute_all(cursor: Any, statements: list[str]) -> None:
    """Run statements in order on an open cursor (a migration's, or the post-migrate check's)."""
    for statement in statements:
        cursor.execute(statement)


def execute_atomic(statements: list[str]) -> None:
    """Run statements in order in one transaction on the default database (the rebuilds of kept tables)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        execute_all(cursor, statements)
