"""DHIS2 exchange: indicator values as `dataValueSets` (JSON, CSV) both ways, units as organisation units.

Identifiers are codes, declared in the payload (`dataElementIdScheme`, `orgUnitIdScheme`,
`categoryOptionComboIdScheme` = CODE), so a DHIS2 instance whose data elements carry the indicator codes,
whose organisation units carry the official unit codes and whose category option combos carry the group
codes imports the file as it is: no mapping table to keep in step. The group «all» is DHIS2's default
category option combo (left out). Periods use DHIS2's period ids: 2026, 2026S1, 2026Q3, 202611; the
Vietnamese «9 tháng» has no DHIS2 period and is left out of exports, and refused on import.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from giamngheo.accounts.access import units_for_user
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.exports import new_csv_writer
from giamngheo.core.models import Period, PeriodKind
from giamngheo.core.services import period_get_or_create
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.monitoring.models import IndicatorValue
from giamngheo.monitoring.services import indicator_value_set
from giamngheo.programs.models import Indicator, IndicatorSource, TargetGroup

CSV_HEADER = [
    "dataelement",
    "period",
    "orgunit",
    "catoptcombo",
    "attroptcombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
]
ID_SCHEMES = {"dataElementIdScheme": "CODE", "orgUnitIdScheme": "CODE", "categoryOptionComboIdScheme": "CODE"}
DEFAULT_GROUP = "all"
PERIOD_ID = re.compile(r"^(?P<year>\d{4})(?:(?P<month>\d{2})|S(?P<half>[12])|Q(?P<quarter>[1-4]))?$")
MAX_ROWS = 100_000


def dhis2_period(period: Period) -> str | None:
    """DHIS2's id of a period, or None for «9 tháng», which DHIS2 has not."""
    if period.kind == PeriodKind.YEAR:
        return str(period.year)
    if period.kind == PeriodKind.HALF_YEAR:
        return f"{period.year}S{period.number}"
    if period.kind == PeriodKind.QUARTER:
        return f"{period.year}Q{period.number}"
    if period.kind == PeriodKind.MONTH:
        return f"{period.year}{period.number:02d}"
    return None


def period_from_dhis2(period_id: str) -> tuple[int, str, int] | None:
    """(year, kind, number) of a DHIS2 period id such as 2026, 2026S1, 2026Q3 or 202611; None if another."""
    match = PERIOD_ID.match(period_id.strip())
    if not match:
        return None
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        return (year, PeriodKind.MONTH, month) if 1 <= month <= 12 else None
    if match["half"]:
        return year, PeriodKind.HALF_YEAR, int(match["half"])
    if match["quarter"]:
        return year, PeriodKind.QUARTER, int(match["quarter"])
    return year, PeriodKind.YEAR, 1


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if text not in ("-0",) else "0"


def data_values(values: Iterable[IndicatorValue]) -> list[dict[str, str]]:
    """One DHIS2 data value per stored indicator value (periods DHIS2 has not are left out)."""
    rows = []
    for value in values:
        period = dhis2_period(value.period)
        if period is None:
            continue
        row = {
            "dataElement": value.indicator.code,
            "period": period,
            "orgUnit": value.unit.code,
            "value": _number(value.value),
        }
        if value.group != DEFAULT_GROUP:
            row["categoryOptionCombo"] = value.group
        if value.note:
            row["comment"] = value.note
        rows.append(row)
    return rows


def data_value_set_json(values: Iterable[IndicatorValue]) -> str:
    """A DHIS2 `dataValueSets` JSON payload (codes as identifiers)."""
    return json.dumps({**ID_SCHEMES, "dataValues": data_values(values)}, ensure_ascii=False, indent=1)


def data_value_set_csv(values: Iterable[IndicatorValue]) -> str:
    """A DHIS2 `dataValueSets` CSV file (DHIS2's column order; text neutralised against formulas)."""
    buffer = io.StringIO()
    writer = new_csv_writer(buffer)  # every cell neutralised against formulas
    writer.writerow(CSV_HEADER)
    for row in data_values(values):
        writer.writerow(
            [
                row["dataElement"],
                row["period"],
                row["orgUnit"],
                row.get("categoryOptionCombo", ""),
                "",
                row["value"],
                "",
                "",
                row.get("comment", ""),
                "false",
            ]
        )
    return buffer.getvalue()


def organisation_units(user: Any, province: AdminUnit) -> str:
    """The province and its current communes as DHIS2 `organisationUnits` (codes, parents by code)."""
    units = (
        units_for_user(user)
        .filter(tree=Tree.CURRENT, valid_to__isnull=True)
        .filter(Q(pk=province.pk) | Q(level=Level.COMMUNE, province=province))
    )
    rows = []
    for unit in sorted(units, key=lambda unit: (unit.level != Level.PROVINCE, unit.code)):
        row: dict[str, Any] = {
            "code": unit.code,
            "name": unit.name,
            "shortName": unit.name[:50],
            "openingDate": (unit.valid_from.isoformat() if unit.valid_from else "2025-07-01"),
        }
        if unit.level != Level.PROVINCE:
            row["parent"] = {"code": province.code}
        rows.append(row)
    return json.dumps({"organisationUnits": rows}, ensure_ascii=False, indent=1)


@dataclass(frozen=True)
class ImportProblem:
    row: int
    field: str
    message: str


