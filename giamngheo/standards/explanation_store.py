"""Stored explanations in compact form: only what varies per household; the standard's text added on reading.

An assessment's full explanation (`asdict(HouseholdResult)`, ~7 KB) repeats for every indicator its name,
threshold, legal source, confidence and support line: text of the standard, the same in every row. The stored
form (format 2) keeps the household's own values: the head figures, the deprived keys, the causes of the
indicators that have any, what would change the category and the Vietnamese sentence. `expand` puts the
standard's text back and gives exactly the full document; a row stored before (no "v") is returned as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from giamngheo.standards.explain import priority_order
from giamngheo.standards.loader import StandardDataError, load_standard, load_support_lines
from giamngheo.standards.model import Standard
from giamngheo.standards.single import HouseholdResult

FORMAT = 2
HEAD = (
    "household_code",
    "standard",
    "category",
    "income_path",
    "income_measure",
    "deprived",
    "deprivation_count",
    "score_b",
    "low_income_worker",
)
STORED_TAIL = ("removals_needed", "suggested_removals", "income_gap", "explanation_vi")


def full_document(result: HouseholdResult) -> dict[str, Any]:
    """The full explanation of a result: `asdict` with the category and confidences as their codes."""
    data = asdict(result)
    data["category"] = result.category.value if result.category else None
    for verdict in data["indicators"]:
        verdict["confidence"] = str(verdict["confidence"].value)
    return data


def is_compact(stored: Mapping[str, Any]) -> bool:
    """Whether a stored explanation is in the compact form (else it is the full document, or empty)."""
    return stored.get("v") == FORMAT


def support_lines(standard: Standard, deprived: set[str]) -> list[str]:
    """The support lines of the deprived indicators, by priority, each once (as `move_expressions`)."""
    support = load_support_lines()
    lines: list[str] = []
    for item in priority_order(standard):
        text = support[item.key].support_vi
        if item.key in deprived and text not in lines:
            lines.append(text)
    return lines


def expand(stored: Mapping[str, Any], standard: Standard | None = None) -> dict[str, Any]:
    """The full explanation document of a stored one (compact or not), as the single path builds it."""
    if not is_compact(stored):
        return dict(stored)
    if standard is None:
        standard = load_standard(str(stored["standard"]))
    elif standard.id != stored["standard"]:
        raise StandardDataError(standard.id, [f"explanation stored under {stored['standard']!r}"])
    support = load_support_lines()
    deprived = set(stored["deprived"])
    causes: Mapping[str, list[str]] = stored["causes"]
    document = {name: _plain(stored[name]) for name in HEAD}
    document["indicators"] = [
        {
            "key": item.key,
            "name_vi": item.name_vi,
            "deprived": item.key in deprived,
            "causes": list(causes.get(item.key, ())),
            "threshold_vi": item.threshold_vi,
            "source": item.source,
            "confidence": str(item.confidence.value),
            "support_vi": support[item.key].support_vi,
        }
        for item in standard.indicators
    ]
    for name in STORED_TAIL[:3]:
        document[name] = _plain(stored[name])
    document["support_lines"] = support_lines(standard, deprived)
    document["explanation_vi"] = stored["explanation_vi"]
    return document


def compact(document: Mapping[str, Any]) -> dict[str, Any]:
    """The stored form of a full explanation; the full document itself if expanding would not give it back.

    That happens only for a standard that is not shipped (a what-if override) or text that differs from the
    shipped standard's: the row then stays readable as it was written.
    """
    if is_compact(document) or not document:
        return dict(document)
    full: dict[str, Any] = _plain(document)
    try:
        standard = load_standard(str(full["standard"]))
        stored: dict[str, Any] = {"v": FORMAT, **{name: full[name] for name in HEAD}}
        stored["causes"] = {
            verdict["key"]: verdict["causes"] for verdict in full["indicators"] if verdict["causes"]
        }
        stored |= {name: full[name] for name in STORED_TAIL}
        if expand(stored, standard) == full:
            return stored
    except (KeyError, TypeError, StandardDataError):
        pass  # not a document this module wrote: kept whole
    return full


def _plain(value: Any) -> Any:
    """Tuples as lists, recursively (what JSON storage gives back)."""
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value
