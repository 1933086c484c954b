"""Seedable synthetic households and members that look like a Vietnamese province (for demos and benchmarks).

Each household first draws a target status (poor, near-poor, average, not poor) from the profile's rates,
then gets an income consistent with that status under the 2022–2025 lines and exactly the deprivations
needed for it (natural dependants included), so the generated rates match the targets closely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np
import polars as pl

from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, MEMBER_SCHEMA

REFERENCE_DATE = dt.date(2025, 10, 1)
LINES = {"rural": 1_500_000, "urban": 2_000_000}
STATES = ("poor", "near_poor", "average", "not_poor")
SIZE_WEIGHTS = (0.08, 0.17, 0.20, 0.27, 0.14, 0.08, 0.04, 0.015, 0.005)  # 1..9 members, mean ≈ 3.7
MINORITY_CODES = ("02", "03", "06", "07", "08", "09", "10", "12", "13", "26", "31")
FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
MIDDLE_NAMES = {
    "male": ("Văn", "Hữu", "Đức", "Minh", "Quang"),
    "female": ("Thị", "Ngọc", "Thu", "Thanh", "Mai"),
}
GIVEN_NAMES = (
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Nam",
    "Sơn",
    "Tâm",
    "Vy",
)
# Indicators the generator can switch on, with relative frequencies among poor households.
INJECTABLE = (
    ("health_insurance", 1.0),
    ("employment", 1.2),
    ("adult_education", 1.0),
    ("child_schooling", 0.5),
    ("nutrition", 0.8),
    ("housing_quality", 1.0),
    ("housing_area", 0.8),
    ("water_source", 1.2),
    ("latrine", 1.5),
    ("telecom", 0.8),
    ("information_means", 0.5),
)


@dataclass(frozen=True)
class PovertyProfile:
    """Target rates of an area (shares of households)."""

    poor_rate: float
    near_poor_rate: float
    average_rate: float
    urban_share: float
    ethnic_minority_share: float


PROFILES = {
    "province": PovertyProfile(0.025, 0.03, 0.06, 0.35, 0.05),
    "poor_mountainous_district": PovertyProfile(0.25, 0.15, 0.15, 0.08, 0.85),
    "urban_ward": PovertyProfile(0.004, 0.008, 0.03, 0.95, 0.01),
}


def generate(
    households: int,
    seed: int = 0,
    poverty_profile: str | PovertyProfile = "province",
    *,
    code_prefix: str = "H",
    **rates: float,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Generate (households, members) frames in the interchange schema.

    `rates` may override any PovertyProfile field, e.g. generate(1000, poor_rate=0.1, urban_share=0.5).
    """
    profile = PROFILES[poverty_profile] if isinstance(poverty_profile, str) else poverty_profile
    profile = replace(profile, **rates)
    rng = np.random.default_rng(seed)
    n = households
    urban = rng.random(n) < profile.urban_share
    shares = np.array([profile.poor_rate, profile.near_poor_rate, profile.average_rate])
    state = rng.choice(4, size=n, p=[*shares, 1 - shares.sum()])
    size = rng.choice(np.arange(1, 10), size=n, p=SIZE_WEIGHTS) + (state == 0) * rng.integers(0, 2, n)
    members = _members(rng, size, rng.random(n) < profile.ethnic_minority_share)
    natural = _natural_dependants(members, size)
    target = _target_deprivations(rng, state)
    chosen = _choose_indicators(rng, members, np.maximum(target - natural, 0))
    members = _inject_members(rng, members, chosen)
    household_frame = _households(
        rng, n, urban=urban, state=state, size=size, chosen=chosen, code_prefix=code_prefix
    )
    codes = household_frame["household_code"].to_numpy()
    members = members.with_columns(pl.Series("household_code", codes[members["_household"].to_numpy()]))
    return household_frame, members.select(list(MEMBER_SCHEMA))


