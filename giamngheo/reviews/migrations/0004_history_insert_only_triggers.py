"""The reviews history tables refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_submission_district_opinion"),
    ]

    operations = [
        InsertOnlyTriggers("CaseEvent"),
        InsertOnlyTriggers("MeetingVote"),
        InsertOnlyTriggers("StatusTransition"),
    ]
