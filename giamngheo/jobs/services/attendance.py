"""Attendance of course sessions and the completion rule: at least the course's share of sessions present."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.jobs.models import Attendance, Course, CourseSession, Enrolment
from giamngheo.jobs.services._base import check_not_future, require_for_member


@dataclass(frozen=True)
class AttendanceRate:
    present: int
    sessions: int

    @property
    def percent(self) -> int | None:
        """Whole percent present (rounded down), None when no session was held."""
        return self.present * 100 // self.sessions if self.sessions else None


def attendance_rates(course: Course, enrolments: list[Enrolment]) -> dict[int, AttendanceRate]:
    """Present sessions of each enrolment out of the course's sessions (an unmarked session counts absent)."""
    sessions = CourseSession.objects.filter(course=course).count()
    present = dict(
        Attendance.objects.filter(enrolment__in=[e.pk for e in enrolments], present=True)
        .values("enrolment_id")
        .annotate(n=Count("id"))
        .values_list("enrolment_id", "n")
    )
    return {e.pk: AttendanceRate(present.get(e.pk, 0), sessions) for e in enrolments}


def check_attendance(enrolment: Enrolment) -> None:
    """Refuse a completion below the course's minimum attendance (a course without sessions has no rule)."""
    course = enrolment.course
    rate = attendance_rates(course, [enrolment])[enrolment.pk]
    if rate.percent is not None and rate.percent < course.min_attendance:
        raise AppError(
            ErrorCode.JOBS_ATTENDANCE_LOW,
            _("Chuyên cần %(rate)s%% (%(present)s/%(sessions)s buổi), cần ít nhất %(min)s%%.")
            % {
                "rate": rate.percent,
                "present": rate.present,
                "sessions": rate.sessions,
                "min": course.min_attendance,
            },
            field="completed_on",
        )


@transaction.atomic
def session_add(
    *, actor: Any, course: Course, held_on: dt.date, topic: str = "", today: dt.date
) -> CourseSession:
    """Add a day of the course (within its dates, not in the future); the same day twice is refused."""
    require_permission(actor, Permission.MANAGE_JOBS, course.place)
    check_not_future(held_on, today, "held_on")
    if not course.starts_on <= held_on <= course.ends_on:
        raise AppError(ErrorCode.INVALID, _("Ngày học ngoài thời gian của khóa học."), field="held_on")
    try:
        with transaction.atomic():
            session = CourseSession.objects.create(course=course, held_on=held_on, topic=topic.strip()[:255])
    except IntegrityError as error:
        raise AppError(ErrorCode.INVALID, _("Ngày học này đã có."), field="held_on") from error
    audit_record(
        actor=actor, action=AuditAction.COURSE_SESSION_ADD, obj=course, unit=course.place,
        after={"held_on": held_on.isoformat()},
    )  # fmt: skip
    return session


@transaction.atomic
def attendance_record(
    *, actor: Any, session: CourseSession, enrolments: list[Enrolment], present: set[int]
) -> int:
    """Mark each given enrolment present (its id in `present`) or absent at the session; returns changes.

    Each enrolment must be of the session's course and in the actor's area (its member's household).
    """
    changed = 0
    for enrolment in enrolments:
        if enrolment.course_id != session.course_id:
            raise AppError(ErrorCode.INVALID, _("Học viên không thuộc khóa học này."), field="enrolment")
        require_for_member(actor, enrolment.member)
        if enrolment.enrolled_on > session.held_on:
            continue  # not yet enrolled that day: nothing to mark
        value = enrolment.pk in present
        row, created = Attendance.objects.get_or_create(
            session=session, enrolment=enrolment, defaults={"present": value}
        )
        if not created and row.present != value:
            Attendance.objects.filter(pk=row.pk).update(present=value)
        changed += int(created or row.present != value)
    if changed:
        audit_record(
            actor=actor, action=AuditAction.ATTENDANCE_RECORD, obj=session.course, unit=session.course.place,
            after={"held_on": session.held_on.isoformat(), "marked": len(enrolments), "changed": changed},
        )  # fmt: skip
    return changed


def completable(course: Course, enrolments: list[Enrolment]) -> list[Enrolment]:
    """Enrolments not completed yet whose attendance meets the course's rule (needs at least one session)."""
    rates = attendance_rates(course, enrolments)
    return [
        e
        for e in enrolments
        if e.completed_on is None
        and (rate := rates[e.pk]).percent is not None
        and rate.percent >= course.min_attendance
    ]


__all__ = ["attendance_rates", "attendance_record", "check_attendance", "completable", "session_add"]
