"""Import workflow: upload → validation in the background → preview → confirm → apply in the background."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path
from typing import Any

import polars as pl
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.file_errors import file_problem_text
from giamngheo.core.log_format import error_fields
from giamngheo.core.services import audit_record
from giamngheo.core.text import mask_personal_ids_in
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.assess import standard_for
from giamngheo.registry.imports.apply import apply_plan
from giamngheo.registry.imports.error_file import by_severity, write_error_file
from giamngheo.registry.imports.guard import FileRefused, ImportLimits, check_upload, megabytes, number
from giamngheo.registry.imports.isolation import ReadFailed, read_isolated
from giamngheo.registry.imports.reader import RawFiles
from giamngheo.registry.imports.validate import Plan, validate_upload
from giamngheo.registry.imports.versions import HouseholdsChanged, check_versions, record_versions
from giamngheo.registry.models import ImportBatch, ImportStatus
from giamngheo.standards.interchange import normalise

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
ERRORS_SHOWN = 20
RUNNING = (ImportStatus.VALIDATING, ImportStatus.APPLYING)
KEY_COLUMN = {normalise("Mã hộ"), normalise("household_code")}  # both sheets are joined on it
logger = logging.getLogger(__name__)


def _heartbeat(batch_id: int, **fields: Any) -> None:
    """Show that the job of this batch is alive (and record its progress); see `import_sweep`."""
    ImportBatch.objects.filter(pk=batch_id).update(heartbeat_at=timezone.now(), **fields)


def _progress(batch: ImportBatch, done: int, total: int = 4) -> None:
    _heartbeat(batch.pk, progress_done=done, progress_total=total)


def import_sweep(*, now: dt.datetime | None = None) -> int:
    """Mark failed the batches left «validating» or «applying» by a dead worker; return how many."""
    limits = ImportLimits.from_settings()
    threshold = (now or timezone.now()) - dt.timedelta(seconds=limits.stale_seconds)
    stale = ImportBatch.objects.filter(status__in=RUNNING).filter(
        Q(heartbeat_at__lt=threshold) | Q(heartbeat_at__isnull=True, created_at__lt=threshold)
    )
    return stale.update(
        status=ImportStatus.FAILED,
        message=_("Quá trình nhập bị gián đoạn, hãy tải lên lại."),
        progress_done=F("progress_total"),
    )


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
    limit = ImportLimits.from_settings().upload_bytes
    for part in (upload, members_upload):
        if part is not None and (part.size or 0) > limit:
            raise AppError(
                ErrorCode.FILE_TOO_LARGE,
                _("Tệp %(file)s có %(size)s MB, vượt giới hạn %(limit)s MB; hãy chia nhỏ tệp theo xã.")
                % {
                    "file": Path(part.name or "").name,
                    "size": megabytes(part.size or 0),
                    "limit": megabytes(limit),
                },
                field="file",
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

    language = translation.get_language()  # the task writes its messages in the uploader's language
    transaction.on_commit(lambda: validate_import.enqueue(batch.pk, language))
    return batch


def _read(batch: ImportBatch) -> RawFiles:
    """Check the files against the limits, then read them in a child process (see `isolation`)."""
    limits = ImportLimits.from_settings()
    path = Path(batch.file.path)
    members_path = Path(batch.members_file.path) if batch.members_file else None
    check_upload(path, batch.original_name, limits)
    if members_path is not None:
        check_upload(members_path, members_path.name, limits)
    raw = read_isolated(
        path,
        members_path,
        batch.original_name,
        memory_bytes=limits.read_memory_bytes,
        seconds=limits.read_seconds,
        alive=lambda: _heartbeat(batch.pk),
    )
    for name, frame in ((raw.households_name, raw.households), (raw.members_name, raw.members)):
        if frame.height > limits.rows:
            raise FileRefused(
                _(
                    "Tệp %(file)s có %(count)s dòng dữ liệu, vượt giới hạn %(limit)s dòng; "
                    "hãy chia nhỏ tệp theo xã."
                )
                % {"file": name, "count": number(frame.height), "limit": number(limits.rows)}
            )
        if frame.width - 1 > limits.columns:  # the read adds the row-number column
            raise FileRefused(
                _("Tệp %(file)s có %(count)s cột, vượt giới hạn %(limit)s cột.")
                % {"file": name, "count": number(frame.width - 1), "limit": number(limits.columns)}
            )
        if frame.width and not any(normalise(column) in KEY_COLUMN for column in frame.columns):
            raise FileRefused(_("Tệp %(file)s không có cột «Mã hộ»; hãy dùng tệp mẫu.") % {"file": name})
    return raw


def _plan(batch: ImportBatch) -> tuple[Plan, Any]:
    standard = standard_for(batch.reference_date, batch.standard)
    raw = _read(batch)
    _progress(batch, 1)
    plan = validate_upload(raw, scope=batch.scope, standard=standard, reference_date=batch.reference_date)
    _progress(batch, 3)
    return plan, raw


def _refused(batch: ImportBatch, error: FileRefused | ReadFailed | HouseholdsChanged) -> None:
    """Record why a file was not read or applied: the file's fault is «invalid», a dead read «failed»."""
    batch.status = ImportStatus.FAILED if isinstance(error, ReadFailed) else ImportStatus.INVALID
    batch.message = error.message
    batch.error_count = max(1, getattr(error, "count", 1))


