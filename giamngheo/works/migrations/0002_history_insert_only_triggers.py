"""Progress reports, maintenance records and evaluations refuse UPDATE, DELETE and TRUNCATE."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0001_works_models_participants"),
    ]

    operations = [
        InsertOnlyTriggers("WorkProgress"),
        InsertOnlyTriggers("WorkMaintenance"),
        InsertOnlyTriggers("Evaluation"),
    ]
