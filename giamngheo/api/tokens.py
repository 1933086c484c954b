"""Service tokens: create, revoke, list within the manager's area, and turn a raw token into its identity."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from giamngheo.accounts.access import assignments_with_permission, has_permission, narrow_to, scope_q
from giamngheo.accounts.models import AreaAssignment, User, token_digest
from giamngheo.accounts.roles import Permission, Role
from giamngheo.api.models import ServiceToken
from giamngheo.api.scopes import Scope, parse_scopes
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode, NotFound, PermissionDenied
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit, Level, Tree

SERVICE_PREFIX = "gns_"  # a public prefix telling service tokens from user tokens (gn_)

# The role a token acts with over its place: the role that belongs at that level, never a wider one. Only
# province managers and system administrators create tokens, and each of these roles grants a subset of
# their permissions (ADR 1602).
ROLE_FOR_LEVEL = {Level.PROVINCE: Role.PROVINCE_OFFICER, Level.COMMUNE: Role.COMMUNE_OFFICER}
ROLE_FOR_LEVEL[Level.VILLAGE] = Role.VILLAGE_REVIEWER


def max_days() -> int:
    return int(settings.SERVICE_TOKEN_MAX_DAYS)


def may_bind(actor: Any, unit: AdminUnit | None) -> bool:
    """Whether the actor manages users over this current unit (so may hand a token out for it)."""
    return (
        unit is not None
        and unit.tree == Tree.CURRENT
        and unit.level in ROLE_FOR_LEVEL
        and has_permission(actor, Permission.MANAGE_USERS, unit)
    )


def _expires_at(expires_on: dt.date) -> dt.datetime:
    """Valid through the whole of `expires_on` (local time)."""
    midnight = dt.datetime.combine(expires_on + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(midnight)


@transaction.atomic
def service_token_create(
    *,
    actor: Any,
    name: str,
    scopes: Iterable[str],
    expires_on: dt.date,
    unit: AdminUnit | None = None,
    agency: Any = None,
) -> tuple[ServiceToken, str]:
    """Create a service token bound to a unit or an agency; the raw token is returned once, never stored."""
    if (unit is None) == (agency is None):
        raise AppError(ErrorCode.SERVICE_TOKEN_BINDING, field="unit")
    place = unit if unit is not None else agency.province
    if not may_bind(actor, place) or (agency is not None and place.level != Level.PROVINCE):
        raise PermissionDenied()
    wanted = {str(scope) for scope in scopes}
    chosen = parse_scopes(" ".join(wanted))
    if not chosen or chosen != wanted:
        raise AppError(ErrorCode.SERVICE_TOKEN_SCOPES, field="scopes")
    today = timezone.localdate()
    if not today < expires_on <= today + dt.timedelta(days=max_days()):
        raise AppError(ErrorCode.SERVICE_TOKEN_EXPIRY, field="expires_on", max_days=max_days())
    raw = SERVICE_PREFIX + secrets.token_urlsafe(32)
    token = ServiceToken.objects.create(
        name=name.strip()[:128] or "API",
        prefix=raw[:12],
        digest=token_digest(raw),
        scopes=" ".join(sorted(chosen)),
        unit=unit,
        agency=agency,
        created_by=actor,
        expires_at=_expires_at(expires_on),
    )
    audit_record(
        actor=actor,
        action=AuditAction.SERVICE_TOKEN_CREATE,
        obj=token,
        unit=place,
        after={"token": token.prefix, "name": token.name, "scopes": token.scopes, "expires_on": expires_on},
    )
    return token, raw


@transaction.atomic
def service_token_revoke(*, actor: Any, token: ServiceToken) -> ServiceToken:
    """Revoke a token at once (a second revocation changes nothing)."""
    if not may_bind(actor, token.place):
        raise PermissionDenied()
    token = ServiceToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor, action=AuditAction.SERVICE_TOKEN_REVOKE, obj=token, before={"token": token.prefix}
    )
    return token


def service_tokens_for_user(actor: Any) -> QuerySet[ServiceToken]:
    """Tokens bound inside the area where the actor manages users (none for anyone else)."""
    managing = assignments_with_permission(actor, Permission.MANAGE_USERS)
    if not managing:
        return ServiceToken.objects.none()
    by_unit = scope_q(
        actor, province="unit__province", commune="unit__commune", village="unit", assignments=managing
    )
    by_agency = scope_q(actor, province="agency__province", assignments=managing)
    return ServiceToken.objects.filter(
        (Q(unit__isnull=False) & by_unit) | (Q(agency__isnull=False) & by_agency)
    ).select_related("unit", "agency", "created_by")


def service_token_get_for_user(actor: Any, pk: int | str) -> ServiceToken:
    try:
        return service_tokens_for_user(actor).get(pk=pk)
    except (ServiceToken.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def service_token_find(raw: str) -> ServiceToken | None:
    """The token a raw secret belongs to, whatever its state (None for an unknown secret)."""
    if not raw.startswith(SERVICE_PREFIX):
        return None
    return (
        ServiceToken.objects.select_related(
            "created_by", "unit", "unit__province", "agency", "agency__province"
        )
        .filter(digest=token_digest(raw))
        .first()
    )


def service_token_identity(token: ServiceToken) -> User | None:
    """The token's creator narrowed to the token's unit or agency; None when the token may not be used.

    Expired, revoked, a creator no longer active or no longer managing the token's place: None (401).
    """
    user = token.created_by
    if not token.is_active() or not user.is_active:
        return None
    place = token.place
    if not may_bind(user, place):
        return None
    role = Role.AGENCY_OFFICER if token.agency_id is not None else ROLE_FOR_LEVEL[Level(place.level)]
    narrowed = AreaAssignment(user=user, role=role, unit=place, is_active=True)
    withheld = () if Scope.PERSONAL_IDS_READ in token.scope_set else (Permission.VIEW_PERSONAL_IDS,)
    narrow_to(user, [narrowed], agency=token.agency, withheld=withheld)
    return user


@transaction.atomic  # one commit for the two writes
def service_token_call_record(*, token: ServiceToken, operation_id: str, method: str, status: int) -> None:
    """One audit event per call made with a service token (no path, query or body: no personal data)."""
    ServiceToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    audit_record(
        actor=token.created_by,
        action=AuditAction.SERVICE_TOKEN_CALL,
        obj=token,
        unit=token.place,
        after={"token": token.prefix, "operation": operation_id, "method": method, "status": status},
    )
