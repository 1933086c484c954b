"""Load and validate standard versions, provincial overrides, code lists and support lines from TOML."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from giamngheo.standards.facts import (
    HOUSEHOLD_BOOLEAN_COLUMNS,
    HOUSEHOLD_CODED_COLUMNS,
    MEMBER_BOOLEAN_COLUMNS,
)
from giamngheo.standards.model import (
    AREAS,
    AgeBand,
    Area,
    Confidence,
    Indicator,
    ParamValue,
    Sourced,
    Standard,
    SupportLine,
    WorkingAge,
)

DATA_DIR = Path(__file__).parent / "data"
STANDARDS_DIR = DATA_DIR / "standards"
# A standard identifier is two four-digit years (e.g. "2022-2025"); anything else never reaches a path.
STANDARD_ID = re.compile(r"\A[0-9]{4}-[0-9]{4}\Z")

# Parameter types of each indicator kind: "int", "float", "bool", "str", "codes:<list>", "bands".
KIND_PARAMS: dict[str, dict[str, str]] = {
    "employment": {"count_wage_without_contract": "bool"},
    "dependants": {
        "child_age_below": "int",
        "include_above_working_age": "bool",
        "include_no_working_capacity": "bool",
        "require_social_allowance": "bool",
        "severe_disabilities": "codes:disability",
        "max_share": "float",
    },
    "nutrition": {"child_age_below": "int", "statuses": "codes:nutrition"},
    "health_insurance": {"min_age": "int"},
    "adult_education": {"exempt_if_studying": "bool", "bands": "bands"},
    "child_schooling": {"age_from": "int", "age_to": "int"},
    "housing_quality": {
        "min_non_durable": "int",
        "durable_foundation": "codes:material",
        "durable_walls": "codes:material",
        "durable_roof": "codes:material",
    },
    "housing_area": {"min_area_per_person": "float"},
    "household_code_in": {"column": "str", "accepted": "codes:*"},
    "household_lacks_all": {"columns": "columns:household"},
    "member_flag": {"column": "columns:member"},
}
LINE_SECTIONS = (
    "income_lines",
    "upper_income_lines",
    "average_lines",
    "low_income_worker_lines",
    "score_lines",
)


class StandardDataError(ValueError):
    """A standard or override file is invalid; `problems` lists every problem found."""

    def __init__(self, origin: str, problems: list[str]) -> None:
        self.origin = origin
        self.problems = problems
        super().__init__(f"{origin}: " + "; ".join(problems))


@functools.cache
def load_codes() -> dict[str, dict[str, str]]:
    """Code lists of the interchange format: list name → {code: Vietnamese label}."""
    with (DATA_DIR / "codes.toml").open("rb") as handle:
        return cast(dict[str, dict[str, str]], tomllib.load(handle))


@functools.cache
def load_ethnicities() -> dict[str, str]:
    """GSO ethnicity codes "01".."54" → name (see the data file for its confidence tag)."""
    with (DATA_DIR / "ethnicities.toml").open("rb") as handle:
        return cast(dict[str, str], tomllib.load(handle)["groups"])


@functools.cache
def load_synonyms() -> dict[str, dict[str, tuple[str, ...]]]:
    """Other words accepted for a code (docs/interchange.md): code list → {code: words}."""
    with (DATA_DIR / "synonyms.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    return {
        code_list: {code: tuple(str(word) for word in words) for code, words in entries.items()}
        for code_list, entries in raw.items()
    }


@functools.cache
def load_support_lines() -> dict[str, SupportLine]:
    """Deprivation indicator key → the program support line that addresses it."""
    with (DATA_DIR / "support_lines.toml").open("rb") as handle:
        raw = tomllib.load(handle)["lines"]
    return {
        key: SupportLine(
            indicator_key=key,
            priority=int(entry["priority"]),
            support_vi=str(entry["support_vi"]),
            support_en=str(entry["support_en"]),
            source=str(entry["source"]),
            confidence=Confidence(entry["confidence"]),
        )
        for key, entry in raw.items()
    }


@functools.cache
def available_standards() -> tuple[str, ...]:
    """Identifiers of the standard versions shipped with the package (the allow-list of `load_standard`)."""
    return tuple(sorted(path.stem for path in STANDARDS_DIR.glob("*.toml") if STANDARD_ID.match(path.stem)))


def is_known_standard(standard_id: object) -> bool:
    """Whether `standard_id` names a shipped standard (checked by shape, then against the data folder)."""
    return (
        isinstance(standard_id, str)
        and STANDARD_ID.match(standard_id) is not None
        and standard_id in available_standards()
    )


def load_standard(standard_id: str) -> Standard:
    """Load a shipped standard version by id (e.g. "2022-2025"); other identifiers are refused."""
    if not is_known_standard(standard_id):
        raise StandardDataError(
            str(standard_id)[:40], [f"unknown standard; available: {', '.join(available_standards())}"]
        )
    return _load_known_standard(standard_id)


@functools.cache
def _load_known_standard(standard_id: str) -> Standard:
    path = STANDARDS_DIR / f"{standard_id}.toml"
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    return parse_standard(raw, origin=path.name)


def standard_for_year(year: int) -> Standard:
    """The shipped standard that applies to a review year (2026 → 2022-2025)."""
    for standard_id in available_standards():
        standard = load_standard(standard_id)
        if standard.first_year <= year <= standard.last_year:
            return standard
    raise StandardDataError(str(year), ["no standard applies to this year"])


class _Reader:
    """Collects validation problems while reading a TOML mapping."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def text(self, raw: Mapping[str, Any], key: str, path: str = "") -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{path}{key}", "a non-empty text is required")
            return ""
        return value

    def integer(self, raw: Mapping[str, Any], key: str, path: str = "") -> int:
        value = raw.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"{path}{key}", f"an integer is required, got {value!r}")
            return 0
        return value

    def confidence(self, raw: Mapping[str, Any], key: str = "confidence", path: str = "") -> Confidence:
        value = raw.get(key)
        try:
            return Confidence(str(value))
        except ValueError:
            self.fail(
                f"{path}{key}", f"must be one of C, S, U (confirmed, secondary, unconfirmed), got {value!r}"
            )
            return Confidence.UNCONFIRMED

    def sourced(self, raw: Any, path: str) -> Sourced:
        if not isinstance(raw, Mapping):
            self.fail(path, "a table with value, source and confidence is required")
            return Sourced(0, "", Confidence.UNCONFIRMED)
        value = raw.get("value")
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            self.fail(f"{path}.value", f"a positive number is required, got {value!r}")
            value = 0
        return Sourced(value, self.text(raw, "source", f"{path}."), self.confidence(raw, path=f"{path}."))

    def lines(self, raw: Mapping[str, Any], section: str, *, required: bool) -> dict[Area, Sourced] | None:
        table = raw.get(section)
        if table is None:
            if required:
                self.fail(section, "this section is required")
            return None
        if not isinstance(table, Mapping):
            self.fail(section, "a table with rural and urban entries is required")
            return None
        for extra in sorted(set(table) - set(AREAS)):
            self.fail(f"{section}.{extra}", "unknown area; use rural or urban")
        return {area: self.sourced(table.get(area), f"{section}.{area}") for area in AREAS}

    def params(self, kind: str, raw: Any, path: str) -> dict[str, ParamValue]:
        spec = KIND_PARAMS[kind]
        if not isinstance(raw, Mapping):
            self.fail(path, "a table of parameters is required")
            return {}
        for extra in sorted(set(raw) - set(spec)):
            self.fail(f"{path}.{extra}", f"unknown parameter for kind {kind!r}; known: {', '.join(spec)}")
        params: dict[str, ParamValue] = {}
        for name, expected in spec.items():
            if name not in raw:
                self.fail(f"{path}.{name}", "this parameter is required")
                continue
            params[name] = self.param(expected, raw[name], f"{path}.{name}", raw)
        return params

    def param(self, expected: str, value: Any, path: str, siblings: Mapping[str, Any]) -> ParamValue:
        if expected in ("bool", "int", "float"):
            return self.scalar(expected, value, path)
        if expected == "str":
            if value not in HOUSEHOLD_CODED_COLUMNS or value == "area":
                self.fail(path, f"must name a coded household column, got {value!r}")
            return str(value)
        if expected == "bands":
            return self.bands(value, path)
        if expected == "columns:member":
            if value not in MEMBER_BOOLEAN_COLUMNS:
                valid = ", ".join(MEMBER_BOOLEAN_COLUMNS)
                self.fail(path, f"must name a yes/no member column ({valid}), got {value!r}")
            return str(value)
        return self.codes(expected, value, path, siblings)

    def scalar(self, expected: str, value: Any, path: str) -> ParamValue:
        if expected == "bool":
            if not isinstance(value, bool):
                self.fail(path, f"true or false is required, got {value!r}")
            return bool(value)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            self.fail(
                path,
                f"a non-negative {'integer' if expected == 'int' else 'number'} is required, got {value!r}",
            )
            return 0
        if expected == "int":
            if not isinstance(value, int):
                self.fail(path, f"a whole number is required, got {value!r}")
            return int(value)
        return float(value)

    def codes(self, expected: str, value: Any, path: str, siblings: Mapping[str, Any]) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(path, f"a list of codes is required, got {value!r}")
            return ()
        if expected.startswith("columns:"):
            valid = set(HOUSEHOLD_BOOLEAN_COLUMNS)
        else:
            list_name = expected.split(":", 1)[1]
            if list_name == "*":
                list_name = HOUSEHOLD_CODED_COLUMNS.get(str(siblings.get("column")), "")
            valid = set(load_codes().get(list_name, {}))
        unknown = [item for item in value if item not in valid]
        if unknown:
            self.fail(path, f"unknown code(s) {', '.join(unknown)}; valid: {', '.join(sorted(valid))}")
        return tuple(value)

    def bands(self, value: Any, path: str) -> tuple[AgeBand, ...]:
        if not isinstance(value, list) or not value:
            self.fail(path, "a non-empty list of age bands is required")
            return ()
        bands: list[AgeBand] = []
        for index, band in enumerate(value):
            where = f"{path}[{index}]"
            if not isinstance(band, Mapping):
                self.fail(where, "a table with age_from, age_to and accepted is required")
                continue
            accepted = self.param("codes:education", band.get("accepted"), f"{where}.accepted", band)
            age_from, age_to = (
                self.integer(band, "age_from", f"{where}."),
                self.integer(band, "age_to", f"{where}."),
            )
            if age_from > age_to:
                self.fail(where, f"age_from {age_from} is above age_to {age_to}")
            bands.append(AgeBand(age_from, age_to, cast(tuple[str, ...], accepted)))
        return tuple(bands)


