"""Reads of accounts, limited to what the acting user may manage or see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from giamngheo.accounts.access import assignments_with_permission, scope_q
from giamngheo.accounts.models import ApiToken, AreaAssignment, User
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import NotFound
from giamngheo.core.models import AuditEvent
from giamngheo.core.text import search_key


def users_for_user(actor: Any, *, search: str = "") -> QuerySet[User]:
    """Users the actor manages: all for national managers, else users with an assignment in their area."""
    managing = assignments_with_permission(actor, Permission.MANAGE_USERS)
    if not managing:
        return User.objects.none()
    inside = scope_q(
        actor, province="unit__province", commune="unit__commune", village="unit", assignments=managing
    )
    users = User.objects.all()
    if inside != Q():
        users = users.filter(
            Exists(AreaAssignment.objects.filter(inside, user=OuterRef("pk"), is_active=True))
        )
    if search:
        users = users.filter(Q(username__icontains=search) | Q(full_name__icontains=search))
    active = AreaAssignment.objects.filter(is_active=True).select_related("unit").order_by("role")
    return users.prefetch_related(
        Prefetch("assignments", queryset=active, to_attr="active_assignments")
    ).order_by("username")


def user_get_for_user(actor: Any, pk: int | str) -> User:
    """One user the actor manages, or NotFound."""
    try:
        return users_for_user(actor).get(pk=pk)
    except (User.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def assignment_get_for_user(actor: Any, pk: int | str) -> AreaAssignment:
    """One assignment of a user the actor manages, or NotFound."""
    try:
        return AreaAssignment.objects.select_related("user", "unit").get(
            pk=pk, user__in=users_for_user(actor).values("pk")
        )
    except (AreaAssignment.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def api_token_get_for_user(actor: Any, pk: int | str) -> ApiToken:
    """One of the actor's own tokens that is still valid, or NotFound."""
    try:
        return ApiToken.objects.get(pk=pk, user_id=actor.pk, revoked_at__isnull=True)
    except (ApiToken.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def audit_events_for_user(
    actor: Any, *, object_type: str = "", object_id: str = "", filters: AuditFilter | None = None
) -> QuerySet[AuditEvent]:
    """Audit events the actor may read: all for national roles, else those about objects of their area.

    An event belongs to the area of the object acted on, whoever acted: a user who once worked here and
    now acts elsewhere does not show this area what they do there.
    """
    viewing = assignments_with_permission(actor, Permission.VIEW_AUDIT)
    if not viewing:
        return AuditEvent.objects.none()
    inside = scope_q(actor, province="province", commune="unit__commune", village="unit", assignments=viewing)
    events = AuditEvent.objects.select_related("actor", "unit")
    if inside != Q():
        events = events.filter(inside)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    return filters.apply(events) if filters is not None else events


@dataclass(frozen=True)
class AuditFilter:
    """What the reader narrowed the audit log to: who acted (login or name), action, unit, days."""

    who: str = ""
    action: str = ""
    unit: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        if self.who:
            events = events.filter(
                Q(actor__username__icontains=self.who) | Q(actor__full_name__icontains=self.who)
            )
        if self.action:
            events = events.filter(action=self.action)
        if self.unit:
            events = events.filter(unit__search_name__contains=search_key(self.unit))
        if self.date_from:
            events = events.filter(occurred_at__gte=_day_start(self.date_from))
        if self.date_to:
            events = events.filter(occurred_at__lt=_day_start(self.date_to + dt.timedelta(days=1)))
        return events


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
