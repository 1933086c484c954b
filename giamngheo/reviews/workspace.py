"""What the commune's review page shows beyond the cases: the stepper, the decision summary, the offers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import Household, HouseholdStatus
from giamngheo.reviews.models import Campaign, Outcome, RequestForm, ReviewCase, ReviewRequest, Step
from giamngheo.reviews.outcomes import OUTCOME_STATUS

LISTS = (HouseholdStatus.POOR, HouseholdStatus.NEAR_POOR)


@dataclass(frozen=True)
class StepCount:
    key: str
    label: str
    count: int


def step_counts(cases: list[ReviewCase]) -> list[StepCount]:
    """How many of the commune's households are at each step, in the order of the procedure."""
    counts = Counter(case.step for case in cases)
    return [StepCount(key, str(label), counts.get(key, 0)) for key, label in Step.choices]


@dataclass(frozen=True)
class DecisionSummary:
    """The households a decision would recognise: by outcome (movement) and by resulting category."""

    total: int
    by_outcome: list[tuple[str, int]]
    by_status: list[tuple[str, int]]


STATUS_LABELS = {
    HouseholdStatus.POOR: _("Hộ nghèo"),
    HouseholdStatus.NEAR_POOR: _("Hộ cận nghèo"),
    HouseholdStatus.NONE: _("Không thuộc hộ nghèo, cận nghèo"),
}


def decision_summary(campaign: Campaign, commune: AdminUnit, *, decided: bool = False) -> DecisionSummary:
    """Counts of the commune's undecided cases (or decided ones) by proposed outcome and resulting status."""
    cases = ReviewCase.objects.filter(campaign=campaign, commune=commune)
    cases = cases.filter(step=Step.DECIDED) if decided else cases.exclude(step=Step.DECIDED)
    field = "outcome" if decided else "proposed"
    rows = dict(cases.values_list(field).annotate(n=Count("id")).values_list(field, "n"))
    labels = dict(Outcome.choices)
    by_outcome = [(str(labels[key]), rows[key]) for key in labels if rows.get(key)]
    if rows.get(""):
        by_outcome.append((str(_("Chưa có kết quả chấm điểm")), rows[""]))
    statuses: Counter[str] = Counter()
    for key, count in rows.items():
        if key:
            statuses[OUTCOME_STATUS[key]] += count
    by_status = [(str(STATUS_LABELS[key]), statuses[key]) for key in STATUS_LABELS if statuses.get(key)]
    return DecisionSummary(sum(rows.values()), by_outcome, by_status)


@dataclass(frozen=True)
class Offer:
    """A household newly assessed poor or near-poor that is not on the campaign's list, and why."""

    household: Household
    reason: str
    has_request: bool


def newly_assessed(campaign: Campaign, commune: AdminUnit, households: QuerySet[Household]) -> list[Offer]:
    """Households assessed poor or near-poor, not recognised as such, missing from this campaign's list."""
    listed = ReviewCase.objects.filter(campaign=campaign, household=OuterRef("pk"))
    requested = ReviewRequest.objects.filter(household=OuterRef("pk"), case__isnull=True)
    if campaign.kind == "monthly":
        requested = requested.filter(form=RequestForm.FORM_04)
    found = (
        households.filter(commune=commune, is_active=True, latest_category__in=LISTS)
        .exclude(status__in=LISTS)
        .annotate(listed=Exists(listed), requested=Exists(requested))
        .filter(listed=False)
        .select_related("village")
        .order_by("code")
    )
    offers = []
    for household in found:
        if household.requested:
            reason = _("đã có giấy đề nghị; bấm «1. Lập danh sách» để đưa vào")
        else:
            reason = _("chưa có giấy đề nghị rà soát (Mẫu 01) của hộ")
        offers.append(Offer(household, str(reason), household.requested))
    return offers


def needs_reviewer(case: ReviewCase) -> Any:
    """What the village reviewer has to do for a case, or None when nothing waits for her."""
    if case.step == Step.LISTED:
        return _("cần khảo sát, chấm điểm (hoặc xác nhận không thay đổi)")
    if case.step == Step.DISAGREED:
        return _("họp dân chưa thống nhất: cần rà soát lại")
    return None
