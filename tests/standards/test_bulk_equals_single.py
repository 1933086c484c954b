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
from giamngheo.standards.loader import load_codes

CODES = load_codes()


def codes(name: str) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from(sorted(CODES[name])))


flags = st.one_of(st.none(), st.booleans())


@st.composite
def household_with_members(draw: st.DrawFn, code: str) -> tuple[HouseholdFacts, list[MemberFacts]]:
    facts = HouseholdFacts(
        household_code=code,
        area=draw(st.sampled_from(["rural", "urban"])),
        income_per_capita=draw(
            st.one_of(
                st.none(),
                st.integers(0, 4_500_000),
                st.sampled_from([1_500_000, 2_000_000, 2_200_000, 700_000]),
            )
        ),
        income_score=draw(st.one_of(st.none(), st.integers(50, 250))),
        has_house=draw(flags),
        foundation_material=draw(codes("material")),
        walls_material=draw(codes("material")),
        roof_material=draw(codes("material")),
        floor_area_m2=draw(st.one_of(st.none(), st.floats(0, 150, allow_nan=False))),
        water_source=draw(codes("water_source")),
        latrine=draw(codes("latrine")),
        internet_use=draw(flags),
        phone_use=draw(flags),
        digital_services_use=draw(flags),
        has_television=draw(flags),
        has_radio=draw(flags),
        has_computer=draw(flags),
        has_smartphone=draw(flags),
        loudspeaker_access=draw(flags),
        waste_treatment=draw(flags),
    )
    members = []
    for number in range(1, draw(st.integers(0, 7)) + 1):
        birth_date = draw(st.one_of(st.none(), st.dates(dt.date(1930, 1, 1), dt.date(2025, 9, 30))))
        members.append(
            MemberFacts(
                household_code=code,
                member_no=number,
                birth_date=birth_date,
                birth_year=draw(st.integers(1930, 2025)) if birth_date is None else None,
                sex=draw(st.sampled_from(["male", "female"])),
                employment=draw(st.sampled_from(sorted(CODES["employment"]))),
                working_capacity=draw(st.sampled_from(sorted(CODES["working_capacity"]))),
                disability=draw(st.sampled_from(sorted(CODES["disability"]))),
                social_allowance=draw(flags),
                health_insurance=draw(flags),
                education=draw(codes("education")),
                in_school=draw(flags),
                nutrition=draw(codes("nutrition")),
                ill_untreated=draw(flags),
            )
        )
    return facts, members


@st.composite
def province(draw: st.DrawFn) -> list[tuple[HouseholdFacts, list[MemberFacts]]]:
    size = draw(st.integers(1, 6))
    return [draw(household_with_members(f"H{index}")) for index in range(size)]


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
