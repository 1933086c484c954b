"""Golden cases: one row per legal boundary, checked on the single and the bulk path."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl
import pytest
from conftest import REFERENCE_DATE, household, member, with_deprivations

from giamngheo.standards import (
    HouseholdFacts,
    MemberFacts,
    apply_override,
    classify_frame,
    classify_household,
    households_frame,
    load_standard,
    members_frame,
)
from giamngheo.standards.model import Standard

HEAD = member(1, 40)
OVERRIDE = {
    "base": "2022-2025",
    "id": "2022-2025+test",
    "source": "Nghị quyết thử nghiệm/NQ-HĐND",
    "confidence": "C",
    "income_lines": {"rural": 1_800_000},
    "average_lines": {"rural": 2_700_000},
    "indicators": {"housing_area": {"min_area_per_person": 10.0, "threshold_vi": "dưới 10 m²/người"}},
}


@dataclass(frozen=True)
class Case:
    name: str
    household: HouseholdFacts
    members: tuple[MemberFacts, ...]
    category: str | None
    deprived: frozenset[str]
    standard: str = "2022-2025"
    reference_date: dt.date = REFERENCE_DATE
    low_income_worker: bool | str | None = "skip"
    extra: dict[str, Any] = field(default_factory=dict)


def case(name: str, members: list[MemberFacts], category: str, deprived: set[str], **options: Any) -> Case:
    facts = options.pop("household", {})
    return Case(name, household(**facts), tuple(members), category, frozenset(deprived), **options)


def income_case(
    name: str, standard: str, area: str, income: int, count: int, category: str, **options: Any
) -> Case:
    facts, keys = with_deprivations(
        count, **({"area": area, "income_per_capita": income} | options.pop("household_override", {}))
    )
    return case(name, [HEAD], category, keys, standard=standard, household=facts, **options)


CASES = [
    # Health insurance: aged 6 or older (ages 5/6).
    case("hi_age5_no_card", [HEAD, member(2, 5, health_insurance=False)], "near_poor", set()),
    case("hi_age6_no_card", [HEAD, member(2, 6, health_insurance=False)], "near_poor", {"health_insurance"}),
    case("hi_head_no_card", [member(1, 34, health_insurance=False)], "near_poor", {"health_insurance"}),
    # Nutrition: children under 16 (ages 15/16).
    case(
        "nutrition_age15_stunted",
        [HEAD, member(2, 15, nutrition="stunted", education="primary")],
        "near_poor",
        {"nutrition"},
    ),
    case(
        "nutrition_age15_underweight",
        [HEAD, member(2, 15, nutrition="underweight")],
        "near_poor",
        {"nutrition"},
    ),
    case(
        "nutrition_age16_stunted",
        [HEAD, member(2, 16, nutrition="stunted", education="lower_secondary")],
        "near_poor",
        set(),
    ),
    case("nutrition_age4_normal", [HEAD, member(2, 4, nutrition="normal")], "near_poor", set()),
    # Adult education: 16–17 need lower secondary; 18–30 upper secondary or vocational.
    # Boundaries: ages 15/16, 17/18, 30/31.
    case(
        "education_age15_primary_out_of_school",
        [HEAD, member(2, 15, in_school=False)],
        "near_poor",
        {"child_schooling"},
    ),
    case(
        "education_age16_primary_out_of_school",
        [HEAD, member(2, 16, in_school=False)],
        "near_poor",
        {"adult_education"},
    ),
    case(
        "education_age16_lower_secondary",
        [HEAD, member(2, 16, education="lower_secondary", in_school=False)],
        "near_poor",
        set(),
    ),
    case(
        "education_age17_lower_secondary",
        [HEAD, member(2, 17, education="lower_secondary", in_school=False)],
        "near_poor",
        set(),
    ),
    case(
        "education_age18_lower_secondary",
        [HEAD, member(2, 18, education="lower_secondary", in_school=False)],
        "near_poor",
        {"adult_education"},
    ),
    case(
        "education_age18_vocational",
        [HEAD, member(2, 18, education="vocational_elementary", in_school=False)],
        "near_poor",
        set(),
    ),
    case(
        "education_age18_studying",
        [HEAD, member(2, 18, education="lower_secondary", in_school=True)],
        "near_poor",
        set(),
    ),
    case(
        "education_age30_primary",
        [HEAD, member(2, 30, education="primary")],
        "near_poor",
        {"adult_education"},
    ),
    case("education_age31_primary", [HEAD, member(2, 31, education="primary")], "near_poor", set()),
    # Child schooling: 3 to under 16.
    case("schooling_age2_not_in_school", [HEAD, member(2, 2, in_school=False)], "near_poor", set()),
    case(
        "schooling_age3_not_in_school",
        [HEAD, member(2, 3, in_school=False)],
        "near_poor",
        {"child_schooling"},
    ),
    case(
        "schooling_age15_not_in_school_ok_education",
        [HEAD, member(2, 15, in_school=False, education="lower_secondary")],
        "near_poor",
        {"child_schooling"},
    ),
    # Housing area: under 8 m² per person (7.9 / 8.0).
    case(
        "area_7_9_per_person",
        [HEAD, member(2, 38)],
        "near_poor",
        {"housing_area"},
        household={"floor_area_m2": 15.8},
    ),
    case("area_8_0_per_person", [HEAD, member(2, 38)], "near_poor", set(), household={"floor_area_m2": 16.0}),
    case(
        "area_exactly_8_three_people",
        [HEAD, member(2, 38), member(3, 12)],
        "near_poor",
        set(),
        household={"floor_area_m2": 24.0},
    ),
    case(
        "area_7_97_three_people",
        [HEAD, member(2, 38), member(3, 12)],
        "near_poor",
        {"housing_area"},
        household={"floor_area_m2": 23.9},
    ),
    # Housing quality: at least 2 of 3 structures non-durable, or no house.
    case(
        "house_one_structure_non_durable",
        [HEAD],
        "near_poor",
        set(),
        household={"roof_material": "leaves_straw"},
    ),
    case(
        "house_two_structures_non_durable",
        [HEAD],
        "near_poor",
        {"housing_quality"},
        household={"roof_material": "leaves_straw", "walls_material": "bamboo_wood"},
    ),
    case(
        "house_three_structures_non_durable",
        [HEAD],
        "near_poor",
        {"housing_quality"},
        household={
            "roof_material": "leaves_straw",
            "walls_material": "earth",
            "foundation_material": "earth",
        },
    ),
    case(
        "house_metal_roof_is_durable",
        [HEAD],
        "near_poor",
        set(),
        household={"roof_material": "metal_sheet", "walls_material": "bamboo_wood"},
    ),
    case(
        "no_house",
        [HEAD],
        "near_poor",
        {"housing_quality", "housing_area"},
        household={"has_house": False, "floor_area_m2": 0.0},
    ),
    # Water and latrine code lists.
    case("water_surface", [HEAD], "near_poor", {"water_source"}, household={"water_source": "surface_water"}),
    case(
        "water_protected_dug_well",
        [HEAD],
        "near_poor",
        set(),
        household={"water_source": "protected_dug_well"},
    ),
    case(
        "water_unprotected_spring",
        [HEAD],
        "near_poor",
        {"water_source"},
        household={"water_source": "unprotected_spring"},
    ),
    case("latrine_simple_pit", [HEAD], "near_poor", {"latrine"}, household={"latrine": "simple_pit"}),
    case("latrine_semi_septic", [HEAD], "near_poor", set(), household={"latrine": "semi_septic"}),
    case("latrine_none", [HEAD], "near_poor", {"latrine"}, household={"latrine": "none"}),
    # Information.
    case("telecom_no_internet", [HEAD], "near_poor", {"telecom"}, household={"internet_use": False}),
    case(
        "information_no_device",
        [HEAD],
        "near_poor",
        {"information_means"},
        household={"has_television": False, "has_smartphone": False, "loudspeaker_access": False},
    ),
    case(
        "information_radio_only",
        [HEAD],
        "near_poor",
        set(),
        household={
            "has_television": False,
            "has_smartphone": False,
            "loudspeaker_access": False,
            "has_radio": True,
        },
    ),
    # Employment: working age 15 – 60 (men) / 55 (women).
    case("employment_unemployed_30", [member(1, 30, employment="unemployed")], "near_poor", {"employment"}),
    case(
        "employment_wage_without_contract",
        [member(1, 30, employment="wage_without_contract")],
        "near_poor",
        {"employment"},
    ),
    case(
        "employment_wage_with_contract", [member(1, 30, employment="wage_with_contract")], "near_poor", set()
    ),
    case("employment_unemployed_14", [HEAD, member(2, 14, employment="unemployed")], "near_poor", set()),
    case(
        "employment_unemployed_15",
        [HEAD, member(2, 15, employment="unemployed", education="lower_secondary")],
        "near_poor",
        {"employment"},
    ),
    case(
        "employment_male_60_unemployed",
        [HEAD, member(2, 60, employment="unemployed")],
        "near_poor",
        {"employment"},
    ),
    case("employment_male_61_unemployed", [HEAD, member(2, 61, employment="unemployed")], "near_poor", set()),
    case(
        "employment_female_55_unemployed",
        [HEAD, member(2, 55, sex="female", employment="unemployed")],
        "near_poor",
        {"employment"},
    ),
    case(
        "employment_female_56_unemployed",
        [HEAD, member(2, 56, sex="female", employment="unemployed")],
        "near_poor",
        set(),
    ),
    # Dependants: more than half of the members.
    case("dependants_two_of_three", [HEAD, member(2, 8), member(3, 10)], "near_poor", {"dependants"}),
    case("dependants_two_of_four", [HEAD, member(2, 38), member(3, 8), member(4, 10)], "near_poor", set()),
    case("dependants_one_of_two", [HEAD, member(2, 8)], "near_poor", set()),
    case(
        "dependants_severe_disability",
        [HEAD, member(2, 38, disability="very_severe"), member(3, 8)],
        "near_poor",
        {"dependants"},
    ),
    case(
        "dependants_elderly_without_allowance_2022",
        [HEAD, member(2, 70), member(3, 72)],
        "near_poor",
        {"dependants"},
    ),
    case(
        "dependants_elderly_without_allowance_2027",
        [HEAD, member(2, 70), member(3, 72)],
        "near_poor",
        set(),
        standard="2027-2030",
        household={"income_per_capita": 2_000_000},
    ),
    case(
        "dependants_elderly_with_allowance_2027",
        [HEAD, member(2, 70, social_allowance=True), member(3, 72, social_allowance=True)],
        "near_poor",
        {"dependants"},
        standard="2027-2030",
        household={"income_per_capita": 2_000_000},
    ),
    # Income line, 2 vs 3 deprivations, urban vs rural (2022–2025).
    income_case("rural_at_line_3", "2022-2025", "rural", 1_500_000, 3, "poor"),
    income_case("rural_at_line_2", "2022-2025", "rural", 1_500_000, 2, "near_poor"),
    income_case("rural_above_line_3", "2022-2025", "rural", 1_500_001, 3, "average", low_income_worker=True),
    income_case("rural_average_top", "2022-2025", "rural", 2_250_000, 0, "average", low_income_worker=True),
    income_case(
        "rural_above_average", "2022-2025", "rural", 2_250_001, 3, "not_poor", low_income_worker=False
    ),
    income_case("urban_at_line_3", "2022-2025", "urban", 2_000_000, 3, "poor", low_income_worker=False),
    income_case("urban_above_line_3", "2022-2025", "urban", 2_000_001, 3, "average"),
    income_case("urban_below_line_0", "2022-2025", "urban", 1_800_000, 0, "near_poor"),
    income_case("urban_average_top", "2022-2025", "urban", 3_000_000, 1, "average", low_income_worker=True),
    income_case("urban_above_average", "2022-2025", "urban", 3_000_001, 0, "not_poor"),
    # Score A path (Circular 07/2021: 140 rural, 175 urban).
    income_case(
        "score_rural_140_3",
        "2022-2025",
        "rural",
        0,
        3,
        "poor",
        household_override={"income_per_capita": None, "income_score": 140},
    ),
    income_case(
        "score_rural_141_3",
        "2022-2025",
        "rural",
        0,
        3,
        "not_poor",
        household_override={"income_per_capita": None, "income_score": 141},
        low_income_worker=None,
    ),
    income_case(
        "score_urban_175_2",
        "2022-2025",
        "urban",
        0,
        2,
        "near_poor",
        household_override={"income_per_capita": None, "income_score": 175},
    ),
    # 2016–2020: two income tiers.
    income_case("2016_rural_700k_0", "2016-2020", "rural", 700_000, 0, "poor", low_income_worker=None),
    income_case("2016_rural_700001_3", "2016-2020", "rural", 700_001, 3, "poor"),
    income_case("2016_rural_700001_2", "2016-2020", "rural", 700_001, 2, "near_poor"),
    income_case("2016_rural_1m_2", "2016-2020", "rural", 1_000_000, 2, "near_poor"),
    income_case("2016_rural_1m_plus_3", "2016-2020", "rural", 1_000_001, 3, "average"),
    income_case("2016_rural_1_5m_plus", "2016-2020", "rural", 1_500_001, 0, "not_poor"),
    income_case("2016_urban_900k_0", "2016-2020", "urban", 900_000, 0, "poor"),
    income_case("2016_urban_1_3m_2", "2016-2020", "urban", 1_300_000, 2, "near_poor"),
    income_case("2016_urban_1_3m_plus_3", "2016-2020", "urban", 1_300_001, 3, "average"),
    income_case("2016_urban_1_95m_plus", "2016-2020", "urban", 1_950_001, 0, "not_poor"),
    case(
        "2016_schooling_age4",
        [HEAD, member(2, 4, in_school=False)],
        "poor",
        set(),
        standard="2016-2020",
        household={"income_per_capita": 600_000},
    ),
    case(
        "2016_schooling_age5",
        [HEAD, member(2, 5, in_school=False)],
        "poor",
        {"child_schooling"},
        standard="2016-2020",
        household={"income_per_capita": 600_000},
    ),
    case(
        "2016_adult_education_age15",
        [HEAD, member(2, 15, in_school=False)],
        "near_poor",
        {"adult_education"},
        standard="2016-2020",
        household={"income_per_capita": 800_000},
    ),
    case(
        "2016_health_service_access",
        [member(1, 40, ill_untreated=True)],
        "near_poor",
        {"health_service_access"},
        standard="2016-2020",
        household={"income_per_capita": 800_000},
    ),
    case(
        "2016_telecom_phone_only",
        [HEAD],
        "near_poor",
        set(),
        standard="2016-2020",
        household={"income_per_capita": 800_000, "internet_use": False},
    ),
    case(
        "2016_telecom_nothing",
        [HEAD],
        "near_poor",
        {"telecom"},
        standard="2016-2020",
        household={"income_per_capita": 800_000, "internet_use": False, "phone_use": False},
    ),
    # 2027–2030 (Decree 351/2025).
    income_case("2027_rural_at_line_3", "2027-2030", "rural", 2_200_000, 3, "poor"),
    income_case(
        "2027_rural_above_line_3", "2027-2030", "rural", 2_200_001, 3, "average", low_income_worker=True
    ),
    income_case("2027_urban_at_line_2", "2027-2030", "urban", 2_800_000, 2, "near_poor"),
    income_case("2027_urban_above_average", "2027-2030", "urban", 4_200_001, 0, "not_poor"),
    case(
        "2027_waste",
        [HEAD],
        "near_poor",
        {"waste_treatment"},
        standard="2027-2030",
        household={"waste_treatment": False},
    ),
    case(
        "2027_no_digital",
        [HEAD],
        "near_poor",
        {"digital_services"},
        standard="2027-2030",
        household={"internet_use": False, "digital_services_use": False},
    ),
    case(
        "2027_digital_without_internet",
        [HEAD],
        "near_poor",
        set(),
        standard="2027-2030",
        household={"internet_use": False},
    ),
    case(
        "2027_no_information_indicator",
        [HEAD],
        "near_poor",
        set(),
        standard="2027-2030",
        household={"has_television": False, "has_smartphone": False, "loudspeaker_access": False},
    ),
    # Local override: higher rural line, larger housing-area threshold.
    income_case("override_rural_1_7m_3", "override", "rural", 1_700_000, 3, "poor"),
    income_case("override_rural_1_8m_plus_3", "override", "rural", 1_800_001, 3, "average"),
    case(
        "override_area_9_per_person",
        [HEAD, member(2, 38)],
        "near_poor",
        {"housing_area"},
        standard="override",
        household={"floor_area_m2": 18.0},
    ),
    case(
        "override_area_10_per_person",
        [HEAD, member(2, 38)],
        "near_poor",
        set(),
        standard="override",
        household={"floor_area_m2": 20.0},
    ),
    # Ages from full birth dates at the reference date.
    case(
        "birth_date_day_before_6th_birthday",
        [
            HEAD,
            member(
                2, 0, birth_year=None, birth_date=dt.date(2019, 10, 2), health_insurance=False, in_school=True
            ),
        ],
        "near_poor",
        set(),
    ),
    case(
        "birth_date_on_6th_birthday",
        [
            HEAD,
            member(
                2, 0, birth_year=None, birth_date=dt.date(2019, 10, 1), health_insurance=False, in_school=True
            ),
        ],
        "near_poor",
        {"health_insurance"},
    ),
    case(
        "leap_day_birth_28_feb",
        [
            HEAD,
            member(
                2, 0, birth_year=None, birth_date=dt.date(2020, 2, 29), health_insurance=False, in_school=True
            ),
        ],
        "near_poor",
        set(),
        reference_date=dt.date(2026, 2, 28),
    ),
    case(
        "leap_day_birth_1_march",
        [
            HEAD,
            member(
                2, 0, birth_year=None, birth_date=dt.date(2020, 2, 29), health_insurance=False, in_school=True
            ),
        ],
        "near_poor",
        {"health_insurance"},
        reference_date=dt.date(2026, 3, 1),
    ),
    case(
        "birth_year_only_age_is_year_difference",
        [HEAD, member(2, 0, birth_year=2019, health_insurance=False, in_school=True)],
        "near_poor",
        {"health_insurance"},
        reference_date=dt.date(2025, 1, 1),
    ),
    # Missing facts never cause a deprivation; a missing income leaves the household unclassified.
    case("unknown_health_insurance", [HEAD, member(2, 30, health_insurance=None)], "near_poor", set()),
    case("no_income_no_score", [HEAD], None, set(), household={"income_per_capita": None}),  # type: ignore[arg-type]
]


def resolve(case: Case) -> tuple[Standard, HouseholdFacts]:
    standard = (
        apply_override(OVERRIDE, origin="test")
        if case.standard == "override"
        else load_standard(case.standard)
    )
    return standard, case.household


def test_there_are_at_least_60_cases() -> None:
    assert len(CASES) >= 60
    assert len({item.name for item in CASES}) == len(CASES)


@pytest.mark.parametrize("golden", CASES, ids=[item.name for item in CASES])
def test_single_household(golden: Case) -> None:
    standard, facts = resolve(golden)

    result = classify_household(standard, facts, list(golden.members), golden.reference_date)

    assert (result.category.value if result.category else None) == golden.category
    assert set(result.deprived) == golden.deprived
    assert result.deprivation_count == len(golden.deprived)
    assert result.score_b == 10 * len(golden.deprived)
    if golden.low_income_worker != "skip":
        assert result.low_income_worker is golden.low_income_worker


@pytest.mark.parametrize("standard_id", ["2016-2020", "2022-2025", "2027-2030", "override"])
def test_bulk_matches_golden_cases(standard_id: str) -> None:
    cases = [item for item in CASES if item.standard == standard_id]
    by_date: dict[dt.date, list[Case]] = {}
    for item in cases:
        by_date.setdefault(item.reference_date, []).append(item)
    for reference_date, group in by_date.items():
        standard, _ = resolve(group[0])
        households = households_frame([_recode(item.household, index) for index, item in enumerate(group)])
        members = members_frame(
            [_recode_member(one, index) for index, item in enumerate(group) for one in item.members]
        )

        result = classify_frame(standard, households, members, reference_date)

        assert result["category"].to_list() == [item.category for item in group]
        assert result["deprivation_count"].to_list() == [len(item.deprived) for item in group]
        for key in standard.indicator_keys:
            assert result[f"deprived_{key}"].to_list() == [key in item.deprived for item in group], key


def _recode(facts: HouseholdFacts, index: int) -> HouseholdFacts:
    from dataclasses import replace

    return replace(facts, household_code=f"G{index}")


def _recode_member(facts: MemberFacts, index: int) -> MemberFacts:
    from dataclasses import replace

    return replace(facts, household_code=f"G{index}")


def test_result_frame_keeps_input_order_and_types() -> None:
    standard = load_standard("2022-2025")
    households = households_frame([household("B"), household("A"), household("C", area="urban")])
    members = members_frame([member(1, 40, code="A"), member(1, 40, code="B"), member(1, 40, code="C")])

    result = classify_frame(standard, households, members, REFERENCE_DATE)

    assert result["household_code"].to_list() == ["B", "A", "C"]
    assert result.schema["deprivation_count"] == pl.Int64
    assert result["standard"].unique().to_list() == ["2022-2025"]
