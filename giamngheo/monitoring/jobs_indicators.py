"""Indicators computed from people in the jobs app: training, certificates, placements, work abroad.

Rates over the labour register count each surveyed working-age member once, by their latest labour survey
up to the period's end. Placements and departures count from the start of the period's year to its end,
like the support indicators. «Việc làm bền vững» is a placement still held at the 6-month follow-up.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from giamngheo.core.models import Period
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.jobs.models import AbroadWorker, LabourSurvey, Referral
from giamngheo.monitoring.computations import REGISTRY_FIELD, Computed, _percent, computation, current_unit
from giamngheo.monitoring.groups import POOR_OR_NEAR_POOR, group_filter
from giamngheo.monitoring.support_indicators import _year_to_date
from giamngheo.registry.models import Household


def _households(unit: AdminUnit, period: Period, group: str) -> tuple[QuerySet[Household] | None, str]:
    """Every household of the unit and group (also those closed since), or why there is none to count."""
    current = current_unit(unit)
    if current is None or current.level not in REGISTRY_FIELD:
        return None, _("Chưa có dữ liệu sổ hộ cho đơn vị này (đơn vị cũ đã sáp nhập hoặc chia tách).")
    in_group = group_filter(group, period.end_date)
    if in_group is None:
        return None, _("Chưa có dữ liệu sổ hộ theo nhóm này.")
    return Household.objects.filter(in_group, **{REGISTRY_FIELD[Level(current.level)]: current.pk}), ""


def _latest_surveys(households: QuerySet[Household], period: Period) -> QuerySet[LabourSurvey]:
    """Each member's latest survey up to the period's end, for the given households' active members."""
    end = period.end_date
    newer = LabourSurvey.objects.filter(
        Q(surveyed_on__gt=OuterRef("surveyed_on"))
        | Q(surveyed_on=OuterRef("surveyed_on"), pk__gt=OuterRef("pk")),
        member_id=OuterRef("member_id"),
        surveyed_on__lte=end,
    )
    return LabourSurvey.objects.filter(
        ~Exists(newer),
        household__in=households.values("pk"),
        surveyed_on__lte=end,
        member__is_active=True,
    ).exclude(employment="studying")


def _survey_rate(unit: AdminUnit, period: Period, group: str, condition: Q) -> Computed:
    households, why = _households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    surveys = _latest_surveys(households.filter(is_active=True), period)
    # one pass over the latest surveys for both counts (the NOT EXISTS over the history is the cost)
    counts = surveys.order_by().aggregate(total=Count("id"), hit=Count("id", filter=condition))
    if not counts["total"]:
        return Computed(None, message=_("Chưa có phiếu khảo sát lao động trong địa bàn."))
    return _percent(counts["hit"], counts["total"])


@computation("jobs_trained_rate")
def jobs_trained_rate(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Surveyed workers with any vocational training (3 months or more is counted from «dưới 3 tháng» up)."""
    return _survey_rate(unit, period, group, Q(qualification__gte=1))


@computation("jobs_certified_rate")
def jobs_certified_rate(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Surveyed workers holding a diploma or certificate."""
    return _survey_rate(unit, period, group, Q(has_certificate=True))


def _placements(unit: AdminUnit, period: Period, group: str) -> tuple[QuerySet[Referral] | None, str]:
    households, why = _households(unit, period, group)
    if households is None:
        return None, why
    return Referral.objects.filter(
        household__in=households.values("pk"), placed_on__range=_year_to_date(period)
    ), ""


def poor_share(rows: QuerySet[Any], none_message: str) -> Computed:
    """Of the people in `rows` (each once), the share whose household was poor or near-poor at the time
    (`household_status` as the row recorded it)."""
    total = rows.values("member_id").distinct().count()
    if not total:
        return Computed(None, message=none_message)
    poor = rows.filter(household_status__in=POOR_OR_NEAR_POOR).values("member_id").distinct().count()
    return _percent(poor, total)


@computation("jobs_connections")
def jobs_connections(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Workers placed in a job through a referral, year to the period's end (each person once)."""
    placed, why = _placements(unit, period, group)
    if placed is None:
        return Computed(None, message=why)
    count = placed.values("member_id").distinct().count()
    return Computed(Decimal(count))


@computation("jobs_connections_poor_share")
def jobs_connections_poor_share(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Share of the people placed whose household was poor or near-poor when referred."""
    placed, why = _placements(unit, period, group)
    if placed is None:
        return Computed(None, message=why)
    return poor_share(placed, _("Chưa có người nhận việc trong năm."))


@computation("jobs_placements_kept_6_months")
def jobs_placements_kept_6_months(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Of the placements followed up at 6 months by the period's end, the share still held."""
    households, why = _households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    followed = Referral.objects.filter(
        household__in=households.values("pk"),
        placed_on__lte=period.end_date - dt.timedelta(days=180),
        kept_6_months__isnull=False,
    )
    total = followed.count()
    if not total:
        return Computed(None, message=_("Chưa có người nhận việc được theo dõi sau 6 tháng."))
    return _percent(followed.filter(kept_6_months=True).count(), total)


@computation("jobs_households_sustainable_job")
def jobs_households_sustainable_job(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Poor households (current) with at least one member in a sustainable job / poor households × 100."""
    households, why = _households(unit, period, group)
    if households is None:
        return Computed(None, message=why)
    poor = households.filter(is_active=True, status="poor")
    total = poor.count()
    if not total:
        return Computed(None, message=_("Không có hộ nghèo trong địa bàn."))
    sustainable = Referral.objects.filter(
        household_id=OuterRef("pk"),
        kept_6_months=True,
        placed_on__lte=period.end_date,
        closed_on__isnull=True,
    )
    return _percent(poor.filter(Exists(sustainable)).count(), total)


def _abroad(unit: AdminUnit, period: Period, group: str) -> tuple[QuerySet[AbroadWorker] | None, str]:
    households, why = _households(unit, period, group)
    if households is None:
        return None, why
    return AbroadWorker.objects.filter(household__in=households.values("pk")), ""


@computation("jobs_workers_abroad")
def jobs_workers_abroad(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Workers who left to work abroad under contract, year to the period's end."""
    workers, why = _abroad(unit, period, group)
    if workers is None:
        return Computed(None, message=why)
    count = workers.filter(departed_on__range=_year_to_date(period)).count()
    return Computed(Decimal(count))


@computation("jobs_abroad_escape_rate")
def jobs_abroad_escape_rate(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Households poor when a member left to work abroad that are no longer poor / those households × 100."""
    workers, why = _abroad(unit, period, group)
    if workers is None:
        return Computed(None, message=why)
    left_poor = Household.objects.filter(
        pk__in=workers.filter(household_status="poor", departed_on__lte=period.end_date).values(
            "household_id"
        )
    )
    total = left_poor.count()
    if not total:
        return Computed(None, message=_("Chưa có hộ nghèo có người đi làm việc ở nước ngoài."))
    return _percent(left_poor.exclude(status="poor").count(), total)
