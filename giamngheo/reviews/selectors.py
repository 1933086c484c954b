"""Reads of campaigns and cases, limited to the user's area; progress per commune in grouped queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from giamngheo.accounts.access import assignments_of, scope_q, unit_get_for_user
from giamngheo.core.errors import NotFound
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.reviews.models import Campaign, ReviewCase, Step, Submission


def campaigns_for_user(user: Any) -> QuerySet[Campaign]:
    """Campaigns of the provinces the user works in (a commune user sees their province's campaigns)."""
    assignments = assignments_of(user)
    campaigns = Campaign.objects.select_related("province")
    if any(assignment.unit_id is None for assignment in assignments):
        return campaigns
    provinces = {assignment.unit.province_id for assignment in assignments if assignment.unit is not None}
    return campaigns.filter(province_id__in=provinces)


def campaign_get_for_user(user: Any, pk: int) -> Campaign:
    campaign = campaigns_for_user(user).filter(pk=pk).first()
    if campaign is None:
        raise NotFound()
    return campaign


def cases_for_user(user: Any) -> QuerySet[ReviewCase]:
    return ReviewCase.objects.filter(scope_q(user, province="province", commune="commune", village="village"))


@dataclass
class CommuneProgress:
    commune: AdminUnit
    counts: dict[str, int] = field(default_factory=dict)
    submission: Submission | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def decided_percent(self) -> int:
        return round(100 * self.counts.get(Step.DECIDED, 0) / self.total) if self.total else 0


def campaign_progress(user: Any, campaign: Campaign) -> list[CommuneProgress]:
    """Cases per step for every commune of the campaign in the user's area (two grouped queries)."""
    communes = AdminUnit.objects.filter(
        scope_q(user, province="province", commune="commune", village="commune"),
        tree=Tree.CURRENT,
        level=Level.COMMUNE,
        province_id=campaign.province_id,
        valid_to__isnull=True,
    ).order_by("name")
    rows = {unit.pk: CommuneProgress(unit) for unit in communes}
    for commune_id, step, count in (
        ReviewCase.objects.filter(campaign=campaign, commune_id__in=list(rows))
        .values_list("commune_id", "step")
        .annotate(n=Count("id"))
    ):
        rows[commune_id].counts[step] = count
    for submission in Submission.objects.filter(campaign=campaign, commune_id__in=list(rows)):
        rows[submission.commune_id].submission = submission
    return list(rows.values())


def commune_for_campaign(user: Any, campaign: Campaign, commune_id: int) -> AdminUnit:
    commune = unit_get_for_user(user, commune_id)
    if commune.level != Level.COMMUNE or commune.province_id != campaign.province_id:
        raise NotFound()
    return commune


def commune_cases(user: Any, campaign: Campaign, commune: AdminUnit) -> QuerySet[ReviewCase]:
    return (
        cases_for_user(user)
        .filter(campaign=campaign, commune=commune)
        .select_related("household", "village", "assessment")
        .prefetch_related("objections")
        .order_by("village__name", "household__code")
    )
