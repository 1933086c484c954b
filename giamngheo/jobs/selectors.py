"""Reads of the jobs app, already limited to the user's area: the labour register, vacancies, referrals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from giamngheo.accounts.access import NOTHING, is_national, scope_q, units_for_user
from giamngheo.core.errors import NotFound
from giamngheo.geo.models import Level, Tree
from giamngheo.jobs.models import (
    AbroadWorker,
    Course,
    CourseSession,
    Enrolment,
    EventAttendee,
    JobEvent,
    LabourSurvey,
    Referral,
    Vacancy,
)
from giamngheo.registry.models import Member
from giamngheo.standards.loader import standard_for_year

PROFILE_FIELDS = (
    "employment",
    "qualification",
    "has_certificate",
    "skills",
    "wants_work",
    "wants_training",
    "wants_abroad",
    "stays_in_commune",
    "surveyed_on",
)


def province_q(user: Any) -> Q:
    """Province-wide rows (employers, vacancies, courses) of the provinces the user works in."""
    if is_national(user):
        return Q()
    provinces = units_for_user(user).filter(tree=Tree.CURRENT).values("province_id")
    own = units_for_user(user).filter(tree=Tree.CURRENT, level=Level.PROVINCE).values("pk")
    return Q(province_id__in=provinces) | Q(province_id__in=own)


def years_ago(on: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (29 February → 1 March, ADR 0101)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return dt.date(on.year - years, 3, 1)


def working_age_q(on: dt.date, prefix: str = "") -> Q:
    """Members of working age on a date, by the age bounds of the poverty standard in force (ADR 0101).

    Age is completed years from the birth date, or the difference of years when only the year is known.
    """
    bounds = standard_for_year(on.year).working_age
    result = NOTHING
    for sex, upper in (("female", bounds.max_female), ("male", bounds.max_male)):
        by_date = Q(
            **{
                f"{prefix}birth_date__isnull": False,
                f"{prefix}birth_date__lte": years_ago(on, bounds.minimum),
                f"{prefix}birth_date__gt": years_ago(on, upper + 1),
            }
        )
        by_year = Q(
            **{
                f"{prefix}birth_date__isnull": True,
                f"{prefix}birth_year__range": (on.year - upper, on.year - bounds.minimum),
            }
        )
        result |= Q(**{f"{prefix}sex": sex}) & (by_date | by_year)
    return result


def latest_survey(member_ref: str = "pk") -> QuerySet[LabourSurvey]:
    return LabourSurvey.objects.filter(member_id=OuterRef(member_ref)).order_by("-surveyed_on", "-id")


def labour_register_for_user(user: Any, *, on: dt.date) -> QuerySet[Member]:
    """Active working-age members of active households in the user's area, with their latest survey."""
    latest = latest_survey()
    members = Member.objects.filter(
        scope_q(
            user, province="household__province", commune="household__commune", village="household__village"
        ),
        working_age_q(on),
        is_active=True,
        household__is_active=True,
    )
    return members.annotate(
        **{f"labour_{name}": Subquery(latest.values(name)[:1]) for name in PROFILE_FIELDS}
    ).select_related("household", "household__commune")


def member_get_for_user(user: Any, member_id: int) -> Member:
    member = (
        Member.objects.filter(
            scope_q(
                user,
                province="household__province",
                commune="household__commune",
                village="household__village",
            ),
            pk=member_id,
        )
        .select_related("household", "household__commune", "household__province", "household__village")
        .first()
    )
    if member is None:
        raise NotFound()
    return member


def surveys_of(member: Member) -> QuerySet[LabourSurvey]:
    return LabourSurvey.objects.filter(member=member).order_by("-surveyed_on", "-id")


def vacancies_for_user(user: Any) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(province_q(user)).select_related("employer", "place")


def vacancy_get_for_user(user: Any, vacancy_id: int) -> Vacancy:
    vacancy = vacancies_for_user(user).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise NotFound()
    return vacancy


def open_vacancies_for_user(user: Any, *, on: dt.date) -> QuerySet[Vacancy]:
    return vacancies_for_user(user).filter(deadline__gte=on)


def referrals_for_user(user: Any) -> QuerySet[Referral]:
    return Referral.objects.filter(
        scope_q(user, province="province", commune="commune", village="household__village")
    ).select_related("member", "household", "vacancy", "vacancy__employer", "commune")


def referral_get_for_user(user: Any, referral_id: int) -> Referral:
    referral = referrals_for_user(user).filter(pk=referral_id).first()
    if referral is None:
        raise NotFound()
    return referral


def courses_for_user(user: Any) -> QuerySet[Course]:
    return Course.objects.filter(province_q(user)).select_related("place", "support_type")


def course_get_for_user(user: Any, course_id: int) -> Course:
    course = courses_for_user(user).filter(pk=course_id).first()
    if course is None:
        raise NotFound()
    return course


def enrolments_for_user(user: Any) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        scope_q(user, province="province", commune="commune", village="household__village")
    ).select_related("member", "household", "course")


def enrolment_get_for_user(user: Any, enrolment_id: int) -> Enrolment:
    enrolment = enrolments_for_user(user).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise NotFound()
    return enrolment


def abroad_workers_for_user(user: Any) -> QuerySet[AbroadWorker]:
    return AbroadWorker.objects.filter(
        scope_q(user, province="province", commune="commune", village="household__village")
    ).select_related("member", "household", "commune")


def abroad_worker_get_for_user(user: Any, worker_id: int) -> AbroadWorker:
    worker = abroad_workers_for_user(user).filter(pk=worker_id).first()
    if worker is None:
        raise NotFound()
    return worker


def session_get_for_user(user: Any, course_id: int, session_id: int) -> CourseSession:
    session = (
        CourseSession.objects.filter(course__in=courses_for_user(user), course_id=course_id, pk=session_id)
        .select_related("course", "course__place")
        .first()
    )
    if session is None:
        raise NotFound()
    return session


def job_events_for_user(user: Any) -> QuerySet[JobEvent]:
    """Job fairs and mobile sessions of the user's provinces (province-wide, like vacancies)."""
    return JobEvent.objects.filter(province_q(user)).select_related("place")


def job_event_get_for_user(user: Any, event_id: int) -> JobEvent:
    event = job_events_for_user(user).filter(pk=event_id).first()
    if event is None:
        raise NotFound()
    return event


def attendees_for_user(user: Any) -> QuerySet[EventAttendee]:
    """Attendees of the user's area; walk-ins (no household) are seen by whoever sees the event's place."""
    people = scope_q(user, province="province", commune="commune", village="household__village")
    walk_ins = Q(member__isnull=True) & scope_q(user, province="event__province", commune="event__place")
    return EventAttendee.objects.filter(people | walk_ins).select_related("member", "household", "event")
