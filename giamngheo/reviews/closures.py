"""Status transitions for households that leave the registry (moved away, merged), so movements reconcile."""

from __future__ import annotations

import datetime as dt
from typing import Any

from giamngheo.registry.models import Household
from giamngheo.reviews.models import StatusTransition, TransitionKind

CLOSURE_KINDS = {"moved_away": TransitionKind.MOVED_AWAY, "merged": TransitionKind.MERGED}


def transition_record_closure(
    *, actor: Any, household: Household, reason: str, on: dt.date
) -> StatusTransition:
    """Record that a household left the registry; its recognised status ends on that day."""
    return StatusTransition.objects.create(
        household=household,
        kind=CLOSURE_KINDS.get(reason, TransitionKind.OTHER),
        from_status=household.status,
        to_status="none",
        effective_on=on,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
