"""Writes to accounts: users, area assignments and API tokens, each with an audit event."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import assignments_with_permission, covers, forget_assignments
from giamngheo.accounts.models import ApiToken, AreaAssignment, User, token_digest
from giamngheo.accounts.roles import ROLE_LEVELS, ROLE_PERMISSIONS, Permission, Role
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.geo.models import AdminUnit, Tree

TOKEN_PREFIX = "gn_"  # noqa: S105 — a public prefix, not a secret


def _user_snapshot(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "organization": user.organization,
        "phone": user.phone,
        "is_active": user.is_active,
    }


def _may_manage_area(actor: Any, unit: AdminUnit | None) -> bool:
    return any(
        covers(assignment.unit, unit) if unit is not None else assignment.unit_id is None
        for assignment in assignments_with_permission(actor, Permission.MANAGE_USERS)
    )


def _may_manage_user(actor: Any, user: User) -> bool:
    """An actor manages a user when every one of the user's active assignments lies in the actor's area."""
    assignments = list(user.assignments.filter(is_active=True).select_related("unit"))
    if not assignments:
        return _may_manage_area(actor, None)
    return all(_may_manage_area(actor, assignment.unit) for assignment in assignments)


# How wide a unit is: the country (None) above a province above a commune above a village.
LEVEL_RANK: dict[str | None, int] = {None: 0, "province": 1, "district": 2, "commune": 3, "village": 4}

# Roles that sign decisions, approve, open campaigns or manage users: granted only from strictly above.
DECISION_ROLES = frozenset(
    role
    for role, permissions in ROLE_PERMISSIONS.items()
    if permissions
    & {
        Permission.DECIDE_RECOGNITION,
        Permission.MANAGE_USERS,
        Permission.APPROVE_REPORTS,
        Permission.MANAGE_CAMPAIGNS,
    }
)


def _rank(unit: AdminUnit | None) -> int:
    return LEVEL_RANK[unit.level if unit is not None else None]


def _is_strictly_above(actor: Any, user: User, extra: tuple[AdminUnit | None, ...] = ()) -> bool:
    """Whether one of the actor's user-managing assignments covers all the user's areas from a wider level.

    The user's level is their widest active assignment (and `extra`, a unit about to be granted);
    a province manager is above commune users, only a national manager is above province users, and
    nobody is above a national user (those are managed with `manage.py` on the server).
    """
    units = [assignment.unit for assignment in user.assignments.filter(is_active=True).select_related("unit")]
    units.extend(extra)
    if not units:
        return _may_manage_area(actor, None)
    level = min(_rank(unit) for unit in units)
    return any(
        _rank(managing.unit) < level
        and all(unit is not None and covers(managing.unit, unit) for unit in units)
        for managing in assignments_with_permission(actor, Permission.MANAGE_USERS)
    )


def _refuse_self(actor: Any, user: User) -> None:
    if user.pk == getattr(actor, "pk", None):
        raise AppError(
            ErrorCode.ASSIGNMENT_SELF,
            str(_("Không ai được tự giao hoặc thu hồi vai trò, địa bàn của chính mình.")),
            field="role",
        )


def _check_password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise AppError(ErrorCode.INVALID, " ".join(error.messages), field="password") from error


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    full_name: str,
    role: str,
    unit: AdminUnit | None,
    email: str = "",
    organization: str = "",
    phone: str = "",
) -> User:
    """Create a user account with its first area assignment, so no account exists without an area."""
    if not assignments_with_permission(actor, Permission.MANAGE_USERS):
        raise PermissionDenied()
    username = username.strip()
    if not username:
        raise AppError(ErrorCode.INVALID, _("Tên đăng nhập không được để trống."), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise AppError(ErrorCode.USER_DUPLICATE, field="username")
    user = User(
        username=username,
        full_name=full_name.strip(),
        email=email.strip(),
        organization=organization.strip(),
        phone=phone.strip(),
    )
    _check_password(password, user)
    user.set_password(password)
    user.save()
    audit_record(actor=actor, action=AuditAction.USER_CREATE, obj=user, after=_user_snapshot(user))
    assignment_add(actor=actor, user=user, role=role, unit=unit)
    return user


@transaction.atomic
def user_update(
    *,
    actor: Any,
    user: User,
    full_name: str,
    email: str,
    organization: str,
    phone: str,
    is_active: bool,
    password: str = "",
) -> User:
    """Change a user's details, lock or unlock the account, or set a new password."""
    if not _may_manage_user(actor, user):
        raise PermissionDenied()
    if user.pk == getattr(actor, "pk", None) and not is_active:
        raise AppError(ErrorCode.USER_SELF_LOCK, field="is_active")
    if password and user.pk == getattr(actor, "pk", None):
        raise AppError(
            ErrorCode.PASSWORD_SELF,
            str(_("Hãy đổi mật khẩu của mình ở trang cá nhân (cần mật khẩu cũ).")),
            field="password",
        )
    if password and not _is_strictly_above(actor, user):
        raise AppError(
            ErrorCode.PASSWORD_RESET_RANK,
            str(_("Chỉ người quản lý ở cấp trên cấp của người dùng này mới được đặt lại mật khẩu.")),
            field="password",
        )
    if password:
        _check_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
    data = {
        "full_name": full_name.strip(),
        "email": email.strip(),
        "organization": organization.strip(),
        "phone": phone.strip(),
        "is_active": is_active,
    }
    user, _changed = model_update(
        instance=user, fields=data, data=data, actor=actor, action=AuditAction.USER_UPDATE
    )
    if password:
        audit_record(
            actor=actor, action=AuditAction.USER_PASSWORD_RESET, obj=user, after={"username": user.username}
        )
    return user