def _members(rng: np.random.Generator, size: np.ndarray, minority: np.ndarray) -> pl.DataFrame:
    household = np.repeat(np.arange(size.size), size)
    total = household.size
    starts = np.repeat(np.cumsum(size) - size, size)
    number = np.arange(total) - starts + 1
    head_age = np.clip(rng.normal(48, 14, size.size), 20, 92).astype(np.int64)[household]
    kind = rng.random(total)
    age = np.where(
        number == 1,
        head_age,
        np.where(
            (number == 2) & (kind < 0.85),
            np.clip(head_age + rng.integers(-6, 4, total), 18, 95),
            np.where(
                kind < 0.8,
                np.clip(head_age - rng.integers(20, 40, total), 0, 60),
                np.clip(head_age + rng.integers(22, 32, total), 40, 100),
            ),
        ),
    )
    head_male = rng.random(size.size) < 0.75
    sex_male = np.where(
        number == 1,
        head_male[household],
        np.where(number == 2, ~head_male[household], rng.random(total) < 0.5),
    )
    relation = np.where(
        number == 1,
        "head",
        np.where((number == 2) & (kind < 0.85), "spouse", np.where(age < head_age, "child", "parent")),
    )
    ethnicity = np.where(minority[household], rng.choice(MINORITY_CODES, total), "01")
    with_date = rng.random(total) < 0.5
    birth_year = REFERENCE_DATE.year - age
    day_of_year = rng.integers(0, 365, total)
    birth_date = np.array(birth_year - 1970, dtype="datetime64[Y]").astype("datetime64[D]") + day_of_year
    sex = np.where(sex_male, "male", "female")
    retirement = np.where(sex_male, 60, 55)
    working = (age >= 15) & (age <= retirement)
    employment = np.where(
        working & (age >= 18),
        rng.choice(["self_employed", "wage_with_contract"], total, p=[0.6, 0.4]),
        "not_in_labour_force",
    )
    education = np.select(
        [age < 11, age < 15, age < 18, age <= 30],
        ["primary", "primary", "lower_secondary", "upper_secondary"],
        rng.choice(
            ["primary", "lower_secondary", "upper_secondary", "college"], total, p=[0.2, 0.3, 0.4, 0.1]
        ),
    )
    education = np.where(age < 6, "none", education)
    disability = rng.choice(["none", "mild", "severe"], total, p=[0.96, 0.03, 0.01])
    names = _names(rng, total, sex_male, household)
    frame = pl.DataFrame(
        {
            "_household": household,
            "member_no": number.astype(np.int64),
            "full_name": names,
            "birth_date": np.where(with_date, birth_date, np.datetime64("NaT", "D")),
            "birth_year": np.where(with_date, 0, birth_year),
            "sex": sex,
            "relation": relation,
            "ethnicity": ethnicity,
            "employment": employment,
            "working_capacity": np.where(age > 75, "partial", "full"),
            "disability": disability,
            "social_allowance": age >= 80,
            "health_insurance": np.ones(total, dtype=bool),
            "education": education,
            "in_school": (age >= 3) & (age <= 17),
            "nutrition": np.where(age < 16, "normal", "not_measured"),
            "ill_untreated": np.zeros(total, dtype=bool),
            "age": age,
        }
    )
    sex_digit = np.where(birth_year >= 2000, 2, 0) + (~sex_male).astype(np.int64)
    serial = rng.integers(0, 1_000_000, total)
    personal_id = [
        f"046{d}{y % 100:02d}{s:06d}" for d, y, s in zip(sex_digit, birth_year, serial, strict=True)
    ]
    return frame.with_columns(
        pl.col("birth_date").cast(pl.Date),
        pl.when(pl.col("birth_year") == 0).then(None).otherwise(pl.col("birth_year")).alias("birth_year"),
        pl.Series("personal_id", personal_id),
    )


