"""Job fairs and mobile job sessions: the event, who attended (members or walk-ins), referrals made there."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.jobs.models import Employer, EventAttendee, JobEvent, JobEventKind, Referral, Vacancy
from giamngheo.jobs.services._base import actor_or_none, check_not_future, require_for_member
from giamngheo.jobs.services.placements import referral_create
from giamngheo.registry.models import Member


@transaction.atomic
def job_event_create(
    *,
    actor: Any,
    place: AdminUnit,
    kind: str,
    name: str,
    held_on: dt.date,
    venue: str,
    organiser: str,
    employers: list[Employer] | None = None,
    vacancies: list[Vacancy] | None = None,
) -> JobEvent:
    """Plan or record a fair or mobile session at a place; employers and vacancies are of its province.

    The employers of the vacancies offered take part too (added when not chosen).
    """
    require_permission(actor, Permission.MANAGE_JOBS, place)
    if kind not in JobEventKind.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="kind")
    for field, value in (("name", name), ("venue", venue), ("organiser", organiser)):
        if not value.strip():
            raise AppError(ErrorCode.REQUIRED, field=field)
    province = place if place.level == Level.PROVINCE else place.province
    if province is None:
        raise AppError(ErrorCode.INVALID, _("Địa bàn không thuộc tỉnh nào."), field="place")
    chosen_vacancies = list(vacancies or [])
    chosen_employers = {e.pk: e for e in employers or []} | {
        v.employer_id: v.employer for v in chosen_vacancies
    }
    if any(e.province_id != province.pk for e in chosen_employers.values()):
        raise AppError(ErrorCode.INVALID, _("Đơn vị tuyển dụng không thuộc tỉnh này."), field="employers")
    event = JobEvent.objects.create(
        province=province, place=place, kind=kind, name=name.strip(), held_on=held_on, venue=venue.strip(),
        organiser=organiser.strip(), created_by=actor_or_none(actor),
    )  # fmt: skip
    event.employers.set(chosen_employers.values())
    event.vacancies.set(chosen_vacancies)
    audit_record(
        actor=actor, action=AuditAction.JOB_EVENT_CREATE, obj=event, unit=place,
        after={"kind": kind, "held_on": held_on.isoformat(), "vacancies": [v.pk for v in chosen_vacancies]},
    )  # fmt: skip
    return event


@transaction.atomic
def event_attend(
    *, actor: Any, event: JobEvent, member: Member | None = None, walk_in_name: str = "", today: dt.date
) -> EventAttendee:
    """Record who came: a member of the register (once per event) or a walk-in known by name."""
    check_not_future(event.held_on, today, "held_on")
    if member is not None:
        require_for_member(actor, member)
        household = member.household
        if household.province_id != event.province_id:
            raise AppError(ErrorCode.INVALID, _("Thành viên không ở tỉnh tổ chức sự kiện."), field="member")
        attendee, created = EventAttendee.objects.get_or_create(
            event=event, member=member,
            defaults={"household": household, "commune": household.commune, "province": household.province,
                      "household_status": household.status, "recorded_by": actor_or_none(actor)},
        )  # fmt: skip
        if not created:
            return attendee
    else:
        require_permission(actor, Permission.MANAGE_JOBS, event.place)
        if not walk_in_name.strip():
            raise AppError(ErrorCode.REQUIRED, field="walk_in_name")
        attendee = EventAttendee.objects.create(
            event=event, province=event.province, walk_in_name=walk_in_name.strip()[:255],
            recorded_by=actor_or_none(actor),
        )  # fmt: skip
    audit_record(
        actor=actor, action=AuditAction.JOB_EVENT_ATTEND, obj=event, unit=event.place,
        after={"member": getattr(member, "pk", None), "walk_in": bool(attendee.walk_in_name)},
    )  # fmt: skip
    return attendee


def event_refer(*, actor: Any, event: JobEvent, vacancy: Vacancy, member: Member, today: dt.date) -> Referral:
    """A referral made at the event, dated on its day, for a member who attended it."""
    if not EventAttendee.objects.filter(event=event, member=member).exists():
        raise AppError(ErrorCode.INVALID, _("Người này chưa được ghi là có tham dự sự kiện."), field="member")
    return referral_create(
        actor=actor, vacancy=vacancy, member=member, on=event.held_on, today=today, event=event
    )