@transaction.atomic
def assignment_add(*, actor: Any, user: User, role: str, unit: AdminUnit | None) -> AreaAssignment:
    """Give a user a role over a unit of the current tree (or the whole country for national roles)."""
    if role not in Role.values:
        raise AppError(ErrorCode.INVALID, _("Vai trò không hợp lệ."), field="role")
    if unit is not None and (unit.tree != Tree.CURRENT or not unit.is_current):
        raise AppError(
            ErrorCode.ASSIGNMENT_ROLE_SCOPE,
            _("Chỉ giao địa bàn là đơn vị hành chính hiện hành."),
            field="unit",
        )
    if (unit.level if unit is not None else None) not in ROLE_LEVELS[role]:
        raise AppError(ErrorCode.ASSIGNMENT_ROLE_SCOPE, field="unit")
    if not _may_manage_area(actor, unit):
        raise AppError(ErrorCode.ASSIGNMENT_OUTSIDE_AREA, field="unit")
    if role == Role.SYSTEM_ADMIN and not _may_manage_area(actor, None):
        raise PermissionDenied()
    _refuse_self(actor, user)
    if role in DECISION_ROLES and not _is_strictly_above(actor, user, (unit,)):
        raise AppError(
            ErrorCode.ASSIGNMENT_RANK,
            str(_("Vai trò ra quyết định chỉ do người quản lý ở cấp trên cấp của người được giao trao.")),
            field="role",
        )
    if AreaAssignment.objects.filter(user=user, role=role, unit=unit, is_active=True).exists():
        raise AppError(ErrorCode.ASSIGNMENT_DUPLICATE, field="role")
    assignment = AreaAssignment.objects.create(user=user, role=role, unit=unit, created_by=actor)
    audit_record(
        actor=actor,
        action=AuditAction.ASSIGNMENT_ADD,
        obj=user,
        after={"role": role, "unit": unit.pk if unit else None},
    )
    forget_assignments(user)
    return assignment


@transaction.atomic
def assignment_revoke(*, actor: Any, assignment: AreaAssignment) -> AreaAssignment:
    """End an assignment; the row stays as history."""
    if not _may_manage_area(actor, assignment.unit):
        raise AppError(ErrorCode.ASSIGNMENT_OUTSIDE_AREA, field="unit")
    _refuse_self(actor, assignment.user)
    assignment.is_active = False
    assignment.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action=AuditAction.ASSIGNMENT_REVOKE,
        obj=assignment.user,
        before={"role": assignment.role, "unit": assignment.unit_id},
    )
    forget_assignments(assignment.user)
    return assignment


@transaction.atomic
def api_token_create(*, actor: Any, user: User, name: str) -> tuple[ApiToken, str]:
    """Create an API token for the user; the raw token is returned once and never stored."""
    # A token for someone else lets the actor act as them: the same rule as resetting their password.
    if user.pk != getattr(actor, "pk", None) and not _is_strictly_above(actor, user):
        raise PermissionDenied()
    name = name.strip() or "API"
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10], digest=token_digest(raw))
    audit_record(
        actor=actor,
        action=AuditAction.API_TOKEN_CREATE,
        obj=user,
        after={"token": token.prefix, "name": name},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke an API token at once."""
    if token.user_id != getattr(actor, "pk", None) and not _may_manage_user(actor, token.user):
        raise PermissionDenied()
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor, action=AuditAction.API_TOKEN_REVOKE, obj=token.user, before={"token": token.prefix}
    )
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user a raw token belongs to, or None; records when the token was last used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
