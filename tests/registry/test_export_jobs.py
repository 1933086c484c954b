"""Large exports run in the background; only the user who asked can follow and download them."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from giamngheo.registry import export_jobs
from giamngheo.registry.models import ExportJob, ExportStatus
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def test_background_export_writes_the_file_for_its_owner(
    officer_a, officer_b, household, django_capture_on_commit_callbacks
):
    client = client_for(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/ho/xuat/", {"kind": "all", "format": "xlsx", "background": "1"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ho/xuat/{job.pk}/"
    assert (job.status, job.rows) == (ExportStatus.DONE, 1 + 3 + 0)
    page = client.get(f"/ho/xuat/{job.pk}/").content.decode()
    assert 'data-status="done"' in page
    download = client.get(f"/ho/xuat/{job.pk}/tai-ve/")
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True)
    assert household.code in [row[0] for row in book.worksheets[0].iter_rows(values_only=True)]
    other = client_for(officer_b)
    assert other.get(f"/ho/xuat/{job.pk}/").status_code == 404
    assert other.get(f"/ho/xuat/{job.pk}/tai-ve/").status_code == 404


def test_large_lists_go_to_the_background(
    officer_a, household, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(export_jobs, "BACKGROUND_HOUSEHOLDS", 0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_a).get("/ho/xuat/", {"kind": "members", "format": "csv"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ExportStatus.DONE
    text = job.file.open("rb").read().decode("utf-8-sig")
    assert text.count("\n") == 1 + 3
