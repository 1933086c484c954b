"""Loading the program and indicator catalogues from data, and finding or creating agencies by name."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction

from giamngheo.geo.models import AdminUnit
from giamngheo.programs.models import Agency, Indicator, Program, ProgramComponent

CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "catalogue.toml"
INDICATORS_FILE = Path(__file__).resolve().parent / "data" / "indicators.toml"
INDICATOR_FIELDS = (
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
def catalogue_load(path: Path = CATALOGUE_FILE) -> int:
    """Create or update the programs and their components from the TOML catalogue; return the count."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    count = 0
    for entry in data["program"]:
        program, _ = Program.objects.update_or_create(
            code=entry["code"],
            defaults={
                key: entry[key]
                for key in ("name", "start_year", "end_year", "legal_basis", "confidence", "source")
            },
        )
        by_code: dict[str, ProgramComponent] = {}
        for order, item in enumerate(entry["components"], start=1):
            component, _ = ProgramComponent.objects.update_or_create(
                program=program,
                code=item["code"],
                defaults={
                    "parent": by_code[item["parent"]] if "parent" in item else None,
                    "kind": item["kind"],
                    "number": item["number"],
                    "name": item["name"],
                    "confidence": item["confidence"],
                    "source": item.get("source", entry.get("source", "")),
                    "order": order,
                },
            )
            by_code[component.code] = component
            count += 1
    return count


def indicator_entries(path: Path = INDICATORS_FILE) -> list[dict[str, Any]]:
    """The indicators listed in the data file, in their order."""
    entries: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8"))["indicator"]
    return entries


@transaction.atomic
def indicator_catalogue_load(path: Path = INDICATORS_FILE) -> int:
    """Create or update the indicators listed in the data file; return how many there are.

    Monitoring's tests check that every computation named there is registered.
    """
    entries = indicator_entries(path)
    for order, entry in enumerate(entries, start=1):
        Indicator.objects.update_or_create(
            code=entry["code"],
            defaults={
                **{key: entry.get(key, "") for key in INDICATOR_FIELDS},
                "order": order,
                "valid_from_year": entry.get("valid_from_year"),
                "valid_to_year": entry.get("valid_to_year"),
            },
        )
    return len(entries)


def agency_get_or_create(*, province: AdminUnit, name: str, short_name: str = "") -> Agency:
    """The agency of a province with this name, created the first time it is named."""
    agency, created = Agency.objects.get_or_create(
        province=province, name=name.strip(), defaults={"short_name": short_name}
    )
    if not created and short_name and agency.short_name != short_name:
        agency.short_name = short_name
        agency.save(update_fields=["short_name"])
    return agency
