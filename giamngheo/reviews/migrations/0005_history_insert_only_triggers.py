"""The reviews history tables refuse UPDATE, DELETE and TRUNCATE at the database level."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_transition_link_from_registry"),
    ]

    operations = [
        InsertOnlyTriggers("CaseEvent"),
        InsertOnlyTriggers("MeetingVote"),
        InsertOnlyTriggers("TransitionLink"),
    ]
