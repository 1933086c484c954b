"""One documented example per API operation (`tests/api/test_openapi_examples.py` checks each one)."""

from __future__ import annotations

from typing import Any


def example(value: Any, *, status: int = 200, paginated: bool = False) -> dict[str, Any]:
    """`openapi_extra` adding `value` as the example of the response `status`.

    A paginated operation's example is the list of items, wrapped here in `{items, count}`.
    """
    if paginated:
        value = {"items": value, "count": len(value)}
    return {"responses": {status: {"content": {"application/json": {"example": value}}}}}
