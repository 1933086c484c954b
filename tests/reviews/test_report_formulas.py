"""The campaign report workbook never runs formulas: a hostile commune name stays text."""

from __future__ import annotations

import io

import openpyxl
import pytest

from giamngheo.geo.models import AdminUnit
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://x","y")'


def test_campaign_report_workbook_writes_a_hostile_commune_name_as_text(
    province_officer, commune_a, campaign, hue
):
    AdminUnit.objects.filter(pk=commune_a.pk).update(name=HOSTILE)
    download = client_for(province_officer).get(f"/ra-soat/{campaign.pk}/bao-cao/?unit={hue.pk}&format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    every = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in every if cell.data_type == "f"] == []
    assert HOSTILE in {cell.value for cell in every}
