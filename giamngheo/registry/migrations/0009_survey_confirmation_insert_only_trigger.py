"""The survey confirmations refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0008_survey_confirmation"),
    ]

    operations = [
        InsertOnlyTriggers("SurveyConfirmation"),
    ]
