"""Indicators computed from the works registers: works completed, models and projects, their households.

Counts run from the start of the period's year to its end, like the support indicators. A model counts in
a period when it ran during it (started by the period's end, not ended before the year began); its
households are those that joined by the period's end, by their category when they joined. A model is
effective when its latest evaluation by the period's end concludes so.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from giamngheo.core.models import Period
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.monitoring.computations import Computed, _percent, computation, current_unit
from giamngheo.monitoring.groups import POOR_OR_NEAR_POOR
from giamngheo.monitoring.support_indicators import _year_to_date
from giamngheo.works.models import (
    Evaluation,
    EvaluationResult,
    LivelihoodModel,
    ModelKind,
    Participant,
    Work,
    WorkKind,
)

WORK_FIELD = {Level.PROVINCE: "province", Level.COMMUNE: "commune", Level.VILLAGE: "village"}
MODEL_FIELD = {Level.PROVINCE: "province", Level.COMMUNE: "communes"}
MODELS = (ModelKind.MODEL, ModelKind.COMMUNITY)


def _current(unit: AdminUnit, fields: dict[Level, str]) -> tuple[str | None, int | None, str]:
    current = current_unit(unit)
    if current is None or current.level not in fields:
        return None, None, _("Chưa có dữ liệu công trình, mô hình cho đơn vị này.")
    return fields[Level(current.level)], current.pk, ""


def _works(unit: AdminUnit) -> tuple[QuerySet[Work] | None, str]:
    field, pk, why = _current(unit, WORK_FIELD)
    if field is None:
        return None, why
    return Work.objects.filter(**{field: pk}), ""


def _models(unit: AdminUnit, period: Period) -> tuple[QuerySet[LivelihoodModel] | None, str]:
    """Models of the unit that ran during the period's year up to its end."""
    field, pk, why = _current(unit, MODEL_FIELD)
    if field is None:
        return None, why
    start, end = _year_to_date(period)
    inside = LivelihoodModel.objects.filter(**{field: pk}).values("pk")
    running = Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    return LivelihoodModel.objects.filter(running, pk__in=inside), ""


def _completed(unit: AdminUnit, period: Period, kind: str | None) -> Computed:
    works, why = _works(unit)
    if works is None:
        return Computed(None, message=why)
    done = works.filter(completed_on__range=_year_to_date(period))
    if kind is not None:
        done = done.filter(kind=kind)
    return Computed(Decimal(done.count()))


@computation("works_completed")
def works_completed(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Infrastructure works completed from the start of the year to the period's end."""
    return _completed(unit, period, None)


def _register_by_kind(kind: str) -> None:
    def by_kind(unit: AdminUnit, period: Period, group: str) -> Computed:
        return _completed(unit, period, kind)

    by_kind.__doc__ = f"Works of kind {kind} completed from the start of the year to the period's end."
    computation(f"works_completed_{kind}")(by_kind)


for _kind in WorkKind.values:
    _register_by_kind(_kind)


def _count_models(unit: AdminUnit, period: Period, kinds: tuple[str, ...]) -> Computed:
    models, why = _models(unit, period)
    if models is None:
        return Computed(None, message=why)
    return Computed(Decimal(models.filter(kind__in=kinds).count()))


@computation("works_livelihood_models")
def works_livelihood_models(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Livelihood and community-led models running in the year to the period's end."""
    return _count_models(unit, period, MODELS)


@computation("works_production_projects")
def works_production_projects(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Production support projects running in the year to the period's end."""
    return _count_models(unit, period, (ModelKind.PRODUCTION,))


@computation("works_model_poor_households")
def works_model_poor_households(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Poor and near-poor households (at joining) taking part in the unit's running models, each once."""
    models, why = _models(unit, period)
    if models is None:
        return Computed(None, message=why)
    joined = Participant.objects.filter(
        model__in=models.values("pk"),
        joined_on__lte=period.end_date,
        status_at_joining__in=POOR_OR_NEAR_POOR,
    )
    field, pk, _why = _current(unit, MODEL_FIELD)
    if field == "communes":
        joined = joined.filter(commune_id=pk)
    return Computed(Decimal(joined.values("household_id").distinct().count()))


@computation("works_models_effective_rate")
def works_models_effective_rate(unit: AdminUnit, period: Period, group: str) -> Computed:
    """Of the running models evaluated by the period's end, the share whose latest evaluation is effective."""
    models, why = _models(unit, period)
    if models is None:
        return Computed(None, message=why)
    evaluations = Evaluation.objects.filter(model=OuterRef("pk"), evaluated_on__lte=period.end_date)
    evaluated = models.filter(Exists(evaluations)).annotate(
        latest=Subquery(evaluations.order_by("-evaluated_on", "-pk").values("result")[:1])
    )
    total = evaluated.count()
    if not total:
        return Computed(None, message=_("Chưa có mô hình nào được đánh giá."))
    return _percent(evaluated.filter(latest=EvaluationResult.EFFECTIVE).count(), total)
