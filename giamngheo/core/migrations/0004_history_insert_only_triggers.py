"""The core history tables refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_idempotency_key"),
    ]

    operations = [
        InsertOnlyTriggers("AuditEvent"),
    ]
