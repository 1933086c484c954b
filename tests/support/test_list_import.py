from __future__ import annotations

import pytest

from giamngheo.core.errors import AppError
from giamngheo.support.list_import import beneficiary_list_import
from giamngheo.support.models import BeneficiaryList, SupportType
from tests.fixtures.support import SURVEYED_ON

pytestmark = pytest.mark.django_db


def write(tmp_path, text: str):
    path = tmp_path / "danh-sach.csv"
    path.write_text(text, encoding="utf-8")
    return path


def run(officer, household, path, code="bhyt-ho-ngheo"):
    return beneficiary_list_import(
        actor=officer,
        support_type=SupportType.objects.get(code=code),
        commune=household.commune,
        year=2026,
        reference_date=SURVEYED_ON,
        path=path,
        file_name="danh-sach.csv",
    )


def test_an_agency_list_is_imported_as_a_draft(officer_a, poor_household, tmp_path):
    header = "Mã hộ,Số định danh cá nhân,Họ và tên,Số tiền\n"
    path = write(tmp_path, f"{header}{poor_household.code},046080000123,Hồ Văn Tâm,1.105.650\n")
    imported = run(officer_a, poor_household, path)
    entry = imported.entries.get()
    assert (entry.member.full_name, entry.amount, entry.selected) == ("Hồ Văn Tâm", 1_105_650, True)
    assert imported.source == "import"


def test_every_bad_row_is_named_and_nothing_is_written(officer_a, poor_household, tmp_path):
    path = write(
        tmp_path,
        "Mã hộ,Số định danh cá nhân,Họ và tên,Số tiền\n"
        f"{poor_household.code},046080000123,Nguyễn Văn Khác,100\n"
        "99999-000001,046080000123,Hồ Văn Tâm,100\n"
        f"{poor_household.code},046080000123,Hồ Văn Tâm,một trăm\n",
    )
    with pytest.raises(AppError) as error:
        run(officer_a, poor_household, path)
    assert error.value.code == "support_import_invalid"
    lines = error.value.details["errors"].splitlines()
    assert lines[0].startswith("danh-sach.csv, dòng 2, cột «Họ và tên» «Nguyễn Văn Khác»")
    assert lines[1].startswith("danh-sach.csv, dòng 3, cột «Mã hộ» «99999-000001»")
    assert lines[2].startswith("danh-sach.csv, dòng 4, cột «Số tiền» «một trăm»")
    assert BeneficiaryList.objects.count() == 0


def test_a_household_that_does_not_qualify_refuses_the_file(officer_a, poor_household, tmp_path):
    path = write(tmp_path, f"Mã hộ\n{poor_household.code}\n")
    with pytest.raises(AppError) as error:
        run(officer_a, poor_household, path, code="vay-ho-can-ngheo")
    assert "không đủ điều kiện" in error.value.details["errors"]
    assert BeneficiaryList.objects.count() == 0


def test_missing_household_column_is_refused(officer_a, poor_household, tmp_path):
    with pytest.raises(AppError) as error:
        run(officer_a, poor_household, write(tmp_path, "Họ và tên\nA\n"))
    assert "cột «Mã hộ»" in error.value.details["errors"]


def test_import_page_shows_every_error(officer_a, poor_household):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.fixtures.people import client_for

    upload = SimpleUploadedFile("ds.csv", "Mã hộ\n99999-000001\n".encode(), content_type="text/csv")
    response = client_for(officer_a).post(
        "/ho-tro/danh-sach/nhap/",
        {
            "support_type": SupportType.objects.get(code="vay-ho-ngheo").pk,
            "commune": poor_household.commune_id,
            "year": 2026,
            "reference_date": "2026-10-01",
            "file": upload,
        },
    )
    assert response.status_code == 400
    assert "ds.csv, dòng 2, cột «Mã hộ» «99999-000001»" in response.content.decode()
    assert BeneficiaryList.objects.count() == 0
