"""Read and validate the household/member interchange files (CSV or Excel) into typed frames."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import polars.selectors as cs

from giamngheo.standards.facts import (
    HOUSEHOLD_CODED_COLUMNS,
    HOUSEHOLD_SCHEMA,
    MEMBER_CODED_COLUMNS,
    MEMBER_SCHEMA,
)
from giamngheo.standards.frames import replace_distinct
from giamngheo.standards.loader import load_codes, load_column_labels, load_ethnicities, load_synonyms
from giamngheo.standards.model import Standard

TRUE_WORDS = ("1", "true", "có", "co", "x", "yes", "y", "đúng")
FALSE_WORDS = ("0", "false", "không", "khong", "no", "n", "sai")
# Columns whose empty cells are allowed even when the standard uses the column.
VALUE_OPTIONAL = {
    "nutrition",
    "income_per_capita",
    "income_score",
    "birth_date",
    "birth_year",
    "ill_untreated",
}
MATERIAL_COLUMNS = ("foundation_material", "walls_material", "roof_material")
MAX_ERRORS = 10_000
ROW = "_row"  # the row number as the user sees it in Excel (header = 1)


@dataclass(frozen=True)
class InterchangeError:
    """One problem in an input file, located as the user sees it in Excel (row 1 = header)."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason_vi: str
    code: str = "invalid"  # the stable error code, the same as the forms' and the API's for the same rule

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"dòng {self.row}")
        if self.column is not None:
            place.append(f"cột «{self.column}»")
        if self.value is not None:
            place.append(f"giá trị «{self.value}»")
        return f"{', '.join(place)}: {self.reason_vi}"


@dataclass(frozen=True)
class InterchangeData:
    """Typed households and members frames, and every problem found (empty when the files are valid)."""

    households: pl.DataFrame
    members: pl.DataFrame
    errors: tuple[InterchangeError, ...]


def normalise(text: str) -> str:
    """Compare headers and codes ignoring case, punctuation, extra spaces and Unicode composition."""
    return " ".join(re.sub(r"[^\w\s]", " ", unicodedata.normalize("NFC", text).lower()).split())


