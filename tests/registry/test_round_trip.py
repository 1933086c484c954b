"""Excel round trip: the «phiếu điền sẵn» has the template's columns and lists; download → edit → upload."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from giamngheo.core.audit import AuditAction
from giamngheo.core.models import AuditEvent
from giamngheo.registry.imports.template import build_template
from giamngheo.registry.models import Household, ImportStatus, SurveyRound
from tests.fixtures.people import client_for
from tests.fixtures.registry_files import confirm, household_row, member_rows, upload, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(officer_a, commune_a, village_a, django_capture_on_commit_callbacks):
    """Two households imported from a file: H001 with two members, H002 with one."""
    capture = django_capture_on_commit_callbacks
    file = workbook(
        [household_row("H001"), household_row("H002", income=5_000_000, latrine="Tự hoại")],
        member_rows("H001") + member_rows("H002", personal_id="046080000456")[:1],
    )
    batch = confirm(officer_a, upload(officer_a, commune_a, file, capture), capture)
    assert batch.status == ImportStatus.APPLIED, batch.message
    return batch


def _download(user, commune):
    response = client_for(user).get(f"/ho/nhap/dien-san/{commune.pk}.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _upload_book(user, commune, book, capture, name="phieu-dien-san.xlsx"):
    buffer = io.BytesIO()
    book.save(buffer)
    return upload(user, commune, SimpleUploadedFile(name, buffer.getvalue()), capture)


def _validations(sheet):
    """Column letter → source of its drop-down list."""
    found = {}
    for rule in sheet.data_validations.dataValidation:
        for cells in rule.sqref.ranges:
            found[cells.coord.split(":")[0].rstrip("0123456789")] = rule.formula1
    return found


def test_prefilled_export_has_exactly_the_templates_columns_and_drop_downs(officer_a, commune_a, imported):
    prefilled = _download(officer_a, commune_a)
    template = load_workbook(io.BytesIO(build_template()))
    assert prefilled.sheetnames == template.sheetnames
    for title in ("Hộ gia đình", "Thành viên"):
        assert [c.value for c in prefilled[title][1]] == [c.value for c in template[title][1]]
        assert _validations(prefilled[title]) == _validations(template[title])
    rows = list(prefilled["Hộ gia đình"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == ["H001", "H002"]
    people = list(prefilled["Thành viên"].iter_rows(min_row=2, values_only=True))
    assert people[0][:4] == ("H001", 1, "046080000123", "Hồ Văn Tâm")  # the ID as text, in full
    assert "Nam" in people[0] and "Ta-ôi" in people[0]  # labels of the lists, not codes
    assert AuditEvent.objects.filter(
        action=AuditAction.PERSONAL_ID_VIEW, after__purpose="prefilled_import_form"
    ).exists()


def test_download_upload_unedited_changes_nothing_then_an_edit_updates_one_household(
    officer_a, commune_a, imported, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    book = _download(officer_a, commune_a)
    same = _upload_book(officer_a, commune_a, book, capture)
    assert same.status == ImportStatus.VALIDATED, same.message
    assert (same.households_new, same.households_updated, same.households_unchanged) == (0, 0, 2)

    sheet = book["Hộ gia đình"]
    income = [c.value for c in sheet[1]].index("Thu nhập bình quân (đồng/người/tháng)") + 1
    sheet.cell(row=2, column=income, value="6.000.000")  # typed the Vietnamese way
    edited = _upload_book(officer_a, commune_a, book, capture)
    assert (edited.households_updated, edited.households_unchanged) == (1, 1), edited.message
    rounds = SurveyRound.objects.count()
    confirm(officer_a, edited, capture)
    assert SurveyRound.objects.count() == rounds + 1
    assert Household.objects.get(code="H001").latest_category == "not_poor"


def test_prefilled_export_of_another_commune_is_404_and_read_only_roles_are_refused(
    officer_b, commune_a, imported, chair_a
):
    assert client_for(officer_b).get(f"/ho/nhap/dien-san/{commune_a.pk}.xlsx").status_code == 404
    assert client_for(chair_a).get(f"/ho/nhap/dien-san/{commune_a.pk}.xlsx").status_code == 403


def test_prefilled_text_is_never_a_formula(officer_a, commune_a, imported):
    Household.objects.filter(code="H001").update(address='=HYPERLINK("http://x.example","bấm")')
    book = _download(officer_a, commune_a)
    sheet = book["Hộ gia đình"]
    column = [c.value for c in sheet[1]].index("Địa chỉ") + 1
    cell = sheet.cell(row=2, column=column)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
