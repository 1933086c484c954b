"""The bulk explanation JSON equals the single-household path's stored explanation, household by household."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from giamngheo.demo.synthetic import generate
from giamngheo.registry.assess import explanation_json
from giamngheo.standards import explain_frame, load_standard
from giamngheo.standards.explanation_json import explanation_json_expression
from giamngheo.standards.single import result_from_row


@pytest.mark.parametrize(
    ("standard_id", "profile"),
    [("2022-2025", "poor_mountainous_district"), ("2027-2030", "province"), ("2022-2025", "urban_ward")],
)
def test_every_row_equals_the_single_path(standard_id, profile):
    standard = load_standard(standard_id)
    households, members = generate(400, seed=23, poverty_profile=profile)
    # Names with quotes, backslashes and line breaks must come out as the same JSON strings.
    members = members.with_columns(
        members.get_column("full_name").str.replace(r"^(\S+)", '${1} "Ba\\\\Tư"\n')
    )
    explained = explain_frame(standard, households, members, dt.date(2026, 12, 1))
    texts = explained.select(explanation_json_expression(standard)).to_series().to_list()
    deprived = 0
    for row, text in zip(explained.iter_rows(named=True), texts, strict=True):
        expected = json.loads(json.dumps(explanation_json(result_from_row(standard, row))))
        assert json.loads(text) == expected
        deprived += bool(expected["deprived"])
    assert deprived > 0  # the cases include deprived households, so causes are compared too