def import_validate(batch_id: int) -> ImportBatch:
    """Read and check the whole file; record the preview counts and, if needed, the error file."""
    import_sweep()
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.UPLOADED).update(
        status=ImportStatus.VALIDATING, progress_done=0, heartbeat_at=timezone.now()
    )
    batch = ImportBatch.objects.select_related("scope").get(pk=batch_id)
    if not claimed:  # already checked, or marked failed by the sweep
        return batch
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
            shown = by_severity(plan.errors)[:ERRORS_SHOWN]  # the serious ones first; the file has all
            sample = "\n".join(file_problem_text(error) for error in shown)
            batch.message = mask_personal_ids_in(sample)
        else:
            record_versions(batch=batch, households=plan.households)
            batch.status = ImportStatus.VALIDATED
    except (FileRefused, ReadFailed) as error:
        _refused(batch, error)
    except Exception as error:  # a crash must show in the batch, not leave it «validating» forever
        batch.error_type = type(error).__qualname__  # type: ignore[attr-defined]  # for the task log line
        logger.error("import %s: validation failed", batch.pk, extra=error_fields(error))
        batch.status, batch.message = (
            ImportStatus.FAILED,
            str(_("Lỗi hệ thống khi kiểm tra tệp; không có gì được ghi.")),
        )
    batch.progress_done, batch.validated_at, batch.heartbeat_at = batch.progress_total, timezone.now(), None
    batch.save()
    return batch


@transaction.atomic
def import_confirm(*, actor: Any, batch: ImportBatch) -> ImportBatch:
    """Queue a validated file for applying."""
    require_permission(actor, Permission.IMPORT_HOUSEHOLDS, batch.scope)
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status != ImportStatus.VALIDATED:
        raise AppError(ErrorCode.IMPORT_NOT_READY)
    locked.status, locked.heartbeat_at = ImportStatus.APPLYING, timezone.now()
    locked.save(update_fields=["status", "heartbeat_at"])
    audit_record(actor=actor, action=AuditAction.IMPORT_CONFIRM, obj=locked)
    from giamngheo.registry.imports.tasks import apply_import

    language = translation.get_language()
    transaction.on_commit(lambda: apply_import.enqueue(locked.pk, language))
    return locked


def import_apply(batch_id: int) -> ImportBatch:
    """Check the file again against the registry as it is now, then write it all at once.

    The data, the batch's «applied» status and its audit event are written in one transaction, so a worker
    killed at any point leaves either all of them or none (and then the sweep marks the batch failed).
    """
    import_sweep()
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.APPLYING).update(
        heartbeat_at=timezone.now()
    )
    batch = ImportBatch.objects.select_related("scope", "uploaded_by").get(pk=batch_id)
    if not claimed:  # marked failed by the sweep meanwhile
        return batch
    try:
        plan = _plan(batch)[0]  # the uploaded text is not kept while applying: only the typed plan is needed
        if plan.errors:
            batch.status = ImportStatus.INVALID
            batch.error_count = len(plan.errors)
            batch.message = str(_("Dữ liệu trong sổ hộ đã thay đổi kể từ lần kiểm tra; hãy tải tệp lên lại."))
        else:
            with transaction.atomic():
                check_versions(batch=batch, households=plan.households.filter(pl.col("action") == "updated"))
                counts = apply_plan(
                    plan,
                    batch=batch,
                    standard=standard_for(batch.reference_date, batch.standard),
                    actor=batch.uploaded_by,
                )
                batch.households_new, batch.households_updated = counts["new"], counts["updated"]
                batch.households_unchanged = counts["unchanged"]
                batch.status, batch.applied_at = ImportStatus.APPLIED, timezone.now()
                batch.progress_done, batch.heartbeat_at = batch.progress_total, None
                batch.save()
                audit_record(
                    actor=batch.uploaded_by, action=AuditAction.IMPORT_APPLY, obj=batch, after=counts
                )
                return batch
    except (FileRefused, ReadFailed, HouseholdsChanged) as error:
        _refused(batch, error)
    except Exception as error:  # nothing was written (one transaction); record that it failed
        batch.error_type = type(error).__qualname__  # type: ignore[attr-defined]  # for the task log line
        logger.error("import %s: apply failed", batch.pk, extra=error_fields(error))
        batch.status = ImportStatus.FAILED
        batch.message = str(_("Lỗi hệ thống khi nhập; không có gì được ghi."))
    batch.applied_at = None  # set in memory if the transaction failed after it
    batch.progress_done, batch.heartbeat_at = batch.progress_total, None
    batch.save()
    return batch
