"""Registry download: households, members and assessments of the user's area as XLSX or CSV."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import cast

from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.errors import AppError, NotFound
from giamngheo.core.exports import csv_response, xlsx_workbook_response
from giamngheo.core.services import audit_record
from giamngheo.registry import export_jobs, exports, personal_ids, selectors
from giamngheo.registry.models import ExportStatus

FORMATS = ("xlsx", "csv")


@login_required
def household_export(request: HttpRequest) -> HttpResponseBase:
    """Download the list as filtered on the list page.

    `kind` is households, members or assessments (CSV: one table; XLSX: that table, or all three when
    `kind` is "all"); `format` is xlsx or csv; `full_ids=1` asks for personal IDs in full, which is
    honoured only where the user may see them, and recorded in the audit log.
    """
    kind = request.GET.get("kind", "all")
    file_format = request.GET.get("format", "xlsx")
    valid = file_format in FORMATS and kind in (*exports.KINDS, "all")
    if not valid or (kind, file_format) == ("all", "csv"):
        return HttpResponseBadRequest(_("Loại dữ liệu hoặc định dạng tệp không hợp lệ."))
    filters = selectors.HouseholdFilter.from_query(request.GET)
    try:
        by_id = personal_ids.exact_search_allowed(request.user, filters.search, purpose="export")
    except AppError as error:
        return HttpResponse(error.message, status=429, content_type="text/plain; charset=utf-8")
    export = exports.ExportRequest(
        filters=dataclasses.replace(filters, by_personal_id=by_id),
        kinds=tuple(exports.KINDS) if kind == "all" else (kind,),
        full_personal_ids=request.GET.get("full_ids") == "1",
    )
    shown = exports.full_ids_count(request.user, export)
    if shown:
        audit_record(
            actor=request.user,
            action=personal_ids.VIEW,
            obj=cast(Model, request.user),  # login_required: a real user
            unit=personal_ids.viewer_unit(request.user),
            after={
                "purpose": "export",
                "count": shown,
                "kinds": list(export.kinds),
                "format": file_format,
                **exports.filters_summary(export.filters),
            },
        )
    large = selectors.household_list(request.user, export.filters).count() > export_jobs.BACKGROUND_HOUSEHOLDS
    if large or request.GET.get("background") == "1":
        job = export_jobs.export_job_create(actor=request.user, request=export, file_format=file_format)
        return redirect("registry:export_job", job_id=job.pk)
    sheets = exports.export_sheets(request.user, export)
    stem = "so-ho" if kind == "all" else exports.FILE_STEMS[kind]
    filename = f"{stem}-{timezone.localdate():%Y%m%d}.{file_format}"
    if file_format == "csv":
        return csv_response(filename, sheets[0].header, sheets[0].rows)
    return xlsx_workbook_response(filename, sheets)


@login_required
def export_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """Progress of a background export, then its download link (only for the user who asked)."""
    job = selectors.export_job_get_for_user(request.user, job_id)
    context = {"job": job, "running": job.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)}
    template = "registry/_export_job.html" if getattr(request, "htmx", False) else "registry/export_job.html"
    return render(request, template, context)


@login_required
def export_job_download(request: HttpRequest, job_id: int) -> HttpResponseBase:
    job = selectors.export_job_get_for_user(request.user, job_id)
    if job.status != ExportStatus.DONE or not job.file:
        raise NotFound()
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=Path(job.file.name or "tep").name)