def code_key(text: str) -> str:
    """`normalise`, then without accents ("Đô thị" → "do thi"): how coded values are matched."""
    decomposed = unicodedata.normalize("NFD", normalise(text).replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def code_mapping(code_list: str) -> dict[str, str]:
    """Normalised code, label or documented synonym → code; accent-free forms too where unambiguous."""
    if code_list == "ethnicity":
        groups = load_ethnicities()
        words = [(name, code) for code, name in groups.items()] + [(code, code) for code in groups]
        words += [(str(int(code)), code) for code in groups]
    else:
        codes = load_codes()[code_list]
        words = [(code, code) for code in codes] + [(label, code) for code, label in codes.items()]
    synonyms = load_synonyms().get(code_list, {})
    words += [(word, code) for code, listed in synonyms.items() for word in listed]
    mapping = {normalise(word): code for word, code in words}
    folded: dict[str, set[str]] = {}
    for word, code in words:
        folded.setdefault(code_key(word), set()).add(code)
        folded.setdefault(code_key(word).replace(" ", ""), set()).add(code)  # «Taoi» for «Tà Ôi»
    for key, found in folded.items():
        if len(found) == 1 and key not in mapping:
            mapping[key] = next(iter(found))
    return mapping


def _cell(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip() or None


def read_table(path: Path) -> pl.DataFrame:
    """Read a CSV or Excel (first sheet) file as text columns; empty cells become null."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        from python_calamine import CalamineWorkbook

        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        if not rows:
            return pl.DataFrame()
        return sheet_frame(rows)
    frame = pl.read_csv(path, infer_schema=False, encoding="utf8-lossy")
    return frame.with_columns(pl.col(pl.String).str.strip_chars().replace("", None))


def sheet_frame(rows: list[list[Any]]) -> pl.DataFrame:
    """Text columns from a sheet's cells (first row = header), skipping empty rows.

    The `_row` column keeps each row's number as Excel shows it, so errors point at the right row
    even when empty rows were skipped. Each cell reads as `_cell` reads it, a column at a time in Polars
    (tests/standards/test_sheet_frame.py compares the two on every kind of cell).
    """
    if not rows:
        return pl.DataFrame()
    header = [_cell(value) or f"column_{index + 1}" for index, value in enumerate(rows[0])]
    width = len(header)
    body = rows[1:]
    if any(len(row) != width for row in body):
        body = [row[:width] if len(row) >= width else [*row, *([None] * (width - len(row)))] for row in body]
    columns = zip(*body, strict=True) if body else ([] for _ in header)
    frame = pl.DataFrame(
        [_text_column(name, list(values)) for name, values in zip(header, columns, strict=True)]
    ).with_columns(pl.int_range(2, len(body) + 2, dtype=pl.Int64).alias(ROW))
    return frame.filter(pl.any_horizontal(pl.exclude(ROW).is_not_null())) if header else frame


# What `_cell` does to numbers, dates and text, on a whole column: Polars writes a float as Python does
# («1500000.0», «2.5»), a date as ISO, a date-time as «2025-10-01 00:00:00», a boolean as «true».
_WHOLE_FLOAT = r"^(-?\d+)\.0$"
_DATE_TIME = r"^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}(\.\d+)?$"


def _text_column(name: str, values: list[Any]) -> pl.Series:
    """One column's cells as text: whole numbers without «.0», dates as ISO, trimmed, blanks as null."""
    series = pl.Series(name, values, dtype=pl.String, strict=False)
    text = series.str.strip_chars()
    if any(type(value) is not str for value in values if value is not None):
        text = text.str.replace(_WHOLE_FLOAT, "${1}").str.replace(_DATE_TIME, "${1}")
    return text.replace("", None)


def required_columns(standard: Standard) -> tuple[set[str], set[str]]:
    """Household and member columns the standard's indicators need."""
    household = {"household_code", "area"}
    member = {"household_code", "member_no", "sex"}
    for indicator in standard.indicators:
        kind = indicator.kind
        if kind == "employment":
            member |= {"employment"}
        elif kind == "dependants":
            member |= {"working_capacity", "disability"}
            if indicator.param_bool("require_social_allowance"):
                member.add("social_allowance")
        elif kind in ("nutrition", "health_insurance"):
            member.add(kind)
        elif kind == "adult_education":
            member |= {"education", "in_school"}
        elif kind == "child_schooling":
            member.add("in_school")
        elif kind == "member_flag":
            member.add(indicator.param_str("column"))
        elif kind == "housing_quality":
            household |= {"has_house", *MATERIAL_COLUMNS}
        elif kind == "housing_area":
            household.add("floor_area_m2")
        elif kind == "household_code_in":
            household.add(indicator.param_str("column"))
        else:
            household |= set(indicator.param_codes("columns"))
    return household, member


class _Checker:
    """Validates one file's text columns and converts them to the interchange schema."""

    def __init__(self, file: str, part: str, schema: dict[str, pl.DataType], coded: dict[str, str]) -> None:
        self.file, self.part, self.schema, self.coded = file, part, schema, coded
        self.labels = load_column_labels()[part]
        self.errors: list[InterchangeError] = []

    def header(self, key: str) -> str:
        return self.labels.get(key, key)

    def add(
        self, row: int | None, column: str | None, value: str | None, reason: str, code: str = "invalid"
    ) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(InterchangeError(self.file, row, column, value, reason, code))

    def rename(self, frame: pl.DataFrame) -> pl.DataFrame:
        lookup = {normalise(key): key for key in self.schema} | {
            normalise(label): key for key, label in self.labels.items()
        }
        renames: dict[str, str] = {ROW: ROW} if ROW in frame.columns else {}
        for column in frame.columns:
            if column == ROW:
                continue
            key = lookup.get(normalise(column))
            if key is None:
                self.add(1, column, None, "cột không có trong định dạng trao đổi (xem docs/interchange.md)")
            elif key in renames.values():
                self.add(1, column, None, f"cột trùng với một cột khác cùng nghĩa «{self.header(key)}»")
            else:
                renames[column] = key
        return frame.select(pl.col(source).alias(target) for source, target in renames.items())

    def report(
        self, frame: pl.DataFrame, bad: pl.Expr, column: str, reason: str, code: str = "invalid"
    ) -> None:
        rows = frame.filter(bad).select("_row", pl.col(column).cast(pl.String)).head(MAX_ERRORS)
        for row, value in rows.iter_rows():
            self.add(row, self.header(column), value, reason, code)

    def convert(self, frame: pl.DataFrame, key: str) -> pl.Expr:
        kind = self.schema[key]
        raw = pl.col(key).cast(pl.String)  # a compact reading gives categoricals
        if key == "ethnicity" or key in self.coded:
            return self.by_distinct_value(frame, key, self.code_mapping(key), pl.String())
        if kind == pl.Boolean():
            words = dict.fromkeys(TRUE_WORDS, True) | dict.fromkeys(FALSE_WORDS, False)
            return self.by_distinct_value(frame, key, words, pl.Boolean())
        if kind == pl.Int64():
            whole = raw.str.replace(r"^(\d+)\.0+$", "$1")  # 1500000.0 as written by some exports
            return whole.str.replace_all(r"[., ](\d{3})", "$1").str.strip_chars().cast(pl.Int64, strict=False)
        if kind == pl.Float64():
            return raw.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
        if kind == pl.Date():
            return pl.coalesce(
                raw.str.to_date("%Y-%m-%d", strict=False), raw.str.to_date("%d/%m/%Y", strict=False)
            )
        return raw

    @staticmethod
    def by_distinct_value(
        frame: pl.DataFrame, key: str, mapping: dict[str, Any], dtype: pl.DataType
    ) -> pl.Expr:
        """Map raw values through `normalise`, then `code_key`, once per distinct value (few distinct)."""

        def translate(value: str) -> Any:
            fallback = mapping.get(code_key(value), mapping.get(code_key(value).replace(" ", "")))
            return mapping.get(normalise(value), fallback)

        return replace_distinct(frame, key, translate, dtype)

    def code_mapping(self, key: str) -> dict[str, str]:
        """Normalised code, label or synonym → code."""
        return code_mapping("ethnicity" if key == "ethnicity" else self.coded[key])

    def typed(
        self, frame: pl.DataFrame, required: set[str], exempt: dict[str, pl.Expr] | None = None
    ) -> pl.DataFrame:
        """Convert every known column, reporting unreadable and missing values.

        `exempt` gives, per column, the rows (an expression over the `_typed_<column>` values) where an
        empty cell of a required column is allowed (employment of a child, for instance).
        """
        for key in sorted(required - set(frame.columns), key=list(self.schema).index):
            self.add(1, self.header(key), None, f"thiếu cột bắt buộc (mã cột: {key})")
        if ROW not in frame.columns:
            frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
        converted = frame.with_columns(
            self.convert(frame, key).alias(f"_typed_{key}") for key in frame.columns if key in self.schema
        )
        for key in self.schema:
            if key not in frame.columns:
                continue
            unreadable = pl.col(key).is_not_null() & pl.col(f"_typed_{key}").is_null()
            coded = key == "ethnicity" or key in self.coded
            self.report(converted, unreadable, key, self.reason(key), "unknown_code" if coded else "invalid")
            if key in required and key not in VALUE_OPTIONAL and key not in MATERIAL_COLUMNS:
                missing = pl.col(key).is_null()
                if exempt and key in exempt:
                    missing = missing & ~exempt[key]
                self.report(converted, missing, key, "thiếu giá trị bắt buộc")
        return converted.select(
            "_row",
            *(pl.col(f"_typed_{key}").alias(key) for key in frame.columns if key in self.schema),
            *(
                pl.col(key).is_null().alias(f"_missing_{key}")
                for key in MATERIAL_COLUMNS
                if key in frame.columns
            ),
        )

    def reason(self, key: str) -> str:
        if key == "ethnicity":
            return "mã dân tộc không hợp lệ: dùng mã 01–54 hoặc tên dân tộc"
        if key in self.coded:
            listed = "; ".join(f"«{label}»" for label in load_codes()[self.coded[key]].values())
            return f"giá trị không có trong danh mục; chọn một trong: {listed}"
        return TYPE_REASONS.get(str(self.schema[key]), "giá trị không hợp lệ")


TYPE_REASONS = {
    str(pl.Boolean()): "cần giá trị có/không (1/0, true/false, có/không)",
    str(pl.Int64()): "cần số nguyên không âm (ví dụ 1500000 hoặc 1.500.000)",
    str(pl.Float64()): "cần một số (ví dụ 45,5)",
    str(pl.Date()): "ngày không hợp lệ: dùng dạng 31/12/1990 hoặc 1990-12-31",
}


def _read(path: Path, checker: _Checker) -> pl.DataFrame:
    """Read a file; an unreadable file becomes an error (and an empty frame)."""
    try:
        return read_table(path)
    except (pl.exceptions.PolarsError, OSError, ValueError) as error:
        reason = str(error).splitlines()[0]
        checker.add(None, None, None, f"không đọc được tệp (CSV UTF-8 hoặc Excel .xlsx): {reason}")
        return pl.DataFrame()


def read_households(
    path: Path, standard: Standard, *, score_table: bool = False, raw: pl.DataFrame | None = None
) -> tuple[pl.DataFrame, list[InterchangeError]]:
    """Read and validate a households file for a standard; the frame has a `_row` column.

    `raw` gives the file's text columns already read (e.g. one sheet of a workbook); `path` then only
    names the file in error messages.
    """
    checker = _Checker(path.name, "household", HOUSEHOLD_SCHEMA, HOUSEHOLD_CODED_COLUMNS)
    required, _ = required_columns(standard)
    frame = checker.typed(checker.rename(_read(path, checker) if raw is None else raw), required)
    if "household_code" in frame.columns:
        duplicated = pl.col("household_code").is_duplicated() & pl.col("household_code").is_not_null()
        checker.report(frame, duplicated, "household_code", "mã hộ bị trùng")
    for column in ("income_per_capita", "income_score"):
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.Int64).alias(column))
    no_income = pl.col("income_per_capita").is_null() & pl.col("income_score").is_null()
    if not score_table:
        checker.report(frame, no_income, "income_per_capita", "cần thu nhập bình quân hoặc điểm A")
    if standard.score_lines is None:
        score_only = pl.col("income_per_capita").is_null() & pl.col("income_score").is_not_null()
        checker.report(
            frame,
            score_only,
            "income_score",
            f"chuẩn {standard.id} không có ngưỡng điểm A; cần thu nhập bình quân",
        )
    if "has_house" in frame.columns:
        for column in MATERIAL_COLUMNS:
            if column in frame.columns:
                missing = (pl.col("has_house") == True) & pl.col(f"_missing_{column}")  # noqa: E712
                checker.report(frame, missing, column, "thiếu vật liệu của kết cấu nhà (hộ có nhà ở)")
    return frame.drop(cs.starts_with("_missing_")), checker.errors


