"""Large exports in the background: queue a job, write the file in the worker, let its owner download it."""

from __future__ import annotations

import dataclasses
import logging
import tempfile
import traceback
from pathlib import Path
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from giamngheo.core.audit import AuditAction
from giamngheo.core.exports import Sheet, csv_lines, write_xlsx_workbook
from giamngheo.core.log_format import error_fields
from giamngheo.core.services import audit_record
from giamngheo.registry import exports
from giamngheo.registry.models import ExportJob, ExportStatus
from giamngheo.registry.selectors import HouseholdFilter

logger = logging.getLogger(__name__)

# Above this many households an export runs in the background instead of in the request.
BACKGROUND_HOUSEHOLDS = 20_000


class _Counted:
    def __init__(self, rows: Any):
        self.rows, self.count = rows, 0

    def __iter__(self) -> Any:
        for row in self.rows:
            self.count += 1
            yield row


@transaction.atomic
def export_job_create(*, actor: Any, request: exports.ExportRequest, file_format: str) -> ExportJob:
    """Queue an export of the user's area; the worker writes it."""
    job = ExportJob.objects.create(
        requested_by=actor,
        filters=dataclasses.asdict(request.filters),
        kinds=",".join(request.kinds),
        file_format=file_format,
        full_personal_ids=request.full_personal_ids,
    )
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT_QUEUE,
        obj=job,
        after={"kinds": job.kinds, "format": file_format},
    )
    from giamngheo.registry.tasks import run_export

    transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


def export_job_run(job_id: int) -> ExportJob:
    """Write the file with the area of the user who asked (rows read lazily, constant memory)."""
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING)
    request = exports.ExportRequest(
        filters=HouseholdFilter(**job.filters),
        kinds=tuple(job.kinds.split(",")),
        full_personal_ids=job.full_personal_ids,
    )
    try:
        sheets = exports.export_sheets(job.requested_by, request)
        counted = [_Counted(sheet.rows) for sheet in sheets]
        sheets = [dataclasses.replace(sheet, rows=rows) for sheet, rows in zip(sheets, counted, strict=True)]
        stem = "so-ho" if len(request.kinds) > 1 else exports.FILE_STEMS[request.kinds[0]]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{stem}.{job.file_format}"
            _write(path, job.file_format, sheets)
            with path.open("rb") as handle:
                job.file.save(
                    f"{stem}-{timezone.localdate():%Y%m%d}.{job.file_format}", File(handle), save=False
                )
        job.rows, job.status = sum(item.count for item in counted), ExportStatus.DONE
    except Exception as error:  # the job must show the failure, not stay «running»
        job.status, job.message = ExportStatus.FAILED, traceback.format_exc()[-4000:]
        # Identifiers only: the filters and the error's message may hold a searched name or ID.
        ids = {"job_id": job.pk, "job_kind": "export", "commune_id": job.filters.get("commune")}
        fields = error_fields(error)
        logger.error(
            "Background export %s failed (%s)",
            job.pk,
            fields["error_type"],
            extra={**ids, **fields},
        )
    job.finished_at = timezone.now()
    job.save()
    return job


def _write(path: Path, file_format: str, sheets: list[Sheet]) -> None:
    if file_format == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(csv_lines(sheets[0].header, sheets[0].rows))
        return
    with path.open("wb") as handle:
        write_xlsx_workbook(handle, sheets)
