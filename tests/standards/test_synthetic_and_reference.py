"""The synthetic generator is seedable and realistic; the engine agrees with the independent naive loop."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from bench.naive import classify_naive
from giamngheo.demo.synthetic import generate
from giamngheo.standards import classify_frame, load_standard

REFERENCE_DATE = dt.date(2025, 10, 1)


def test_same_seed_same_data() -> None:
    first = generate(300, seed=7)
    second = generate(300, seed=7)

    assert first[0].equals(second[0])
    assert first[1].equals(second[1])
    assert not generate(300, seed=8)[0].equals(first[0])


def test_generated_frames_are_valid_interchange_data() -> None:
    households, members = generate(2_000, seed=1, code_prefix="HUE-")

    assert households.schema["income_per_capita"] == pl.Int64
    assert households["household_code"].is_unique().all()
    assert households["household_code"].str.starts_with("HUE-").all()
    assert set(members["household_code"].unique()) == set(households["household_code"])
    assert members.select(pl.struct("household_code", "member_no").is_unique().all()).item()
    assert members["personal_id"].str.contains(r"^\d{12}$").all()
    assert 3.4 < members.height / households.height < 4.1


@pytest.mark.parametrize(
    ("profile", "poor_low", "poor_high"),
    [("province", 0.018, 0.032), ("poor_mountainous_district", 0.22, 0.28)],
)
def test_profiles_give_realistic_poverty_rates(profile: str, poor_low: float, poor_high: float) -> None:
    households, members = generate(10_000, seed=3, poverty_profile=profile)

    result = classify_frame(load_standard("2022-2025"), households, members, REFERENCE_DATE)

    poor_rate = (result["category"] == "poor").mean()
    assert poor_low <= poor_rate <= poor_high  # type: ignore[operator]


def test_rates_can_be_overridden() -> None:
    households, members = generate(5_000, seed=4, poor_rate=0.10, urban_share=0.5, ethnic_minority_share=0.3)

    result = classify_frame(load_standard("2022-2025"), households, members, REFERENCE_DATE)

    assert 0.08 <= (result["category"] == "poor").mean() <= 0.12  # type: ignore[operator]
    assert 0.45 <= (households["area"] == "urban").mean() <= 0.55  # type: ignore[operator]
    minority = members.filter(pl.col("member_no") == 1)["ethnicity"] != "01"
    assert 0.26 <= minority.mean() <= 0.34  # type: ignore[operator]


@pytest.mark.parametrize("standard_id", ["2016-2020", "2022-2025", "2027-2030"])
def test_engine_agrees_with_naive_loop(standard_id: str) -> None:
    standard = load_standard(standard_id)
    households, members = generate(3_000, seed=11, poverty_profile="poor_mountainous_district")

    engine = classify_frame(standard, households, members, REFERENCE_DATE)
    naive = classify_naive(standard, households, members, REFERENCE_DATE)

    assert engine.select(naive.columns).equals(naive)
