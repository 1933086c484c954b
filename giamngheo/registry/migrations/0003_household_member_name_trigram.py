"""Trigram indexes for accent-free name search on PostgreSQL (skipped on SQLite or without pg_trgm)."""

from django.db import migrations

INDEXES = (
    ("registry_household", "household_search_name_trgm"),
    ("registry_member", "member_search_name_trgm"),
)


def create(apps, schema_editor):  # noqa: ARG001
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table, name in INDEXES:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_name gin_trgm_ops)")


def drop(apps, schema_editor):  # noqa: ARG001
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for _table, name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_export_job")]
    operations = [migrations.RunPython(create, drop)]
