"""The table of the shared cache (Django's database cache): every server process counts in one place."""

import io

from django.core.management.commands.createcachetable import Command
from django.db import migrations

TABLE = "core_cache"


def create(apps, schema_editor):
    command = Command(stdout=io.StringIO())
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0005_history_insert_only_triggers")]

    operations = [migrations.RunPython(create, drop)]
