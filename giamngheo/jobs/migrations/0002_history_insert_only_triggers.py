"""The labour survey rows (the history of each member's answers) refuse UPDATE, DELETE and TRUNCATE."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_labour_vacancies_training_abroad"),
    ]

    operations = [
        InsertOnlyTriggers("LabourSurvey"),
    ]
