"""The registry history tables refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_member_version"),
    ]

    operations = [
        InsertOnlyTriggers("SurveyRound"),
        InsertOnlyTriggers("MemberFacts"),
        InsertOnlyTriggers("Assessment"),
        InsertOnlyTriggers("StatusTransition"),
    ]
