"""The village reviewer's page: her households in the open campaigns, those that need her first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from giamngheo.reviews.selectors import cases_for_user
from giamngheo.reviews.workspace import needs_reviewer

SHOWN = 1000


@login_required
def my_households(request: HttpRequest) -> HttpResponse:
    """Households of the user's villages in open campaigns, each with what it needs from the reviewer."""
    cases = (
        cases_for_user(request.user)
        .filter(campaign__is_closed=False)
        .select_related("campaign", "household", "village", "assessment")
        .order_by("-campaign__starts_on", "village__name", "household__code")[:SHOWN]
    )
    only_mine = request.GET.get("can-toi") == "1"
    rows = [(case, needs_reviewer(case)) for case in cases]
    waiting = sum(1 for _case, need in rows if need)
    if only_mine:
        rows = [(case, need) for case, need in rows if need]
    rows.sort(key=lambda row: row[1] is None)  # stable: the households that need her come first
    return render(
        request,
        "reviews/my_households.html",
        {"rows": rows, "waiting": waiting, "only_mine": only_mine, "limit": SHOWN},
    )
