"""Validate an upload against the interchange rules and the registry, and plan what applying it changes.

Everything is checked column by column with Polars and a bounded number of queries; every problem names
the file (and sheet), the row as Excel shows it, the column and the value, in the uploader's language
(the task runs under the language the upload was made in; column names are the file's own headers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext

from giamngheo.core.text import search_key
from giamngheo.geo.models import AdminUnit, AreaType, AttributeKind, Level, Tree, UnitAttribute
from giamngheo.registry.assess import HOUSEHOLD_FACT_FIELDS, MEMBER_FACT_FIELDS
from giamngheo.registry.imports.columns import HOUSEHOLD_EXTRA, MEMBER_EXTRA, RESIDENCE_CODES, STATUS_CODES
from giamngheo.registry.imports.lookup import in_blocks
from giamngheo.registry.imports.reader import RawFiles, split_extra
from giamngheo.registry.imports.rules import check_rules
from giamngheo.registry.imports.snapshot import existing_snapshot, signatures
from giamngheo.registry.models import Household, Member
from giamngheo.standards.frames import replace_distinct
from giamngheo.standards.interchange import (
    FALSE_WORDS,
    ROW,
    TRUE_WORDS,
    InterchangeError,
    normalise,
    read_interchange,
)
from giamngheo.standards.loader import load_column_labels
from giamngheo.standards.model import Standard

SIGNED_HOUSEHOLDS = 10_000  # households compared with the registry at a time
MEMBER_LABELS = {
    "full_name": "Họ và tên",
    "relation": "Quan hệ với chủ hộ",
    "personal_id": "Số định danh cá nhân",
}


@dataclass
class Plan:
    """A validated upload: typed frames with the registry's columns, errors, and the action per household."""

    households: pl.DataFrame
    members: pl.DataFrame
    errors: list[InterchangeError] = field(default_factory=list)

    def count(self, action: str) -> int:
        if "action" not in self.households.columns:
            return 0
        return self.households.filter(pl.col("action") == action).height


class _Errors:
    def __init__(self, errors: Iterable[InterchangeError]):
        self.items = list(errors)

    def add_rows(
        self, file: str, frame: pl.DataFrame, bad: pl.Expr, column: str, value: str, reason: str
    ) -> None:
        for row, shown in frame.filter(bad).select(ROW, pl.col(value).cast(pl.String)).iter_rows():
            self.items.append(InterchangeError(file, row, column, shown, reason))


def _by_distinct(frame: pl.DataFrame, column: str, lookup: dict[str, Any], dtype: pl.DataType) -> pl.Expr:
    """Map free text through `normalise` against `lookup`, once per distinct value."""
    return replace_distinct(frame, column, lambda text: lookup.get(normalise(text)), dtype)


def _map_words(frame: pl.DataFrame, column: str, mapping: dict[str, str]) -> pl.Expr:
    """Map free text through `normalise` against codes and labels."""
    lookup = {normalise(code): code for code in mapping} | {
        normalise(label): code for code, label in mapping.items()
    }
    return _by_distinct(frame, column, lookup, pl.String())


def _communes(scope: AdminUnit) -> dict[str, AdminUnit]:
    if scope.level == Level.COMMUNE:
        return {scope.code: scope}
    return {
        unit.code: unit
        for unit in AdminUnit.objects.filter(
            tree=Tree.CURRENT, level=Level.COMMUNE, province=scope, valid_to__isnull=True
        )
    }


def _areas(communes: Iterable[AdminUnit], on: dt.date) -> dict[int, str]:
    ids = [unit.pk for unit in communes]
    rows = (
        UnitAttribute.objects.filter(unit_id__in=ids, kind=AttributeKind.AREA_TYPE)
        .exclude(valid_from__gt=on)
        .exclude(valid_to__lt=on)
        .values_list("unit_id", "value")
    )
    areas = dict.fromkeys(ids, str(AreaType.RURAL))
    areas.update(dict(rows))
    return areas


