"""The bulk (Polars) compact explanation equals the single path's stored one, household by household."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from giamngheo.demo.synthetic import generate
from giamngheo.standards import explain_frame, load_standard
from giamngheo.standards.explanation_json import compact_json_expression
from giamngheo.standards.explanation_store import compact, expand, full_document
from giamngheo.standards.single import result_from_row


@pytest.mark.parametrize(
    ("standard_id", "profile"),
    [
        ("2022-2025", "poor_mountainous_district"),
        ("2027-2030", "province"),
        ("2022-2025", "urban_ward"),
        ("2016-2020", "poor_mountainous_district"),
    ],
)
def test_every_row_equals_the_single_path(standard_id, profile):
    standard = load_standard(standard_id)
    households, members = generate(400, seed=23, poverty_profile=profile)
    # Names with quotes, backslashes and line breaks must come out as the same JSON strings.
    members = members.with_columns(
        members.get_column("full_name").str.replace(r"^(\S+)", '${1} "Ba\\\\Tư"\n')
    )
    explained = explain_frame(standard, households, members, dt.date(2026, 12, 1))
    texts = explained.select(compact_json_expression(standard)).to_series().to_list()
    causes = 0
    for row, text in zip(explained.iter_rows(named=True), texts, strict=True):
        document = full_document(result_from_row(standard, row))
        bulk = json.loads(text)
        assert bulk == json.loads(json.dumps(compact(document)))
        assert expand(bulk) == json.loads(json.dumps(document))
        causes += len(bulk["causes"])
    assert causes > 0  # the cases include deprived households, so causes are compared too
