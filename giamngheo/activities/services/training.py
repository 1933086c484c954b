"""Project 7.1: the register of poverty-reduction officers, their training courses and who attended."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.models import AreaAssignment
from giamngheo.accounts.roles import Role
from giamngheo.activities.models import Attendance, CourseLevel, Officer, OfficerCourse
from giamngheo.activities.services._base import (
    check_money,
    check_text,
    place_of,
    placed_create,
    placed_update,
    require_manager,
)
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.geo.models import AdminUnit

# Users of these roles at a unit are its poverty-reduction officers (ADR 1701).
OFFICER_ROLES = (Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER)


def _officer_clean(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    check_text(data, "full_name", "position", required=("full_name",) if "full_name" in data else ())
    return data


@transaction.atomic
def officer_create(*, actor: Any, unit: AdminUnit, user: Any = None, **data: Any) -> Officer:
    """Add an officer to a unit's register (a user of the system, or a named officer without an account)."""
    place = place_of(unit)
    require_manager(actor, unit)
    data = _officer_clean(data)
    if user is not None and not data.get("full_name"):
        data["full_name"] = user.full_name or user.username
    if not data.get("full_name"):
        raise AppError(ErrorCode.REQUIRED, field="full_name")
    try:
        with transaction.atomic():
            officer = Officer.objects.create(**place, user=user, **data)
    except IntegrityError as error:
        raise AppError(
            ErrorCode.INVALID, _("Người dùng này đã có trong danh sách cán bộ."), field="user"
        ) from error
    audit_record(actor=actor, action=AuditAction.OFFICER_CREATE, obj=officer, unit=unit, after=data)
    return officer


@transaction.atomic
def officer_update(*, actor: Any, officer: Officer, version: int | None = None, **data: Any) -> Officer:
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    require_manager(actor, officer.commune or officer.province)
    if version is not None and version != officer.version:
        raise AppError(ErrorCode.CONFLICT)
    data = _officer_clean(data)
    updated, _changed = model_update(
        instance=officer, fields=list(data), data=data, actor=actor, action=AuditAction.OFFICER_UPDATE
    )
    return updated


@transaction.atomic
def officers_from_users(*, actor: Any, unit: AdminUnit) -> list[Officer]:
    """Add to the unit's register every active user holding an officer role exactly at that unit who is not
    in it yet; running it again adds nothing."""
    place = place_of(unit)
    require_manager(actor, unit)
    assignments = (
        AreaAssignment.objects.filter(unit=unit, role__in=OFFICER_ROLES, is_active=True, user__is_active=True)
        .exclude(user_id__in=Officer.objects.filter(user__isnull=False).values("user_id"))
        .select_related("user")
        .order_by("user_id")
    )
    added: list[Officer] = []
    for assignment in assignments:
        if any(officer.user_id == assignment.user_id for officer in added):
            continue
        user = assignment.user
        officer = Officer.objects.create(
            **place,
            user=user,
            full_name=user.full_name or user.username,
            position=assignment.get_role_display(),
        )
        added.append(officer)
    if added:
        audit_record(
            actor=actor, action=AuditAction.OFFICER_CREATE, obj=unit, unit=unit,
            after={"from_users": [officer.full_name for officer in added]},
        )  # fmt: skip
    return added


def _course_clean(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    check_text(
        data, "title", "place", "organiser", required=tuple(n for n in ("title", "organiser") if n in data)
    )
    if "level" in data and data["level"] not in CourseLevel.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="level")
    if "cost" in data:
        check_money(data, "cost")
    return data


def _check_dates(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise AppError(ErrorCode.INVALID, _("Ngày kết thúc trước ngày bắt đầu."), field="ends_on")


@transaction.atomic
def officer_course_create(*, actor: Any, unit: AdminUnit, **data: Any) -> OfficerCourse:
    """Record a training course for officers held by a province or commune."""
    data = _course_clean(data)
    _check_dates(data["starts_on"], data["ends_on"])
    return placed_create(
        OfficerCourse, actor=actor, unit=unit, data=data, action=AuditAction.OFFICER_COURSE_CREATE
    )


@transaction.atomic
def officer_course_update(
    *, actor: Any, course: OfficerCourse, version: int | None = None, **data: Any
) -> OfficerCourse:
    course = OfficerCourse.objects.select_for_update().get(pk=course.pk)
    data = _course_clean(data)
    _check_dates(data.get("starts_on", course.starts_on), data.get("ends_on", course.ends_on))
    return placed_update(
        course, actor=actor, data=data, version=version, action=AuditAction.OFFICER_COURSE_UPDATE
    )


def check_attendee(course: OfficerCourse, officer: Officer) -> None:
    """A province's course trains officers of the province; a commune's, its own commune's officers."""
    if officer.province_id != course.province_id or (
        course.commune_id is not None and officer.commune_id != course.commune_id
    ):
        raise AppError(ErrorCode.ACTIVITIES_OTHER_PLACE, field="officer")


@transaction.atomic
def attendance_set(
    *, actor: Any, course: OfficerCourse, officer: Officer, attended: bool, completed: bool
) -> tuple[Attendance, bool]:
    """Put an officer on the course's list or change their attendance; the row, and whether it changed."""
    require_manager(actor, course.commune or course.province, (course.lead_agency,))
    check_attendee(course, officer)
    if completed and not attended:
        raise AppError(
            ErrorCode.INVALID, _("Cán bộ không tham dự thì không hoàn thành được."), field="completed"
        )
    row, created = Attendance.objects.select_for_update().get_or_create(
        course=course, officer=officer, defaults={"attended": attended, "completed": completed}
    )
    if not created and (row.attended, row.completed) == (attended, completed):
        return row, False
    row.attended, row.completed = attended, completed
    row.save(update_fields=["attended", "completed"])
    audit_record(
        actor=actor, action=AuditAction.ATTENDANCE_SET, obj=course,
        after={"officer": officer.full_name, "attended": attended, "completed": completed},
    )  # fmt: skip
    return row, True
