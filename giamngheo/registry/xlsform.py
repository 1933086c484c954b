"""The household survey as an XLSForm (ODK Collect, KoboCollect), generated from the standard in force.

One form per standard and commune: the facts the standard's indicators need (the interchange columns, so a
submission export maps onto the import template), a member repeat group, choice lists from the code lists,
Vietnamese labels, constraints as the validator checks them, the commune's villages and, optionally, its
households as a choice list filtered by village so the reviewer picks the household instead of typing its
code. Field names are the interchange keys (docs/interchange.md).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from giamngheo.core.exports import new_workbook
from giamngheo.standards.facts import (
    HOUSEHOLD_BOOLEAN_COLUMNS,
    HOUSEHOLD_CODED_COLUMNS,
    HOUSEHOLD_SCHEMA,
    MEMBER_BOOLEAN_COLUMNS,
    MEMBER_CODED_COLUMNS,
    MEMBER_SCHEMA,
)
from giamngheo.standards.interchange import required_columns
from giamngheo.standards.loader import load_codes, load_column_labels, load_ethnicities
from giamngheo.standards.model import Standard

SURVEY_HEADER = ("type", "name", "label", "hint", "required", "relevant", "constraint", "constraint_message",
                 "calculation", "choice_filter", "appearance")  # fmt: skip
YES_NO = "yes_no"
# Always asked, whatever the standard: how income is known, and who the members are.
HOUSEHOLD_ALWAYS = ("income_per_capita", "income_score")
MEMBER_IDENTITY = ("full_name", "personal_id", "birth_year", "sex", "relation", "ethnicity")
MAX_INCOME = 1_000_000_000


@dataclass(frozen=True)
class FormPlace:
    """Where the form is used: the commune, its villages, optionally its households to pick from."""

    commune_code: str
    commune_name: str
    villages: list[tuple[str, str]]  # (code, name)
    households: list[tuple[str, str, str]] | None = None  # (household code, label, village code)


def _row(kind: str, name: str, label: str, **columns: str) -> dict[str, str]:
    return {"type": kind, "name": name, "label": label, **columns}


def _question(
    name: str, label: str, coded: dict[str, str], booleans: Iterable[str], schema: dict[str, Any]
) -> dict[str, str]:
    if name in coded:
        return _row(f"select_one {coded[name]}", name, label)
    if name in booleans:
        return _row(f"select_one {YES_NO}", name, label)
    kind = str(schema[name])
    if kind.startswith("Int"):
        return _row("integer", name, label, constraint=". >= 0", constraint_message="Không được âm")
    if kind.startswith("Float"):
        return _row("decimal", name, label, constraint=". >= 0", constraint_message="Không được âm")
    return _row("text", name, label)


def survey_rows(standard: Standard, place: FormPlace) -> list[dict[str, str]]:
    """The survey sheet: metadata, place, household facts, the member repeat group."""
    labels = load_column_labels()
    household_needed, member_needed = required_columns(standard)
    year = dt.date.today().year  # noqa: DTZ011 — only a bound for the birth year constraint
    rows = [
        _row("start", "start", ""),
        _row("end", "end", ""),
        _row("today", "today", ""),
        _row("select_one village", "village", "Thôn, tổ dân phố", required="yes"),
    ]
    if place.households is not None:
        rows.append(
            _row(
                "select_one household",
                "household_code",
                labels["household"]["household_code"],
                required="yes",
                choice_filter="village=${village}",
                appearance="search",
            )
        )
    else:
        rows.append(_row("text", "household_code", labels["household"]["household_code"], required="yes"))
    rows.append(
        _row(
            "integer",
            "income_per_capita",
            labels["household"]["income_per_capita"],
            hint="Đồng/người/tháng; để trống nếu xác định bằng điểm A",
            constraint=f". >= 0 and . <= {MAX_INCOME}",
            constraint_message="Thu nhập từ 0 đến 1 tỷ đồng",
        )
    )
    rows.append(
        _row(
            "integer",
            "income_score",
            labels["household"]["income_score"],
            relevant="${income_per_capita} = ''",
            required="${income_per_capita} = ''",
            constraint=". >= 0 and . <= 1000",
            constraint_message="Điểm A từ 0 đến 1.000",
        )
    )
    for name in HOUSEHOLD_SCHEMA:
        if name in household_needed and name not in ("household_code", "area", *HOUSEHOLD_ALWAYS):
            rows.append(_question(name, labels["household"][name], HOUSEHOLD_CODED_COLUMNS,
                                  HOUSEHOLD_BOOLEAN_COLUMNS, HOUSEHOLD_SCHEMA))  # fmt: skip
    rows.append(_row("begin_repeat", "members", "Thành viên trong hộ"))
    rows.append(_row("calculate", "member_no", "", calculation="position(..)"))
    member_coded = {**MEMBER_CODED_COLUMNS, "ethnicity": "ethnicity"}
    for name in MEMBER_SCHEMA:
        if name in MEMBER_IDENTITY or (name in member_needed and name not in ("household_code", "member_no")):
            rows.append(
                _question(name, labels["member"][name], member_coded, MEMBER_BOOLEAN_COLUMNS, MEMBER_SCHEMA)
            )
    for row in rows:
        if row["name"] in ("full_name", "birth_year", "sex", "relation"):
            row["required"] = "yes"
        if row["name"] == "birth_year":
            row.update(
                constraint=f". >= 1900 and . <= {year}", constraint_message=f"Năm sinh từ 1900 đến {year}"
            )
        if row["name"] == "personal_id":
            row.update(
                constraint="regex(., '^[0-9]{12}$')", constraint_message="Số định danh gồm đúng 12 chữ số"
            )
    rows.append(_row("end_repeat", "members", ""))
    return rows


def choice_rows(place: FormPlace) -> list[dict[str, str]]:
    """The choices sheet: yes/no, every code list, ethnicities, villages and households."""
    rows = [
        {"list_name": YES_NO, "name": "true", "label": "Có"},
        {"list_name": YES_NO, "name": "false", "label": "Không"},
    ]
    for list_name, codes in load_codes().items():
        rows += [{"list_name": list_name, "name": code, "label": label} for code, label in codes.items()]
    rows += [
        {"list_name": "ethnicity", "name": code, "label": name} for code, name in load_ethnicities().items()
    ]
    rows += [{"list_name": "village", "name": code, "label": name} for code, name in place.villages]
    for code, label, village in place.households or []:
        rows.append({"list_name": "household", "name": code, "label": label, "village": village})
    return rows


def build_xlsform(standard: Standard, place: FormPlace, *, version: str) -> bytes:
    """The XLSForm workbook (survey, choices, settings) as bytes; text is written as text, never a formula."""
    buffer = io.BytesIO()
    workbook = new_workbook(buffer, {"in_memory": True})
    survey = workbook.add_worksheet("survey")
    survey.write_row(0, 0, SURVEY_HEADER)
    for index, row in enumerate(survey_rows(standard, place), start=1):
        survey.write_row(index, 0, [row.get(column, "") for column in SURVEY_HEADER])
    choices = workbook.add_worksheet("choices")
    choice_header = ["list_name", "name", "label", "village"]
    choices.write_row(0, 0, choice_header)
    for index, row in enumerate(choice_rows(place), start=1):
        choices.write_row(index, 0, [row.get(column, "") for column in choice_header])
    settings = workbook.add_worksheet("settings")
    settings.write_row(0, 0, ["form_title", "form_id", "version", "default_language"])
    title = f"Phiếu rà soát hộ nghèo, hộ cận nghèo — {standard.name_vi} — {place.commune_name}"
    form_id = f"giamngheo_{standard.id.replace('-', '_')}_{place.commune_code}"
    settings.write_row(1, 0, [title, form_id, version, "vi"])
    workbook.close()
    return buffer.getvalue()
