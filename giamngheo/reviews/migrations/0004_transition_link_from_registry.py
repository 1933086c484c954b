"""Status transitions move to registry; reviews keeps which campaign and decision caused each one."""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models

COLUMNS = "id, household_id, kind, from_status, to_status, effective_on, recorded_by_id, recorded_at"


def _tables(apps):
    old = apps.get_model("reviews", "StatusTransition")._meta.db_table
    new_model = apps.get_model("registry", "StatusTransition")
    link = apps.get_model("reviews", "TransitionLink")._meta.db_table
    decision = apps.get_model("reviews", "Decision")._meta.db_table
    return old, new_model, link, decision


def _reset_sequence(schema_editor, model):
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


def copy_forward(apps, schema_editor):
    """Copy every transition (same ids) into registry, and its campaign/decision into a link row."""
    old, new_model, link, decision = _tables(apps)
    new = new_model._meta.db_table
    schema_editor.execute(f"INSERT INTO {new} ({COLUMNS}) SELECT {COLUMNS} FROM {old}")
    schema_editor.execute(
        f"INSERT INTO {link} (transition_id, campaign_id, decision_id) "
        f"SELECT t.id, COALESCE(t.campaign_id, d.campaign_id), t.decision_id FROM {old} t "
        f"LEFT JOIN {decision} d ON d.id = t.decision_id "
        f"WHERE t.campaign_id IS NOT NULL OR t.decision_id IS NOT NULL"
    )
    _reset_sequence(schema_editor, new_model)


def copy_backward(apps, schema_editor):
    """Put the transitions back in reviews with their campaign and decision."""
    old_model = apps.get_model("reviews", "StatusTransition")
    old = old_model._meta.db_table
    _, new_model, link, _ = _tables(apps)
    new = new_model._meta.db_table
    schema_editor.execute(
        f"INSERT INTO {old} ({COLUMNS}, campaign_id, decision_id) "
        f"SELECT {', '.join('t.' + c.strip() for c in COLUMNS.split(','))}, l.campaign_id, l.decision_id "
        f"FROM {new} t LEFT JOIN {link} l ON l.transition_id = t.id"
    )
    schema_editor.execute(f"DELETE FROM {link}")
    schema_editor.execute(f"DELETE FROM {new}")
    _reset_sequence(schema_editor, old_model)


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0004_status_transition'),
        ('reviews', '0003_submission_district_opinion'),
    ]

    operations = [
        migrations.CreateModel(
            name='TransitionLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
            options={
                'verbose_name': 'căn cứ biến động diện hộ',
                'verbose_name_plural': 'căn cứ biến động diện hộ',
            },
        ),
        migrations.AddField(
            model_name='transitionlink',
            name='campaign',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transition_links', to='reviews.campaign'),
        ),
        migrations.AddField(
            model_name='transitionlink',
            name='decision',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='transition_links', to='reviews.decision'),
        ),
        migrations.AddField(
            model_name='transitionlink',
            name='transition',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='review_link', to='registry.statustransition'),
        ),
        migrations.RunPython(copy_forward, copy_backward),
        migrations.RemoveIndex(
            model_name='statustransition',
            name='transition_household_idx',
        ),
        migrations.DeleteModel(
            name='StatusTransition',
        ),
    ]
