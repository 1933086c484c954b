"""Review requests (Mẫu 01, Mẫu 04) of the user's area, with the 15-day deadline of the monthly review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext, ngettext

from giamngheo.accounts.access import scope_q
from giamngheo.reviews.models import Decision, ReviewRequest, Step


def requests_for_user(user: Any) -> QuerySet[ReviewRequest]:
    """Requests of households inside the user's area, with the signing date of the decision on their case."""
    decided_on = (
        Decision.objects.filter(campaign=OuterRef("case__campaign"), commune=OuterRef("case__commune"))
        .order_by("-signed_on", "-id")
        .values("signed_on")[:1]
    )
    return (
        ReviewRequest.objects.filter(
            scope_q(
                user,
                province="household__province",
                commune="household__commune",
                village="household__village",
            )
        )
        .select_related("household", "household__commune", "case", "case__campaign")
        .annotate(decided_on=Subquery(decided_on))
    )


@dataclass(frozen=True)
class RequestState:
    """Where a request stands: `key` is decided, overdue, open or periodic; `label` is shown to users."""

    key: str
    label: str


def request_state(request: ReviewRequest, today: dt.date) -> RequestState:
    """Decided (on time or late), overdue by N days, N days left, or waiting for the annual review (Mẫu 01).

    The decision date is the latest recognition decision of the case's campaign and commune.
    """
    decided_on: dt.date | None = getattr(request, "decided_on", None)
    if request.case is not None and request.case.step == Step.DECIDED and decided_on is not None:
        late = request.due_on is not None and decided_on > request.due_on
        on = f"{decided_on:%d/%m/%Y}"
        if late:
            return RequestState("decided", gettext("đã quyết định %(date)s (quá hạn)") % {"date": on})
        return RequestState("decided", gettext("đã quyết định %(date)s") % {"date": on})
    if request.due_on is None:
        return RequestState("periodic", gettext("giải quyết trong đợt rà soát định kỳ"))
    days = (request.due_on - today).days
    if days < 0:
        return RequestState(
            "overdue", ngettext("quá hạn %(days)s ngày", "quá hạn %(days)s ngày", -days) % {"days": -days}
        )
    if days == 0:
        return RequestState("open", gettext("hạn cuối hôm nay"))
    return RequestState("open", ngettext("còn %(days)s ngày", "còn %(days)s ngày", days) % {"days": days})
