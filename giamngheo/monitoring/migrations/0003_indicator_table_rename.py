"""The indicator catalogue moves to programs (step 1 of 3): its table is renamed to programs_indicator.

Step 2 (programs 0002) adds programs.Indicator on that table; step 3 (monitoring 0004) points indicator
values at it and drops monitoring.Indicator from the migration state. Rows are kept as they are.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0002_round_plan_link"),
    ]

    operations = [
        migrations.AlterModelTable(name="indicator", table="programs_indicator"),
    ]
