"""The programs history tables refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0002_indicator_from_monitoring"),
    ]

    operations = [
        InsertOnlyTriggers("BudgetAllocation"),
        InsertOnlyTriggers("Disbursement"),
        InsertOnlyTriggers("TaskUpdate"),
    ]
