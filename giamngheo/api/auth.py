"""API authentication: the browser session, a user's bearer token, or a scoped service token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from giamngheo.accounts.services import api_token_authenticate
from giamngheo.api.tokens import SERVICE_PREFIX, service_token_find, service_token_identity

# Set on the request by giamngheo.api.calls before authentication runs.
SCOPE_ATTRIBUTE = "giamngheo_api_scope"
TOKEN_ATTRIBUTE = "giamngheo_service_token"  # noqa: S105 — an attribute name, not a secret


class TokenAuth(HttpBearer):
    """`Authorization: Bearer gn_…` (a user's token) or `Bearer gns_…` (a service token)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if token.startswith(SERVICE_PREFIX):
            return _service_user(request, token)
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


def _service_user(request: HttpRequest, raw: str) -> Any:
    """The narrowed identity of a service token allowed this operation; 401 or 403 otherwise."""
    token = service_token_find(raw)
    if token is None:
        raise HttpError(401, "unauthenticated")
    setattr(request, TOKEN_ATTRIBUTE, token)  # audited whatever the outcome
    user = service_token_identity(token)
    if user is None:  # expired, revoked, or its creator no longer manages its place
        raise HttpError(401, "unauthenticated")
    scope = getattr(request, SCOPE_ATTRIBUTE, None)
    if scope is None or scope not in token.scope_set:
        raise HttpError(403, "scope")
    request.user = user
    return user


AUTH = [TokenAuth(), django_auth]
