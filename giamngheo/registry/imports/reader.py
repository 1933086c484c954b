"""Read an uploaded workbook (two sheets) or two CSV files into text frames, registry columns split off.

Imports nothing from Django, so the read can run in a child process that has no database (`isolation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from giamngheo.standards.interchange import ROW, InterchangeError, normalise

HOUSEHOLD_SHEET = "Hộ gia đình"
MEMBER_SHEET = "Thành viên"


@dataclass(frozen=True)
class RawFiles:
    households: pl.DataFrame
    members: pl.DataFrame
    households_name: str
    members_name: str
    errors: tuple[InterchangeError, ...]


def compact_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Text columns as categoricals, in place and a column at a time: a cell takes 4 bytes instead of a
    16-byte string view (most columns repeat a few values), and no second copy of the frame is ever held."""
    for index, (name, kind) in enumerate(frame.schema.items()):
        if kind == pl.String:
            frame.replace_column(index, frame.get_column(name).cast(pl.Categorical))
    return frame


def _trimmed(column: pl.Series) -> pl.Series:
    """A categorical column with its values trimmed and blanks as null (checked on its distinct values)."""
    distinct = column.unique().drop_nulls().cast(pl.String)
    if (distinct.str.strip_chars() == distinct).all() and not (distinct == "").any():
        return column
    return column.cast(pl.String).str.strip_chars().replace("", None).cast(pl.Categorical)


def read_csv_text(path: Path) -> pl.DataFrame:
    """A CSV file's cells as trimmed text (categoricals), blanks as null: `read_table`'s values, compact.

    The cells are parsed straight into categoricals and each column is trimmed on its own; a file that is not
    valid UTF-8 is read as `read_table` reads it (bad bytes replaced), then made compact a column at a time.
    """
    width = pl.read_csv(path, n_rows=0, infer_schema=False, encoding="utf8-lossy").width
    try:
        frame = pl.read_csv(
            path, infer_schema=False, encoding="utf8-lossy", schema_overrides=[pl.Categorical] * width
        )
    except pl.exceptions.ComputeError:  # not UTF-8: the lossy reading only works on text columns
        frame = compact_text(pl.read_csv(path, infer_schema=False, encoding="utf8-lossy"))
    for index, name in enumerate(frame.columns):
        frame.replace_column(index, _trimmed(frame.get_column(name)))
    return frame


# fastexcel writes a date or date-time cell as «2025-10-01 00:00:00»; `_cell` reads it as the ISO date.
_DATE_TIME = r"^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}(\.\d+)?$"
# ... and a decimal as the file spells it («1.1000000000000001», as Excel and XlsxWriter write 1,1); Python
# writes the same number in the fewest digits («1.1»), as Polars does.
_LONG_DECIMAL = r"^-?\d+\.\d+$"
_SIGNIFICANT = 16


def _excel_text(column: pl.Series) -> pl.Series:
    """A sheet column as fastexcel gives it in text (whole numbers without «.0», booleans «true»/«false»),
    read as `_cell` reads each cell: a date or date-time as its ISO date, a decimal in the fewest digits,
    trimmed, blanks as null. The patterns only run on columns with cells long enough to match them."""
    text = column.str.strip_chars()
    length = text.str.len_bytes()
    if (length >= len("2025-10-01 00:00:00")).any():
        text = text.str.replace(_DATE_TIME, "${1}")
    if (length > _SIGNIFICANT).any():
        long = text.str.contains(_LONG_DECIMAL) & (text.str.count_matches(r"\d") >= _SIGNIFICANT)
        if long.any():
            shortest = (
                text.cast(pl.Float64, strict=False).cast(pl.String).str.replace(r"^(-?\d+)\.0$", "${1}")
            )
            text = pl.select(pl.when(long).then(shortest).otherwise(text)).to_series()
    return text.replace("", None).alias(column.name)


