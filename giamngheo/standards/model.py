"""Frozen data types describing a poverty standard version, loaded from the data files."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

Area = Literal["rural", "urban"]
AREAS: tuple[Area, ...] = ("rural", "urban")
ParamValue = bool | int | float | str | tuple[str, ...] | tuple["AgeBand", ...]


class Confidence(StrEnum):
    """How sure we are of a legal fact: confirmed, secondary source, or unconfirmed."""

    CONFIRMED = "C"
    SECONDARY = "S"
    UNCONFIRMED = "U"

    @property
    def label_vi(self) -> str:
        return {"C": "đã xác nhận", "S": "nguồn thứ cấp", "U": "chưa xác minh"}[self.value]


class Category(StrEnum):
    """The household categories the engine assigns."""

    POOR = "poor"
    NEAR_POOR = "near_poor"
    AVERAGE = "average"
    NOT_POOR = "not_poor"

    @property
    def label_vi(self) -> str:
        return CATEGORY_LABELS_VI[self.value]


CATEGORY_LABELS_VI = {
    "poor": "hộ nghèo",
    "near_poor": "hộ cận nghèo",
    "average": "hộ có mức sống trung bình",
    "not_poor": "hộ không nghèo",
}


@dataclass(frozen=True)
class Sourced:
    """A number with the legal text it comes from and a confidence tag."""

    value: float
    source: str
    confidence: Confidence

    @property
    def tag(self) -> str:
        return f"[{self.confidence.value}] {self.source}"


@dataclass(frozen=True)
class AgeBand:
    """An inclusive age range and the education levels accepted for it."""

    age_from: int
    age_to: int
    accepted: tuple[str, ...]


@dataclass(frozen=True)
class Indicator:
    """One deprivation indicator: a rule kind from `indicators.py` and its data parameters."""

    key: str
    kind: str
    dimension: str
    name_vi: str
    name_en: str
    threshold_vi: str
    threshold_en: str
    source: str
    confidence: Confidence
    params: dict[str, ParamValue] = field(hash=False, compare=True)

    def param_int(self, name: str) -> int:
        value = self.params[name]
        assert isinstance(value, int)
        return int(value)

    def param_float(self, name: str) -> float:
        value = self.params[name]
        assert isinstance(value, int | float)
        return float(value)

    def param_bool(self, name: str) -> bool:
        value = self.params[name]
        assert isinstance(value, bool)
        return value

    def param_str(self, name: str) -> str:
        value = self.params[name]
        assert isinstance(value, str)
        return value

    def param_codes(self, name: str) -> tuple[str, ...]:
        value = self.params[name]
        assert isinstance(value, tuple)
        return tuple(str(item) for item in value)

    def param_bands(self) -> tuple[AgeBand, ...]:
        value = self.params["bands"]
        assert isinstance(value, tuple)
        return tuple(band for band in value if isinstance(band, AgeBand))


@dataclass(frozen=True)
class WorkingAge:
    """Working-age bounds (inclusive) by sex."""

    minimum: int
    max_male: int
    max_female: int
    source: str
    confidence: Confidence


@dataclass(frozen=True)
class Standard:
    """A complete, versioned poverty standard (possibly with provincial overrides applied)."""

    id: str
    name_vi: str
    name_en: str
    first_year: int
    last_year: int
    rule: Literal["income_gate", "two_tier"]
    source: str
    confidence: Confidence
    poor_min_deprivations: Sourced
    income_lines: dict[Area, Sourced] = field(hash=False)
    upper_income_lines: dict[Area, Sourced] | None = field(hash=False)
    average_lines: dict[Area, Sourced] = field(hash=False)
    low_income_worker_lines: dict[Area, Sourced] | None = field(hash=False)
    score_lines: dict[Area, Sourced] | None = field(hash=False)
    working_age: WorkingAge
    indicators: tuple[Indicator, ...]
    base_id: str | None = None
    override_source: str | None = None

    def indicator(self, key: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.key == key:
                return indicator
        raise KeyError(key)

    @property
    def indicator_keys(self) -> tuple[str, ...]:
        return tuple(indicator.key for indicator in self.indicators)

    def name(self, language: str | None) -> str:
        """The standard's name in the interface language (English for "en…", otherwise Vietnamese)."""
        return self.name_en if (language or "").startswith("en") else self.name_vi

    def indicator_names(self, language: str | None) -> dict[str, str]:
        """Each indicator's name by key, in the interface language (English for "en…", else Vietnamese)."""
        english = (language or "").startswith("en")
        return {item.key: item.name_en if english else item.name_vi for item in self.indicators}

    @property
    def near_poor_lines(self) -> dict[Area, Sourced]:
        """The line below which a household is poor or near-poor (the upper tier in 2016–2020)."""
        return self.upper_income_lines if self.upper_income_lines is not None else self.income_lines


@dataclass(frozen=True)
class SupportLine:
    """The program support that addresses one deprivation indicator."""

    indicator_key: str
    priority: int
    support_vi: str
    support_en: str
    source: str
    confidence: Confidence
