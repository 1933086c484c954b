"""Reads of import batches, limited to the acting user's area."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from giamngheo.accounts.access import scope_q
from giamngheo.core.errors import NotFound
from giamngheo.registry.models import ImportBatch


def batches_for_user(user: Any) -> QuerySet[ImportBatch]:
    """Import batches whose scope lies in the user's area."""
    return ImportBatch.objects.filter(
        scope_q(user, province="scope__province", commune="scope__commune")
    ).select_related("scope", "uploaded_by")


def batch_get_for_user(user: Any, pk: int | str) -> ImportBatch:
    """One import batch of the user's area, or NotFound."""
    try:
        return batches_for_user(user).get(pk=pk)
    except (ImportBatch.DoesNotExist, ValueError) as error:
        raise NotFound() from error
