"""Every API operation learns the scope it needs before authentication, and audits service-token calls."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from giamngheo.api.auth import SCOPE_ATTRIBUTE, TOKEN_ATTRIBUTE
from giamngheo.api.scopes import scope_of
from giamngheo.api.tokens import service_token_call_record


def operation_id_of(operation: Any) -> str:
    """The operationId the OpenAPI schema publishes for a ninja operation."""
    return str(operation.operation_id or operation.api.get_openapi_operation_id(operation))


def service_token_calls(run: Callable[..., Any]) -> Callable[..., Any]:
    """A ninja "view" decorator (applied to each operation's `run`): scope first, audit after."""
    operation = getattr(run, "__self__", None)
    operation_id = operation_id_of(operation) if operation is not None else ""
    scope = scope_of(operation_id)
    method = ",".join(getattr(operation, "methods", []))

    @functools.wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        setattr(request, SCOPE_ATTRIBUTE, scope)
        response = run(request, *args, **kwargs)
        token = getattr(request, TOKEN_ATTRIBUTE, None)
        if token is not None:
            service_token_call_record(
                token=token, operation_id=operation_id, method=method, status=response.status_code
            )
        return response

    return wrapper
