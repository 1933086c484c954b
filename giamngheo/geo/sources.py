"""Read administrative units and their old→new succession from the packages that hold the official lists.

Current units (34 provinces, 3,321 communes) and the pre-July-2025 tree come from `vietnam-provinces`
(National Statistics Office codes). The old→new succession comes from `vietnamadminunits`, whose
conversion table marks communes split across several new ones and the new commune that takes the main
part; where it has no row for an old commune, `vietnam-provinces`' own conversion table is used.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from giamngheo.geo.models import Level, Tree

VIETNAMADMINUNITS = "vietnamadminunits (bảng chuyển đổi 2025)"
VIETNAM_PROVINCES = "vietnam-provinces (bảng chuyển đổi 2025)"


@dataclass(frozen=True)
class UnitRow:
    tree: str
    level: str
    code: str
    name: str
    division_type: str
    parent_code: str | None


@dataclass(frozen=True)
class SuccessionRow:
    predecessor_level: str
    predecessor_code: str
    successor_level: str
    successor_code: str
    is_partial: bool
    is_primary: bool
    source: str


def province_code(value: int | str) -> str:
    return f"{int(value):02d}"


def district_code(value: int | str) -> str:
    return f"{int(value):03d}"


def commune_code(value: int | str) -> str:
    return f"{int(value):05d}"


def _division_label(value: str) -> str:
    return value[:1].upper() + value[1:]


def current_units() -> Iterator[UnitRow]:
    """The two-level tree in force since 1 July 2025."""
    from vietnam_provinces import Province, Ward

    for province in Province.iter_all():
        yield UnitRow(
            Tree.CURRENT,
            Level.PROVINCE,
            province_code(province.code),
            province.name,
            _division_label(province.division_type.value),
            None,
        )
    for ward in Ward.iter_all():
        yield UnitRow(
            Tree.CURRENT,
            Level.COMMUNE,
            commune_code(ward.code),
            ward.name,
            _division_label(ward.division_type.value),
            province_code(ward.province_code),
        )


def legacy_units() -> Iterator[UnitRow]:
    """The three-level tree (63 provinces, districts, communes) in force until 30 June 2025."""
    from vietnam_provinces.legacy import District, Province, Ward

    for province in Province.iter_all():
        yield UnitRow(
            Tree.LEGACY,
            Level.PROVINCE,
            province_code(province.code),
            province.name,
            _division_label(province.division_type.value),
            None,
        )
    for district in District.iter_all():
        yield UnitRow(
            Tree.LEGACY,
            Level.DISTRICT,
            district_code(district.code),
            district.name,
            _division_label(district.division_type.value),
            province_code(district.province_code),
        )
    for ward in Ward.iter_all():
        yield UnitRow(
            Tree.LEGACY,
            Level.COMMUNE,
            commune_code(ward.code),
            ward.name,
            _division_label(ward.division_type.value),
            district_code(ward.district_code),
        )


def _vietnamadminunits_successions() -> Iterator[SuccessionRow]:
    data_dir = resources.files("vietnamadminunits") / "data"
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    with resources.as_file(data_dir / "dataset.db") as path, sqlite3.connect(path) as connection:
        new_codes = {
            (row[0], row[1]): row[2]
            for row in connection.execute("SELECT provinceKey, wardKey, wardCode FROM admin_units")
        }
        new_province_codes = dict(
            connection.execute("SELECT DISTINCT provinceKey, provinceCode FROM admin_units")
        )
        old_rows = connection.execute(
            "SELECT provinceKey, districtKey, COALESCE(wardKey, ''), wardCode, districtCode, provinceCode "
            "FROM admin_units_legacy"
        ).fetchall()
    old_codes: dict[str, tuple[str, str]] = {}
    old_province_codes: dict[str, str] = {}
    for province_key, district_key, ward_key, ward, district, province in old_rows:
        key = f"{province_key}_{district_key}_{ward_key}"
        old_codes[key] = (Level.COMMUNE, ward) if ward else (Level.DISTRICT, district)
        old_province_codes[province_key] = province

    for new_province_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_province_key in old_keys:
            yield SuccessionRow(
                Level.PROVINCE,
                province_code(old_province_codes[old_province_key]),
                Level.PROVINCE,
                province_code(new_province_codes[new_province_key]),
                False,
                True,
                VIETNAMADMINUNITS,
            )
    for new_province_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward_key, old_keys in wards.items():
            new_code = commune_code(new_codes[(new_province_key, new_ward_key)])
            for old_key in old_keys:
                level, code = old_codes[old_key]
                code = commune_code(code) if level == Level.COMMUNE else district_code(code)
                yield SuccessionRow(level, code, Level.COMMUNE, new_code, False, True, VIETNAMADMINUNITS)
    for new_province_key, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in divided.items():
            level, code = old_codes[old_key]
            code = commune_code(code) if level == Level.COMMUNE else district_code(code)
            for target in targets:
                yield SuccessionRow(
                    level,
                    code,
                    Level.COMMUNE,
                    commune_code(new_codes[(new_province_key, target["newWardKey"])]),
                    True,
                    bool(target["isDefaultNewWard"]),
                    VIETNAMADMINUNITS,
                )


def _vietnam_provinces_successions(skip: set[str]) -> Iterator[SuccessionRow]:
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW

    for old_code, entry in OLD_TO_NEW.items():
        code = commune_code(old_code)
        if code in skip:
            continue
        targets = entry.new_wards
        for index, target in enumerate(targets):
            yield SuccessionRow(
                Level.COMMUNE,
                code,
                Level.COMMUNE,
                commune_code(target.code),
                len(targets) > 1 or entry.old_ward.is_partly_merged,
                index == 0,
                VIETNAM_PROVINCES,
            )


def successions() -> list[SuccessionRow]:
    """Old→new succession rows: provinces, communes, and island districts that became special zones."""
    rows = list(_vietnamadminunits_successions())
    covered = {row.predecessor_code for row in rows if row.predecessor_level == Level.COMMUNE}
    rows.extend(_vietnam_provinces_successions(covered))
    return rows
