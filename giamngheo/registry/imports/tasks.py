"""Background tasks of the import (run by `manage.py db_worker`)."""

from __future__ import annotations

from django.tasks import task


@task()
def validate_import(batch_id: int) -> str:
    from giamngheo.registry.imports.services import import_validate

    return import_validate(batch_id).status


@task()
def apply_import(batch_id: int) -> str:
    from giamngheo.registry.imports.services import import_apply

    return import_apply(batch_id).status
