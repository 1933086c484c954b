"""Indicators of job fairs and mobile job sessions and of training needs met, computed from people.

Events count where they were held (the event's place in the unit); attendees and referrals count by the
household of the person. Training needs met: ADR 1202 (`jobs.needs`).
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from giamngheo.core.models import Period
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.jobs.models import EventAttendee, JobEvent, Referral
from giamngheo.jobs.needs import needs_table
from giamngheo.monitoring.computations import Computed, _percent, computation, current_unit
from giamngheo.monitoring.jobs_indicators import _households, poor_share
from giamngheo.monitoring.support_indicators import _year_to_date


def _only_all() -> Computed:
    return Computed(None, message=_("Chỉ tính cho toàn bộ địa bàn, không theo nhóm hộ."))


def _events(unit: AdminUnit, period: Period) -> QuerySet[JobEvent] | None:
    current = current_unit(unit)
    if current is None or current.level not in (Level.PROVINCE, Level.COMMUNE):
        return None
    in_unit = {"province": current} if current.level == Level.PROVINCE else {"place": current}
    return JobEvent.objects.filter(held_on__range=_year_to_date(period), **in_unit)


@computation("jobs_events_held")
def jobs_events_held(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Job fairs and mobile job sessions held in the unit, year to the period's end."""
    if group != "all":
        return _only_all()
    events = _events(unit, period)
    if events is None:
        return Computed(None, message=_("Chỉ tính cho tỉnh hoặc xã hiện hành."))
    return Computed(Decimal(events.count()))


def _attendees(unit: AdminUnit, period: Period, group: str) -> tuple[QuerySet[EventAttendee] | None, str]:
    households, why = _households(unit, period, group)
    if households is None:
        return None, why
    return EventAttendee.objects.filter(
        household__in=households.values("pk"), event__held_on__range=_year_to_date(period)
    ), ""


@computation("jobs_event_attendees")
def jobs_event_attendees(unit: AdminUnit, period: Period, group: str) -> Computed:
    """People of the register who came to a fair or session, year to date (each person once; walk-ins of
    the unit's events added for the whole area)."""
    attendees, why = _attendees(unit, period, group)
    if attendees is None:
        return Computed(None, message=why)
    count = attendees.values("member_id").distinct().count()
    events = _events(unit, period) if group == "all" else None
    if events is not None:
        count += EventAttendee.objects.filter(event__in=events, member__isnull=True).count()
    return Computed(Decimal(count))


@computation("jobs_event_attendees_poor_share")
def jobs_event_attendees_poor_share(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Of the register's people who attended, the share from households poor or near-poor at the event."""
    attendees, why = _attendees(unit, period, group)
    if attendees is None:
        return Computed(None, message=why)
    return poor_share(attendees, _("Chưa có người tham dự ngày hội, phiên giao dịch việc làm."))


@computation("jobs_event_referrals")
def jobs_event_referrals(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Referrals made at fairs and sessions, year to the period's end."""
    households, why = _households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    referrals = Referral.objects.filter(
        household__in=households.values("pk"), event__isnull=False, referred_on__range=_year_to_date(period)
    )
    return Computed(Decimal(referrals.count()))


@computation("jobs_training_needs_met")
def jobs_training_needs_met(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Training needs of the year met by trainees of the year's courses / needs × 100 (by commune, trade)."""
    if group != "all":
        return _only_all()
    current = current_unit(unit)
    if current is None or current.level not in (Level.PROVINCE, Level.COMMUNE):
        return Computed(None, message=_("Chỉ tính cho tỉnh hoặc xã hiện hành."))
    if current.level == Level.COMMUNE:
        communes = [current.pk]
    else:
        communes = list(
            AdminUnit.objects.filter(province=current, level=Level.COMMUNE, tree=Tree.CURRENT).values_list(
                "pk", flat=True
            )
        )
    rows = needs_table(communes, period.year, period.end_date)
    need = sum(row.need for row in rows)
    if not need:
        return Computed(None, message=_("Chưa có nhu cầu đào tạo trong năm."))
    return _percent(sum(row.met for row in rows), need)
