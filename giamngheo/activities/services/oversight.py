"""Inspections and supervision: the visit, its recommendations, and the insert-only follow-up of each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from giamngheo.activities.models import (
    OPEN_STATUSES,
    FollowUp,
    Inspection,
    InspectionKind,
    InspectionMethod,
    Recommendation,
    RecommendationStatus,
)
from giamngheo.activities.services._base import (
    actor_or_none,
    check_text,
    placed_create,
    placed_update,
    require_manager,
)
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit
from giamngheo.programs.models import Agency


def _inspection_clean(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    check_text(
        data, "title", "body", "scope", "findings", required=tuple(n for n in ("title", "body") if n in data)
    )
    if "kind" in data and data["kind"] not in InspectionKind.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="kind")
    if "method" in data and data["method"] not in InspectionMethod.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="method")
    return data


def _check_dates(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise AppError(ErrorCode.INVALID, _("Ngày kết thúc trước ngày bắt đầu."), field="ends_on")


@transaction.atomic
def inspection_create(*, actor: Any, unit: AdminUnit, **data: Any) -> Inspection:
    """Record an inspection or supervision of a commune (or the province) and optionally an agency."""
    data = _inspection_clean(data)
    _check_dates(data["starts_on"], data["ends_on"])
    return placed_create(
        Inspection, actor=actor, unit=unit, data=data, action=AuditAction.INSPECTION_CREATE, by_province=True
    )


@transaction.atomic
def inspection_update(
    *, actor: Any, inspection: Inspection, version: int | None = None, **data: Any
) -> Inspection:
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    data = _inspection_clean(data)
    _check_dates(data.get("starts_on", inspection.starts_on), data.get("ends_on", inspection.ends_on))
    return placed_update(
        inspection,
        actor=actor,
        data=data,
        version=version,
        action=AuditAction.INSPECTION_UPDATE,
        by_province=True,
    )


@transaction.atomic
def recommendation_add(
    *,
    actor: Any,
    inspection: Inspection,
    content: str,
    due_on: dt.date,
    responsible_unit: AdminUnit | None = None,
    responsible_agency: Agency | None = None,
) -> Recommendation:
    """Add the next numbered recommendation; it is addressed to a unit of the inspection's area or an
    agency of its province."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    require_manager(actor, inspection.province, (inspection.lead_agency,))
    if not content.strip():
        raise AppError(ErrorCode.REQUIRED, field="content")
    if due_on < inspection.starts_on:
        raise AppError(ErrorCode.INVALID, _("Hạn thực hiện trước ngày kiểm tra."), field="due_on")
    if responsible_agency is not None and responsible_agency.province_id != inspection.province_id:
        raise AppError(ErrorCode.ACTIVITIES_OTHER_PLACE, field="responsible_agency")
    if (
        responsible_unit is not None
        and (responsible_unit.province or responsible_unit).pk != inspection.province_id
    ):
        raise AppError(ErrorCode.ACTIVITIES_OTHER_PLACE, field="responsible_unit")
    if responsible_unit is None and responsible_agency is None:
        responsible_unit = inspection.commune or inspection.province
    number = (inspection.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
    try:
        with transaction.atomic():
            recommendation = Recommendation.objects.create(
                inspection=inspection, number=number, content=content.strip(), due_on=due_on,
                responsible_unit=responsible_unit, responsible_agency=responsible_agency,
            )  # fmt: skip
    except IntegrityError as error:  # two officers adding at once: the second retries
        raise AppError(ErrorCode.CONFLICT) from error
    audit_record(
        actor=actor, action=AuditAction.RECOMMENDATION_ADD, obj=inspection,
        after={"number": number, "content": recommendation.content[:200], "due_on": due_on},
    )  # fmt: skip
    return recommendation


@transaction.atomic
def recommendation_follow_up(
    *,
    actor: Any,
    recommendation: Recommendation,
    on: dt.date,
    action: str,
    new_status: str,
    evidence: str = "",
    today: dt.date,
) -> FollowUp:
    """Record what was done about a recommendation and the status it leaves (the history is insert-only).

    The province's managers (and the lead agency) record follow-ups; so do the agency and the unit it is
    addressed to. A recommendation done or dropped is closed.
    """
    recommendation = (
        Recommendation.objects.select_for_update().select_related("inspection").get(pk=recommendation.pk)
    )
    inspection = recommendation.inspection
    try:
        require_manager(
            actor, inspection.province, (inspection.lead_agency, recommendation.responsible_agency)
        )
    except PermissionDenied:
        if recommendation.responsible_unit is None:
            raise
        require_manager(actor, recommendation.responsible_unit)  # the unit reporting on what it was asked
    if recommendation.status not in OPEN_STATUSES:
        raise AppError(ErrorCode.ACTIVITIES_CLOSED)
    if new_status not in RecommendationStatus.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="new_status")
    if not action.strip():
        raise AppError(ErrorCode.REQUIRED, field="action")
    if on > today:
        raise AppError(ErrorCode.INVALID, _("Ngày không được sau hôm nay."), field="on")
    if on < inspection.starts_on:
        raise AppError(ErrorCode.INVALID, _("Ngày trước đợt kiểm tra."), field="on")
    last = recommendation.follow_ups.order_by("-on", "-pk").first()
    if last is not None and on < last.on:
        raise AppError(ErrorCode.INVALID, _("Ngày trước lần theo dõi gần nhất."), field="on")
    follow_up = FollowUp.objects.create(
        recommendation=recommendation, on=on, action=action.strip(), evidence=evidence.strip(),
        new_status=new_status, recorded_by=actor_or_none(actor),
    )  # fmt: skip
    before = recommendation.status
    recommendation.status = new_status
    recommendation.save(update_fields=["status"])
    audit_record(
        actor=actor, action=AuditAction.RECOMMENDATION_FOLLOW_UP, obj=inspection,
        before={"number": recommendation.number, "status": before},
        after={"number": recommendation.number, "status": new_status, "on": on},
    )  # fmt: skip
    return follow_up
