"""API schemas shared by the routers: errors, input base with strict fields, bounded types, units."""

import datetime
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, cast

from django.utils.translation import gettext_lazy
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, ConfigDict, ValidationInfo, field_validator

from giamngheo.core.pagination import known_count
from giamngheo.registry.validation import FORBIDDEN

# django-ninja types OpenAPI texts (summary, tags, description) as `str`, but it builds the schema on each
# request and encodes lazy strings, so the Swagger UI shows them in the reader's language (ADR 0005).
lazy_text = cast("Callable[[str], str]", gettext_lazy)
_ = gettext_lazy

MAX_ID = 2**63 - 1
MAX_OFFSET = 10**9


def _no_control(text: str) -> str:
    if FORBIDDEN.search(text):
        raise ValueError(str(_("có ký tự điều khiển hoặc ký tự ẩn không được phép")))
    return text


# A database id: positive and within a 64-bit column, so no lookup overflows the database driver.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# Free text from a query string or body: no control or invisible characters (PostgreSQL refuses NUL).
Text = Annotated[str, AfterValidator(_no_control)]
Year = Annotated[int, Field(ge=1900, le=2100)]


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(ErrorOut):
    errors: list[FieldErrorOut]


# Error responses every operation documents (401 unauthenticated, 422 a refused request).
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


class InSchema(Schema):
    """A request body: unknown and read-only fields are refused; `null` only where `NULLABLE` allows it."""

    model_config = ConfigDict(extra="forbid")
    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.NULLABLE:
            raise ValueError(str(_("không được để trống (null)")))
        return value


class Pagination(LimitOffsetPagination):
    """Limit and offset with upper bounds, so no huge offset reaches the database."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def _items_count(self, queryset: Any) -> int:
        """A total known in advance (`core.pagination.with_known_count`) spares counting the rows."""
        known = known_count(queryset)
        return known if known is not None else int(super()._items_count(queryset))


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
    id: int | None = Field(
        description=cast(str, gettext_lazy("Trống khi gọi bằng mã truy cập dịch vụ: địa bàn của mã"))
    )
    role: str
    role_label: str
    unit: UnitOut | None


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    assignments: list[AssignmentOut]
