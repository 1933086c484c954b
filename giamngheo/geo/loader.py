"""Idempotent loading of the administrative unit trees, default attributes, designations and succession."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from giamngheo.core.text import search_key
from giamngheo.geo import sources
from giamngheo.geo.models import (
    LEGACY_LAST_DAY,
    REFORM_DATE,
    AdminUnit,
    AreaType,
    AttributeKind,
    Level,
    Succession,
    Tree,
    UnitAttribute,
)

DESIGNATIONS_FILE = Path(__file__).parent / "data" / "designations.toml"
URBAN_DIVISION_TYPES = {"phường", "thị trấn"}
DEFAULT_AREA_SOURCE = "Mặc định theo loại đơn vị: phường, thị trấn là thành thị; xã, đặc khu là nông thôn"
BATCH = 2000


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def count(self, bucket: dict[str, int], key: str, number: int) -> None:
        bucket[key] = bucket.get(key, 0) + number

    def summary(self) -> str:
        created = ", ".join(f"{key}: {value}" for key, value in sorted(self.created.items()) if value) or "0"
        updated = ", ".join(f"{key}: {value}" for key, value in sorted(self.updated.items()) if value) or "0"
        return f"Thêm mới — {created}. Cập nhật — {updated}. Bỏ qua: {len(self.skipped)}."


# Levels in the order parents come before children, per tree.
LEVEL_ORDER = [Level.PROVINCE, Level.DISTRICT, Level.COMMUNE]
OWN_FIELD = {Level.PROVINCE: "province_id", Level.DISTRICT: "district_id", Level.COMMUNE: "commune_id"}
PARENT_LEVEL = {Level.DISTRICT: Level.PROVINCE, Level.COMMUNE: Level.DISTRICT}


def _validity(tree: str) -> tuple[object, object]:
    return (REFORM_DATE, None) if tree == Tree.CURRENT else (None, LEGACY_LAST_DAY)


def _load_tree(tree: str, rows: Iterable[sources.UnitRow], report: LoadReport) -> None:
    rows_by_level: dict[str, list[sources.UnitRow]] = {}
    for row in rows:
        rows_by_level.setdefault(row.level, []).append(row)
    valid_from, valid_to = _validity(tree)
    existing = {
        (unit.level, unit.code): unit
        for unit in AdminUnit.objects.filter(tree=tree).exclude(level=Level.VILLAGE)
    }
    for level in LEVEL_ORDER:
        parent_level = (
            Level.PROVINCE if (tree == Tree.CURRENT and level == Level.COMMUNE) else PARENT_LEVEL.get(level)
        )
        to_create: list[AdminUnit] = []
        to_update: list[AdminUnit] = []
        for row in rows_by_level.get(level, []):
            parent = existing[(parent_level, row.parent_code)] if parent_level and row.parent_code else None
            values = {
                "name": row.name,
                "division_type": row.division_type,
                "search_name": search_key(row.name),
                "parent_id": parent.pk if parent else None,
                "province_id": parent.province_id if parent else None,
                "district_id": parent.district_id if parent else None,
                "valid_from": valid_from,
                "valid_to": valid_to,
            }
            unit = existing.get((level, row.code))
            own_field = OWN_FIELD[level]
            if unit is not None:
                values[own_field] = unit.pk
            if unit is None:
                to_create.append(AdminUnit(tree=tree, level=level, code=row.code, **values))
            elif any(getattr(unit, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(unit, key, value)
                to_update.append(unit)
        AdminUnit.objects.bulk_create(to_create, batch_size=BATCH)
        if to_create and to_create[0].pk is None:  # backends that do not return keys
            created = AdminUnit.objects.filter(
                tree=tree, level=level, code__in=[unit.code for unit in to_create]
            )
            to_create = list(created)
        # Each unit's own-level ancestor column points to itself.
        own_field = OWN_FIELD[level]
        for unit in to_create:
            setattr(unit, own_field, unit.pk)
            existing[(level, unit.code)] = unit
        AdminUnit.objects.bulk_update(to_create, [own_field], batch_size=BATCH)
        if to_update:
            AdminUnit.objects.bulk_update(to_update, [*values.keys()], batch_size=BATCH)
        report.count(report.created, f"{tree}/{level}", len(to_create))
        report.count(report.updated, f"{tree}/{level}", len(to_update))


def _load_default_area_types(report: LoadReport) -> None:
    has_value = set(
        UnitAttribute.objects.filter(kind=AttributeKind.AREA_TYPE)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    new_rows = [
        UnitAttribute(
            unit_id=unit_id,
            kind=AttributeKind.AREA_TYPE,
            value=AreaType.URBAN if division_type.lower() in URBAN_DIVISION_TYPES else AreaType.RURAL,
            valid_from=valid_from,
            valid_to=valid_to,
            source=DEFAULT_AREA_SOURCE,
            is_default=True,
        )
        for unit_id, division_type, valid_from, valid_to in AdminUnit.objects.filter(
            level=Level.COMMUNE
        ).values_list("id", "division_type", "valid_from", "valid_to")
        if unit_id not in has_value
    ]
    UnitAttribute.objects.bulk_create(new_rows, batch_size=BATCH)
    report.count(report.created, "attribute/area_type", len(new_rows))


def _load_designations(report: LoadReport, path: Path = DESIGNATIONS_FILE) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for item in data.get("designation", []):
        try:
            unit = AdminUnit.objects.get(tree=item["tree"], level=item["level"], code=item["code"])
        except AdminUnit.DoesNotExist:
            report.skipped.append(f"designation {item['code']}: không có đơn vị")
            continue
        if UnitAttribute.objects.filter(unit=unit, kind=item["kind"]).exists():
            continue
        UnitAttribute.objects.create(
            unit=unit,
            kind=item["kind"],
            value=item.get("value", "yes"),
            valid_from=item.get("valid_from"),
            valid_to=item.get("valid_to"),
            source=item["source"],
        )
        report.count(report.created, f"attribute/{item['kind']}", 1)


def _load_successions(report: LoadReport) -> None:
    units = {
        (unit.tree, unit.level, unit.code): unit.pk
        for unit in AdminUnit.objects.exclude(level=Level.VILLAGE).only("id", "tree", "level", "code")
    }
    wanted: dict[tuple[int, int], Succession] = {}
    primary_of: dict[int, int] = {}
    for row in sources.successions():
        old = units.get((Tree.LEGACY, row.predecessor_level, row.predecessor_code))
        new = units.get((Tree.CURRENT, row.successor_level, row.successor_code))
        if old is None or new is None:
            report.skipped.append(f"succession {row.predecessor_code}→{row.successor_code}: không có đơn vị")
            continue
        if (old, new) in wanted:
            continue
        is_primary = row.is_primary and old not in primary_of
        if is_primary:
            primary_of[old] = new
        wanted[(old, new)] = Succession(
            predecessor_id=old,
            successor_id=new,
            is_partial=row.is_partial,
            is_primary=is_primary,
            source=row.source,
        )
    # Every old unit needs one primary successor; take the first listed where the source named none.
    for (old, _new), succession in wanted.items():
        if old not in primary_of:
            succession.is_primary = True
            primary_of[old] = succession.successor_id
    existing = {(saved.predecessor_id, saved.successor_id): saved for saved in Succession.objects.all()}
    to_create = [succession for key, succession in wanted.items() if key not in existing]
    to_update = []
    for key, succession in wanted.items():
        current = existing.get(key)
        wanted_values = (succession.is_partial, succession.is_primary, succession.source)
        if current and (current.is_partial, current.is_primary, current.source) != wanted_values:
            current.is_partial, current.is_primary, current.source = wanted_values
            to_update.append(current)
    if to_update:
        # Clear primaries first so the one-primary constraint holds during the update.
        Succession.objects.filter(pk__in=[row.pk for row in to_update]).update(is_primary=False)
        Succession.objects.bulk_update(to_update, ["is_partial", "is_primary", "source"], batch_size=BATCH)
    Succession.objects.bulk_create(to_create, batch_size=BATCH)
    report.count(report.created, "succession", len(to_create))
    report.count(report.updated, "succession", len(to_update))


@transaction.atomic
def admin_units_load() -> LoadReport:
    """Load or refresh both trees, default urban/rural attributes, designations and succession.

    Running it again changes nothing unless the source packages changed. Villages and attributes
    edited by users are never touched.
    """
    report = LoadReport()
    _load_tree(Tree.CURRENT, (row for row in sources.current_units()), report)
    _load_tree(Tree.LEGACY, sources.legacy_units(), report)
    _load_default_area_types(report)
    _load_designations(report)
    _load_successions(report)
    return report
