"""Vocational training: courses, enrolment and completion (a completion is also a support record)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.jobs.models import Course, Enrolment, Qualification
from giamngheo.jobs.services._base import (
    check_not_future,
    check_working_age,
    person_columns,
    require_for_member,
)
from giamngheo.jobs.services.attendance import check_attendance
from giamngheo.registry.models import Member
from giamngheo.support.eligibility import commune_facts, judge
from giamngheo.support.models import SupportType
from giamngheo.support.services.records import support_record_add


@transaction.atomic
def course_create(
    *,
    actor: Any,
    place: AdminUnit,
    name: str,
    provider: str,
    trade: str,
    level: int,
    starts_on: dt.date,
    ends_on: dt.date,
    support_type: SupportType,
    funding_source: str = "",
    min_attendance: int = 80,
) -> Course:
    """Open a course at a place; its support type (from the catalogue) is what completion records."""
    require_permission(actor, Permission.MANAGE_JOBS, place)
    province = place if place.level == Level.PROVINCE or place.province is None else place.province
    if not (name.strip() and provider.strip() and trade.strip()):
        raise AppError(ErrorCode.REQUIRED, field="name" if not name.strip() else "provider")
    if level not in Qualification.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="level")
    if ends_on < starts_on:
        raise AppError(ErrorCode.INVALID, _("Ngày kết thúc trước ngày bắt đầu."), field="ends_on")
    if not 0 <= min_attendance <= 100:
        raise AppError(ErrorCode.INVALID, _("Tỷ lệ chuyên cần từ 0 đến 100."), field="min_attendance")
    if support_type.province_id not in (None, getattr(province, "pk", None)):
        raise AppError(ErrorCode.INVALID, _("Loại hỗ trợ không áp dụng ở tỉnh này."), field="support_type")
    course = Course.objects.create(
        province=province,
        place=place,
        name=name.strip(),
        provider=provider.strip(),
        trade=trade.strip(),
        level=level,
        starts_on=starts_on,
        ends_on=ends_on,
        support_type=support_type,
        funding_source=funding_source.strip() or support_type.budget_source,
        min_attendance=min_attendance,
    )
    audit_record(
        actor=actor,
        action=AuditAction.COURSE_CREATE,
        obj=course,
        unit=place,
        after={"name": course.name, "trade": course.trade},
    )
    return course


@transaction.atomic
def enrolment_create(*, actor: Any, course: Course, member: Member, on: dt.date, today: dt.date) -> Enrolment:
    """Enrol a working-age member of the course's province."""
    require_for_member(actor, member)
    check_not_future(on, today, "enrolled_on")
    if member.household.province_id != course.province_id:
        raise AppError(ErrorCode.INVALID, _("Thành viên không ở tỉnh mở khóa học."), field="member")
    check_working_age(member, on)
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(course=course, enrolled_on=on, **person_columns(member))
    except IntegrityError as error:
        raise AppError(
            ErrorCode.INVALID, _("Thành viên đã ghi danh khóa học này."), field="member"
        ) from error
    audit_record(
        actor=actor,
        action=AuditAction.ENROLMENT_CREATE,
        obj=enrolment,
        after={"course": course.pk, "member": member.pk},
    )
    return enrolment


@transaction.atomic
def enrolment_complete(
    *, actor: Any, enrolment: Enrolment, on: dt.date, certificate_no: str = "", today: dt.date
) -> Enrolment:
    """Record a completion (and the certificate); support the member qualifies for goes into the ledger.

    The ledger record is written by the support services (their eligibility and once-only rules apply); a
    trainee whose household does not qualify completes the course without a support record.
    """
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("course", "member", "household")
        .get(pk=enrolment.pk)
    )
    require_for_member(actor, enrolment.member)
    check_not_future(on, today, "completed_on")
    if enrolment.completed_on is not None:
        raise AppError(ErrorCode.INVALID, _("Học viên đã hoàn thành khóa học."))
    if on < enrolment.enrolled_on:
        raise AppError(ErrorCode.INVALID, _("Ngày hoàn thành trước ngày ghi danh."), field="completed_on")
    check_attendance(enrolment)
    household, support_type = enrolment.household, enrolment.course.support_type
    verdict = judge(
        support_type, household, enrolment.member, commune_facts(household.commune, [household], on)
    )
    if verdict.eligible:
        enrolment.support_record = support_record_add(
            actor=actor,
            household=household,
            member=enrolment.member,
            support_type=support_type,
            on=on,
            amount=None,
            quantity=Decimal(1),
            reason=enrolment.course.name[:200],
            today=today,
        )
    enrolment.completed_on = on
    enrolment.certificate_no = certificate_no.strip()
    enrolment.save(update_fields=["completed_on", "certificate_no", "support_record"])
    audit_record(
        actor=actor,
        action=AuditAction.ENROLMENT_COMPLETE,
        obj=enrolment,
        after={
            "completed_on": on.isoformat(),
            "certificate_no": enrolment.certificate_no,
            "support_record": enrolment.support_record_id,
        },
    )
    return enrolment
