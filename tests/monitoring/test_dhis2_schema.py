"""Our DHIS2 dataValueSets files (JSON and CSV) validate against DHIS2's documented payload schema."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema_rs
import pytest

from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.dhis2 import data_value_set_csv, data_value_set_json
from giamngheo.monitoring.models import IndicatorValue
from giamngheo.monitoring.services import indicator_value_set
from giamngheo.programs.models import Indicator, IndicatorSource

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parents[1] / "fixtures/dhis2/data_value_set.schema.json").read_text())
VALIDATOR = jsonschema_rs.Draft202012Validator(SCHEMA)
# DHIS2 reads a dataValueSets CSV by column position, in this documented order.
CSV_FIELDS = [
    "dataElement", "period", "orgUnit", "categoryOptionCombo", "attributeOptionCombo", "value", "storedBy",
    "lastUpdated", "comment", "followup",
]  # fmt: skip


@pytest.fixture
def values(plan_program, province_officer, hue, commune_a):
    indicator = Indicator.objects.filter(source=IndicatorSource.ENTERED).order_by("code").first()
    for kind, number, unit, value in [
        ("year", 1, hue, "12.5"),
        ("half_year", 2, commune_a, "7"),
        ("quarter", 3, commune_a, "0.25"),
        ("month", 11, hue, "99"),
        ("nine_months", 1, hue, "3"),  # DHIS2 has no nine-month period: left out of the file
    ]:
        indicator_value_set(
            actor=province_officer, indicator=indicator, unit=unit, value=Decimal(value), note="=1+1",
            period=period_get_or_create(year=2026, kind=kind, number=number),
        )  # fmt: skip
    return IndicatorValue.objects.select_related("indicator", "unit", "period")


def errors(payload) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(payload)]


def test_the_json_export_validates_against_the_dhis2_schema(values):
    payload = json.loads(data_value_set_json(values))

    assert errors(payload) == []
    assert sorted(row["period"] for row in payload["dataValues"]) == ["2026", "202611", "2026Q3", "2026S2"]


def test_the_csv_export_validates_row_by_row(values):
    rows = list(csv.reader(io.StringIO(data_value_set_csv(values))))[1:]
    data_values = [
        {
            field: (cell == "true" if field == "followup" else cell)
            for field, cell in zip(CSV_FIELDS, row, strict=True)
            if cell != ""
        }
        for row in rows
    ]
    payload = {"dataElementIdScheme": "CODE", "orgUnitIdScheme": "CODE", "dataValues": data_values}

    assert len(data_values) == 4
    assert errors(payload) == []


def row(**changes):
    return {"dataElement": "X", "period": "2026", "orgUnit": "46", "value": "1", **changes}


CODES = {"dataElementIdScheme": "CODE", "orgUnitIdScheme": "CODE"}


@pytest.mark.parametrize(
    "broken",
    [
        {"dataValues": [row()]},  # codes without an id scheme
        {**CODES, "dataValues": [{"dataElement": "X", "value": "1", "orgUnit": "46"}]},  # no period
        {"idScheme": "CODE", "dataValues": [row(period="2026N9")]},
        {"idScheme": "CODE", "dataValues": [row(value=1)]},  # a number, not a string
        {"idScheme": "CODE", "dataValues": [row(unit="x")]},
        {"idScheme": "ID", "dataValues": []},
    ],
)
def test_the_schema_refuses_what_dhis2_refuses(broken):
    assert errors(broken) != []


def test_the_documented_example_validates():
    example = {
        "dataSet": "pBOMPrpg1QX",
        "completeDate": "2014-02-03",
        "period": "201401",
        "orgUnit": "DiszpKrYNg8",
        "dataValues": [
            {"dataElement": "f7n9E0hX8qk", "value": "12"},
            {"dataElement": "Ix2HsbDMLea", "value": "14"},
        ],
    }
    assert errors(example) == []
