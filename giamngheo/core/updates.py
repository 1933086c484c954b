"""The one audited update of a model instance: set what changed, save only that, record before and after."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from giamngheo.core.audit import AuditAction
from giamngheo.core.services import audit_record


def _stored(instance: models.Model, name: str) -> Any:
    """The value as stored: a related object by its primary key, so comparing never loads it."""
    field = instance._meta.get_field(name)
    return (
        getattr(instance, field.attname) if isinstance(field, models.ForeignKey) else getattr(instance, name)
    )


def _given(instance: models.Model, name: str, value: Any) -> Any:
    field = instance._meta.get_field(name)
    if isinstance(field, models.ForeignKey) and isinstance(value, models.Model):
        return value.pk
    return value


def model_update[M: models.Model](
    *,
    instance: M,
    fields: Iterable[str],
    data: Mapping[str, Any],
    actor: Any,
    action: AuditAction,
    subject: models.Model | None = None,
) -> tuple[M, bool]:
    """Set the `fields` whose value in `data` differs, save only those, and audit the change.

    A model with a `version` column gets it bumped and one with `updated_at` gets it refreshed. The audit
    event holds the before and after of the changed fields only (personal IDs masked by `audit_record`).
    The event is filed under `subject` when given (a plan's target is audited on its plan), else under the
    instance. Nothing changed: no save, no event, and `(instance, False)`.
    """
    changed = [
        name
        for name in fields
        if name in data and _stored(instance, name) != _given(instance, name, data[name])
    ]
    if not changed:
        return instance, False
    before = {name: _stored(instance, name) for name in changed}
    for name in changed:
        setattr(instance, name, data[name])
    update_fields = list(changed)
    names = {field.name for field in instance._meta.concrete_fields}
    if "version" in names and "version" not in changed:
        instance.version += 1  # type: ignore[attr-defined]
        update_fields.append("version")
    if "updated_at" in names:
        update_fields.append("updated_at")
    instance.save(update_fields=update_fields)
    after = {name: _stored(instance, name) for name in changed}
    if subject is not None:
        before, after = {"object": str(instance), **before}, {"object": str(instance), **after}
    audit_record(actor=actor, action=action, obj=subject or instance, before=before, after=after)
    return instance, True
