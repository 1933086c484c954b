"""Explanations compressed with lz4 on PostgreSQL (faster to write than the default pglz; ADR 1501)."""

from __future__ import annotations

from django.db import migrations

LZ4 = (
    "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
)


def to_lz4(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(LZ4)
        if cursor.fetchone():  # a server built without lz4 keeps pglz
            cursor.execute("ALTER TABLE registry_assessment ALTER COLUMN explanation SET COMPRESSION lz4")


def to_default(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("ALTER TABLE registry_assessment ALTER COLUMN explanation SET COMPRESSION default")


class Migration(migrations.Migration):
    dependencies = [("registry", "0011_annual_run")]

    operations = [migrations.RunPython(to_lz4, to_default)]
