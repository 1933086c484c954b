"""The support history tables (ledger, visits, housing progress) refuse UPDATE, DELETE and TRUNCATE."""

from django.db import migrations

from giamngheo.core.db import InsertOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0001_support_catalogue_plans_ledger_housing"),
    ]

    operations = [
        InsertOnlyTriggers("SupportRecord"),
        InsertOnlyTriggers("FollowUpVisit"),
        InsertOnlyTriggers("HousingProgress"),
    ]
