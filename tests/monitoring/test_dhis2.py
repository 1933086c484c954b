"""DHIS2 dataValueSets: codes and DHIS2 periods out, the same values back in, entered indicators only."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.dhis2 import (
    data_value_set_csv,
    data_value_set_json,
    dhis2_period,
    period_from_dhis2,
)
from giamngheo.monitoring.models import IndicatorValue
from giamngheo.monitoring.services import indicator_value_set
from giamngheo.programs.models import Indicator, IndicatorSource
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "number", "period_id"),
    [("year", 1, "2026"), ("half_year", 2, "2026S2"), ("quarter", 3, "2026Q3"), ("month", 11, "202611")],
)
def test_periods_go_to_dhis2_and_back(kind, number, period_id):
    period = period_get_or_create(year=2026, kind=kind, number=number)
    assert dhis2_period(period) == period_id
    assert period_from_dhis2(period_id) == (2026, kind, number)


def test_nine_months_and_malformed_periods_have_no_dhis2_id():
    assert dhis2_period(period_get_or_create(year=2026, kind="nine_months", number=1)) is None
    for bad in ("2026W5", "202613", "26", "2026Q5", ""):
        assert period_from_dhis2(bad) is None


@pytest.fixture
def entered(plan_program, province_officer, hue, commune_a):
    indicator = Indicator.objects.filter(source=IndicatorSource.ENTERED).order_by("code").first()
    assert indicator is not None
    year = period_get_or_create(year=2026, kind="year", number=1)
    indicator_value_set(
        actor=province_officer, indicator=indicator, unit=hue, period=year, value=Decimal("12.5")
    )
    indicator_value_set(
        actor=province_officer,
        indicator=indicator,
        unit=commune_a,
        period=year,
        value=Decimal("7"),
        note="=1+1",
    )
    return indicator


def test_export_then_import_gives_the_same_values(entered, province_officer, hue, commune_a):
    client = client_for(province_officer)
    response = client.get("/giam-sat/dhis2/", {"unit": hue.pk, "year": 2026, "file_format": "json"})
    payload = json.loads(response.content)
    assert payload["dataElementIdScheme"] == "CODE"
    values = {(row["orgUnit"], row["value"]) for row in payload["dataValues"]}
    assert values == {(hue.code, "12.5"), (commune_a.code, "7")}
    assert all(
        row["dataElement"] == entered.code and row["period"] == "2026" for row in payload["dataValues"]
    )
    IndicatorValue.objects.all().delete()
    upload = SimpleUploadedFile("dataValueSets.json", response.content)
    result = client.post("/giam-sat/dhis2/", {"file": upload})
    assert result.status_code == 200 and result.context["result"].written == 2
    stored = dict(IndicatorValue.objects.values_list("unit__code", "value"))
    assert stored == {hue.code: Decimal("12.5"), commune_a.code: Decimal("7")}


def test_csv_export_is_formula_safe(entered):
    text = data_value_set_csv(IndicatorValue.objects.select_related("indicator", "unit", "period"))
    assert text.splitlines()[0].startswith("dataelement,period,orgunit,catoptcombo")
    assert "'=1+1" in text


def test_a_bad_row_writes_nothing_and_names_row_and_field(entered, province_officer, hue, son_la):
    computed = Indicator.objects.filter(source=IndicatorSource.COMPUTED).first()
    rows = [
        {"dataElement": entered.code, "period": "2026", "orgUnit": hue.code, "value": "3"},
        {"dataElement": entered.code, "period": "2026", "orgUnit": son_la.code, "value": "3"},
        {"dataElement": computed.code, "period": "2026W1", "orgUnit": hue.code, "value": "abc"},
    ]
    before = list(IndicatorValue.objects.values_list("pk", "value"))
    upload = SimpleUploadedFile("x.json", json.dumps({"dataValues": rows}).encode())
    response = client_for(province_officer).post("/giam-sat/dhis2/", {"file": upload})
    assert response.status_code == 400
    problems = {(p.row, p.field) for p in response.context["result"].problems}
    assert problems == {(2, "orgUnit"), (3, "dataElement"), (3, "period"), (3, "value")}
    assert list(IndicatorValue.objects.values_list("pk", "value")) == before


def test_another_commune_exports_nothing_of_commune_a(entered, officer_b, commune_b):
    response = client_for(officer_b).get("/giam-sat/dhis2/", {"unit": commune_b.pk, "year": 2026})
    assert json.loads(response.content)["dataValues"] == []


def test_organisation_units_of_the_province(province_officer, hue, commune_a):
    response = client_for(province_officer).get(
        "/giam-sat/dhis2/", {"unit": hue.pk, "year": 2026, "don_vi": "1"}
    )
    units = json.loads(response.content)["organisationUnits"]
    assert units[0]["code"] == hue.code and "parent" not in units[0]
    assert commune_a.code in [unit["code"] for unit in units[1:]]
    assert all(unit.get("parent") == {"code": hue.code} for unit in units[1:])
    assert data_value_set_json([]).count("dataValues") == 1
