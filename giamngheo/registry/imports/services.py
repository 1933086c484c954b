"""Import workflow: upload → validation in the background → preview → confirm → apply in the background."""

from __future__ import annotations

import datetime as dt
import tempfile
import traceback
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.core.text import mask_personal_ids_in
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.assess import standard_for
from giamngheo.registry.imports.apply import apply_plan
from giamngheo.registry.imports.error_file import write_error_file
from giamngheo.registry.imports.reader import read_upload
from giamngheo.registry.imports.validate import Plan, validate_upload
from giamngheo.registry.models import ImportBatch, ImportStatus

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
ERRORS_SHOWN = 20


def _progress(batch: ImportBatch, done: int, total: int = 4) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(progress_done=done, progress_total=total)


@transaction.atomic
def import_upload(
    *,
    actor: Any,
    scope: AdminUnit,
    upload: File[Any],
    members_upload: File[Any] | None = None,
    reference_date: dt.date,
) -> ImportBatch:
    """Store an uploaded file and queue its validation; nothing is written to the registry yet."""
    if scope.tree != Tree.CURRENT or scope.level not in (Level.COMMUNE, Level.PROVINCE):
        raise AppError(ErrorCode.INVALID, _("Chỉ nhập tệp cho một xã hoặc một tỉnh."), field="scope")
    require_permission(actor, Permission.IMPORT_HOUSEHOLDS, scope)
    name = Path(upload.name or "tep").name
    suffix = Path(name).suffix.lower()
    if members_upload is None and suffix not in EXCEL_SUFFIXES:
        raise AppError(
            ErrorCode.INVALID,
            _("Tệp phải là Excel (.xlsx) theo mẫu, hoặc hai tệp CSV (hộ và thành viên)."),
            field="file",
        )
    if members_upload is not None and (
        suffix != ".csv" or Path(members_upload.name or "").suffix.lower() != ".csv"
    ):
        raise AppError(
            ErrorCode.INVALID,
            _("Khi nhập bằng CSV, hãy chọn hai tệp .csv: hộ gia đình và thành viên."),
            field="file",
        )
    for part in (upload, members_upload):
        if part is not None and (part.size or 0) > MAX_UPLOAD_BYTES:
            raise AppError(
                ErrorCode.FILE_TOO_LARGE, _("Tệp lớn hơn 200 MB; hãy chia nhỏ theo xã."), field="file"
            )
    standard = standard_for(reference_date)
    batch = ImportBatch(
        uploaded_by=actor,
        scope=scope,
        original_name=name,
        standard=standard.id,
        reference_date=reference_date,
        progress_total=4,
    )
    batch.file.save(name, upload, save=False)
    if members_upload is not None:
        batch.members_file.save(Path(members_upload.name or "members.csv").name, members_upload, save=False)
    batch.save()
    audit_record(
        actor=actor, action=AuditAction.IMPORT_UPLOAD, obj=batch, after={"file": name, "scope": scope.code}
    )
    from giamngheo.registry.imports.tasks import validate_import

    transaction.on_commit(lambda: validate_import.enqueue(batch.pk))
    return batch


def _plan(batch: ImportBatch) -> tuple[Plan, Any]:
    standard = standard_for(batch.reference_date, batch.standard)
    raw = read_upload(
        Path(batch.file.path),
        Path(batch.members_file.path) if batch.members_file else None,
        batch.original_name,
    )
    _progress(batch, 1)
    plan = validate_upload(raw, scope=batch.scope, standard=standard, reference_date=batch.reference_date)
    _progress(batch, 3)
    return plan, raw


def import_validate(batch_id: int) -> ImportBatch:
    """Read and check the whole file; record the preview counts and, if needed, the error file."""
    batch = ImportBatch.objects.select_related("scope").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.VALIDATING, progress_done=0)
    try:
        plan, raw = _plan(batch)
        batch.error_count = len(plan.errors)
        batch.households_new, batch.households_updated = plan.count("new"), plan.count("updated")
        batch.households_unchanged = plan.count("unchanged")
        batch.members_total = plan.members.height
        if plan.errors:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "loi.xlsx"
                write_error_file(path, raw, plan.errors)
                batch.error_file.save(
                    f"loi-{Path(batch.original_name).stem}.xlsx", ContentFile(path.read_bytes()), save=False
                )
            batch.status = ImportStatus.INVALID
            # The sample is shown to everyone who sees the batch: personal IDs in it are masked.
            sample = "\n".join(str(error) for error in plan.errors[:ERRORS_SHOWN])
            batch.message = mask_personal_ids_in(sample)
        else:
            batch.status = ImportStatus.VALIDATED
    except Exception:  # a crash must show in the batch, not leave it «validating» forever
        batch.status = ImportStatus.FAILED
        batch.message = mask_personal_ids_in(traceback.format_exc()[-4000:])
    batch.progress_done, batch.validated_at = batch.progress_total, timezone.now()
    batch.save()
    return batch


@transaction.atomic
def import_confirm(*, actor: Any, batch: ImportBatch) -> ImportBatch:
    """Queue a validated file for applying."""
    require_permission(actor, Permission.IMPORT_HOUSEHOLDS, batch.scope)
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status != ImportStatus.VALIDATED:
        raise AppError(ErrorCode.IMPORT_NOT_READY)
    locked.status = ImportStatus.APPLYING
    locked.save(update_fields=["status"])
    audit_record(actor=actor, action=AuditAction.IMPORT_CONFIRM, obj=locked)
    from giamngheo.registry.imports.tasks import apply_import

    transaction.on_commit(lambda: apply_import.enqueue(locked.pk))
    return locked


def import_apply(batch_id: int) -> ImportBatch:
    """Check the file again against the registry as it is now, then write it all at once."""
    batch = ImportBatch.objects.select_related("scope", "uploaded_by").get(pk=batch_id)
    try:
        plan, _raw = _plan(batch)
        if plan.errors:
            batch.status = ImportStatus.INVALID
            batch.error_count = len(plan.errors)
            batch.message = "Dữ liệu trong sổ hộ đã thay đổi kể từ lần kiểm tra; hãy tải tệp lên lại."
        else:
            counts = apply_plan(
                plan,
                batch=batch,
                standard=standard_for(batch.reference_date, batch.standard),
                actor=batch.uploaded_by,
            )
            batch.households_new, batch.households_updated = counts["new"], counts["updated"]
            batch.households_unchanged = counts["unchanged"]
            batch.status, batch.applied_at = ImportStatus.APPLIED, timezone.now()
            audit_record(actor=batch.uploaded_by, action=AuditAction.IMPORT_APPLY, obj=batch, after=counts)
    except Exception:  # nothing was written (one transaction); record why
        batch.status = ImportStatus.FAILED
        batch.message = mask_personal_ids_in(traceback.format_exc()[-4000:])
    batch.progress_done = batch.progress_total
    batch.save()
    return batch
