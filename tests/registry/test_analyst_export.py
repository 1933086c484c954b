"""Analysts' download: the unit's tables as of a date, no names or IDs (or pseudonyms), audited, scoped."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import polars as pl
import pytest

from giamngheo.core.models import AuditEvent
from giamngheo.registry.analyst_export import pseudonym
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def _download(client, unit, **extra):
    params = {"unit": unit.pk, "on": dt.date(2026, 12, 1).strftime("%d/%m/%Y"), "file_format": "parquet"}
    response = client.get("/ho/du-lieu-phan-tich/", params | extra)
    assert response.status_code == 200
    if response["Content-Type"] != "application/zip":
        return None
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name) for name in archive.namelist()}


def test_parquet_tables_hold_no_names_and_no_personal_ids_by_default(household, officer_a, commune_a):
    files = _download(client_for(officer_a), commune_a)
    assert sorted(files) == ["assessments.parquet", "households.parquet", "members.parquet"]
    households = pl.read_parquet(io.BytesIO(files["households.parquet"]))
    members = pl.read_parquet(io.BytesIO(files["members.parquet"]))
    assert households["code"].to_list() == [household.code]
    assert members.height == 3
    assert set(members["personal_id_pseudonym"].to_list()) == {""}
    text = b"".join(files.values()).decode("latin-1")
    assert "046080000123" not in text and "Hồ Văn Tâm".encode().decode("latin-1") not in text
    assert AuditEvent.objects.filter(action="export.queue").exists()


def test_pseudonyms_are_stable_and_do_not_reveal_the_number(household, officer_a, commune_a):
    files = _download(client_for(officer_a), commune_a, pseudonymise="on", file_format="csv")
    members = files["members.csv"].decode("utf-8-sig")
    assert pseudonym("046080000123") in members
    assert "046080000123" not in members
    assert pseudonym("046080000123") == pseudonym("046080000123") != pseudonym("046080000124")


def test_households_registered_after_the_date_are_not_in_it(household, officer_a, commune_a):
    files = _download(client_for(officer_a), commune_a, on="01/01/2021")
    assert pl.read_parquet(io.BytesIO(files["households.parquet"])).height == 0


def test_another_commune_cannot_download_commune_a(household, officer_b, commune_a):
    assert _download(client_for(officer_b), commune_a) is None
