"""Exports never run formulas: hostile names are text in every XLSX and neutralised in every CSV."""

from __future__ import annotations

import csv
import io

import openpyxl
import polars as pl
import pytest

from giamngheo.core.exports import csv_safe, new_workbook
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.imports.error_file import write_error_file
from giamngheo.registry.imports.reader import RawFiles
from giamngheo.registry.models import ExportJob, Household, Member
from giamngheo.standards.interchange import ROW, InterchangeError
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "cmd|' /C calc'!A0", "+1", "@SUM(A1)"]
# Without a leading trigger character the DDE text is inert in Excel, so the OWASP rule leaves it as it is.
NEUTRALISED = {"'" + HOSTILE[0], HOSTILE[1], "'" + HOSTILE[2], "'" + HOSTILE[3]}


def hostile_household(household: Household) -> None:
    Household.objects.filter(pk=household.pk).update(address=HOSTILE[1])
    for member, name in zip(
        household.members.order_by("member_no"), [HOSTILE[0], HOSTILE[2], HOSTILE[3]], strict=True
    ):
        Member.objects.filter(pk=member.pk).update(full_name=name)


def cells(content: bytes) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_text_not_formula(content: bytes, expected: list[str]) -> None:
    every = cells(content)
    assert [cell.coordinate for cell in every if cell.data_type == "f"] == []
    values = {cell.value for cell in every}
    assert [value for value in expected if value not in values] == []


def csv_values(text: str) -> set[str]:
    return {value for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for value in row}


def test_csv_safe_follows_the_owasp_rule():
    given = ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "Hồ Văn Tâm", "", -5, 3.5, None]
    assert [csv_safe(value) for value in given] == [
        "'=1+2",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "Hồ Văn Tâm",
        "",
        -5,
        3.5,
        None,
    ]


def test_new_workbook_writes_formula_text_as_text_even_if_asked_otherwise():
    buffer = io.BytesIO()
    workbook = new_workbook(buffer, {"in_memory": True, "strings_to_formulas": True})
    sheet = workbook.add_worksheet("x")
    sheet.write(0, 0, HOSTILE[0])
    sheet.write(1, 0, "http://example.org")
    workbook.close()
    every = cells(buffer.getvalue())
    assert [(cell.value, cell.data_type, cell.hyperlink) for cell in every] == [
        (HOSTILE[0], "s", None),
        ("http://example.org", "s", None),
    ]


def test_household_xlsx_export_has_no_formula_cell(officer_a, household):
    hostile_household(household)
    response = client_for(officer_a).get("/ho/xuat/", {"kind": "all", "format": "xlsx"})
    assert_text_not_formula(b"".join(response.streaming_content), HOSTILE)


def test_household_csv_export_neutralises_every_hostile_cell(officer_a, household):
    hostile_household(household)
    client = client_for(officer_a)
    households = client.get("/ho/xuat/", {"kind": "households", "format": "csv"})
    members = client.get("/ho/xuat/", {"kind": "members", "format": "csv"})
    values = csv_values(b"".join(households.streaming_content).decode("utf-8")) | csv_values(
        b"".join(members.streaming_content).decode("utf-8")
    )
    assert values >= NEUTRALISED
    assert {HOSTILE[0], HOSTILE[2], HOSTILE[3]} & values == set()


def test_background_exports_have_no_formula_and_neutralised_csv(
    officer_a, household, django_capture_on_commit_callbacks
):
    hostile_household(household)
    client = client_for(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/ho/xuat/", {"kind": "all", "format": "xlsx", "background": "1"})
        client.get("/ho/xuat/", {"kind": "members", "format": "csv", "background": "1"})
    xlsx_job, csv_job = ExportJob.objects.order_by("pk")
    assert_text_not_formula(xlsx_job.file.open("rb").read(), HOSTILE)
    values = csv_values(csv_job.file.open("rb").read().decode("utf-8-sig"))
    assert {"'" + HOSTILE[0], "'" + HOSTILE[2], "'" + HOSTILE[3]} <= values
    assert {HOSTILE[0], HOSTILE[2], HOSTILE[3]} & values == set()


def test_unit_exports_have_no_formula_and_neutralised_csv(province_officer, hue, commune_a):
    AdminUnit.objects.filter(pk=commune_a.pk).update(name=HOSTILE[0])
    client = client_for(province_officer)
    xlsx = client.get(f"/don-vi/{hue.pk}/xuat.xlsx")
    assert_text_not_formula(b"".join(xlsx.streaming_content), [HOSTILE[0]])
    text = b"".join(client.get(f"/don-vi/{hue.pk}/xuat.csv").streaming_content).decode("utf-8")
    values = csv_values(text)
    assert ("'" + HOSTILE[0] in values, HOSTILE[0] in values) == (True, False)


def test_import_error_file_has_no_formula_cell(tmp_path):
    households = pl.DataFrame({ROW: [2], "Mã hộ": [HOSTILE[0]], "Địa chỉ": [HOSTILE[1]]})
    members = pl.DataFrame({ROW: [2], "Họ và tên": [HOSTILE[3]]})
    raw = RawFiles(households, members, "Hộ gia đình", "Thành viên", ())
    errors = [
        InterchangeError("Hộ gia đình", 2, "Mã hộ", HOSTILE[2], "sai"),
        InterchangeError("Thành viên", 2, "Họ và tên", None, "sai"),
    ]
    path = tmp_path / "loi.xlsx"
    write_error_file(path, raw, errors)
    assert_text_not_formula(path.read_bytes(), [HOSTILE[0], HOSTILE[1], HOSTILE[3]])
