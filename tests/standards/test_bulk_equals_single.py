"""Property: the bulk (many households) path equals the single-household path on random households."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giamngheo.standards import (
    HouseholdFacts,
    MemberFacts,
    classify_household,
    explain_frame,
    households_frame,
    load_standard,
    members_frame,
)
from tests.fixtures.households import province


@pytest.mark.parametrize("standard_id", ["2016-2020", "2022-2025", "2027-2030"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=province(), reference_date=st.dates(dt.date(2016, 1, 1), dt.date(2030, 12, 31)))
def test_bulk_equals_single(
    standard_id: str, sample: list[tuple[HouseholdFacts, list[MemberFacts]]], reference_date: dt.date
) -> None:
    standard = load_standard(standard_id)
    households = households_frame([facts for facts, _ in sample])
    members = members_frame([one for _, group in sample for one in group])

    bulk = explain_frame(standard, households, members, reference_date).rows(named=True)

    for (facts, group), row in zip(sample, bulk, strict=True):
        single = classify_household(standard, facts, group, reference_date)
        assert (single.category.value if single.category else None) == row["category"]
        assert single.deprived == tuple(row["deprived_indicators"])
        for verdict in single.indicators:
            assert verdict.deprived == row[f"deprived_{verdict.key}"]
            assert list(verdict.causes) == row[f"causes_{verdict.key}"]
        assert single.score_b == row["score_b"]
        assert single.low_income_worker == row["low_income_worker"]
        assert single.explanation_vi == row["explanation_vi"]
