"""The registry history tables refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_import_batch_heartbeat_household_versions"),
    ]

    operations = [
        InsertOnlyTriggers("SurveyRound"),
        InsertOnlyTriggers("MemberFacts"),
        InsertOnlyTriggers("Assessment"),
        InsertOnlyTriggers("StatusTransition"),
    ]
