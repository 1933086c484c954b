"""Who works for which agency: adding and removing agency members, checked and audited."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.programs.models import Agency, AgencyMember


@transaction.atomic
def agency_member_add(*, actor: Any, agency: Agency, user: Any) -> AgencyMember:
    """Make a user a member of an agency (a province officer or an administrator of its province does it)."""
    require_permission(actor, Permission.MANAGE_USERS, agency.province)
    if not user.is_active:
        raise AppError(ErrorCode.INVALID, _("Tài khoản đã bị khóa."), field="user")
    if AgencyMember.objects.filter(agency=agency, user=user).exists():
        raise AppError(ErrorCode.AGENCY_MEMBER_EXISTS, field="user")
    try:
        with transaction.atomic():
            member = AgencyMember.objects.create(
                agency=agency, user=user, added_by=actor if getattr(actor, "pk", None) else None
            )
    except IntegrityError as error:  # added by someone else at the same moment
        raise AppError(ErrorCode.AGENCY_MEMBER_EXISTS, field="user") from error
    audit_record(
        actor=actor,
        action=AuditAction.AGENCY_MEMBER_ADD,
        obj=agency,
        after={"user": user.username, "agency": agency.name},
    )
    return member


@transaction.atomic
def agency_member_remove(*, actor: Any, agency: Agency, user: Any) -> None:
    """Take a user out of an agency: they stop seeing its lists and updating its tasks."""
    require_permission(actor, Permission.MANAGE_USERS, agency.province)
    deleted, _rows = AgencyMember.objects.filter(agency=agency, user=user).delete()
    if not deleted:
        raise AppError(ErrorCode.AGENCY_MEMBER_ABSENT, field="user")
    audit_record(
        actor=actor,
        action=AuditAction.AGENCY_MEMBER_REMOVE,
        obj=agency,
        before={"user": user.username, "agency": agency.name},
    )
