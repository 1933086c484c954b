"""Household and member facts: frozen dataclasses for one household, Polars schemas for bulk frames."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields

import polars as pl

HOUSEHOLD_SCHEMA: dict[str, pl.DataType] = {
    "household_code": pl.String(),
    "area": pl.String(),
    "income_per_capita": pl.Int64(),
    "income_score": pl.Int64(),
    "has_house": pl.Boolean(),
    "foundation_material": pl.String(),
    "walls_material": pl.String(),
    "roof_material": pl.String(),
    "floor_area_m2": pl.Float64(),
    "water_source": pl.String(),
    "latrine": pl.String(),
    "internet_use": pl.Boolean(),
    "phone_use": pl.Boolean(),
    "digital_services_use": pl.Boolean(),
    "has_television": pl.Boolean(),
    "has_radio": pl.Boolean(),
    "has_computer": pl.Boolean(),
    "has_smartphone": pl.Boolean(),
    "loudspeaker_access": pl.Boolean(),
    "waste_treatment": pl.Boolean(),
    "agricultural": pl.Boolean(),
}

MEMBER_SCHEMA: dict[str, pl.DataType] = {
    "household_code": pl.String(),
    "member_no": pl.Int64(),
    "personal_id": pl.String(),
    "full_name": pl.String(),
    "birth_date": pl.Date(),
    "birth_year": pl.Int64(),
    "sex": pl.String(),
    "relation": pl.String(),
    "ethnicity": pl.String(),
    "employment": pl.String(),
    "working_capacity": pl.String(),
    "disability": pl.String(),
    "social_allowance": pl.Boolean(),
    "health_insurance": pl.Boolean(),
    "education": pl.String(),
    "in_school": pl.Boolean(),
    "nutrition": pl.String(),
    "ill_untreated": pl.Boolean(),
}

HOUSEHOLD_BOOLEAN_COLUMNS = tuple(name for name, kind in HOUSEHOLD_SCHEMA.items() if kind == pl.Boolean())
MEMBER_BOOLEAN_COLUMNS = tuple(name for name, kind in MEMBER_SCHEMA.items() if kind == pl.Boolean())

# Which code list (data/codes.toml) each coded column uses.
HOUSEHOLD_CODED_COLUMNS = {
    "area": "area",
    "foundation_material": "material",
    "walls_material": "material",
    "roof_material": "material",
    "water_source": "water_source",
    "latrine": "latrine",
}
MEMBER_CODED_COLUMNS = {
    "sex": "sex",
    "relation": "relation",
    "employment": "employment",
    "working_capacity": "working_capacity",
    "disability": "disability",
    "education": "education",
    "nutrition": "nutrition",
}


@dataclass(frozen=True)
class HouseholdFacts:
    """What the review records about a household (one row of the households file)."""

    household_code: str
    area: str
    income_per_capita: int | None = None
    income_score: int | None = None
    has_house: bool = True
    foundation_material: str | None = "brick_stone"
    walls_material: str | None = "brick_stone"
    roof_material: str | None = "tile"
    floor_area_m2: float | None = 60.0
    water_source: str | None = "piped"
    latrine: str | None = "septic"
    internet_use: bool | None = True
    phone_use: bool | None = True
    digital_services_use: bool | None = True
    has_television: bool | None = True
    has_radio: bool | None = False
    has_computer: bool | None = False
    has_smartphone: bool | None = True
    loudspeaker_access: bool | None = True
    waste_treatment: bool | None = True
    agricultural: bool | None = False


@dataclass(frozen=True)
class MemberFacts:
    """What the review records about one household member (one row of the members file)."""

    household_code: str
    member_no: int
    birth_year: int | None = None
    birth_date: dt.date | None = None
    full_name: str | None = None
    personal_id: str | None = None
    sex: str = "male"
    relation: str = "head"
    ethnicity: str = "01"
    employment: str = "self_employed"
    working_capacity: str = "full"
    disability: str = "none"
    social_allowance: bool | None = False
    health_insurance: bool | None = True
    education: str | None = "upper_secondary"
    in_school: bool | None = False
    nutrition: str | None = "not_measured"
    ill_untreated: bool | None = False


def households_frame(households: list[HouseholdFacts]) -> pl.DataFrame:
    """Build a typed households frame from dataclasses."""
    names = [item.name for item in fields(HouseholdFacts)]
    rows = [asdict(household) for household in households]
    columns = {name: [row[name] for row in rows] for name in names}
    return pl.DataFrame(columns, schema=HOUSEHOLD_SCHEMA)


def members_frame(members: list[MemberFacts]) -> pl.DataFrame:
    """Build a typed members frame from dataclasses."""
    names = list(MEMBER_SCHEMA)
    rows = [asdict(member) for member in members]
    columns = {name: [row[name] for row in rows] for name in names}
    return pl.DataFrame(columns, schema=MEMBER_SCHEMA)


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Cast known columns to the schema and add missing optional ones as nulls (extra columns are kept)."""
    expressions = [
        pl.col(name).cast(kind) if name in frame.columns else pl.lit(None, dtype=kind).alias(name)
        for name, kind in schema.items()
    ]
    extra = [pl.col(name) for name in frame.columns if name not in schema]
    return frame.select(*expressions, *extra)
