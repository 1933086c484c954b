"""The monitoring history tables refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0004_indicator_moved_to_programs"),
    ]

    operations = [
        InsertOnlyTriggers("ReportTransition"),
    ]