@dataclass(frozen=True)
class ImportResult:
    written: int
    problems: list[ImportProblem]


def _rows(data: bytes, name: str) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AppError(
            ErrorCode.INVALID, _("Tệp %(file)s không phải UTF-8.") % {"file": name}, field="file"
        ) from error
    if name.lower().endswith(".json"):
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as error:
            raise AppError(
                ErrorCode.INVALID, _("Tệp %(file)s không phải JSON hợp lệ.") % {"file": name}, field="file"
            ) from error
        values = payload.get("dataValues") if isinstance(payload, dict) else None
        if not isinstance(values, list):
            raise AppError(
                ErrorCode.INVALID,
                _("Tệp %(file)s không có danh sách dataValues.") % {"file": name},
                field="file",
            )
        return [
            {
                key: str(item.get(key) or "")
                for key in ("dataElement", "period", "orgUnit", "categoryOptionCombo", "value", "comment")
            }
            if isinstance(item, dict)
            else {}
            for item in values
        ]
    reader = csv.DictReader(io.StringIO(text))
    return [
        {
            "dataElement": row.get("dataelement") or "",
            "period": row.get("period") or "",
            "orgUnit": row.get("orgunit") or "",
            "categoryOptionCombo": row.get("catoptcombo") or "",
            "value": row.get("value") or "",
            "comment": row.get("comment") or "",
        }
        for row in reader
    ]


def _check_row(
    number: int,
    row: dict[str, str],
    indicators: dict[str, Indicator],
    units: dict[str, AdminUnit],
    groups: set[str],
) -> tuple[list[ImportProblem], tuple[Any, ...] | None]:
    """The problems of one data value, or the value ready to be set."""
    problems = []
    indicator, unit = indicators.get(row.get("dataElement", "")), units.get(row.get("orgUnit", ""))
    period = period_from_dhis2(row.get("period", ""))
    group = row.get("categoryOptionCombo") or DEFAULT_GROUP
    try:
        value: Decimal | None = Decimal(row.get("value", "").replace(",", "."))
    except InvalidOperation:
        value = None
    if indicator is None:
        message = _("Không có chỉ số mã «%(code)s».") % {"code": row.get("dataElement", "")}
        problems.append(ImportProblem(number, "dataElement", message))
    elif indicator.source != IndicatorSource.ENTERED:
        message = _("Chỉ số %(code)s được tính tự động, không nhập.") % {"code": indicator.code}
        problems.append(ImportProblem(number, "dataElement", message))
    if unit is None:
        message = _("Không có đơn vị mã «%(code)s» trong địa bàn của bạn.") % {"code": row.get("orgUnit", "")}
        problems.append(ImportProblem(number, "orgUnit", message))
    if period is None:
        message = _("Kỳ «%(period)s» không đúng cách ghi của DHIS2 (2026, 2026S1, 2026Q3, 202611).") % {
            "period": row.get("period", "")
        }
        problems.append(ImportProblem(number, "period", message))
    if group not in groups:
        message = _("Không có nhóm đối tượng «%(group)s».") % {"group": group}
        problems.append(ImportProblem(number, "categoryOptionCombo", message))
    if value is None or not value.is_finite():
        message = _("Giá trị «%(value)s» không phải là số.") % {"value": row.get("value", "")}
        problems.append(ImportProblem(number, "value", message))
    if problems:
        return problems, None
    return [], (number, indicator, unit, period, group, value, row.get("comment", "")[:255])


def data_value_set_import(*, actor: Any, data: bytes, name: str) -> ImportResult:
    """Import DHIS2 data values of entered indicators for units of the actor's area: all or nothing.

    Every row is checked first (indicator, unit, period, group, value); with any problem nothing is
    written and each problem names its row and field. Otherwise every value is set through the same
    service as the entry form (permissions, locked reports, audit).
    """
    rows = _rows(data, name)
    if len(rows) > MAX_ROWS:
        raise AppError(ErrorCode.INVALID, _("Tệp có quá %(max)s dòng.") % {"max": MAX_ROWS}, field="file")
    indicators = {
        item.code: item for item in Indicator.objects.filter(code__in={r.get("dataElement") for r in rows})
    }
    units = {
        u.code: u
        for u in units_for_user(actor).filter(tree=Tree.CURRENT, code__in={r.get("orgUnit") for r in rows})
    }
    groups = set(TargetGroup.values)
    problems: list[ImportProblem] = []
    ready = []
    first = 1 if name.lower().endswith(".json") else 2
    for number, row in enumerate(rows, start=first):
        found, checked = _check_row(number, row, indicators, units, groups)
        problems += found
        if checked is not None:
            ready.append(checked)
    if problems:
        return ImportResult(0, problems)
    periods = {
        key: period_get_or_create(year=key[0], kind=key[1], number=key[2])
        for key in {item[3] for item in ready}
    }  # once per distinct period, not once per row
    with transaction.atomic():
        for number, indicator, unit, period_key, group, value, comment in ready:
            period = periods[period_key]
            try:
                indicator_value_set(
                    actor=actor,
                    indicator=indicator,
                    unit=unit,
                    period=period,
                    value=value,
                    group=group,
                    note=comment,
                )
            except AppError as error:
                transaction.set_rollback(True)
                return ImportResult(0, [ImportProblem(number, error.field or "value", error.message)])
    return ImportResult(len(ready), [])
