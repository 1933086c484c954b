"""Households re-surveyed and found unchanged: their latest assessment confirmed at a new reference date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.registry.models import ConfirmationSource, Household, ImportBatch, SurveyConfirmation

CHUNK = 2000


def _unconfirmed(households: Iterable[Household], on: dt.date) -> list[Household]:
    """Households whose latest assessment is older than `on` and not yet confirmed on or after `on`."""
    chosen = [household for household in households if household.latest_assessment_id is not None]
    confirmed = set(
        SurveyConfirmation.objects.filter(
            household_id__in=[household.pk for household in chosen], reference_date__gte=on
        ).values_list("household_id", "assessment_id")
    )
    return [
        household
        for household in chosen
        if household.latest_assessment.reference_date < on  # type: ignore[union-attr]
        and (household.pk, household.latest_assessment_id) not in confirmed
    ]


def confirmations_from_import(*, batch: ImportBatch, codes: list[str]) -> int:
    """Confirm the households an applied import found unchanged (already checked by the import's scope)."""
    fresh: list[Household] = []
    for start in range(0, len(codes), CHUNK):
        households = Household.objects.select_related("latest_assessment").filter(
            code__in=codes[start : start + CHUNK], is_active=True
        )
        fresh.extend(_unconfirmed(households, batch.reference_date))
    SurveyConfirmation.objects.bulk_create(
        SurveyConfirmation(
            household=household,
            assessment=household.latest_assessment,
            reference_date=batch.reference_date,
            source=ConfirmationSource.IMPORT,
            import_batch=batch,
            confirmed_by=batch.uploaded_by,
        )
        for household in fresh
    )
    return len(fresh)


@transaction.atomic
def households_confirm_unchanged(*, actor: Any, households: list[Household], on: dt.date) -> int:
    """«Xác nhận không thay đổi»: each household's latest assessment holds on `on`; all or nothing."""
    never = [household.code for household in households if household.latest_assessment_id is None]
    if never:
        raise AppError(
            ErrorCode.SURVEY_MISSING,
            _("Các hộ sau chưa có phiếu rà soát nào, cần khảo sát: %(codes)s.") % {"codes": ", ".join(never)},
        )
    for household in households:
        require_permission(actor, Permission.EDIT_HOUSEHOLDS, household.village or household.commune)
    fresh = _unconfirmed(households, on)
    SurveyConfirmation.objects.bulk_create(
        SurveyConfirmation(
            household=household,
            assessment=household.latest_assessment,
            reference_date=on,
            source=ConfirmationSource.CONFIRM,
            confirmed_by=actor,
        )
        for household in fresh
    )
    if fresh:
        audit_record(
            actor=actor,
            action=AuditAction.SURVEY_CONFIRM_UNCHANGED,
            obj=fresh[0].commune,
            after={"households": [household.code for household in fresh], "on": on.isoformat()},
        )
    return len(fresh)
