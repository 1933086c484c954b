"""Completions of recurring-task occurrences refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0005_indicator_validity_task_recurrence"),
    ]

    operations = [
        InsertOnlyTriggers("TaskOccurrenceDone"),
    ]
