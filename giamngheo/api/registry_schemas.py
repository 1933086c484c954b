"""API schemas of the household registry."""

import datetime
from decimal import Decimal
from typing import Any, ClassVar, Literal

from ninja import Field, Schema

from giamngheo.api.schemas import Id, InSchema

BIRTH = frozenset({"birth_year", "birth_date"})


class MemberIn(InSchema):
    """Text fields are checked by the registry validator (the same codes as the forms and the import)."""

    NULLABLE: ClassVar[frozenset[str]] = BIRTH
    full_name: str
    sex: Literal["male", "female"]
    birth_year: int | None = None
    birth_date: datetime.date | None = None
    personal_id: str = ""
    ethnicity: str = "01"
    relation: str = "other"
    has_merit: bool = False


class MemberPatch(InSchema):
    """Only the fields sent are changed; `null` is refused except for the birth fields.

    `version` is the member's version as read (GET): a change saved since then refuses this one (409).
    """

    NULLABLE: ClassVar[frozenset[str]] = BIRTH
    version: int = Field(ge=0, le=2**31 - 1)
    full_name: str | None = None
    sex: Literal["male", "female"] | None = None
    birth_year: int | None = None
    birth_date: datetime.date | None = None
    personal_id: str | None = None
    ethnicity: str | None = None
    relation: str | None = None
    has_merit: bool | None = None


class MemberOut(Schema):
    id: int
    household_id: int
    member_no: int
    full_name: str
    personal_id: str
    birth_date: datetime.date | None
    birth_year: int
    sex: str
    ethnicity: str
    relation: str
    has_merit: bool
    version: int
    is_active: bool
    left_on: datetime.date | None
    left_reason: str


class HouseholdIn(InSchema):
    """A new household; its code is chosen by the server (the commune's numbering)."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset({"village_id", "registered_on"})
    commune_id: Id
    village_id: Id | None = None
    address: str = ""
    residence: Literal["permanent", "temporary"] = "permanent"
    registered_on: datetime.date | None = None
    head: MemberIn


class HouseholdPatch(InSchema):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"village_id"})
    version: int = Field(ge=0, le=2**31 - 1)
    village_id: Id | None = None
    address: str | None = None
    residence: Literal["permanent", "temporary"] | None = None


class HouseholdOut(Schema):
    id: int
    code: str
    province_id: int
    commune_id: int
    village_id: int | None
    address: str
    residence: str
    registered_on: datetime.date
    status: str
    head_name: str
    is_ethnic_minority: bool
    has_merit_member: bool
    latest_category: str
    latest_assessment_id: int | None
    is_active: bool
    version: int


class AssessmentOut(Schema):
    id: int
    household_id: int
    round_id: int
    standard: str
    reference_date: datetime.date
    income_path: str
    income_per_capita: int | None
    income_score: int | None
    deprived: list[str]
    deprivation_count: int
    score_b: int
    category: str
    low_income_worker: bool
    explanation_vi: str
    explanation: dict[str, Any]
    assessed_at: datetime.datetime


class MemberFactsIO(Schema):
    member_id: int
    employment: str | None = None
    working_capacity: str | None = None
    disability: str | None = None
    social_allowance: bool | None = None
    health_insurance: bool | None = None
    education: str | None = None
    in_school: bool | None = None
    nutrition: str | None = None
    ill_untreated: bool | None = None


class HouseholdFactsIO(Schema):
    income_per_capita: int | None = None
    income_score: int | None = None
    has_house: bool | None = None
    foundation_material: str | None = None
    walls_material: str | None = None
    roof_material: str | None = None
    floor_area_m2: Decimal | None = None
    water_source: str | None = None
    latrine: str | None = None
    internet_use: bool | None = None
    phone_use: bool | None = None
    digital_services_use: bool | None = None
    has_television: bool | None = None
    has_radio: bool | None = None
    has_computer: bool | None = None
    has_smartphone: bool | None = None
    loudspeaker_access: bool | None = None
    waste_treatment: bool | None = None
    agricultural: bool | None = None


class MemberFactsIn(MemberFactsIO, InSchema):
    NULLABLE: ClassVar[frozenset[str]] = frozenset(MemberFactsIO.model_fields) - {"member_id"}
    member_id: Id


class HouseholdFactsIn(HouseholdFactsIO, InSchema):
    NULLABLE: ClassVar[frozenset[str]] = frozenset(HouseholdFactsIO.model_fields)


class RoundIn(InSchema):
    """Facts of one review; the standard is chosen by the server from the reference date."""

    reference_date: datetime.date
    version: int = Field(ge=0, le=2**31 - 1)
    household: HouseholdFactsIn
    members: list[MemberFactsIn]


class RoundOut(Schema):
    id: int
    household_id: int
    reference_date: datetime.date
    source: str
    area: str
    facts: HouseholdFactsIO
    members: list[MemberFactsIO]
    assessment_ids: list[int]


class RoundCreatedOut(Schema):
    round: RoundOut
    assessment: AssessmentOut
