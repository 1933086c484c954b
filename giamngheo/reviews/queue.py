"""Work queues of the review for home pages: steps due per commune, decisions ready to sign, open requests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from giamngheo.reviews.models import Campaign, Outcome, ReviewCase, ReviewRequest, Step
from giamngheo.reviews.requests import RequestState, request_state, requests_for_user
from giamngheo.reviews.selectors import CommuneProgress, campaign_progress, campaigns_for_user
from giamngheo.reviews.services.decisions import decision_blockers

# The households waiting at each step, and the campaign deadline of the work they wait for.
STEP_DUE: tuple[tuple[tuple[str, ...], str, Promise], ...] = (
    ((Step.LISTED,), "survey_by", _("chưa có phiếu rà soát, chấm điểm")),
    ((Step.SURVEYED, Step.DISAGREED), "meeting_by", _("chờ họp dân thống nhất")),
    ((Step.AGREED,), "posting_by", _("chờ niêm yết công khai")),
    ((Step.OBJECTED,), "ends_on", _("còn khiếu nại chưa trả lời")),
    ((Step.POSTED,), "ends_on", _("chờ quyết định công nhận")),
)


@dataclass(frozen=True)
class StepDue:
    label: str
    count: int
    deadline: dt.date | None
    late: bool


def steps_due(campaign: Campaign, row: CommuneProgress, today: dt.date) -> list[StepDue]:
    """The households of a commune waiting at each step, with that step's deadline and whether it passed."""
    due = []
    for steps, deadline_field, label in STEP_DUE:
        count = sum(row.counts.get(step, 0) for step in steps)
        if count:
            deadline = getattr(campaign, deadline_field)
            due.append(StepDue(str(label), count, deadline, deadline is not None and today > deadline))
    return due


@dataclass
class CampaignQueue:
    campaign: Campaign
    rows: list[CommuneProgress]
    due: list[list[StepDue]] = field(default_factory=list)  # in the order of rows

    @property
    def items(self) -> list[tuple[CommuneProgress, list[StepDue]]]:
        return list(zip(self.rows, self.due, strict=True))

    @property
    def late_rows(self) -> list[CommuneProgress]:
        return [row for row in self.rows if row.late]


def open_campaign_queues(user: Any, today: dt.date, *, limit: int = 2) -> list[CampaignQueue]:
    """The newest open campaigns of the user's provinces with each commune's progress (three queries each)."""
    queues = []
    for campaign in campaigns_for_user(user).filter(is_closed=False).order_by("-year", "-starts_on")[:limit]:
        rows = campaign_progress(user, campaign, today)
        queue = CampaignQueue(campaign, rows)
        queue.due = [steps_due(campaign, row, today) for row in rows]
        queues.append(queue)
    return queues


@dataclass(frozen=True)
class DecisionReady:
    """A commune whose households can all be decided today, with the proposed outcomes counted."""

    campaign: Campaign
    row: CommuneProgress
    outcomes: list[tuple[str, int]]
    waiting: int  # households that still block the decision


def decisions_to_sign(queues: list[CampaignQueue], today: dt.date) -> list[DecisionReady]:
    """For each commune with undecided households: what the chair would sign, and how many still block it."""
    ready = []
    for queue in queues:
        for row in queue.rows:
            undecided = row.total - row.counts.get(Step.DECIDED, 0)
            if not undecided:
                continue
            blockers = decision_blockers(queue.campaign, row.commune, today)
            outcomes = (
                ReviewCase.objects.filter(campaign=queue.campaign, commune=row.commune)
                .exclude(step=Step.DECIDED)
                .values_list("proposed")
                .annotate(n=Count("id"))
                .order_by("-n")
            )
            labels = dict(Outcome.choices)
            summary = [(str(labels.get(key, _("chưa có kết quả dự kiến"))), n) for key, n in outcomes]
            ready.append(DecisionReady(queue.campaign, row, summary, len(blockers)))
    return ready


@dataclass(frozen=True)
class OpenRequest:
    request: ReviewRequest
    state: RequestState


def open_requests(user: Any, today: dt.date, *, limit: int = 8) -> tuple[list[OpenRequest], int, int]:
    """Mẫu 01/04 requests of the area not yet decided, soonest deadline first: (first, all, overdue)."""
    rows = [
        OpenRequest(request, request_state(request, today))
        for request in requests_for_user(user)
        .exclude(case__step=Step.DECIDED)
        .order_by(F("due_on").asc(nulls_last=True), "received_on", "pk")
    ]
    overdue = sum(1 for row in rows if row.state.key == "overdue")
    return rows[:limit], len(rows), overdue
