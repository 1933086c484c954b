"""Compact stored explanations: expanding the stored form gives back exactly the full document."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from conftest import REFERENCE_DATE, household, member
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giamngheo.standards import (
    HouseholdFacts,
    MemberFacts,
    StandardDataError,
    apply_override,
    classify_household,
    load_standard,
)
from giamngheo.standards.explanation_store import compact, expand, full_document, is_compact
from tests.fixtures.households import province


def stored(document: dict) -> dict:
    """What a JSON column gives back."""
    return json.loads(json.dumps(document))


def poor_document(standard_id: str = "2022-2025") -> dict:
    facts = household(income_per_capita=900_000, latrine="simple_pit", water_source="surface_water")
    people = [member(1, health_insurance=False), member(2, age=9, in_school=False, full_name='Lò "Bé"\n')]
    result = classify_household(load_standard(standard_id), facts, people, REFERENCE_DATE)
    return full_document(result)


@pytest.mark.parametrize("standard_id", ["2016-2020", "2022-2025", "2027-2030"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=province(), reference_date=st.dates(dt.date(2016, 1, 1), dt.date(2030, 12, 31)))
def test_expand_of_compact_is_the_full_document(
    standard_id: str, sample: list[tuple[HouseholdFacts, list[MemberFacts]]], reference_date: dt.date
) -> None:
    standard = load_standard(standard_id)
    for facts, members in sample:
        document = full_document(classify_household(standard, facts, members, reference_date))
        kept = stored(compact(document))
        assert is_compact(kept)
        assert expand(kept) == stored(document)
        assert expand(kept, standard) == stored(document)


def test_the_compact_form_keeps_only_what_varies():
    document = poor_document()
    kept = compact(document)
    assert document["category"] == "poor"
    assert set(kept["causes"]) == {"health_insurance", "child_schooling", "latrine", "water_source"}
    assert "indicators" not in kept and "support_lines" not in kept
    assert len(json.dumps(kept, ensure_ascii=False)) < len(json.dumps(document, ensure_ascii=False)) / 3


def test_a_row_stored_in_the_full_form_reads_unchanged():
    document = stored(poor_document())
    assert not is_compact(document)
    assert expand(document) == document
    assert expand({}) == {}
    assert compact({}) == {}


def test_a_standard_that_is_not_shipped_keeps_the_full_form():
    base = load_standard("2022-2025")
    local = apply_override(
        {
            "base": "2022-2025",
            "source": "Nghị quyết HĐND tỉnh (thử)",
            "confidence": "U",
            "income_lines": {"rural": 2_000_000, "urban": 2_500_000},
        },
        origin="test.toml",
    )
    facts = household(income_per_capita=1_600_000, latrine="simple_pit")
    document = full_document(classify_household(local, facts, [member(1)], REFERENCE_DATE))
    assert document["standard"] != base.id
    assert compact(document) == stored(document)
    assert not is_compact(compact(document))


def test_a_document_whose_text_differs_from_the_standard_keeps_the_full_form():
    document = stored(poor_document())
    document["indicators"][0]["name_vi"] = "Tên đã sửa tay"
    assert compact(document) == document


def test_a_corrected_standard_text_changes_the_reading_not_the_verdicts():
    standard = load_standard("2022-2025")
    kept = stored(compact(poor_document()))
    first = standard.indicators[0]
    corrected = replace(
        standard, indicators=(replace(first, name_vi="Tên chỉ số đã đính chính"), *standard.indicators[1:])
    )
    before, after = expand(kept, standard), expand(kept, corrected)
    assert after["indicators"][0]["name_vi"] == "Tên chỉ số đã đính chính"
    for old, new in zip(before["indicators"], after["indicators"], strict=True):
        assert (old["deprived"], old["causes"]) == (new["deprived"], new["causes"])
    same = ("category", "deprived", "score_b", "income_gap", "suggested_removals", "explanation_vi")
    assert {key: before[key] for key in same} == {key: after[key] for key in same}


def test_expand_refuses_another_standard():
    kept = compact(poor_document("2022-2025"))
    with pytest.raises(StandardDataError):
        expand(kept, load_standard("2027-2030"))
