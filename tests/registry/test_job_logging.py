"""Failed background jobs and refused imports are logged with their identifiers, never names or IDs."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from giamngheo.registry import exports
from giamngheo.registry.imports import services as import_services
from giamngheo.registry.imports.services import import_upload
from giamngheo.registry.imports.template import build_template
from giamngheo.registry.models import ExportJob, ExportStatus, ImportBatch, ImportStatus
from tests.fixtures.people import client_for
from tests.fixtures.registry import REFERENCE

pytestmark = pytest.mark.django_db

SECRET = "Hồ Văn Tâm 046080000123"


def records(caplog, name):
    return [record for record in caplog.records if record.name == name]


def logged_text(caplog):
    return "\n".join(f"{record.getMessage()} {vars(record)}" for record in caplog.records)


def test_failed_export_job_is_logged_with_job_kind_and_commune(
    officer_a, commune_a, household, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(user, request):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(exports, "export_sheets", broken)
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        client_for(officer_a).get(
            "/ho/xuat/", {"kind": "all", "format": "xlsx", "background": "1", "commune": commune_a.pk}
        )
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.FAILED
    logged = records(caplog, "giamngheo.registry.export_jobs")
    assert [(r.levelname, r.job_id, r.job_kind, r.commune_id, r.error_type) for r in logged] == [
        ("ERROR", job.pk, "export", commune_a.pk, "RuntimeError")
    ]
    assert "export_job_run" in logged[0].traceback
    assert "046080000123" not in logged_text(caplog)
    assert "Hồ Văn Tâm" not in logged_text(caplog)


def upload(actor, scope, content, capture):
    file = SimpleUploadedFile("danh-sach.xlsx", content)
    with capture(execute=True):
        batch = import_upload(actor=actor, scope=scope, upload=file, reference_date=REFERENCE)
    batch.refresh_from_db()
    return batch


def test_refused_import_is_logged_with_code_batch_and_counts(
    officer_a, commune_a, caplog, django_capture_on_commit_callbacks
):
    book = load_workbook(io.BytesIO(build_template()))
    book["Hộ gia đình"].append(["H001", SECRET])  # a row with most required cells missing
    buffer = io.BytesIO()
    book.save(buffer)
    with caplog.at_level(logging.INFO):
        batch = upload(officer_a, commune_a, buffer.getvalue(), django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.INVALID
    logged = records(caplog, "giamngheo.registry.imports.tasks")
    assert [(r.levelname, r.code, r.job_id, r.job_kind, r.commune_id, r.errors) for r in logged] == [
        ("WARNING", "invalid", batch.pk, "import.validate", commune_a.pk, batch.error_count)
    ]
    assert batch.error_count > 0
    assert "Hồ Văn Tâm" not in logged_text(caplog)


def test_failed_import_job_is_logged_with_its_error_type_only(
    officer_a, commune_a, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(batch):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(import_services, "_plan", broken)
    with caplog.at_level(logging.INFO):
        batch = upload(officer_a, commune_a, build_template(), django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.FAILED
    logged = records(caplog, "giamngheo.registry.imports.tasks")
    assert [(r.levelname, r.job_id, r.job_kind, r.commune_id, r.error_type) for r in logged] == [
        ("ERROR", batch.pk, "import.validate", commune_a.pk, "RuntimeError")
    ]
    assert "046080000123" not in logged_text(caplog)
    assert ImportBatch.objects.count() == 1
