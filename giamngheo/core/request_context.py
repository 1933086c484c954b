"""The acting user and client address of the current request, for audit events."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    user_id: int | None
    ip_address: str | None
    user_agent: str


_current: ContextVar[RequestContext | None] = ContextVar("giamngheo_request_context", default=None)


def set_current(context: RequestContext | None) -> None:
    """Set the context for the running request (the middleware does this)."""
    _current.set(context)


def get_current() -> RequestContext | None:
    """Return the context of the running request, or None outside a request."""
    return _current.get()
