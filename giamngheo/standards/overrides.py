"""Provincial overrides of a standard: higher local lines or stricter thresholds, checked against the base."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from giamngheo.standards.loader import (
    KIND_PARAMS,
    LINE_SECTIONS,
    StandardDataError,
    _check_line_order,
    _Reader,
    available_standards,
    load_standard,
)
from giamngheo.standards.model import (
    AREAS,
    Area,
    Confidence,
    Indicator,
    Sourced,
    Standard,
)


def load_override(path: Path) -> Standard:
    """Load a provincial override file (TOML) and apply it to its base standard."""
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise StandardDataError(path.name, [f"not valid TOML: {error}"]) from error
    return apply_override(raw, origin=path.name)


OVERRIDE_KEYS = {"base", "id", "name_vi", "name_en", "source", "confidence", "indicators", *LINE_SECTIONS}


def apply_override(raw: Mapping[str, Any], *, origin: str) -> Standard:
    """Apply a provincial override (a higher local line, edited thresholds) to a shipped standard."""
    reader = _Reader(origin)
    for extra in sorted(set(raw) - OVERRIDE_KEYS):
        reader.fail(extra, f"unknown key; an override may set: {', '.join(sorted(OVERRIDE_KEYS))}")
    base_id = reader.text(raw, "base")
    if base_id and base_id not in available_standards():
        reader.fail("base", f"unknown standard {base_id!r}; available: {', '.join(available_standards())}")
    source, confidence = reader.text(raw, "source"), reader.confidence(raw)
    if reader.problems:
        raise StandardDataError(origin, reader.problems)
    base = load_standard(base_id)
    changes: dict[str, Any] = {}
    for section in LINE_SECTIONS:
        if section in raw:
            changes[section] = _override_lines(
                reader, base, section, raw[section], source=source, confidence=confidence
            )
    indicators = list(base.indicators)
    edits = raw.get("indicators", {})
    if not isinstance(edits, Mapping):
        reader.fail("indicators", "a table keyed by indicator key is required")
        edits = {}
    for key, edit in edits.items():
        if key not in base.indicator_keys:
            reader.fail(
                f"indicators.{key}", f"unknown indicator; {base_id} has: {', '.join(base.indicator_keys)}"
            )
            continue
        position = base.indicator_keys.index(key)
        indicators[position] = _override_indicator(
            reader, base.indicators[position], edit, source, confidence
        )
    standard = replace(
        base,
        id=str(raw.get("id") or f"{base.id}+local"),
        name_vi=str(raw.get("name_vi") or f"{base.name_vi} (chuẩn địa phương)"),
        name_en=str(raw.get("name_en") or f"{base.name_en} (local standard)"),
        indicators=tuple(indicators),
        base_id=base.id,
        override_source=source,
        **changes,
    )
    _check_line_order(standard, reader)
    if reader.problems:
        raise StandardDataError(origin, reader.problems)
    return standard


def _override_lines(
    reader: _Reader, base: Standard, section: str, table: Any, *, source: str, confidence: Confidence
) -> dict[Area, Sourced] | None:
    current: dict[Area, Sourced] | None = getattr(base, section)
    if not isinstance(table, Mapping):
        reader.fail(section, "a table such as {rural = 1800000, urban = 2400000} is required")
        return current
    if current is None:
        reader.fail(section, f"standard {base.id} has no {section} to override")
        return None
    result = dict(current)
    for area, value in table.items():
        if area not in AREAS:
            reader.fail(f"{section}.{area}", "unknown area; use rural or urban")
            continue
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            reader.fail(f"{section}.{area}", f"a positive number is required, got {value!r}")
            continue
        national = current[area].value
        if value < national:
            reader.fail(
                f"{section}.{area}",
                f"{value:,.0f} is below the national value {national:,.0f}; "
                "a local standard may only be higher",
            )
            continue
        result[area] = Sourced(value, f"{source} (quốc gia: {national:,.0f})".replace(",", "."), confidence)
    return result


def _override_indicator(
    reader: _Reader, indicator: Indicator, edit: Any, source: str, confidence: Confidence
) -> Indicator:
    path = f"indicators.{indicator.key}"
    if not isinstance(edit, Mapping):
        reader.fail(path, "a table of parameters is required")
        return indicator
    edit = dict(edit)
    threshold_vi = edit.pop("threshold_vi", None)
    threshold_en = edit.pop("threshold_en", None)
    spec = KIND_PARAMS[indicator.kind]
    params = dict(indicator.params)
    for name, value in edit.items():
        if name not in spec:
            reader.fail(f"{path}.{name}", f"unknown parameter; {indicator.key} has: {', '.join(spec)}")
            continue
        params[name] = reader.param(spec[name], value, f"{path}.{name}", {**indicator.params, **edit})
    if edit and not isinstance(threshold_vi, str):
        reader.fail(
            f"{path}.threshold_vi", "required when parameters change, so explanations state the local rule"
        )
    return replace(
        indicator,
        params=params,
        threshold_vi=threshold_vi if isinstance(threshold_vi, str) else indicator.threshold_vi,
        threshold_en=threshold_en if isinstance(threshold_en, str) else indicator.threshold_en,
        source=f"{source} (sửa đổi: {indicator.source})",
        confidence=confidence,
    )
