"""API endpoints for administrative units: list, detail and succession, all within the caller's area."""

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from giamngheo.accounts.access import unit_get_for_user
from giamngheo.api.schemas import (
    ERRORS,
    Id,
    Pagination,
    Text,
    UnitDetailOut,
    UnitOut,
    UnitSuccessionOut,
)
from giamngheo.api.schemas import lazy_text as _
from giamngheo.areas import selectors
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.geo.selectors import unit_ancestors

router = Router(tags=[_("Đơn vị hành chính")])


class UnitFilter(Schema):
    tree: Tree | None = None
    level: Level | None = None
    parent: Id | None = None
    valid_on: datetime.date | None = None
    q: Text | None = None


@router.get(
    "/units", response={200: list[UnitOut], **ERRORS}, summary=_("Danh sách đơn vị hành chính trong địa bàn")
)
@paginate(Pagination)
def unit_list(request: HttpRequest, filters: Query[UnitFilter]) -> list[AdminUnit]:
    """Units of the caller's area, by tree, level, parent, a day they existed on, or part of a name."""
    return selectors.unit_list(  # type: ignore[return-value]
        request.user,
        tree=filters.tree,
        level=filters.level,
        parent_id=filters.parent,
        valid_on=filters.valid_on,
        search=filters.q,
    )


@router.get("/units/{unit_id}", response={200: UnitDetailOut, **ERRORS}, summary=_("Chi tiết đơn vị"))
def unit_detail(request: HttpRequest, unit_id: Id) -> dict[str, object]:
    """One unit with its ancestors and the history of its attributes."""
    unit = unit_get_for_user(request.user, unit_id)
    data = UnitOut.from_orm(unit).dict()
    data["ancestors"] = unit_ancestors(unit)
    data["attributes"] = list(selectors.unit_attribute_history(request.user, unit))
    return data


@router.get(
    "/units/{unit_id}/succession",
    response={200: UnitSuccessionOut, **ERRORS},
    summary=_("Đơn vị tiền thân và kế thừa (sắp xếp 1/7/2025)"),
)
def unit_succession(request: HttpRequest, unit_id: Id) -> dict[str, object]:
    """The old units a current unit came from, or the new units an old unit passed into."""
    unit = unit_get_for_user(request.user, unit_id)
    predecessors, successors = selectors.unit_successions(request.user, unit)
    return {"unit": unit, "predecessors": predecessors, "successors": successors}
