"""Reads of works and livelihood models, limited to the user's area and, for agency officers, their agencies.

Province and commune users see the works and models of their units. An agency officer sees across their
assignment's area only the works their agency invests in and the models their agency leads (ADR 1702).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from giamngheo.accounts.access import assignments_of, scope_q
from giamngheo.accounts.roles import Role
from giamngheo.core.errors import NotFound
from giamngheo.programs.models import AgencyMember
from giamngheo.registry.models import Household
from giamngheo.works.models import (
    Evaluation,
    LivelihoodModel,
    Participant,
    Work,
    WorkKind,
    work_status_q,
)


def agency_ids_of(user: Any) -> list[int]:
    return list(AgencyMember.objects.filter(user=user).values_list("agency_id", flat=True))


def _scope(user: Any, *, agency_path: str, paths: dict[str, str]) -> Q:
    """The area of the user's assignments; an agency officer's assignment keeps only their agencies' rows."""
    assignments = assignments_of(user)
    agency = [a for a in assignments if a.role == Role.AGENCY_OFFICER]
    result = scope_q(user, assignments=[a for a in assignments if a.role != Role.AGENCY_OFFICER], **paths)
    if agency:
        agencies = agency_ids_of(user)
        if agencies:
            result |= scope_q(user, assignments=agency, **paths) & Q(**{f"{agency_path}__in": agencies})
    return result


def works_for_user(user: Any) -> QuerySet[Work]:
    paths = {"province": "province", "commune": "commune", "village": "village"}
    return Work.objects.filter(_scope(user, agency_path="investor", paths=paths)).select_related(
        "commune", "village", "investor", "plan_project"
    )


def work_get_for_user(user: Any, work_id: int | str) -> Work:
    try:
        return (
            works_for_user(user)
            .select_related("province", "component", "budget_line", "task")
            .get(pk=work_id)
        )
    except (Work.DoesNotExist, ValueError) as error:
        raise NotFound() from error


def models_for_user(user: Any) -> QuerySet[LivelihoodModel]:
    """Models of the user's province, or having one of the user's communes (villages see none)."""
    paths = {"province": "province", "commune": "communes"}
    scoped = LivelihoodModel.objects.filter(_scope(user, agency_path="lead_agency", paths=paths))
    return LivelihoodModel.objects.filter(pk__in=scoped.values("pk")).select_related(
        "lead_agency", "plan_project", "replicated_from"
    )


def model_get_for_user(user: Any, model_id: int | str) -> LivelihoodModel:
    try:
        return models_for_user(user).select_related("province").get(pk=model_id)
    except (LivelihoodModel.DoesNotExist, ValueError) as error:
        raise NotFound() from error


@dataclass(frozen=True)
class WorkFilter:
    """One filter for the works page, its export and the API: commune, kind, status, text."""

    commune: int | None = None
    kind: str = ""
    status: str = ""
    text: str = ""

    @classmethod
    def from_query(cls, query: Any) -> WorkFilter:
        commune = str(query.get("commune") or "")
        return cls(
            commune=int(commune) if commune.isdigit() and len(commune) <= 9 else None,
            kind=str(query.get("kind") or "")[:16],
            status=str(query.get("status") or "")[:16],
            text=str(query.get("q") or "").strip()[:100],
        )

    def apply(self, works: QuerySet[Work]) -> QuerySet[Work]:
        if self.commune:
            works = works.filter(commune_id=self.commune)
        if self.kind:
            works = works.filter(kind=self.kind)
        if self.status:
            works = works.filter(work_status_q(self.status))
        if self.text:
            works = works.filter(name__icontains=self.text)
        return works


@dataclass(frozen=True)
class ModelFilter:
    """One filter for the models page, its export and the API: commune, kind, status (running/ended)."""

    commune: int | None = None
    kind: str = ""
    status: str = ""
    text: str = ""

    @classmethod
    def from_query(cls, query: Any) -> ModelFilter:
        commune = str(query.get("commune") or "")
        return cls(
            commune=int(commune) if commune.isdigit() and len(commune) <= 9 else None,
            kind=str(query.get("kind") or "")[:16],
            status=str(query.get("status") or "")[:16],
            text=str(query.get("q") or "").strip()[:100],
        )

    def apply(self, models: QuerySet[LivelihoodModel]) -> QuerySet[LivelihoodModel]:
        if self.commune:
            models = models.filter(pk__in=LivelihoodModel.objects.filter(communes=self.commune).values("pk"))
        if self.kind:
            models = models.filter(kind=self.kind)
        if self.status == "running":
            models = models.filter(ended_on__isnull=True)
        elif self.status == "ended":
            models = models.filter(ended_on__isnull=False)
        if self.text:
            models = models.filter(name__icontains=self.text)
        return models


def with_counts(models: QuerySet[LivelihoodModel]) -> QuerySet[LivelihoodModel]:
    """Models with their participating households, poor and near-poor among them (one grouped query)."""
    return models.annotate(
        households=Count("participants", distinct=True),
        poor=Count("participants", filter=Q(participants__status_at_joining="poor"), distinct=True),
        near_poor=Count("participants", filter=Q(participants__status_at_joining="near_poor"), distinct=True),
    )


def participants_of(model: LivelihoodModel) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(model=model)
        .select_related("household", "commune", "household__village")
        .order_by("commune__name", "household__code")
    )


def latest_evaluation(model: LivelihoodModel) -> Evaluation | None:
    return Evaluation.objects.filter(model=model).order_by("-evaluated_on", "-pk").first()


def candidate_households(user: Any, model: LivelihoodModel, text: str) -> QuerySet[Household]:
    """Active households of the model's communes (inside the user's area) not yet taking part."""
    if not text.strip():
        return Household.objects.none()
    households = Household.objects.filter(
        scope_q(user, province="province", commune="commune", village="village"),
        commune__in=model.communes.all(),
        is_active=True,
    ).exclude(pk__in=Participant.objects.filter(model=model).values("household_id"))
    text = text.strip()[:100]
    return (
        households.filter(Q(code__icontains=text) | Q(head_name__icontains=text))
        .select_related("commune", "village")
        .order_by("code")[:50]
    )


def mappable(user: Any) -> tuple[QuerySet[Work], QuerySet[LivelihoodModel]]:
    """Works and models of the user with coordinates."""
    return (
        works_for_user(user).filter(latitude__isnull=False),
        models_for_user(user).filter(latitude__isnull=False),
    )


def candidate_household_get(user: Any, household_id: int) -> Household:
    """A household of the user's area (the service refuses one outside the model's communes)."""
    household = (
        Household.objects.filter(scope_q(user, province="province", commune="commune", village="village"))
        .select_related("commune", "province")
        .filter(pk=household_id)
        .first()
    )
    if household is None:
        raise NotFound()
    return household


def works_by_kind(works: QuerySet[Work]) -> list[dict[str, Any]]:
    """Works and completed works by kind (one grouped query), in the order of the kinds."""
    labels = dict(WorkKind.choices)
    rows = {
        row["kind"]: row
        for row in works.order_by()
        .values("kind")
        .annotate(total=Count("pk"), completed=Count("pk", filter=Q(completed_on__isnull=False)))
    }
    return [{"label": labels[kind], **rows[kind]} for kind in WorkKind.values if kind in rows]