def _names(rng: np.random.Generator, total: int, male: np.ndarray, household: np.ndarray) -> list[str]:
    family = np.array(FAMILY_NAMES)[rng.integers(0, len(FAMILY_NAMES), household.max() + 1)][household]
    middle = np.where(
        male,
        np.array(MIDDLE_NAMES["male"])[rng.integers(0, 5, total)],
        np.array(MIDDLE_NAMES["female"])[rng.integers(0, 5, total)],
    )
    given = np.array(GIVEN_NAMES)[rng.integers(0, len(GIVEN_NAMES), total)]
    return [f"{a} {b} {c}" for a, b, c in zip(family, middle, given, strict=True)]


def _natural_dependants(members: pl.DataFrame, size: np.ndarray) -> np.ndarray:
    """1 where the demographics alone make the household deprived on dependants (2022–2025 definition)."""
    retirement = pl.when(pl.col("sex") == "male").then(60).otherwise(55)
    dependant = (pl.col("age") < 16) | (pl.col("age") > retirement) | (pl.col("disability") == "severe")
    counts = members.group_by("_household").agg(dependant.sum().alias("dependants")).sort("_household")
    return (counts["dependants"].to_numpy() > size * 0.5).astype(np.int64)


def _target_deprivations(rng: np.random.Generator, state: np.ndarray) -> np.ndarray:
    poor = 3 + np.minimum(rng.poisson(1.0, state.size), 4)
    near = rng.choice(3, state.size, p=[0.3, 0.4, 0.3])
    other = np.minimum(rng.poisson(np.where(state == 2, 0.7, 0.3)), 3)
    return np.select([state == 0, state == 1], [poor, near], other)


def _eligibility(members: pl.DataFrame) -> dict[str, pl.Expr]:
    retirement = pl.when(pl.col("sex") == "male").then(60).otherwise(55)
    return {
        "health_insurance": pl.col("age") >= 6,
        "employment": (pl.col("age") >= 18) & (pl.col("age") <= retirement),
        "adult_education": pl.col("age").is_between(16, 30),
        "child_schooling": pl.col("age").is_between(6, 15),
        "nutrition": pl.col("age") < 16,
    }


def _choose_indicators(
    rng: np.random.Generator, members: pl.DataFrame, count: np.ndarray
) -> dict[str, np.ndarray]:
    """Per indicator, a boolean array of households to deprive (weighted sampling without replacement)."""
    n = count.size
    eligible_members = (
        members.group_by("_household")
        .agg(expression.any().alias(key) for key, expression in _eligibility(members).items())
        .sort("_household")
    )
    keys = np.empty((n, len(INJECTABLE)))
    for index, (key, weight) in enumerate(INJECTABLE):
        score = rng.random(n) ** (1 / weight)
        if key in eligible_members.columns:
            score = np.where(eligible_members[key].to_numpy(), score, -1.0)
        keys[:, index] = score
    order = np.argsort(-keys, axis=1)
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(len(INJECTABLE))[None, :].repeat(n, axis=0), axis=1)
    chosen = (rank < count[:, None]) & (keys >= 0)
    return {key: chosen[:, index] for index, (key, _) in enumerate(INJECTABLE)}


def _inject_members(
    rng: np.random.Generator, members: pl.DataFrame, chosen: dict[str, np.ndarray]
) -> pl.DataFrame:
    """Give one random eligible member of each chosen household the deprived fact."""
    jobless = (
        pl.when(pl.col("_random") < 0.6).then(pl.lit("unemployed")).otherwise(pl.lit("wage_without_contract"))
    )
    updates: dict[str, dict[str, pl.Expr]] = {
        "health_insurance": {"health_insurance": pl.lit(False)},
        "employment": {"employment": jobless},
        "adult_education": {"education": pl.lit("primary"), "in_school": pl.lit(False)},
        "child_schooling": {"in_school": pl.lit(False)},
        "nutrition": {
            "nutrition": pl.when(pl.col("_random") < 0.6)
            .then(pl.lit("stunted"))
            .otherwise(pl.lit("underweight"))
        },
    }
    members = members.with_columns(pl.int_range(pl.len()).alias("_index"))
    for key, expression in _eligibility(members).items():
        members = members.with_columns(pl.Series("_random", rng.random(members.height)))
        households = pl.Series(np.flatnonzero(chosen[key]))
        picked = (
            members.filter(expression & pl.col("_household").is_in(households.implode()))
            .sort("_random")
            .unique("_household", keep="first")["_index"]
        )
        mask = pl.col("_index").is_in(picked.implode())
        members = members.with_columns(
            pl.when(mask).then(value).otherwise(pl.col(column)).alias(column)
            for column, value in updates[key].items()
        )
    return members.drop("_index", "_random")


