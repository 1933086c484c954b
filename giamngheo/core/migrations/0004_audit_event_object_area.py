"""Audit events carry the area of the object acted on; existing events are placed from their objects."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

BATCH = 2000
ADMIN_UNIT = "geo.adminunit"
PLACE_FIELDS = ("village", "commune", "unit", "province")


def audit_unit_of(obj, depth=2):
    """The unit an object belongs to, as `core.services.audit_unit_of` found it when this migration was
    written (frozen here so that later changes to the app cannot change what this migration does)."""
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return None
    if meta.label_lower == ADMIN_UNIT:
        return obj
    relations = [field for field in meta.concrete_fields if field.many_to_one and field.related_model]
    places = [field for field in relations if field.related_model._meta.label_lower == ADMIN_UNIT]
    places.sort(key=lambda field: PLACE_FIELDS.index(field.name) if field.name in PLACE_FIELDS else 9)
    skipped = (ADMIN_UNIT, settings.AUTH_USER_MODEL.lower(), meta.label_lower)
    owners = [field for field in relations if field.related_model._meta.label_lower not in skipped]
    for field in places:
        unit = getattr(obj, field.name)
        if unit is not None:
            return unit
    if depth > 0:
        for field in owners:
            unit = audit_unit_of(getattr(obj, field.name), depth - 1)
            if unit is not None:
                return unit
    return None


def place_existing_events(apps, schema_editor):
    """Fill unit and province of every existing event from the object it names (once, before triggers)."""
    AuditEvent = apps.get_model("core", "AuditEvent")
    AreaAssignment = apps.get_model("accounts", "AreaAssignment")
    user_label = settings.AUTH_USER_MODEL.lower()
    keys = AuditEvent._base_manager.filter(unit__isnull=True).values_list("object_type", "object_id").distinct()
    by_type: dict[str, set[str]] = {}
    for object_type, object_id in keys.iterator():
        by_type.setdefault(object_type, set()).add(object_id)
    for object_type, object_ids in by_type.items():
        try:
            model = apps.get_model(*object_type.split(".", 1))
        except (LookupError, ValueError):
            continue
        ids = sorted(object_ids)
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            units = {}
            if object_type == user_label:
                assignments = AreaAssignment.objects.filter(
                    user_id__in=chunk, is_active=True, unit__isnull=False
                ).select_related("unit").order_by("-pk")
                units = {str(a.user_id): a.unit for a in assignments}  # the first assignment wins
            else:
                try:
                    objects = model._default_manager.filter(pk__in=chunk)
                    units = {str(obj.pk): audit_unit_of(obj) for obj in objects}
                except (ValueError, TypeError):
                    continue
            for object_id, unit in units.items():
                if unit is not None:
                    AuditEvent._base_manager.filter(object_type=object_type, object_id=object_id).update(
                        unit=unit, province_id=unit.province_id
                    )


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_idempotency_key'),
        ('geo', '0001_admin_unit_tree'),
        ('accounts', '0002_assignment_api_token'),
        ('registry', '0003_household_member_name_trigram'),
        ('reviews', '0003_submission_district_opinion'),
        ('programs', '0001_catalogue_plan_budget_task'),
        ('monitoring', '0002_round_plan_link'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditevent',
            name='province',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.adminunit', verbose_name='tỉnh của đối tượng'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.adminunit', verbose_name='địa bàn của đối tượng'),
        ),
        migrations.RunPython(place_existing_events, migrations.RunPython.noop),
    ]
