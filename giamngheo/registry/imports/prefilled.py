"""The «phiếu điền sẵn»: a commune's households in the import template, to edit and upload again.

Built from the same snapshot the import compares with (`snapshot.existing_snapshot`), written with the
template's columns and drop-downs and with the labels of the lists, so a file uploaded back unedited finds
every household unchanged. Personal IDs are full only where `personal_ids` allows it (the reading is
audited); elsewhere they are masked, and such a file cannot be uploaded back without correcting them.
"""

from __future__ import annotations

from typing import Any

from giamngheo.core.text import mask_personal_id
from giamngheo.geo.models import AdminUnit
from giamngheo.registry import personal_ids
from giamngheo.registry.exports import NO, YES
from giamngheo.registry.imports.columns import RESIDENCE_CODES, STATUS_CODES
from giamngheo.registry.imports.snapshot import existing_snapshot
from giamngheo.registry.imports.template import build_template
from giamngheo.registry.selectors import households_for_user
from giamngheo.standards.facts import (
    HOUSEHOLD_BOOLEAN_COLUMNS,
    HOUSEHOLD_CODED_COLUMNS,
    MEMBER_BOOLEAN_COLUMNS,
    MEMBER_CODED_COLUMNS,
)
from giamngheo.standards.loader import load_codes, load_ethnicities

PURPOSE = "prefilled_import_form"


def _labelled(row: dict[str, Any], coded: dict[str, str], booleans: set[str]) -> dict[str, Any]:
    """Codes as the labels of their drop-down list, yes/no as «Có»/«Không»."""
    codes = load_codes()
    shown = dict(row)
    for key, code_list in coded.items():
        value = row.get(key)
        if value:
            shown[key] = codes[code_list].get(value, value)
    for key in booleans:
        value = row.get(key)
        shown[key] = None if value is None else (YES if value else NO)
    return shown


def prefilled_rows(user: Any, commune: AdminUnit) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The commune's active households of the user's area and their members, keyed like the template."""
    places = {
        row["code"]: row
        for row in households_for_user(user)
        .filter(commune=commune, is_active=True)
        .order_by("code")
        .values("code", "village__name", "registered_on")
    }
    households, members = existing_snapshot(list(places))
    full = personal_ids.may_see_in(user, commune)
    household_rows = []
    for row in households.sort("household_code").iter_rows(named=True):
        place = places[row["household_code"]]
        shown = _labelled(row, HOUSEHOLD_CODED_COLUMNS, set(HOUSEHOLD_BOOLEAN_COLUMNS))
        shown |= {
            "commune_code": commune.code,
            "village": place["village__name"],
            "residence": RESIDENCE_CODES.get(row["residence"], row["residence"]),
            "status": STATUS_CODES.get(row["status"], row["status"]),
            "registered_on": place["registered_on"],
        }
        household_rows.append(shown)
    ethnicities = load_ethnicities()
    member_rows = []
    for row in members.sort("household_code", "member_no").iter_rows(named=True):
        shown = _labelled(row, MEMBER_CODED_COLUMNS, {*MEMBER_BOOLEAN_COLUMNS, "has_merit"})
        shown["ethnicity"] = ethnicities.get(row["ethnicity"], row["ethnicity"])
        if row["personal_id"] and not full:
            shown["personal_id"] = mask_personal_id(row["personal_id"])
        member_rows.append(shown)
    if full:
        personal_ids.personal_ids_read(
            user,
            obj=commune,
            purpose=PURPOSE,
            count=sum(1 for row in member_rows if row.get("personal_id")),
            unit=commune,
        )
    return household_rows, member_rows


def build_prefilled(user: Any, commune: AdminUnit) -> bytes:
    """The «phiếu điền sẵn» of a commune as .xlsx bytes."""
    return build_template(*prefilled_rows(user, commune))
