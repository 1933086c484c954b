"""Loading the indicator catalogue from data (idempotent)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.db import transaction

from giamngheo.monitoring.computations import COMPUTATIONS
from giamngheo.monitoring.models import Indicator

INDICATORS_FILE = Path(__file__).resolve().parent / "data" / "indicators.toml"
FIELDS = (
    "name",
    "unit_label",
    "source",
    "computation",
    "better",
    "aggregation",
    "responsible",
    "framework_ref",
    "confidence",
    "description",
)


@transaction.atomic
def indicator_catalogue_load(path: Path = INDICATORS_FILE) -> int:
    """Create or update the indicators listed in the data file; return how many there are."""
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["indicator"]
    for order, entry in enumerate(entries, start=1):
        computation = entry.get("computation", "")
        if computation and computation not in COMPUTATIONS:
            raise ValueError(f"{path.name}: {entry['code']} names unknown computation {computation!r}")
        Indicator.objects.update_or_create(
            code=entry["code"],
            defaults={**{key: entry.get(key, "") for key in FIELDS}, "order": order},
        )
    return len(entries)