def outside_working_age(standard: Standard, reference_date: dt.date) -> pl.Expr:
    """Over the typed member columns: the member's age is known and outside the standard's working age."""
    typed = {key: pl.col(f"_typed_{key}") for key in ("birth_date", "birth_year", "sex")}
    from_date = (
        reference_date.year
        - typed["birth_date"].dt.year().cast(pl.Int64)
        - (
            (typed["birth_date"].dt.month().cast(pl.Int64) * 100 + typed["birth_date"].dt.day())
            > reference_date.month * 100 + reference_date.day
        ).cast(pl.Int64)
    )
    age = pl.coalesce(from_date, reference_date.year - typed["birth_year"].cast(pl.Int64))
    bounds = standard.working_age
    upper = pl.when(typed["sex"] == "female").then(bounds.max_female).otherwise(bounds.max_male)
    return ((age < bounds.minimum) | (age > upper)).fill_null(False)


def read_members(
    path: Path, standard: Standard, *, raw: pl.DataFrame | None = None, reference_date: dt.date | None = None
) -> tuple[pl.DataFrame, list[InterchangeError]]:
    """Read and validate a members file; the frame has a `_row` column (see read_households).

    With `reference_date`, «Việc làm» may be empty for a member outside working age at that date.
    """
    checker = _Checker(path.name, "member", MEMBER_SCHEMA, MEMBER_CODED_COLUMNS)
    _, required = required_columns(standard)
    renamed = checker.rename(_read(path, checker) if raw is None else raw)
    if not {"birth_date", "birth_year"} & set(renamed.columns):
        checker.add(
            1, checker.header("birth_year"), None, "thiếu cột bắt buộc: cần cột ngày sinh hoặc năm sinh"
        )
    exempt = None
    if reference_date is not None and "sex" in renamed.columns:
        for column in ("birth_date", "birth_year"):
            if column not in renamed.columns:
                renamed = renamed.with_columns(pl.lit(None, dtype=pl.String).alias(column))
        exempt = {"employment": outside_working_age(standard, reference_date)}
    frame = checker.typed(renamed, required, exempt)
    for column in ("birth_date", "birth_year", "personal_id"):
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=MEMBER_SCHEMA[column]).alias(column))
    no_birth = pl.col("birth_date").is_null() & pl.col("birth_year").is_null()
    checker.report(frame, no_birth, "birth_year", "cần ngày sinh hoặc năm sinh")
    checker.report(
        frame,
        ~pl.col("birth_year").is_between(1900, 2100).fill_null(True),
        "birth_year",
        "năm sinh phải trong khoảng 1900–2100",
    )
    bad_id = pl.col("personal_id").is_not_null() & ~pl.col("personal_id").str.contains(r"^\d{12}$").fill_null(
        False
    )
    checker.report(frame, bad_id, "personal_id", "số định danh cá nhân phải gồm đúng 12 chữ số")
    if {"household_code", "member_no"} <= set(frame.columns):
        duplicated = (
            pl.struct("household_code", "member_no").is_duplicated() & pl.col("member_no").is_not_null()
        )
        checker.report(frame, duplicated, "member_no", "số thứ tự thành viên bị trùng trong cùng hộ")
    return frame, checker.errors


