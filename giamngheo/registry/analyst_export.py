"""Bulk data for analysts: a unit's households, members and assessments as of a date, without names or IDs.

For statistics offices: Parquet (or CSV) files in one zip. Names, addresses and full birth dates are never
in it; personal IDs are removed by default or replaced by a keyed pseudonym (HMAC-SHA-256 with a key derived
from the server's SECRET_KEY, so the same person has the same pseudonym in every export of this server and
the number cannot be recovered from it). Every export is audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import zipfile
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import OuterRef, Q, Subquery

from giamngheo.core.audit import AuditAction
from giamngheo.core.exports import csv_lines
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import Assessment, Member
from giamngheo.registry.selectors import households_for_user

PSEUDONYM_CONTEXT = b"giamngheo personal-id pseudonym v1"
HOUSEHOLD_COLUMNS = ["code", "province__code", "commune__code", "village__code", "residence", "status",
                     "is_ethnic_minority", "has_merit_member", "registered_on", "closed_on"]  # fmt: skip
MEMBER_COLUMNS = ["household__code", "member_no", "personal_id", "birth_year", "sex", "ethnicity", "relation",
                  "has_merit", "left_on"]  # fmt: skip
ASSESSMENT_COLUMNS = ["household__code", "standard", "reference_date", "income_path", "income_per_capita",
                      "income_score", "category", "deprivation_count", "deprived", "score_b"]  # fmt: skip


def pseudonym(personal_id: str) -> str:
    """A stable, keyed pseudonym of a personal ID (16 hex digits); empty for an empty ID."""
    if not personal_id:
        return ""
    key = hmac.new(settings.SECRET_KEY.encode(), PSEUDONYM_CONTEXT, hashlib.sha256).digest()
    return hmac.new(key, personal_id.encode(), hashlib.sha256).hexdigest()[:16]


def _frame(rows: list[tuple[Any, ...]], columns: list[str]) -> pl.DataFrame:
    names = [column.replace("__", "_") for column in columns]
    return pl.DataFrame(rows, schema=names, orient="row", infer_schema_length=None)


def analyst_frames(user: Any, unit: AdminUnit, on: dt.date, *, pseudonymise: bool) -> dict[str, pl.DataFrame]:
    """The three tables of the unit as of `on` (households registered by then and not closed before)."""
    field = {"province": "province", "commune": "commune", "village": "village"}[unit.level]
    households = households_for_user(user).filter(**{field: unit}, registered_on__lte=on)
    households = households.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on))
    members = Member.objects.filter(household__in=households.values("pk")).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=on)
    )
    latest = (
        Assessment.objects.filter(household=OuterRef("pk"), reference_date__lte=on)
        .order_by("-reference_date", "-id")
        .values("pk")[:1]
    )
    assessments = Assessment.objects.filter(
        pk__in=households.annotate(latest=Subquery(latest)).values("latest")
    )
    member_rows = [
        (*row[:2], pseudonym(row[2]) if pseudonymise else "", *row[3:])
        for row in members.order_by("household__code", "member_no").values_list(*MEMBER_COLUMNS)
    ]
    return {
        "households": _frame(
            list(households.order_by("code").values_list(*HOUSEHOLD_COLUMNS)), HOUSEHOLD_COLUMNS
        ),
        "members": _frame(member_rows, MEMBER_COLUMNS).rename({"personal_id": "personal_id_pseudonym"}),
        "assessments": _frame(
            list(assessments.order_by("household__code").values_list(*ASSESSMENT_COLUMNS)), ASSESSMENT_COLUMNS
        ),
    }


def analyst_export(
    *, actor: Any, unit: AdminUnit, on: dt.date, file_format: str, pseudonymise: bool
) -> bytes:
    """The zip of the three tables as Parquet or CSV (CSV cells neutralised against formulas); audited."""
    frames = analyst_frames(actor, unit, on, pseudonymise=pseudonymise)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in frames.items():
            if file_format == "parquet":
                data = io.BytesIO()
                frame.write_parquet(data)
                archive.writestr(f"{name}.parquet", data.getvalue())
            else:
                text = "".join(csv_lines(frame.columns, frame.iter_rows()))
                archive.writestr(f"{name}.csv", text.encode("utf-8"))
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT_QUEUE,
        obj=unit,
        after={
            "purpose": "analyst",
            "on": on.isoformat(),
            "format": file_format,
            "personal_ids": "pseudonymised" if pseudonymise else "removed",
            "households": frames["households"].height,
        },
    )
    return buffer.getvalue()
