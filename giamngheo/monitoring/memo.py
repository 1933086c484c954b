"""Figures of one report computed once: a memo kept for a block (a page, an export), never across requests."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, cast

_SHARED: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("monitoring_shared_figures", default=None)
_GROUPS = ("announced groups",)


@contextmanager
def shared_figures(groups: Iterable[str] = ()) -> Iterator[None]:
    """Inside the block, figures read from the registry are computed once per unit, period and group.

    A report asks many indicators of the same unit and period: the status counts of the households, their
    deprivations and their members' facts each come from one grouped query, kept for the block only (a
    page or an export), so nothing is cached between requests. `groups` announces the target groups the
    block will ask for, so that a figure is read for all of them in one statement (one conditional sum per
    group). A block inside another one shares the outer block's memo.
    """
    memo = _SHARED.get()
    if memo is not None:
        memo[_GROUPS].update(groups)
        yield
        return
    token = _SHARED.set({_GROUPS: set(groups)})
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared[T](key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """`make()` once per key inside `shared_figures`; every time outside it."""
    memo = _SHARED.get()
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return cast("T", memo[key])


def announced_groups(group: str) -> list[str]:
    """`group` first, then the other groups the block announced (only `group` outside a block)."""
    memo = _SHARED.get()
    others = sorted(memo[_GROUPS] - {group}) if memo is not None else []
    return [group, *others]
