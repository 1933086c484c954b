"""Paginators for big tables: a total known in advance (kept counts), or a count that stops at a cap."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator[Any]):
    """A paginator that does not count every matching row when it need not.

    `count` is a total the caller already knows (e.g. from `HouseholdCount`, docs/adr/1504); `cap` counts at
    most `cap + 1` rows (a broad search in a province of a million households), so `capped` says the real
    total is larger and the last page is the one holding row `cap + 1`.
    """

    def __init__(self, object_list: Any, per_page: int, *, count: int | None = None, cap: int | None = None):
        super().__init__(object_list, per_page)
        self._known = count
        self._cap = cap

    @cached_property
    def count(self) -> int:
        if self._known is not None:
            return self._known
        if self._cap is not None:
            rows: Any = self.object_list
            return int(rows.order_by()[: self._cap + 1].count())
        return int(super().count)

    @property
    def capped(self) -> bool:
        return self._known is None and self._cap is not None and self.count > self._cap

    @property
    def cap(self) -> int | None:
        return self._cap


def with_known_count(queryset: Any, count: int | None) -> Any:
    """The queryset, marked with a total the caller already knows (None leaves it to be counted).

    The mark stays on this object only: a filtered or sliced copy has none, so it cannot give a wrong total.
    """
    if count is not None:
        queryset.known_count = count
    return queryset


def known_count(queryset: Any) -> int | None:
    """The total `with_known_count` put on this queryset, if any."""
    value = getattr(queryset, "known_count", None)
    return value if isinstance(value, int) else None
