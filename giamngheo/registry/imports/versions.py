"""Lost-update guard of the import: versions of the households a file touches, recorded then compared.

When a file is checked, the version of every household it names that is already in the registry is
recorded. Applying locks those the file would update (in id order) and refuses the whole file if one was
edited, or created, after the check: the import is all or nothing, so the officer uploads it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import polars as pl
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.registry.models import Household, ImportBatch, ImportBatchHousehold

CHUNK = 2000
NAMED = 20  # households named in the message; the count says how many in all


class HouseholdsChanged(Exception):
    """Households the file would update were edited (or created) after it was checked."""

    def __init__(self, message: str, count: int):
        super().__init__(message)
        self.message = message
        self.count = count


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def record_versions(*, batch: ImportBatch, households: pl.DataFrame) -> None:
    """Keep the version each existing household of a checked file had when it was read ."""
    ImportBatchHousehold.objects.filter(batch=batch).delete()
    if "household_id" not in households.columns:
        return
    rows = households.filter(pl.col("household_id").is_not_null()).select("household_id", "household_version")
    ImportBatchHousehold.objects.bulk_create(
        (
            ImportBatchHousehold(batch=batch, household_id=household_id, version=version)
            for household_id, version in rows.iter_rows()
        ),
        batch_size=CHUNK,
    )


def _when(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def check_versions(*, batch: ImportBatch, households: pl.DataFrame) -> None:
    """Lock the households about to be updated, in id order, and refuse if one changed since the check.

    Call inside the transaction that applies the file, so nobody can edit them in between.
    """
    if households.is_empty():
        return
    ids = sorted(households.get_column("household_id").drop_nulls().to_list())
    recorded: dict[int, int] = {}
    for chunk in _chunks(ids):
        recorded.update(
            ImportBatchHousehold.objects.filter(batch=batch, household_id__in=chunk).values_list(
                "household_id", "version"
            )
        )
    changed: list[str] = []
    for chunk in _chunks(ids):
        current = (
            Household.objects.select_for_update()
            .filter(pk__in=chunk)
            .order_by("pk")
            .values_list("pk", "code", "version", "updated_at")
        )
        for pk, code, version, updated_at in current:
            if pk not in recorded:
                changed.append(
                    _("Hộ %(code)s: được tạo lúc %(when)s, sau khi tải tệp lên")
                    % {"code": code, "when": _when(updated_at)}
                )
            elif recorded[pk] != version:
                changed.append(
                    _("Hộ %(code)s: đã được sửa lúc %(when)s, sau khi tải tệp lên")
                    % {"code": code, "when": _when(updated_at)}
                )
    if changed:
        summary = _(
            "Không nhập gì: %(count)s hộ trong tệp đã được sửa trong sổ hộ sau khi tải tệp lên; "
            "hãy tải tệp lên lại để kiểm tra với dữ liệu mới."
        ) % {"count": len(changed)}
        raise HouseholdsChanged("\n".join([summary, *changed[:NAMED]]), len(changed))
