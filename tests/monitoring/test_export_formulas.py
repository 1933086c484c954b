"""Monitoring workbooks never run formulas: hostile annotations and unit names stay text."""

from __future__ import annotations

import io

import openpyxl
import pytest

from giamngheo.geo.models import AdminUnit
from giamngheo.monitoring.models import Report
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "@SUM(A1)"]


def cells(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_report_workbook_writes_hostile_annotations_as_text(reporting_round, officer_a, commune_a):
    report = Report.objects.get(round=reporting_round, unit=commune_a)
    annotations = dict(zip(("summary", "difficulties", "proposals"), HOSTILE, strict=True))
    Report.objects.filter(pk=report.pk).update(**annotations)
    every = cells(client_for(officer_a).get(f"/giam-sat/bao-cao/{report.pk}/xuat.xlsx"))
    assert [cell.coordinate for cell in every if cell.data_type == "f"] == []
    assert {cell.value for cell in every} >= set(HOSTILE)


def test_round_workbook_writes_a_hostile_unit_name_as_text(reporting_round, province_officer, commune_a):
    AdminUnit.objects.filter(pk=commune_a.pk).update(name=HOSTILE[0])
    every = cells(client_for(province_officer).get(f"/giam-sat/dot/{reporting_round.pk}/tinh-hinh.xlsx"))
    assert [cell.coordinate for cell in every if cell.data_type == "f"] == []
    assert HOSTILE[0] in {cell.value for cell in every}
