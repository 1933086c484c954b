"""The core history tables refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_audit_event_object_area"),
    ]

    operations = [
        InsertOnlyTriggers("AuditEvent"),
    ]
