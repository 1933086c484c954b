"""The registry history tables refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_household_member_name_trigram"),
    ]

    operations = [
        InsertOnlyTriggers("SurveyRound"),
        InsertOnlyTriggers("MemberFacts"),
        InsertOnlyTriggers("Assessment"),
    ]
