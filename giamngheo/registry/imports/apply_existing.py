"""Update households already in the registry, and their members, through the ORM (few in a typical file).

Members missing from the file are closed (moved out), changed ones updated, new ones added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import polars as pl

from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import MEMBER_IDENTITY_FIELDS, Household, Member, MemberExit
from giamngheo.registry.status import household_statuses_import

BATCH = 2000
KINH = "01"
IDENTITY = MEMBER_IDENTITY_FIELDS


def _chunks(values: list[Any], size: int = BATCH) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _summaries(members: pl.DataFrame) -> dict[str, dict[str, Any]]:
    """Head name, ethnic-minority and merit flags per household, from the file's members."""
    heads = members.filter(pl.col("relation") == "head").select("household_code", "full_name", "ethnicity")
    merit = members.group_by("household_code").agg(pl.col("has_merit").any().alias("merit"))
    rows = heads.join(merit, on="household_code", how="full", coalesce=True)
    return {
        code: {
            "head_name": name or "",
            "search_name": search_key(name or ""),
            "is_ethnic_minority": ethnicity is not None and ethnicity != KINH,
            "has_merit_member": bool(has_merit),
        }
        for code, name, ethnicity, has_merit in rows.iter_rows()
    }


def update_households(changed: pl.DataFrame, members: pl.DataFrame) -> dict[str, Household]:
    """Create new households and update changed ones; return every changed household by code."""
    summaries = _summaries(members)
    communes = dict(
        AdminUnit.objects.filter(id__in=changed.get_column("commune_id").unique().to_list()).values_list(
            "id", "province_id"
        )
    )
    by_code: dict[str, Household] = {}
    new_rows = changed.filter(pl.col("action") == "new")
    fresh = [
        Household(
            code=row["household_code"],
            province_id=communes[row["commune_id"]],
            commune_id=row["commune_id"],
            village_id=row["village_id"],
            address=row["address"],
            residence=row["residence"],
            registered_on=row["registered_on"],
            status=row["status"],
            **summaries[row["household_code"]],
        )
        for row in new_rows.iter_rows(named=True)
    ]
    for household in Household.objects.bulk_create(fresh, batch_size=BATCH):
        by_code[household.code] = household
    updates = {
        row["household_code"]: row
        for row in changed.filter(pl.col("action") == "updated").iter_rows(named=True)
    }
    existing: list[Household] = []
    for chunk in _chunks(list(updates)):
        existing.extend(Household.objects.filter(code__in=chunk))
    for household in existing:
        row = updates[household.code]
        household.village_id, household.address = row["village_id"], row["address"]
        household.residence = row["residence"]
        for key, value in summaries[household.code].items():
            setattr(household, key, value)
        household.version += 1
        by_code[household.code] = household
    Household.objects.bulk_update(
        existing,
        [
            "village",
            "address",
            "residence",
            "head_name",
            "search_name",
            "is_ethnic_minority",
            "has_merit_member",
            "version",
        ],
        batch_size=BATCH,
    )
    household_statuses_import(
        households=existing, statuses={code: row["status"] for code, row in updates.items()}
    )
    return by_code


def _identity(row: dict[str, Any]) -> dict[str, Any]:
    birth_date = row.get("birth_date")
    return {
        "full_name": " ".join(str(row["full_name"]).split()),
        "personal_id": row.get("personal_id") or "",
        "birth_date": birth_date,
        "birth_year": row.get("birth_year") or (birth_date.year if birth_date else None),
        "sex": row["sex"],
        "ethnicity": row.get("ethnicity") or KINH,
        "relation": row.get("relation") or "other",
        "has_merit": bool(row.get("has_merit")),
    }


def update_members(
    members: pl.DataFrame, households: dict[str, Household], on: dt.date
) -> dict[tuple[str, int], Member]:
    """Deactivate members missing from the file, update changed ones, add new ones."""
    current: dict[tuple[str, int], Member] = {}
    codes_by_id = {household.pk: code for code, household in households.items()}
    for chunk in _chunks(list(codes_by_id)):
        for member in Member.objects.filter(household_id__in=chunk, is_active=True):
            current[(codes_by_id[member.household_id], member.member_no)] = member
    wanted = {
        (row["household_code"], row["member_no"]): _identity(row) for row in members.iter_rows(named=True)
    }
    leaving = [member for key, member in current.items() if key not in wanted]
    for member in leaving:
        member.is_active, member.left_on, member.left_reason = False, on, MemberExit.MOVED_OUT
        member.version += 1  # an open edit form of this member is now stale
    Member.objects.bulk_update(leaving, ["is_active", "left_on", "left_reason", "version"], batch_size=BATCH)
    changed: list[Member] = []
    fresh: list[Member] = []
    for key, identity in wanted.items():
        existing = current.get(key)
        if existing is None:
            fresh.append(
                Member(
                    household_id=households[key[0]].pk,
                    member_no=key[1],
                    search_name=search_key(identity["full_name"]),
                    **identity,
                )
            )
        elif any(getattr(existing, name) != value for name, value in identity.items()):
            for name, value in identity.items():
                setattr(existing, name, value)
            existing.search_name = search_key(existing.full_name)
            existing.version += 1
            changed.append(existing)
    Member.objects.bulk_update(changed, [*IDENTITY, "search_name", "version"], batch_size=BATCH)
    result = {key: member for key, member in current.items() if key in wanted}
    for member in Member.objects.bulk_create(fresh, batch_size=BATCH):
        result[(codes_by_id[member.household_id], member.member_no)] = member
    return result
