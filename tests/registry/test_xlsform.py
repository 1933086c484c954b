"""The XLSForm of the household survey converts with pyxform and holds what the standard needs."""

from __future__ import annotations

import io

import openpyxl
import pytest
from pyxform.xls2xform import convert

from giamngheo.registry.xlsform import FormPlace, build_xlsform, survey_rows
from giamngheo.standards.interchange import required_columns
from giamngheo.standards.loader import load_standard
from tests.fixtures.people import client_for

PLACE = FormPlace(
    commune_code="19999",
    commune_name="Xã Thử",
    villages=[("19999.001", "Thôn 1"), ("19999.002", "Thôn 2")],
    households=[("H-1", "H-1 — Hồ Văn A", "19999.001"), ("H-2", "H-2 — =cmd|' /C calc'!A0", "19999.002")],
)


@pytest.mark.parametrize("standard_id", ["2016-2020", "2022-2025", "2027-2030"])
def test_the_form_of_every_standard_converts_to_an_xform(standard_id):
    standard = load_standard(standard_id)
    xform = convert(xlsform=io.BytesIO(build_xlsform(standard, PLACE, version="202612011200"))).xform
    household_needed, member_needed = required_columns(standard)
    for name in (household_needed | member_needed) - {"area", "member_no", "household_code"}:
        assert f"<{name}" in xform, name
    assert "<members" in xform and 'jr:template=""' in xform  # the member repeat group
    assert "regex(., '^[0-9]{12}$')" in xform  # personal ID checked as the validator does
    assert "village=" in xform  # households filtered by the chosen village


def test_without_households_the_reviewer_types_the_code():
    rows = {row["name"]: row for row in survey_rows(load_standard("2022-2025"), FormPlace("1", "X", []))}
    assert rows["household_code"]["type"] == "text"
    assert rows["income_score"]["relevant"] == "${income_per_capita} = ''"


def test_formula_looking_text_stays_text():
    workbook = openpyxl.load_workbook(
        io.BytesIO(build_xlsform(load_standard("2022-2025"), PLACE, version="1"))
    )
    labels = [cell.value for cell in workbook["choices"]["C"]]
    assert "H-2 — =cmd|' /C calc'!A0" in labels
    assert all(cell.data_type == "s" for cell in workbook["choices"]["C"] if cell.value)


@pytest.mark.django_db
def test_a_commune_downloads_its_own_form_and_not_anothers(household, officer_a, officer_b, commune_a):
    client = client_for(officer_a)
    response = client.get(
        "/ho/phieu-odk/", {"commune": commune_a.pk, "standard": "2022-2025", "with_households": "on"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'phieu-ra-soat-{commune_a.code}-2022-2025.xlsx"')
    choices = openpyxl.load_workbook(io.BytesIO(response.content))["choices"]
    assert household.code in [cell.value for cell in choices["B"]]
    outsider = client_for(officer_b).get("/ho/phieu-odk/", {"commune": commune_a.pk, "standard": "2022-2025"})
    assert outsider.status_code == 200
    assert outsider["Content-Type"].startswith("text/html")  # the form again, with an error: not that commune
    assert household.code not in outsider.content.decode()
