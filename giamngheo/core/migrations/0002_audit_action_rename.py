"""Rewrite the old `entity_verb` audit action spellings of programs and monitoring as `entity.verb`."""

from django.db import migrations

# A copy, not an import: migrations never import app code (the targets are giamngheo.core.audit.AuditAction values).
RENAMES = {
    "plan_create": "plan.create",
    "plan_update": "plan.update",
    "plan_legal_basis_add": "legal_basis.add",
    "plan_legal_basis_remove": "legal_basis.remove",
    "plan_project_add": "plan_project.add",
    "plan_target_add": "target.add",
    "plan_target_update": "target.update",
    "plan_target_remove": "target.remove",
    "plan_allocation_set": "target_allocation.set",
    "task_add": "task.add",
    "task_update": "task.update",
    "task_remove": "task.remove",
    "task_status_set": "task.status_set",
    "budget_line_set": "budget_line.set",
    "budget_line_remove": "budget_line.remove",
    "budget_statement_remove": "budget_statement.remove",
    "budget_allocation_record": "budget_allocation.record",
    "disbursement_record": "disbursement.record",
    "reporting_rule_add": "reporting_rule.add",
    "reporting_rule_update": "reporting_rule.update",
    "reporting_rule_remove": "reporting_rule.remove",
    "indicator_value_set": "indicator_value.set",
    "round_open": "reporting_round.open",
    "report_submitted": "report.submit",
    "report_approved": "report.approve",
    "report_returned": "report.return",
    "report_annotate": "report.annotate",
}


def rename(apps, schema_editor, mapping=RENAMES):
    # The historical model has a plain manager, so this one-time rewrite of spellings is allowed;
    # the events' content (who, what object, before/after) is untouched.
    event_model = apps.get_model("core", "AuditEvent")
    for old, new in mapping.items():
        event_model.objects.filter(action=old).update(action=new)


def unrename(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in RENAMES.items()})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_audit_event_period")]

    operations = [migrations.RunPython(rename, unrename)]
