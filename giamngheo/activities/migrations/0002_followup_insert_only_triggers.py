"""The follow-ups of recommendations (their history) refuse UPDATE, DELETE and TRUNCATE."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_registers"),
    ]

    operations = [
        InsertOnlyTriggers("FollowUp"),
    ]
