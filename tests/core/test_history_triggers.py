"""History at the database level: raw UPDATE, DELETE and TRUNCATE on every insert-only table are refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from giamngheo.core.db import InsertOnlyTriggers, install_sql, uninstall_sql
from giamngheo.core.models import InsertOnlyModel

pytestmark = pytest.mark.django_db

INSERT_ONLY = sorted(
    (model for model in apps.get_models() if issubclass(model, InsertOnlyModel)),
    key=lambda model: model._meta.label,
)


# A value each column type accepts; foreign keys point nowhere (checked only at commit, never reached).
BY_TYPE: list[tuple[type[models.Field[Any, Any]], Any]] = [
    (models.ForeignKey, 1),
    (models.DateTimeField, timezone.now),
    (models.DateField, lambda: dt.date(2025, 1, 1)),
    (models.DecimalField, lambda: Decimal(1)),
    (models.BooleanField, False),
    (models.IntegerField, 1),
    (models.FloatField, 1.0),
    (models.JSONField, dict),
    (models.GenericIPAddressField, "127.0.0.1"),
]


def placeholder(field: models.Field[Any, Any]) -> Any:
    """A value the column accepts: null for an optional link, the first choice, the default, or one by type.

    Optional values are filled too, so a table whose check constraints want one of them (a support record
    has an amount or a quantity) still takes the row.
    """
    if field.null and field.is_relation:
        return None
    if field.choices:
        return field.choices[0][0]
    if field.has_default():
        return field.get_default()
    value = next((value for kind, value in BY_TYPE if isinstance(field, kind)), "x")
    return value() if callable(value) else value


def one_row(model: type[models.Model]) -> None:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    model.objects.bulk_create([model(**{f.attname: placeholder(f) for f in fields})])


def run(sql: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


def count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        return cursor.fetchone()[0]


def test_every_insert_only_model_gets_its_triggers_in_a_migration(settings):
    settings.MIGRATION_MODULES = {}  # the suite runs without migrations: read them from disk here
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    guarded = {
        (app_label, operation.model_name.lower())
        for (app_label, _name), migration in graph.nodes.items()
        for operation in migration.operations
        if isinstance(operation, InsertOnlyTriggers)
    }
    assert sorted(guarded) == sorted((m._meta.app_label, m._meta.model_name) for m in INSERT_ONLY)
    # jobs.LabourSurvey and jobs.ReferralEvent (issue 12), registry.SurveyConfirmation, works history rows and
    # activities.FollowUp (issue 17) among them
    assert len(INSERT_ONLY) == 23


@pytest.mark.parametrize("model", INSERT_ONLY, ids=lambda model: model._meta.label)
def test_raw_update_delete_and_truncate_are_refused(model):
    # given the triggers the migration installs (the suite runs without migrations)
    table = model._meta.db_table
    for statement in install_sql(connection.vendor, table):
        run(statement)
    # when / then TRUNCATE is refused even on an empty table (a statement trigger, PostgreSQL only)
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="insert-only table"):
            run(f'TRUNCATE "{table}" CASCADE')
    # when / then with a row in the table, UPDATE and DELETE are refused and the row stays
    one_row(model)
    for sql in (f'UPDATE "{table}" SET id = id', f'DELETE FROM "{table}"'):
        with pytest.raises(DatabaseError, match="insert-only table"):
            run(sql)
    assert count(table) == 1
    # and the migration's backwards step removes the guard again (the placeholder row can go)
    for statement in uninstall_sql(connection.vendor, table):
        run(statement)
    run(f'DELETE FROM "{table}"')
    assert count(table) == 0
