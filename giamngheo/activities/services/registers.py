"""Communication products and events (Project 6), commendations and donations to the «Vì người nghèo» fund."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.activities.models import (
    Commendation,
    CommendationLevel,
    CommendationStage,
    CommunicationItem,
    CommunicationKind,
    Donation,
    RecipientKind,
)
from giamngheo.activities.services._base import check_money, check_text, placed_create, placed_update
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import Household, HouseholdStatus, StatusTransition, TransitionKind

ESCAPE_KINDS = (TransitionKind.ESCAPED_POOR, TransitionKind.POOR_TO_NEAR_POOR)


def _check_choice(data: dict[str, Any], name: str, values: list[str]) -> None:
    if name in data and data[name] not in values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field=name)


def _check_not_future(data: dict[str, Any], name: str, today: dt.date) -> None:
    if name in data and data[name] > today:
        raise AppError(ErrorCode.INVALID, _("Ngày không được sau hôm nay."), field=name)


def _communication_clean(data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    data = dict(data)
    check_text(data, "title", "notes", required=("title",) if "title" in data else ())
    _check_choice(data, "kind", CommunicationKind.values)
    _check_not_future(data, "held_on", today)
    check_money(data, *(name for name in ("cost_central", "cost_local", "cost_other") if name in data))
    reach, poor = data.get("reach"), data.get("reach_poor")
    if (reach is not None and reach < 0) or (poor is not None and poor < 0):
        raise AppError(ErrorCode.INVALID, _("Số người không được âm."), field="reach")
    return data


@transaction.atomic
def communication_create(*, actor: Any, unit: AdminUnit, today: dt.date, **data: Any) -> CommunicationItem:
    """Record a communication product or event at a province or commune."""
    data = _communication_clean(data, today)
    if data.get("reach_poor", 0) > data.get("reach", 0):
        raise AppError(
            ErrorCode.INVALID, _("Số người nghèo vượt số người được tiếp cận."), field="reach_poor"
        )
    return placed_create(
        CommunicationItem, actor=actor, unit=unit, data=data, action=AuditAction.COMMUNICATION_CREATE
    )


@transaction.atomic
def communication_update(
    *, actor: Any, item: CommunicationItem, today: dt.date, version: int | None = None, **data: Any
) -> CommunicationItem:
    item = CommunicationItem.objects.select_for_update().get(pk=item.pk)
    data = _communication_clean(data, today)
    if data.get("reach_poor", item.reach_poor) > data.get("reach", item.reach):
        raise AppError(
            ErrorCode.INVALID, _("Số người nghèo vượt số người được tiếp cận."), field="reach_poor"
        )
    return placed_update(
        item, actor=actor, data=data, version=version, action=AuditAction.COMMUNICATION_UPDATE
    )


def check_escaped(household: Household, *, commune: AdminUnit | None, on: dt.date) -> None:
    """The household is of the row's commune and escaped poverty by `on` (a transition out of «nghèo»
    effective by then), and has not fallen back into poverty."""
    if commune is None or household.commune_id != commune.pk:
        raise AppError(ErrorCode.ACTIVITIES_OTHER_PLACE, field="household")
    escaped = StatusTransition.objects.filter(
        household=household, kind__in=ESCAPE_KINDS, effective_on__lte=on
    ).exists()
    if not escaped or household.status == HouseholdStatus.POOR:
        raise AppError(ErrorCode.ACTIVITIES_NOT_ESCAPED, field="household")


def _commendation_clean(data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    data = dict(data)
    check_text(data, "recipient", "decision_number", "reason")
    _check_choice(data, "stage", CommendationStage.values)
    _check_choice(data, "recipient_kind", RecipientKind.values)
    _check_choice(data, "level", CommendationLevel.values)
    _check_not_future(data, "decided_on", today)
    return data


def _commendation_check(row: dict[str, Any], commune: AdminUnit | None) -> None:
    if row["recipient_kind"] == RecipientKind.HOUSEHOLD:
        household = row.get("household")
        if household is None:
            raise AppError(ErrorCode.REQUIRED, field="household")
        check_escaped(household, commune=commune, on=row["decided_on"])
        if not row.get("recipient"):
            row["recipient"] = household.head_name or household.code
    elif row.get("household") is not None:
        raise AppError(ErrorCode.INVALID, _("Chỉ khen thưởng hộ mới chọn hộ."), field="household")
    if not row.get("recipient"):
        raise AppError(ErrorCode.REQUIRED, field="recipient")
    if row["stage"] == CommendationStage.AWARDED and not row.get("decision_number"):
        raise AppError(ErrorCode.REQUIRED, field="decision_number")


@transaction.atomic
def commendation_create(*, actor: Any, unit: AdminUnit, today: dt.date, **data: Any) -> Commendation:
    """Record a nomination or a commendation; a household is checked in the registry to have escaped."""
    data = _commendation_clean(data, today)
    commune = unit if unit.level == "commune" else None
    _commendation_check(data, commune)
    return placed_create(
        Commendation, actor=actor, unit=unit, data=data, action=AuditAction.COMMENDATION_CREATE
    )


@transaction.atomic
def commendation_update(
    *, actor: Any, item: Commendation, today: dt.date, version: int | None = None, **data: Any
) -> Commendation:
    item = Commendation.objects.select_for_update().get(pk=item.pk)
    data = _commendation_clean(data, today)
    merged = {
        name: data.get(name, getattr(item, name))
        for name in ("recipient_kind", "household", "recipient", "stage", "decision_number", "decided_on")
    }
    _commendation_check(merged, item.commune)
    return placed_update(
        item, actor=actor, data=data, version=version, action=AuditAction.COMMENDATION_UPDATE
    )


def _donation_clean(data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    data = dict(data)
    check_text(data, "donor", "description", required=("donor",) if "donor" in data else ())
    _check_not_future(data, "donated_on", today)
    if "amount" in data and (not isinstance(data["amount"], int) or data["amount"] <= 0):
        raise AppError(ErrorCode.INVALID, _("Giá trị ủng hộ phải là số đồng dương."), field="amount")
    return data


@transaction.atomic
def donation_create(*, actor: Any, unit: AdminUnit, today: dt.date, **data: Any) -> Donation:
    """Record a donation to the fund received at a province or commune (đồng, exact)."""
    data = _donation_clean(data, today)
    return placed_create(Donation, actor=actor, unit=unit, data=data, action=AuditAction.DONATION_CREATE)


@transaction.atomic
def donation_update(
    *, actor: Any, item: Donation, today: dt.date, version: int | None = None, **data: Any
) -> Donation:
    item = Donation.objects.select_for_update().get(pk=item.pk)
    data = _donation_clean(data, today)
    return placed_update(item, actor=actor, data=data, version=version, action=AuditAction.DONATION_UPDATE)