def _resolve_place(
    households_raw: pl.DataFrame,
    extras: pl.DataFrame,
    scope: AdminUnit,
    on: dt.date,
    file: str,
    errors: _Errors,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Commune of each row (from the scope or the «Mã xã» column) and its urban/rural area."""
    communes = _communes(scope)
    code = pl.col("commune_code").str.strip_chars().str.zfill(5)
    if scope.level == Level.COMMUNE:
        extras = extras.with_columns(pl.coalesce(code, pl.lit(scope.code)).alias("commune_code"))
        errors.add_rows(
            file,
            extras,
            pl.col("commune_code") != scope.code,
            HOUSEHOLD_EXTRA["commune_code"],
            "commune_code",
            gettext("hộ không thuộc %(unit)s (mã %(code)s) đã chọn khi tải lên")
            % {"unit": scope.name, "code": scope.code},
        )
    else:
        extras = extras.with_columns(code.alias("commune_code"))
        errors.add_rows(
            file,
            extras,
            pl.col("commune_code").is_null(),
            HOUSEHOLD_EXTRA["commune_code"],
            "commune_code",
            gettext("cần mã xã khi nhập tệp cho cả tỉnh"),
        )
        errors.add_rows(
            file,
            extras,
            pl.col("commune_code").is_not_null() & ~pl.col("commune_code").is_in(list(communes)),
            HOUSEHOLD_EXTRA["commune_code"],
            "commune_code",
            gettext("mã xã không thuộc %(unit)s") % {"unit": scope.name},
        )
    ids = {code_: unit.pk for code_, unit in communes.items()}
    areas = _areas(communes.values(), on)
    extras = extras.with_columns(
        pl.col("commune_code").replace_strict(ids, default=None, return_dtype=pl.Int64).alias("commune_id")
    )
    extras = extras.with_columns(
        pl.col("commune_id").replace_strict(areas, default=None, return_dtype=pl.String).alias("_area")
    )
    area_columns = {normalise("area"), normalise("Khu vực")}
    has_area = [column for column in households_raw.columns if normalise(column) in area_columns]
    if not has_area:
        households_raw = households_raw.join(
            extras.select(ROW, pl.col("_area").alias("area")), on=ROW, how="left"
        )
    return households_raw, extras


def _village_ids(extras: pl.DataFrame, file: str, errors: _Errors) -> pl.DataFrame:
    commune_ids = [value for value in extras.get_column("commune_id").unique().to_list() if value is not None]
    lookup: dict[tuple[int, str], int] = {}
    for pk, parent, name, code in AdminUnit.objects.filter(
        level=Level.VILLAGE, parent_id__in=commune_ids, valid_to__isnull=True
    ).values_list("id", "parent_id", "search_name", "code"):
        lookup[(parent, name)] = pk
        lookup[(parent, code.lower())] = pk

    def village_id(row: dict[str, Any]) -> int | None:
        if row["village"] is None or row["commune_id"] is None:
            return None
        return lookup.get((row["commune_id"], search_key(row["village"]))) or lookup.get(
            (row["commune_id"], row["village"].strip().lower())
        )

    extras = extras.with_columns(
        pl.struct("village", "commune_id").map_elements(village_id, return_dtype=pl.Int64).alias("village_id")
    )
    errors.add_rows(
        file,
        extras,
        pl.col("village").is_not_null() & pl.col("village_id").is_null() & pl.col("commune_id").is_not_null(),
        HOUSEHOLD_EXTRA["village"],
        "village",
        gettext("thôn, tổ dân phố không có trong danh sách của xã; hãy thêm thôn trên trang đơn vị trước"),
    )
    return extras


def _household_extras(
    extras: pl.DataFrame, reference_date: dt.date, file: str, errors: _Errors
) -> pl.DataFrame:
    extras = extras.with_columns(
        _map_words(extras, "residence", RESIDENCE_CODES).alias("_residence"),
        _map_words(extras, "status", STATUS_CODES).alias("_status"),
        pl.coalesce(
            pl.col("registered_on").str.to_date("%d/%m/%Y", strict=False),
            pl.col("registered_on").str.to_date("%Y-%m-%d", strict=False),
        ).alias("_registered_on"),
    )
    for key in ("residence", "status", "registered_on"):
        errors.add_rows(
            file,
            extras,
            pl.col(key).is_not_null() & pl.col(f"_{key}").is_null(),
            HOUSEHOLD_EXTRA[key],
            key,
            gettext("giá trị không hợp lệ")
            if key != "registered_on"
            else gettext("ngày không hợp lệ: dùng dạng 31/12/1990 hoặc 1990-12-31"),
        )
    return extras.with_columns(
        pl.col("_residence").fill_null("permanent").alias("residence"),
        pl.col("_status").fill_null("none").alias("status"),
        pl.col("_registered_on").fill_null(reference_date).alias("registered_on"),
        pl.col("address").fill_null("").alias("address"),
    ).drop("_residence", "_status", "_registered_on")


def _check_members(members: pl.DataFrame, file: str, errors: _Errors) -> None:
    add = errors.add_rows
    if "full_name" not in members.columns or "relation" not in members.columns:
        for key in ("full_name", "relation"):
            if key not in members.columns:
                errors.items.append(
                    InterchangeError(
                        file,
                        1,
                        MEMBER_LABELS[key],
                        None,
                        gettext("thiếu cột bắt buộc khi nhập sổ hộ (mã cột: %(key)s)") % {"key": key},
                    )
                )
        return
    add(
        file,
        members,
        pl.col("full_name").is_null(),
        MEMBER_LABELS["full_name"],
        "full_name",
        gettext("thiếu họ và tên"),
    )
    add(
        file,
        members,
        pl.col("relation").is_null(),
        MEMBER_LABELS["relation"],
        "relation",
        gettext("thiếu quan hệ với chủ hộ"),
    )
    personal = pl.col("personal_id")
    marker = personal.str.slice(3, 1).cast(pl.Int64, strict=False)
    year = pl.coalesce(pl.col("birth_date").dt.year().cast(pl.Int64), pl.col("birth_year"))
    valid_shape = personal.str.contains(r"^\d{12}$").fill_null(False)
    checks = [
        (
            ~personal.str.slice(0, 3).cast(pl.Int64, strict=False).is_between(1, 96),
            gettext("ba chữ số đầu (mã tỉnh nơi đăng ký khai sinh) phải từ 001 đến 096"),
        ),
        ((marker % 2 == 0) != (pl.col("sex") == "male"), gettext("chữ số thứ tư không khớp giới tính")),
        (
            1900 + 100 * (marker // 2) + personal.str.slice(4, 2).cast(pl.Int64, strict=False) != year,
            gettext("chữ số thứ tư đến thứ sáu không khớp năm sinh"),
        ),
    ]
    for bad, reason in checks:
        add(
            file,
            members,
            valid_shape & bad.fill_null(False),
            MEMBER_LABELS["personal_id"],
            "personal_id",
            reason,
        )
    duplicated = personal.is_not_null() & personal.is_duplicated()
    add(
        file,
        members,
        duplicated,
        MEMBER_LABELS["personal_id"],
        "personal_id",
        gettext("số định danh cá nhân bị trùng trong tệp"),
    )


def _check_heads(households: pl.DataFrame, members: pl.DataFrame, file: str, errors: _Errors) -> None:
    if "relation" not in members.columns:
        return
    heads = members.group_by("household_code").agg((pl.col("relation") == "head").sum().alias("heads"))
    counted = households.join(heads, on="household_code", how="left").with_columns(
        pl.col("heads").fill_null(0)
    )
    errors.add_rows(
        file, counted, pl.col("heads") == 0, "Mã hộ", "household_code", gettext("hộ không có chủ hộ")
    )
    errors.add_rows(
        file, counted, pl.col("heads") > 1, "Mã hộ", "household_code", gettext("hộ có nhiều hơn một chủ hộ")
    )


def _check_against_registry(
    households: pl.DataFrame, members: pl.DataFrame, h_file: str, m_file: str, errors: _Errors
) -> set[str]:
    """Refuse codes of another commune's households and personal IDs held by other households; return the
    codes of the file's households already in the registry."""
    codes = households.get_column("household_code").drop_nulls()
    elsewhere: dict[str, int] = {}
    for block in in_blocks(codes):
        elsewhere.update(Household.objects.filter(code__in=block).values_list("code", "commune_id"))
    if elsewhere:
        placed = households.with_columns(
            pl.col("household_code")
            .replace_strict(elsewhere, default=None, return_dtype=pl.Int64)
            .alias("_in")
        )
        errors.add_rows(
            h_file,
            placed,
            pl.col("_in").is_not_null() & (pl.col("_in") != pl.col("commune_id")),
            "Mã hộ",
            "household_code",
            gettext("mã hộ đã có trong sổ hộ của một xã khác"),
        )
    ids = (
        members.get_column("personal_id").drop_nulls().unique()
        if "personal_id" in members.columns
        else pl.Series(dtype=pl.String)
    )
    taken: dict[str, str] = {}
    for block in in_blocks(ids):  # a block of IDs at a time as Python text, not all 400.000
        taken.update(
            Member.objects.filter(personal_id__in=block, is_active=True).values_list(
                "personal_id", "household__code"
            )
        )
    if taken:
        owners = members.with_columns(
            pl.col("personal_id").replace_strict(taken, default=None, return_dtype=pl.String).alias("_owner")
        )
        errors.add_rows(
            m_file,
            owners,
            pl.col("_owner").is_not_null() & (pl.col("_owner") != pl.col("household_code")),
            MEMBER_LABELS["personal_id"],
            "personal_id",
            gettext("số định danh không hợp lệ hoặc đã được dùng; hãy kiểm tra lại"),
        )
    return set(elsewhere)


def _beside(typed: pl.DataFrame, extras: pl.DataFrame) -> pl.DataFrame:
    """The registry's columns added to the typed rows: side by side when both keep the file's rows in the same
    order (they do), so the typed frame is not copied by a join; joined on the row number otherwise."""
    shared = set(typed.columns) & set(extras.columns)
    if shared == {ROW} and typed.get_column(ROW).equals(extras.get_column(ROW)):
        return typed.hstack(extras.drop(ROW).get_columns())
    return typed.join(extras, on=ROW, how="left")


def _boolean(frame: pl.DataFrame, column: str) -> pl.Expr:
    words = dict.fromkeys(TRUE_WORDS, True) | dict.fromkeys(FALSE_WORDS, False)
    return _by_distinct(frame, column, words, pl.Boolean())


def validate_upload(
    raw: RawFiles, *, scope: AdminUnit, standard: Standard, reference_date: dt.date, chunk: int | None = None
) -> Plan:
    """Check every row; return typed frames with registry columns, the errors, and each household's action.

    `chunk` households are compared with the registry at a time (`SIGNED_HOUSEHOLDS`).
    """
    errors = _Errors(raw.errors)
    if raw.households.is_empty() or raw.members.is_empty():
        if not raw.errors:
            errors.items.append(
                InterchangeError(raw.households_name, None, None, None, gettext("tệp không có dữ liệu"))
            )
        return Plan(pl.DataFrame(), pl.DataFrame(), errors.items)
    households_raw, h_extra = split_extra(raw.households, HOUSEHOLD_EXTRA)
    members_raw, m_extra = split_extra(raw.members, MEMBER_EXTRA)
    households_raw, h_extra = _resolve_place(
        households_raw, h_extra, scope, reference_date, raw.households_name, errors
    )
    data = read_interchange(
        Path(raw.households_name),
        Path(raw.members_name),
        standard,
        households_raw=households_raw,
        members_raw=members_raw,
        keep_rows=True,
        reference_date=reference_date,
    )
    errors.items.extend(data.errors)
    households, members = _beside(data.households, h_extra), _beside(data.members, m_extra)
    del data, households_raw, members_raw, h_extra, m_extra  # the typed frames are all that is needed now
    errors.add_rows(
        raw.households_name,
        households,
        pl.col("area") != pl.col("_area"),
        "Khu vực",
        "area",
        gettext("khu vực khác với khu vực thành thị/nông thôn của xã trong hệ thống"),
    )
    households = _household_extras(
        _village_ids(households, raw.households_name, errors), reference_date, raw.households_name, errors
    )
    members = members.with_columns(_boolean(members, "has_merit").fill_null(False).alias("has_merit"))
    errors.add_rows(
        raw.members_name,
        members.filter(pl.col("has_merit").is_null()),
        pl.lit(True),
        MEMBER_EXTRA["has_merit"],
        "has_merit",
        gettext("cần giá trị có/không"),
    )
    for column, dtype in (("ethnicity", pl.String), ("relation", pl.String), ("full_name", pl.String)):
        if column not in members.columns and column == "ethnicity":
            members = members.with_columns(pl.lit("01", dtype=dtype).alias(column))
    if "ethnicity" in members.columns:
        members = members.with_columns(pl.col("ethnicity").fill_null("01"))
    labels = load_column_labels()
    households, found = check_rules(
        households,
        file=raw.households_name,
        headers=labels["household"] | {"address": HOUSEHOLD_EXTRA["address"], "household_code": "Mã hộ"},
        reference=reference_date,
    )
    errors.items.extend(found)
    members, found = check_rules(
        members, file=raw.members_name, headers=labels["member"], reference=reference_date
    )
    errors.items.extend(found)
    _check_members(members, raw.members_name, errors)
    _check_heads(households, members, raw.households_name, errors)
    known = _check_against_registry(households, members, raw.households_name, raw.members_name, errors)
    households = households.with_columns(pl.col("area").fill_null(pl.col("_area")))
    plan = Plan(households, members, errors.items)
    if not errors.items:
        plan.households = _with_actions(households, members, known, chunk or SIGNED_HOUSEHOLDS)
    return plan


def _with_actions(
    households: pl.DataFrame, members: pl.DataFrame, known: set[str], chunk: int
) -> pl.DataFrame:
    """Mark each household new, updated or unchanged by comparing signatures with the registry.

    Only households already in the registry (`known`) are signed, a block of them at a time, so the
    signature texts (about a kilobyte a household) are never held for the whole file.
    """
    codes = [code for code in households.get_column("household_code").to_list() if code in known]
    actions = [
        pl.DataFrame(
            schema={
                "household_code": pl.String,
                "household_id": pl.Int64,
                "household_version": pl.Int64,
                "action": pl.String,
            }
        )
    ]
    for start in range(0, len(codes), chunk):
        existing_households, existing_members = existing_snapshot(codes[start : start + chunk])
        if not existing_households.height:
            continue
        block = existing_households.get_column("household_code").implode()
        file_signatures = signatures(
            households.filter(pl.col("household_code").is_in(block)),
            members.filter(pl.col("household_code").is_in(block)),
        )
        stored = signatures(existing_households, existing_members).rename({"signature": "_stored"})
        actions.append(
            existing_households.select(
                "household_code", pl.col("id").alias("household_id"), household_version=pl.col("version")
            )
            .join(file_signatures, on="household_code", how="left")
            .join(stored, on="household_code", how="left")
            .select(
                "household_code",
                "household_id",
                "household_version",
                pl.when(pl.col("signature") == pl.col("_stored"))
                .then(pl.lit("unchanged"))
                .otherwise(pl.lit("updated"))
                .alias("action"),
            )
        )
    return households.join(pl.concat(actions), on="household_code", how="left").with_columns(
        pl.col("action").fill_null("new")
    )


__all__ = ["HOUSEHOLD_FACT_FIELDS", "MEMBER_FACT_FIELDS", "Plan", "validate_upload"]