def _households(
    rng: np.random.Generator,
    n: int,
    *,
    urban: np.ndarray,
    state: np.ndarray,
    size: np.ndarray,
    chosen: dict[str, np.ndarray],
    code_prefix: str,
) -> pl.DataFrame:
    line = np.where(urban, LINES["urban"], LINES["rural"])
    low = rng.uniform(0.45, 1.0, n) * line
    low = np.where(rng.random(n) < 0.02, line, low)
    average = rng.uniform(1.0, 1.5, n) * line + 1000
    rich = line * 1.5 * (1 + rng.lognormal(0.3, 0.6, n))
    income = np.select([state <= 1, state == 2], [low, average], rich)
    income = (np.floor(income / 1000) * 1000).astype(np.int64)
    income = np.where(state == 2, np.clip(income, line + 1000, line * 1.5), income).astype(np.int64)
    quality = chosen["housing_quality"]
    no_house = quality & (rng.random(n) < 0.05)
    area_per_person = np.where(chosen["housing_area"], rng.uniform(2.5, 7.9, n), rng.uniform(9, 40, n))
    information = chosen["information_means"]
    missing = np.full(n, None)  # an object array, so numpy's typed `where` accepts a missing value
    return pl.DataFrame(
        {
            "household_code": [f"{code_prefix}{index:07d}" for index in range(n)],
            "area": np.where(urban, "urban", "rural"),
            "income_per_capita": income,
            "income_score": np.full(n, None),
            "has_house": ~no_house,
            "foundation_material": np.where(no_house, missing, np.where(quality, "earth", "brick_stone")),
            "walls_material": np.where(no_house, missing, np.where(quality, "bamboo_wood", "brick_stone")),
            "roof_material": np.where(
                no_house,
                missing,
                np.where(
                    quality, "leaves_straw", rng.choice(["tile", "metal_sheet", "reinforced_concrete"], n)
                ),
            ),
            "floor_area_m2": np.where(no_house, 0.0, np.round(area_per_person * size, 1)),
            "water_source": np.where(
                chosen["water_source"],
                rng.choice(["surface_water", "unprotected_dug_well"], n),
                rng.choice(["piped", "drilled_well", "protected_dug_well"], n),
            ),
            "latrine": np.where(
                chosen["latrine"],
                rng.choice(["simple_pit", "hanging", "none"], n),
                rng.choice(["septic", "semi_septic", "pour_flush"], n),
            ),
            "internet_use": ~chosen["telecom"],
            "phone_use": ~chosen["telecom"] | (rng.random(n) < 0.5),
            "digital_services_use": ~chosen["telecom"],
            "has_television": ~information & (rng.random(n) < 0.9),
            "has_radio": ~information & (rng.random(n) < 0.2),
            "has_computer": ~information & (rng.random(n) < 0.3),
            "has_smartphone": ~information,
            "loudspeaker_access": ~information,
            "waste_treatment": rng.random(n) < 0.85,
            "agricultural": ~urban & (rng.random(n) < 0.6),
        },
        schema_overrides={"income_score": pl.Int64()},
    ).select(list(HOUSEHOLD_SCHEMA))
