"""Errors of an import are written by the background task in the uploader's language (ADR 0005)."""

from __future__ import annotations

import pytest
from django.utils import translation
from openpyxl import load_workbook

from giamngheo.registry.models import Household, ImportStatus
from tests.fixtures.registry_files import household_row, member_rows, upload, workbook

pytestmark = pytest.mark.django_db

SEX_MISMATCH = "046180000123"  # the fourth digit marks a woman; the head in the file is a man


def _bad_file():
    members = member_rows("H001")
    members[0][3] = SEX_MISMATCH
    return workbook([household_row("H001")], members)


def test_an_upload_in_english_gets_its_error_file_and_sample_in_english(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        batch = upload(officer_a, commune_a, _bad_file(), django_capture_on_commit_callbacks)

    assert batch.status == ImportStatus.INVALID
    errors = load_workbook(batch.error_file.path, read_only=True)
    assert errors.sheetnames == ["All errors", "Members"]  # only sheets with rows in error
    every = list(errors["All errors"].iter_rows(values_only=True))
    assert every[0] == ("Severity", "File, sheet", "Row", "Column", "Error")
    members = list(errors["Members"].iter_rows(values_only=True))
    assert members[0][:2] == ("Row", "Error")
    assert members[1][:2] == (
        2,
        "«Số định danh cá nhân»: the fourth digit does not match the sex (value «*********123»)",
    )
    assert batch.message == (
        "danh-sach.xlsx › Thành viên, row 2, column «Số định danh cá nhân», value «*********123»: "
        "the fourth digit does not match the sex"
    )
    assert not Household.objects.exists()


def test_the_same_upload_in_vietnamese_gets_vietnamese_errors(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    batch = upload(officer_a, commune_a, _bad_file(), django_capture_on_commit_callbacks)

    assert batch.status == ImportStatus.INVALID
    errors = load_workbook(batch.error_file.path, read_only=True)
    assert errors.sheetnames == ["Tất cả lỗi", "Thành viên"]
    assert batch.message == (
        "danh-sach.xlsx › Thành viên, dòng 2, cột «Số định danh cá nhân», giá trị «*********123»: "
        "chữ số thứ tư không khớp giới tính"
    )
    assert not Household.objects.exists()
