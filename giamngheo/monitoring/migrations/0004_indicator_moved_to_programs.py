"""The indicator catalogue moves to programs (step 3 of 3): values point at programs.Indicator.

Only the migration state changes: the foreign key already references the renamed table.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_indicator_table_rename"),
        ("programs", "0002_indicator_from_monitoring"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="indicatorvalue",
                    name="indicator",
                    field=models.ForeignKey(
                        on_delete=models.deletion.PROTECT, related_name="values", to="programs.indicator"
                    ),
                ),
                migrations.DeleteModel(name="Indicator"),
            ],
            database_operations=[],
        ),
    ]
