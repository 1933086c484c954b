"""Reads of the activity registers, limited to the user's area (and an agency officer to their agencies).

A province's users see every row of the province (its own and its communes'); a commune's users see their
commune's rows only; a village reviewer sees none (even one assigned to a whole commune). An agency officer
sees, within their assigned area, the rows their agency leads, is inspected on, or must act on (ADR 1701).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from giamngheo.accounts.access import assignments_of, scope_q
from giamngheo.accounts.roles import Role
from giamngheo.activities.models import (
    OPEN_STATUSES,
    Attendance,
    Commendation,
    CommunicationItem,
    Donation,
    FollowUp,
    Inspection,
    Officer,
    OfficerCourse,
    Recommendation,
)
from giamngheo.core.errors import NotFound
from giamngheo.programs.models import AgencyMember

PATHS = {"province": "province", "commune": "commune"}


def agency_ids_of(user: Any) -> list[int]:
    """The agencies the user works for."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(AgencyMember.objects.filter(user=user).values_list("agency_id", flat=True))


def area_q(user: Any, *, agency_paths: tuple[str, ...] = ("lead_agency",), prefix: str = "") -> Q:
    """The rows the user may read: by area, and for an agency officer by the agencies on the row."""
    assignments = assignments_of(user)
    paths = {key: f"{prefix}{value}" for key, value in PATHS.items()}
    # Village reviewers keep households, not these commune and province documents (even at a commune).
    plain = [a for a in assignments if a.role not in (Role.AGENCY_OFFICER, Role.VILLAGE_REVIEWER)]
    agency = [a for a in assignments if a.role == Role.AGENCY_OFFICER]
    result = scope_q(user, assignments=plain, **paths)
    if agency:
        ids = agency_ids_of(user)
        if ids:
            mine = Q()
            for path in agency_paths:
                mine |= Q(**{f"{prefix}{path}_id__in": ids})
            result |= scope_q(user, assignments=agency, **paths) & mine
    return result


def _get[M](rows: QuerySet[Any], pk: int | str) -> Any:
    try:
        return rows.get(pk=pk)
    except (rows.model.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def communication_for_user(user: Any) -> QuerySet[CommunicationItem]:
    return CommunicationItem.objects.filter(area_q(user)).select_related(
        "province", "commune", "lead_agency", "plan_project"
    )


def communication_get_for_user(user: Any, pk: int | str) -> CommunicationItem:
    return _get(communication_for_user(user).select_related("budget_line", "task"), pk)  # type: ignore[no-any-return]


def officers_for_user(user: Any) -> QuerySet[Officer]:
    return Officer.objects.filter(area_q(user, agency_paths=())).select_related("province", "commune", "user")


def officer_get_for_user(user: Any, pk: int | str) -> Officer:
    return _get(officers_for_user(user), pk)  # type: ignore[no-any-return]


def courses_for_user(user: Any) -> QuerySet[OfficerCourse]:
    return (
        OfficerCourse.objects.filter(area_q(user))
        .select_related("province", "commune", "lead_agency", "plan_project")
        .annotate(
            attendee_count=Count("attendances", filter=Q(attendances__attended=True), distinct=True),
            completed_count=Count("attendances", filter=Q(attendances__completed=True), distinct=True),
        )
    )


def course_get_for_user(user: Any, pk: int | str) -> OfficerCourse:
    return _get(courses_for_user(user).select_related("budget_line", "task"), pk)  # type: ignore[no-any-return]


def attendances_of(course: OfficerCourse) -> QuerySet[Attendance]:
    return (
        Attendance.objects.filter(course=course)
        .select_related("officer", "officer__commune", "officer__province")
        .order_by("officer__commune__name", "officer__full_name", "pk")
    )


def _inspection_q(user: Any) -> Q:
    """Inspections of the area; an agency officer's: led by, on, or with a recommendation to their agency."""
    result = area_q(user, agency_paths=("lead_agency", "subject_agency"))
    if any(a.role == Role.AGENCY_OFFICER for a in assignments_of(user)):
        ids = agency_ids_of(user)
        if ids:
            to_agency = Recommendation.objects.filter(
                inspection=OuterRef("pk"), responsible_agency_id__in=ids
            )
            agency = [a for a in assignments_of(user) if a.role == Role.AGENCY_OFFICER]
            result |= scope_q(user, assignments=agency, **PATHS) & Q(Exists(to_agency))
    return result


def inspections_for_user(user: Any, *, today: dt.date | None = None) -> QuerySet[Inspection]:
    rows = Inspection.objects.filter(_inspection_q(user)).select_related(
        "province", "commune", "lead_agency", "subject_agency"
    )
    open_q = Q(recommendations__status__in=OPEN_STATUSES)
    rows = rows.annotate(
        recommendation_count=Count("recommendations", distinct=True),
        open_count=Count("recommendations", filter=open_q, distinct=True),
    )
    if today is not None:
        rows = rows.annotate(
            overdue_count=Count(
                "recommendations", filter=open_q & Q(recommendations__due_on__lt=today), distinct=True
            )
        )
    return rows


def inspection_get_for_user(user: Any, pk: int | str) -> Inspection:
    return _get(inspections_for_user(user).select_related("plan_project", "budget_line", "task"), pk)  # type: ignore[no-any-return]


def recommendations_of(inspection: Inspection) -> list[Recommendation]:
    """The inspection's recommendations with their follow-ups (two queries)."""
    return list(
        Recommendation.objects.filter(inspection=inspection)
        .select_related("responsible_unit", "responsible_agency")
        .prefetch_related("follow_ups__recorded_by")
        .order_by("number")
    )


def recommendation_get_for_user(user: Any, pk: int | str) -> Recommendation:
    return _get(  # type: ignore[no-any-return]
        Recommendation.objects.filter(inspection__in=inspections_for_user(user).values("pk")).select_related(
            "inspection", "responsible_agency", "responsible_unit"
        ),
        pk,
    )


def open_recommendations_for_user(user: Any) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(
            inspection__in=inspections_for_user(user).values("pk"), status__in=OPEN_STATUSES
        )
        .select_related("inspection", "responsible_agency", "responsible_unit")
        .order_by("due_on", "pk")
    )


def follow_ups_of(recommendation: Recommendation) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(recommendation=recommendation).order_by("on", "pk")


def commendations_for_user(user: Any) -> QuerySet[Commendation]:
    return Commendation.objects.filter(area_q(user)).select_related(
        "province", "commune", "household", "lead_agency"
    )


def commendation_get_for_user(user: Any, pk: int | str) -> Commendation:
    return _get(commendations_for_user(user).select_related("plan_project", "budget_line", "task"), pk)  # type: ignore[no-any-return]


def donations_for_user(user: Any) -> QuerySet[Donation]:
    return Donation.objects.filter(area_q(user)).select_related("province", "commune", "lead_agency")


def donation_get_for_user(user: Any, pk: int | str) -> Donation:
    return _get(donations_for_user(user).select_related("plan_project", "budget_line", "task"), pk)  # type: ignore[no-any-return]
