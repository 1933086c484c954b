"""Import: Excel row numbers in errors, error file, preview counts, all-or-nothing apply, idempotence."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.registry.imports.services import import_confirm, import_upload
from giamngheo.registry.imports.template import build_template
from giamngheo.registry.models import Assessment, Household, ImportStatus, Member, SurveyRound
from tests.fixtures.registry import REFERENCE
from tests.fixtures.registry_files import (
    confirm,
    household_row,
    member_rows,
    upload,
    workbook,
)

pytestmark = pytest.mark.django_db


def test_good_file_is_previewed_then_applied(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    file = workbook(
        [household_row("H001"), household_row("H002", income=5_000_000, latrine="Tự hoại")],
        member_rows("H001") + member_rows("H002", personal_id="")[:1],
    )
    batch = upload(officer_a, commune_a, file, django_capture_on_commit_callbacks)
    assert (batch.status, batch.error_count, batch.households_new, batch.members_total) == (
        ImportStatus.VALIDATED,
        0,
        2,
        3,
    )
    assert not Household.objects.exists()
    batch = confirm(officer_a, batch, django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.APPLIED, batch.message
    poor = Household.objects.get(code="H001")
    assert (poor.commune, poor.village, poor.status, poor.latest_category) == (
        commune_a,
        village_a,
        "poor",
        "poor",
    )
    assert poor.head_name == "Hồ Văn Tâm" and poor.is_ethnic_minority and poor.has_merit_member
    assert Household.objects.get(code="H002").latest_category == "not_poor"
    assert Member.objects.count() == 3
    assert Assessment.objects.count() == 2


def test_same_file_again_changes_nothing(officer_a, commune_a, village_a, django_capture_on_commit_callbacks):
    rows = ([household_row("H001")], member_rows("H001"))
    confirm(
        officer_a,
        upload(officer_a, commune_a, workbook(*rows), django_capture_on_commit_callbacks),
        django_capture_on_commit_callbacks,
    )
    counts = (
        Household.objects.count(),
        Member.objects.count(),
        SurveyRound.objects.count(),
        Assessment.objects.count(),
    )
    again = upload(officer_a, commune_a, workbook(*rows), django_capture_on_commit_callbacks)
    assert (again.households_new, again.households_updated, again.households_unchanged) == (0, 0, 1)
    confirm(officer_a, again, django_capture_on_commit_callbacks)
    assert (
        Household.objects.count(),
        Member.objects.count(),
        SurveyRound.objects.count(),
        Assessment.objects.count(),
    ) == counts


def test_changed_row_updates_the_household(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    confirm(
        officer_a,
        upload(
            officer_a,
            commune_a,
            workbook([household_row("H001")], member_rows("H001")),
            django_capture_on_commit_callbacks,
        ),
        django_capture_on_commit_callbacks,
    )
    richer = workbook([household_row("H001", income=6_000_000, latrine="Tự hoại")], member_rows("H001")[:1])
    batch = upload(officer_a, commune_a, richer, django_capture_on_commit_callbacks)
    assert (batch.households_new, batch.households_updated) == (0, 1)
    confirm(officer_a, batch, django_capture_on_commit_callbacks)
    household = Household.objects.get(code="H001")
    assert household.latest_category == "not_poor"
    assert household.members.filter(is_active=True).count() == 1
    assert household.members.get(member_no=2).left_reason == "moved_out"


def test_bad_rows_are_reported_with_excel_rows_and_nothing_is_written(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    bad_member = member_rows("H002")
    bad_member[0][3] = "046180000123"  # marks a woman; the head is a man
    file = workbook(
        [
            household_row("H001"),
            household_row("H002", **{"Thôn, tổ dân phố": "Thôn Không Có"}),
            household_row("H003", income="nhiều"),
        ],
        member_rows("H001", personal_id="046080000999") + bad_member + member_rows("H003", personal_id=""),
    )
    batch = upload(officer_a, commune_a, file, django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.INVALID
    assert batch.error_count >= 3
    errors = load_workbook(batch.error_file.path, read_only=True)
    households = list(errors["Hộ gia đình"].iter_rows(values_only=True))
    assert households[0][:2] == ("Dòng", "Lỗi")
    flagged = {row[0]: row[1] for row in households[1:] if row[1]}
    assert "Thôn, tổ dân phố" in flagged[3] and "Thôn Không Có" in flagged[3]
    assert "Thu nhập" in flagged[4]
    members = {row[0]: row[1] for row in errors["Thành viên"].iter_rows(values_only=True) if row[1]}
    assert "giới tính" in members[4]
    with pytest.raises(AppError) as refused:
        import_confirm(actor=officer_a, batch=batch)
    assert refused.value.code == ErrorCode.IMPORT_NOT_READY
    assert not Household.objects.exists()


def test_household_of_another_commune_is_refused(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    file = workbook([household_row("H001", **{"Thôn, tổ dân phố": None})], member_rows("H001"))
    batch = upload(officer_a, commune_a, file, django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.VALIDATED
    from giamngheo.core.errors import PermissionDenied
    from tests.fixtures.people import unit

    with pytest.raises(PermissionDenied):
        import_upload(actor=officer_a, scope=unit("commune", "20044"), upload=file, reference_date=REFERENCE)


def test_template_has_instructions_lists_and_both_sheets():
    book = load_workbook(io.BytesIO(build_template()))
    assert book.sheetnames == ["Hướng dẫn", "Danh mục", "Hộ gia đình", "Thành viên"]
    header = [cell.value for cell in book["Hộ gia đình"][1]]
    assert header[:2] == ["Mã xã", "Mã hộ"]
    assert book["Thành viên"].data_validations.dataValidation


def test_import_pages_are_scoped(
    officer_a, officer_b, commune_a, village_a, django_capture_on_commit_callbacks
):
    from tests.fixtures.people import client_for

    file = workbook([household_row("H001", income="nhiều")], member_rows("H001"))
    batch = upload(officer_a, commune_a, file, django_capture_on_commit_callbacks)
    own = client_for(officer_a)
    page = own.get(f"/ho/nhap/{batch.pk}/").content.decode()
    assert "Tải tệp lỗi" in page
    assert own.get(f"/ho/nhap/{batch.pk}/loi.xlsx").status_code == 200
    other = client_for(officer_b)
    assert other.get(f"/ho/nhap/{batch.pk}/").status_code == 404
    assert other.get(f"/ho/nhap/{batch.pk}/loi.xlsx").status_code == 404
    assert other.post(f"/ho/nhap/{batch.pk}/xac-nhan/").status_code == 404
    assert batch.original_name not in other.get("/ho/nhap/").content.decode()


def test_upload_page_and_template_download(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    from tests.fixtures.people import client_for

    client = client_for(officer_a)
    assert client.get("/ho/nhap/").status_code == 200
    template = client.get("/ho/nhap/mau.xlsx")
    assert load_workbook(io.BytesIO(template.content)).sheetnames[2] == "Hộ gia đình"
    file = workbook([household_row("H009")], member_rows("H009"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ho/nhap/", {"scope": commune_a.pk, "file": file, "reference_date": "1/10/2026"}
        )
    assert response.status_code == 302
    status = client.get(response["Location"]).content.decode()
    assert 'data-status="validated"' in status


def test_wrong_file_type_is_refused_with_a_vietnamese_message(officer_a, commune_a):
    from tests.fixtures.people import client_for

    bad = SimpleUploadedFile("ds.pdf", b"%PDF-1.4")
    response = client_for(officer_a).post(
        "/ho/nhap/", {"scope": commune_a.pk, "file": bad, "reference_date": "1/10/2026"}
    )
    assert response.status_code == 400
    assert "Excel (.xlsx)" in response.content.decode()