def read_interchange(
    households_path: Path,
    members_path: Path,
    standard: Standard,
    *,
    score_table: bool = False,
    households_raw: pl.DataFrame | None = None,
    members_raw: pl.DataFrame | None = None,
    keep_rows: bool = False,
    reference_date: dt.date | None = None,
) -> InterchangeData:
    """Read both files, validate them and their links; typed frames plus every error found.

    With `keep_rows`, the frames keep their `_row` column (the row number as shown in Excel).
    """
    households, household_errors = read_households(
        households_path, standard, score_table=score_table, raw=households_raw
    )
    members, member_errors = read_members(
        members_path, standard, raw=members_raw, reference_date=reference_date
    )
    errors = [*household_errors, *member_errors]
    if "household_code" in households.columns and "household_code" in members.columns:
        known = households.select("household_code").drop_nulls()
        orphans = members.join(known, on="household_code", how="anti").filter(
            pl.col("household_code").is_not_null()
        )
        for row, code in orphans.select("_row", "household_code").head(MAX_ERRORS).iter_rows():
            errors.append(
                InterchangeError(
                    members_path.name, row, "Mã hộ", code, "mã hộ không có trong tệp hộ gia đình"
                )
            )
        empty = households.join(members.select("household_code").unique(), on="household_code", how="anti")
        for row, code in (
            empty.filter(pl.col("household_code").is_not_null())
            .select("_row", "household_code")
            .head(MAX_ERRORS)
            .iter_rows()
        ):
            errors.append(
                InterchangeError(
                    households_path.name,
                    row,
                    "Mã hộ",
                    code,
                    "hộ không có thành viên nào trong tệp thành viên",
                )
            )
    if keep_rows:
        return InterchangeData(households, members, tuple(errors))
    return InterchangeData(households.drop("_row"), members.drop("_row"), tuple(errors))


def write_table(frame: pl.DataFrame, path: Path) -> None:
    """Write a result frame as CSV or Excel (lists joined with "; ")."""
    flat = frame.with_columns(
        pl.col(name).list.join("; ") for name, kind in frame.schema.items() if isinstance(kind, pl.List)
    )
    if path.suffix.lower() == ".xlsx":
        flat.write_excel(path, worksheet="ket_qua", autofit=False)
    else:
        flat.write_csv(path)
