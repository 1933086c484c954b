"""API schemas of support delivery: catalogue, household plans, beneficiary lists, ledger, housing cases."""

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from giamngheo.api.schemas import Id, InSchema, Text, Year

Money = Annotated[int, Field(ge=0, le=10**15)]
Quantity = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Code = Annotated[Text, Field(min_length=1, max_length=32)]
Reason = Annotated[Text, Field(min_length=1, max_length=500)]


class SupportTypeOut(Schema):
    id: int
    code: str
    name: str
    component: str | None
    policy: str
    agency_kind: str
    level: str
    unit: str
    addresses: list[str]
    for_poor: bool
    for_near_poor: bool
    for_newly_escaped: bool
    once_only: bool
    legal_basis: str
    confidence: str
    province_id: int | None

    @staticmethod
    def resolve_component(support_type: object) -> str | None:
        component = support_type.component  # type: ignore[attr-defined]
        return component.code if component is not None else None

    @staticmethod
    def resolve_addresses(support_type: object) -> list[str]:
        return list(support_type.addressed_indicators)  # type: ignore[attr-defined]


class SolutionOut(Schema):
    support_type: str
    member_id: int | None
    suggested: bool

    @staticmethod
    def resolve_support_type(solution: object) -> str:
        return str(solution.support_type.code)  # type: ignore[attr-defined]


class VisitOut(Schema):
    id: int
    visited_on: datetime.date
    visitor: str
    note: str


class HouseholdPlanOut(Schema):
    id: int
    household_id: int
    commune_id: int
    year: int
    category: str
    causes: list[str]
    other_cause: str
    helper_name: str
    helper_organisation: str
    helper_phone: str
    registers_to_escape: bool
    note: str
    version: int
    solutions: list[SolutionOut]
    visits: list[VisitOut]

    @staticmethod
    def resolve_causes(plan: object) -> list[str]:
        return [cause.code for cause in plan.causes.all()]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_solutions(plan: object) -> list[object]:
        return list(plan.solutions.select_related("support_type"))  # type: ignore[attr-defined]

    @staticmethod
    def resolve_visits(plan: object) -> list[object]:
        return list(plan.visits.all())  # type: ignore[attr-defined]


class SolutionIn(InSchema):
    NULLABLE = frozenset({"member_id"})
    support_type: Code
    member_id: Id | None = None


class HouseholdPlanIn(InSchema):
    year: Year
    causes: list[Code] = Field(default_factory=list, max_length=20)
    other_cause: Text = Field("", max_length=255)
    helper_name: Text = Field(min_length=1, max_length=128)
    helper_organisation: Text = Field("", max_length=255)
    helper_phone: Text = Field("", max_length=20)
    registers_to_escape: bool = False
    solutions: list[SolutionIn] = Field(default_factory=list, max_length=50)
    note: Text = Field("", max_length=2000)


class HouseholdPlanPatch(HouseholdPlanIn):
    year: Year | None = None  # type: ignore[assignment]
    version: int = Field(ge=1, le=2**31 - 1)


class VisitIn(InSchema):
    visited_on: datetime.date
    visitor: Text = Field(min_length=1, max_length=128)
    note: Text = Field(min_length=1, max_length=2000)


class EntryOut(Schema):
    id: int
    household_id: int
    member_id: int | None
    eligible: bool
    reason: str
    selected: bool
    amount: int | None
    quantity: Decimal | None


class BeneficiaryListOut(Schema):
    id: int
    support_type: str
    commune_id: int
    year: int
    title: str
    reference_date: datetime.date
    status: str
    decision_number: str
    decided_on: datetime.date | None
    source: str
    version: int

    @staticmethod
    def resolve_support_type(beneficiary_list: object) -> str:
        return str(beneficiary_list.support_type.code)  # type: ignore[attr-defined]


class BeneficiaryListDetailOut(BeneficiaryListOut):
    entries: list[EntryOut]

    @staticmethod
    def resolve_entries(beneficiary_list: object) -> list[object]:
        return list(beneficiary_list.entries.order_by("pk"))  # type: ignore[attr-defined]


class ListProposeIn(InSchema):
    support_type: Code
    year: Year
    reference_date: datetime.date
    title: Text = Field("", max_length=255)


class EntryPatch(InSchema):
    NULLABLE = frozenset({"amount", "quantity"})
    selected: bool
    amount: Money | None = None
    quantity: Quantity | None = None


class ListApproveIn(InSchema):
    version: int = Field(ge=1, le=2**31 - 1)
    decision_number: Text = Field(min_length=1, max_length=64)
    decided_on: datetime.date


class VersionIn(InSchema):
    version: int = Field(ge=1, le=2**31 - 1)


class RecordOut(Schema):
    id: int
    household_id: int
    member_id: int | None
    commune_id: int
    support_type: str
    entry_id: int | None
    status: str
    supersedes_id: int | None
    on: datetime.date
    amount: int | None
    quantity: Decimal | None
    budget_source: str
    reason: str

    @staticmethod
    def resolve_support_type(record: object) -> str:
        return str(record.support_type.code)  # type: ignore[attr-defined]


class RecordIn(InSchema):
    NULLABLE = frozenset({"member_id", "amount", "quantity"})
    support_type: Code
    member_id: Id | None = None
    on: datetime.date
    amount: Money | None = None
    quantity: Quantity | None = None
    delivered: bool = True
    reason: Text = Field("", max_length=500)


class DeliverIn(InSchema):
    NULLABLE = frozenset({"amount"})
    on: datetime.date
    amount: Money | None = None
    note: Text = Field("", max_length=500)


class CancelIn(InSchema):
    reason: Reason
    on: datetime.date


class HousingCaseOut(Schema):
    id: int
    household_id: int
    commune_id: int
    support_type: str
    work: str
    year: int
    stage: str
    eligibility_note: str
    floor_area_m2: Decimal | None
    hard_foundation: bool | None
    hard_frame: bool | None
    hard_roof: bool | None
    accepted_on: datetime.date | None
    record_id: int | None
    version: int

    @staticmethod
    def resolve_support_type(case: object) -> str:
        return str(case.support_type.code)  # type: ignore[attr-defined]


class HousingOpenIn(InSchema):
    support_type: Code = "da5-nha-xay-moi"
    work: Text = Field(max_length=8)
    year: Year
    on: datetime.date


class HousingApproveIn(InSchema):
    version: int = Field(ge=1, le=2**31 - 1)
    funding: dict[Annotated[Text, Field(max_length=16)], Money] = Field(min_length=1, max_length=10)
    on: datetime.date
    decision_number: Text = Field(min_length=1, max_length=64)


class HousingProgressIn(InSchema):
    version: int = Field(ge=1, le=2**31 - 1)
    stage: Text = Field(max_length=16)
    on: datetime.date
    note: Text = Field("", max_length=500)


class HousingAcceptIn(InSchema):
    version: int = Field(ge=1, le=2**31 - 1)
    on: datetime.date
    floor_area_m2: Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=1)]
    hard_foundation: bool
    hard_frame: bool
    hard_roof: bool
    note: Text = Field("", max_length=500)


class HousingCancelIn(InSchema):
    version: int = Field(ge=1, le=2**31 - 1)
    reason: Reason
    on: datetime.date
