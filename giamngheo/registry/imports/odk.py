"""Submissions of the generated XLSForm, exported by ODK Central (CSV zip) or KoboToolbox (XLSX), as the
import's two CSV files (households and members), so they go through the same checks, preview and error file.

ODK Central's «CSV (zip)» export holds `<form>.csv` and `<form>-members.csv`, linked by KEY / PARENT_KEY;
KoboToolbox's XLS export holds the submissions on its first sheet and the repeat on a sheet «members»,
linked by _index / _parent_index. Field names are the interchange keys (registry/xlsform.py); group paths
(`members-full_name`, `members/full_name`) are stripped. When a household was submitted more than once,
the latest submission counts.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.exports import new_csv_writer
from giamngheo.registry.imports.columns import HOUSEHOLD_EXTRA
from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, MEMBER_SCHEMA
from giamngheo.standards.loader import load_column_labels

HOUSEHOLD_FIELDS = [name for name in HOUSEHOLD_SCHEMA if name != "area"]
MEMBER_FIELDS = list(MEMBER_SCHEMA)
MAX_MEMBERS_FILES = 1
Row = dict[str, str]


@dataclass(frozen=True)
class Converted:
    """The two CSV files for `import_upload`, and how many submissions were read and kept."""

    households_csv: bytes
    members_csv: bytes
    submissions: int
    households: int


def _field(column: str) -> str:
    """`members-full_name`, `members/full_name` or `full_name` → `full_name`."""
    return column.replace("/", "-").rsplit("-", 1)[-1]


def _normalise(rows: list[Row]) -> list[Row]:
    return [{_field(key): (value or "").strip() for key, value in row.items() if key} for row in rows]


def _csv_rows(data: bytes, name: str) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AppError(
            ErrorCode.INVALID, _("Tệp %(file)s không phải CSV UTF-8.") % {"file": name}, field="file"
        ) from error
    return list(csv.DictReader(io.StringIO(text)))


def _from_zip(data: bytes) -> tuple[list[Row], list[Row], str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [name for name in archive.namelist() if name.lower().endswith(".csv")]
        members = [name for name in names if PurePosixPath(name).stem.endswith("-members")]
        mains = [name for name in names if name not in members]
        if len(members) != MAX_MEMBERS_FILES or not mains:
            raise AppError(
                ErrorCode.INVALID,
                _(
                    "Tệp nén phải là bản xuất CSV của ODK Central: một tệp phiếu (.csv) và một tệp "
                    "«…-members.csv» của nhóm thành viên."
                ),
                field="file",
            )
        main = min(mains, key=len)
        for name in (main, members[0]):
            if archive.getinfo(name).file_size > 200 * 1024 * 1024:
                raise AppError(
                    ErrorCode.FILE_TOO_LARGE, _("Tệp %(file)s quá lớn.") % {"file": name}, field="file"
                )
        return (
            _csv_rows(archive.read(main), main),
            _csv_rows(archive.read(members[0]), members[0]),
            "KEY",
            "PARENT_KEY",
        )


def _sheet_rows(workbook: CalamineWorkbook, name: str) -> list[Row]:
    values = workbook.get_sheet_by_name(name).to_python(skip_empty_area=True)
    if not values:
        return []
    header = [str(cell).strip() for cell in values[0]]
    return [{header[i]: _cell(cell) for i, cell in enumerate(row) if i < len(header)} for row in values[1:]]


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _from_xlsx(data: bytes) -> tuple[list[Row], list[Row], str, str]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = workbook.sheet_names
    if len(sheets) < 2 or "members" not in sheets:
        raise AppError(
            ErrorCode.INVALID,
            _(
                "Tệp Excel phải là bản xuất của KoboToolbox: trang phiếu và trang «members» "
                "của nhóm thành viên."
            ),
            field="file",
        )
    main = next(name for name in sheets if name != "members")
    return _sheet_rows(workbook, main), _sheet_rows(workbook, "members"), "_index", "_parent_index"


def _latest_per_household(submissions: list[Row], key: str) -> dict[str, Row]:
    """The submission kept for each household code: the latest (by submission time, then file order)."""
    kept: dict[str, tuple[str, int, Row]] = {}
    for order, row in enumerate(submissions):
        code = row.get("household_code", "")
        if not code:
            continue
        when = row.get("SubmissionDate") or row.get("_submission_time") or row.get("end") or ""
        if code not in kept or (when, order) >= kept[code][:2]:
            kept[code] = (when, order, row)
    return {code: row for code, (_when, _order, row) in kept.items() if row.get(key)}


def _write(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = new_csv_writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def odk_convert(data: bytes, name: str, village_names: dict[str, str] | None = None) -> Converted:
    """The households and members CSV of an ODK Central zip or a KoboToolbox xlsx export.

    `village_names` maps the form's village codes to the names the import matches (the commune's villages).
    """
    suffix = PurePosixPath(name.lower()).suffix
    if suffix == ".zip":
        main, repeat, key, parent = _from_zip(data)
    elif suffix == ".xlsx":
        main, repeat, key, parent = _from_xlsx(data)
    else:
        raise AppError(
            ErrorCode.INVALID,
            _("Chọn tệp .zip (CSV của ODK Central) hoặc .xlsx (KoboToolbox)."),
            field="file",
        )
    submissions = _normalise(main)
    if submissions and "household_code" not in submissions[0]:
        raise AppError(
            ErrorCode.INVALID,
            _("Tệp %(file)s không có trường household_code: không phải phiếu do hệ thống tạo.")
            % {"file": name},
            field="file",
        )
    # Raw keys (KEY, _index) are kept before normalising, as «_index» would become «index».
    keyed = [row | {"__key": raw.get(key, "")} for row, raw in zip(submissions, main, strict=True)]
    kept = _latest_per_household(keyed, "__key")
    by_key = {row["__key"]: code for code, row in kept.items()}
    villages = village_names or {}
    households = [
        [row.get(field, "") for field in HOUSEHOLD_FIELDS] + [villages.get(row.get("village", ""), "")]
        for row in kept.values()
    ]
    members: list[list[str]] = []
    numbers: dict[str, int] = {}
    for raw, row in zip(repeat, _normalise(repeat), strict=True):
        code = by_key.get(raw.get(parent, ""))
        if code is None:
            continue  # a member of an earlier submission of the same household, or of none
        numbers[code] = numbers.get(code, 0) + 1
        values = row | {"household_code": code, "member_no": row.get("member_no") or str(numbers[code])}
        members.append([values.get(field, "") for field in MEMBER_FIELDS])
    labels = load_column_labels()
    household_header = [labels["household"][field] for field in HOUSEHOLD_FIELDS] + [
        HOUSEHOLD_EXTRA["village"]
    ]
    return Converted(
        households_csv=_write(household_header, households),
        members_csv=_write([labels["member"][field] for field in MEMBER_FIELDS], members),
        submissions=len(submissions),
        households=len(households),
    )