def sheet_text(workbook: Any, name: str) -> pl.DataFrame:
    """A sheet's cells as text columns (categoricals), first row = header, empty rows skipped: what
    `sheet_frame` gives from the cells handed to Python one by one, read in Rust straight into Arrow.

    The `_row` column keeps each row's number as Excel shows it (tests/registry/test_import_reader.py).
    """
    cells = workbook.load_sheet(name, header_row=None, dtypes="string").to_polars()
    if cells.is_empty():
        return pl.DataFrame()
    header = _excel_text(pl.Series(cells.row(0), dtype=pl.String)).to_list()
    names = [value or f"column_{index + 1}" for index, value in enumerate(header)]
    body = cells.slice(1)
    del cells
    frame = pl.DataFrame(
        [
            _excel_text(body.to_series(index)).cast(pl.Categorical).alias(name)
            for index, name in enumerate(names)
        ]
    ).with_columns(pl.int_range(2, body.height + 2, dtype=pl.Int64).alias(ROW))
    return frame.filter(pl.any_horizontal(pl.exclude(ROW).is_not_null()))


def _sheet_name(names: list[str], wanted: str, index: int) -> str | None:
    by_name = {normalise(name): name for name in names}
    name = by_name.get(normalise(wanted))
    if name is None:
        data_sheets = [
            n for n in names if normalise(n) not in (normalise("Hướng dẫn"), normalise("Danh mục"))
        ]
        if len(data_sheets) <= index:
            return None
        name = data_sheets[index]
    return name


def read_upload(path: Path, members_path: Path | None, display_name: str) -> RawFiles:
    """Text frames of households and members; problems reading the files become errors."""
    errors: list[InterchangeError] = []
    if members_path is not None:
        frames = []
        for file, label in ((path, display_name), (members_path, members_path.name)):
            try:
                frames.append(read_csv_text(file))
            except (pl.exceptions.PolarsError, OSError, ValueError) as error:
                errors.append(InterchangeError(label, None, None, None, f"không đọc được tệp CSV: {error}"))
                frames.append(pl.DataFrame())
        return RawFiles(frames[0], frames[1], display_name, members_path.name, tuple(errors))
    import fastexcel

    try:
        workbook = fastexcel.read_excel(str(path))
    except (fastexcel.FastExcelError, OSError, ValueError) as error:
        reason = f"không đọc được tệp Excel (.xlsx): {str(error).splitlines()[0]}"
        return RawFiles(
            pl.DataFrame(),
            pl.DataFrame(),
            display_name,
            display_name,
            (InterchangeError(display_name, None, None, None, reason),),
        )
    parts = []
    for wanted, index in ((HOUSEHOLD_SHEET, 0), (MEMBER_SHEET, 1)):
        name = _sheet_name(list(workbook.sheet_names), wanted, index)
        if name is None:
            errors.append(InterchangeError(display_name, None, None, None, f"không có trang tính «{wanted}»"))
            parts.append(("", pl.DataFrame()))
        else:
            parts.append((name, sheet_text(workbook, name)))
    (households_sheet, households), (members_sheet, members) = parts
    return RawFiles(
        households,
        members,
        f"{display_name} › {households_sheet or HOUSEHOLD_SHEET}",
        f"{display_name} › {members_sheet or MEMBER_SHEET}",
        tuple(errors),
    )


def split_extra(frame: pl.DataFrame, extra: dict[str, str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Separate the registry's own columns (by key or Vietnamese header) from the interchange columns."""
    lookup = {normalise(key): key for key in extra} | {normalise(label): key for key, label in extra.items()}
    if ROW not in frame.columns:
        frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
    renames = {column: lookup[normalise(column)] for column in frame.columns if normalise(column) in lookup}
    extras = frame.select(
        ROW, *(pl.col(column).cast(pl.String).alias(key) for column, key in renames.items())
    )
    for key in extra:
        if key not in extras.columns:
            extras = extras.with_columns(pl.lit(None, dtype=pl.String).alias(key))
    return frame.drop(list(renames)), extras
