"""API response schemas."""

import datetime

from ninja import Schema


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


class UnitOut(Schema):
    id: int
    tree: str
    level: str
    code: str
    name: str
    division_type: str
    parent_id: int | None
    province_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class AttributeOut(Schema):
    kind: str
    value: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    source: str
    is_default: bool


class SuccessionOut(Schema):
    predecessor: UnitOut
    successor: UnitOut
    effective_date: datetime.date
    is_partial: bool
    is_primary: bool
    source: str


class UnitDetailOut(UnitOut):
    ancestors: list[UnitOut]
    attributes: list[AttributeOut]


class UnitSuccessionOut(Schema):
    unit: UnitOut
    predecessors: list[SuccessionOut]
    successors: list[SuccessionOut]


class AssignmentOut(Schema):
    id: int
    role: str
    role_label: str
    unit: UnitOut | None


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    assignments: list[AssignmentOut]
