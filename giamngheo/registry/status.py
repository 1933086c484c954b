"""The one writer of a household's recognised status and of its status transitions (docs/adr/0007)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.registry.models import Household, HouseholdStatus, StatusTransition, TransitionKind

BATCH = 1000


@transaction.atomic
def household_status_change(
    *,
    actor: Any,
    household: Household,
    to_status: str,
    kind: str | None,
    effective_on: dt.date,
) -> StatusTransition | None:
    """Change a household's recognised status, recording the transition of `kind` (None: no transition).

    The caller has locked the household and checked the actor's permission; it links the returned
    transition to whatever caused it (a review decision, a campaign) from its own side.
    """
    if to_status not in HouseholdStatus.values:
        raise AppError(ErrorCode.INVALID, _("Diện hộ không hợp lệ."), field="status")
    if kind is not None and kind not in TransitionKind.values:
        raise AppError(ErrorCode.INVALID, _("Loại biến động không hợp lệ."), field="kind")
    transition = None
    if kind is not None:
        transition = StatusTransition.objects.create(
            household=household,
            kind=kind,
            from_status=household.status,
            to_status=to_status,
            effective_on=effective_on,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
    if household.status != to_status:
        household.status = to_status
        household.version += 1
        household.save(update_fields=["status", "version", "updated_at"])
    return transition


def household_statuses_import(*, households: Sequence[Household], statuses: Mapping[str, str]) -> int:
    """Set the status an import file records for existing households (by code), in bulk, without transitions.

    An import carries the status recognised before the system held the household's history; the caller
    bumps the households' versions with the rest of the row. Returns how many statuses changed.
    """
    changed = []
    for household in households:
        to_status = statuses[household.code]
        if to_status not in HouseholdStatus.values:
            raise AppError(ErrorCode.INVALID, _("Diện hộ không hợp lệ."), field="status")
        if household.status != to_status:
            household.status = to_status
            changed.append(household)
    Household.objects.bulk_update(changed, ["status"], batch_size=BATCH)
    return len(changed)
