"""The campaign report as computed before `reviews.report_sql`: the reference the SQL is tested against.

Kept verbatim from the ORM version (annotations with correlated subqueries on `report_households`) so that
tests compare the two on generated data, and `bench/reports_bench.py` times both.
"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import Assessment, Member
from giamngheo.reviews.models import Campaign
from giamngheo.reviews.outcomes import NEAR_POOR, POOR
from giamngheo.reviews.reports import (
    AVERAGE,
    TOTAL_LABEL,
    CampaignReport,
    DeprivationRow,
    EthnicRow,
    SummaryRow,
    _movements,
    _sum_profile,
    _sum_rows,
    report_communes,
    report_households,
)
from giamngheo.standards.loader import load_standard


def _deprived_q(key: str) -> Q:
    """An exact match of one key in the comma-separated `deprived` column."""
    column = "used_deprived"
    return (
        Q(**{column: key})
        | Q(**{f"{column}__startswith": f"{key},"})
        | Q(**{f"{column}__endswith": f",{key}"})
        | Q(**{f"{column}__contains": f",{key},"})
    )


def reference_campaign_report(user: Any, campaign: Campaign, unit: AdminUnit) -> CampaignReport:
    """The report as the ORM built it: a correlated subquery per household for each status."""
    communes, shared = report_communes(user, campaign, unit)
    ids = [commune.pk for commune in communes]
    households = report_households(campaign, ids)

    status_counts: dict[tuple[int, str, str], int] = {}
    summary = {commune.pk: SummaryRow(commune.name) for commune in communes}
    ethnic = {commune.pk: EthnicRow(commune.name) for commune in communes}
    # Subqueries on assessments are unordered: the model's default ordering would join the household and
    # commune tables inside the subquery, shadowing the outer household that `used_assessment` refers to.
    agricultural_average = Exists(
        Assessment.objects.filter(
            pk=OuterRef("used_assessment"), category=AVERAGE, round__agricultural=True
        ).order_by()
    )
    grouped = (
        households.annotate(average_agricultural=agricultural_average)
        .values("commune_id", "start_status", "end_status", "is_ethnic_minority", "average_agricultural")
        .annotate(n=Count("id"))
    )
    for row in grouped:
        commune_id, start, end, n = row["commune_id"], row["start_status"], row["end_status"], row["n"]
        key = (commune_id, start, end)
        status_counts[key] = status_counts.get(key, 0) + n
        if end == "closed":
            continue
        line, ethnic_line = summary[commune_id], ethnic[commune_id]
        line.households += n
        ethnic_line.households += n
        line.poor += n if end == POOR else 0
        line.near_poor += n if end == NEAR_POOR else 0
        line.average_agricultural += n if row["average_agricultural"] and end not in (POOR, NEAR_POOR) else 0
        ethnic_line.poor += n if end == POOR else 0
        ethnic_line.near_poor += n if end == NEAR_POOR else 0
        if row["is_ethnic_minority"]:
            ethnic_line.minority_households += n
            ethnic_line.minority_poor += n if end == POOR else 0
            ethnic_line.minority_near_poor += n if end == NEAR_POOR else 0

    persons = (
        Member.objects.filter(household__commune_id__in=ids, is_active=True)
        .filter(Q(household__closed_on__isnull=True) | Q(household__closed_on__gt=campaign.ends_on))
        .values("household__commune_id")
        .annotate(n=Count("id"))
    )
    for person_row in persons:
        summary[int(person_row["household__commune_id"] or 0)].persons = person_row["n"]

    indicators = [
        (indicator.key, indicator.name_vi) for indicator in load_standard(campaign.standard).indicators
    ]
    deprived = (
        households.filter(Q(end_status__in=[POOR, NEAR_POOR]))
        .annotate(
            used_deprived=Coalesce(
                Subquery(
                    Assessment.objects.filter(pk=OuterRef("used_assessment"))
                    .order_by()
                    .values("deprived")[:1]
                ),
                Value(""),
                output_field=CharField(),
            )
        )
        .values("commune_id", "end_status")
        .annotate(**{f"lacks_{key}": Count("id", filter=_deprived_q(key)) for key, _name in indicators})
    )
    profile = {commune.pk: DeprivationRow(commune.name) for commune in communes}
    for profile_row in deprived:
        commune_profile = profile[profile_row["commune_id"]]
        counts = commune_profile.poor if profile_row["end_status"] == POOR else commune_profile.near_poor
        for indicator_key, _name in indicators:
            counts[indicator_key] = profile_row[f"lacks_{indicator_key}"]  # type: ignore[literal-required]

    poor, near_poor = _movements(campaign, communes, status_counts)
    return CampaignReport(
        campaign=campaign,
        unit=unit,
        communes=communes,
        shared_communes=shared & set(ids),
        summary=list(summary.values()),
        summary_total=_sum_rows(SummaryRow(str(TOTAL_LABEL)), summary.values()),
        poor=poor,
        near_poor=near_poor,
        indicators=indicators,
        deprivation=list(profile.values()),
        deprivation_total=_sum_profile(profile.values(), [key for key, _name in indicators]),
        ethnic=list(ethnic.values()),
        ethnic_total=_sum_rows(EthnicRow(str(TOTAL_LABEL)), ethnic.values()),
    )
