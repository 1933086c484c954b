"""Background tasks of the import (run by `manage.py db_worker`), logging every failed or refused file."""

from __future__ import annotations

import logging

from django.conf import settings
from django.tasks import task
from django.utils import translation

from giamngheo.registry.models import ImportBatch, ImportStatus

logger = logging.getLogger(__name__)


def log_outcome(batch: ImportBatch, kind: str) -> None:
    """Log a failed or refused import with its identifiers and counts (never a name or a personal ID).

    The service that caught the error logged its type and frames; this line names the batch and the
    error type so an operator can find it. A refused file (errors in its rows) is logged as a warning.
    """
    ids = {"job_id": batch.pk, "job_kind": kind, "commune_id": batch.scope_id, "status": batch.status}
    if batch.status == ImportStatus.FAILED:
        error_type = getattr(batch, "error_type", "")  # set by the service that caught the error
        logger.error(
            "Import %s %s failed (%s)", kind, batch.pk, error_type, extra={**ids, "error_type": error_type}
        )
    elif batch.status == ImportStatus.INVALID:
        households = batch.households_new + batch.households_updated + batch.households_unchanged
        counts = {"errors": batch.error_count, "households": households, "members": batch.members_total}
        logger.warning(
            "Import %s %s refused: %s errors in %s households, %s members",
            kind,
            batch.pk,
            counts["errors"],
            counts["households"],
            counts["members"],
            extra={**ids, "code": "invalid", **counts},
        )


@task()
def validate_import(batch_id: int, language: str = settings.LANGUAGE_CODE) -> str:
    """Validate the batch, writing its errors in the uploader's language (ADR 0005)."""
    from giamngheo.registry.imports.services import import_validate

    with translation.override(language):
        batch = import_validate(batch_id)
    log_outcome(batch, "import.validate")
    return batch.status


@task()
def apply_import(batch_id: int, language: str = settings.LANGUAGE_CODE) -> str:
    """Apply the batch, writing its messages in the uploader's language (ADR 0005)."""
    from giamngheo.registry.imports.services import import_apply

    with translation.override(language):
        batch = import_apply(batch_id)
    log_outcome(batch, "import.apply")
    return batch.status
