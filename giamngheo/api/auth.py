"""API authentication: the browser session, or a bearer token for agency systems."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from giamngheo.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer gn_…` with a token created on the user's page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


AUTH = [TokenAuth(), django_auth]