def parse_standard(raw: Mapping[str, Any], *, origin: str) -> Standard:
    """Validate a parsed standard file and build the Standard, or raise StandardDataError."""
    reader = _Reader(origin)
    rule = raw.get("rule")
    if rule not in ("income_gate", "two_tier"):
        reader.fail("rule", f"must be income_gate or two_tier, got {rule!r}")
    working = raw.get("working_age", {})
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for index, item in enumerate(raw.get("indicators", [])):
        path = f"indicators[{index}]"
        key, kind = reader.text(item, "key", f"{path}."), item.get("kind")
        if key in seen:
            reader.fail(f"{path}.key", f"duplicate indicator {key!r}")
        seen.add(key)
        if kind not in KIND_PARAMS:
            reader.fail(f"{path}.kind", f"unknown kind {kind!r}; known: {', '.join(KIND_PARAMS)}")
            continue
        indicators.append(
            Indicator(
                key=key,
                kind=kind,
                dimension=reader.text(item, "dimension", f"{path}."),
                name_vi=reader.text(item, "name_vi", f"{path}."),
                name_en=reader.text(item, "name_en", f"{path}."),
                threshold_vi=reader.text(item, "threshold_vi", f"{path}."),
                threshold_en=reader.text(item, "threshold_en", f"{path}."),
                source=reader.text(item, "source", f"{path}."),
                confidence=reader.confidence(item, path=f"{path}."),
                params=reader.params(kind, item.get("params"), f"{path}.params"),
            )
        )
    if not indicators:
        reader.fail("indicators", "at least one indicator is required")
    standard = Standard(
        id=reader.text(raw, "id"),
        name_vi=reader.text(raw, "name_vi"),
        name_en=reader.text(raw, "name_en"),
        first_year=reader.integer(raw, "first_year"),
        last_year=reader.integer(raw, "last_year"),
        rule=cast(Any, rule),
        source=reader.text(raw, "source"),
        confidence=reader.confidence(raw),
        poor_min_deprivations=reader.sourced(raw.get("poor_min_deprivations"), "poor_min_deprivations"),
        income_lines=reader.lines(raw, "income_lines", required=True) or {},
        upper_income_lines=reader.lines(raw, "upper_income_lines", required=rule == "two_tier"),
        average_lines=reader.lines(raw, "average_lines", required=True) or {},
        low_income_worker_lines=reader.lines(raw, "low_income_worker_lines", required=False),
        score_lines=reader.lines(raw, "score_lines", required=False),
        working_age=WorkingAge(
            minimum=reader.integer(working, "min", "working_age."),
            max_male=reader.integer(working, "max_male", "working_age."),
            max_female=reader.integer(working, "max_female", "working_age."),
            source=reader.text(working, "source", "working_age."),
            confidence=reader.confidence(working, path="working_age."),
        ),
        indicators=tuple(indicators),
    )
    _check_line_order(standard, reader)
    if reader.problems:
        raise StandardDataError(origin, reader.problems)
    return standard


def _check_line_order(standard: Standard, reader: _Reader) -> None:
    for area in AREAS:
        lower = standard.income_lines.get(area)
        upper = standard.near_poor_lines.get(area) if standard.upper_income_lines else lower
        average = standard.average_lines.get(area)
        if lower and upper and upper.value < lower.value:
            reader.fail(f"upper_income_lines.{area}", "must not be below the income line")
        if upper and average and average.value <= upper.value:
            reader.fail(f"average_lines.{area}", f"must be above the poverty line ({upper.value:,.0f})")


@functools.cache
def load_column_labels() -> dict[str, dict[str, str]]:
    """Interchange column labels: {"household": {key: Vietnamese header}, "member": {...}}."""
    with (DATA_DIR / "columns.toml").open("rb") as handle:
        return cast(dict[str, dict[str, str]], tomllib.load(handle))
