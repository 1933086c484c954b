"""Provincial overrides are data: applied when valid, rejected with clear errors when not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from giamngheo.standards import StandardDataError, apply_override, load_override, load_standard
from giamngheo.standards.loader import parse_standard

VALID: dict[str, Any] = {
    "base": "2022-2025",
    "id": "2022-2025+hue",
    "source": "Nghị quyết 20/2023/NQ-HĐND",
    "confidence": "C",
    "income_lines": {"rural": 1_800_000, "urban": 2_400_000},
    "average_lines": {"rural": 2_700_000, "urban": 3_600_000},
}


def problems(raw: dict[str, Any]) -> list[str]:
    with pytest.raises(StandardDataError) as error:
        apply_override(raw, origin="local.toml")
    assert str(error.value).startswith("local.toml: ")
    return error.value.problems


def test_valid_override_changes_lines_and_keeps_national_rest() -> None:
    standard = apply_override(VALID, origin="local.toml")

    assert standard.id == "2022-2025+hue"
    assert standard.base_id == "2022-2025"
    assert standard.income_lines["rural"].value == 1_800_000
    assert standard.income_lines["rural"].source.startswith("Nghị quyết 20/2023/NQ-HĐND")
    assert standard.score_lines == load_standard("2022-2025").score_lines
    assert standard.indicators == load_standard("2022-2025").indicators


def test_override_from_file(tmp_path: Path) -> None:
    path = tmp_path / "hue.toml"
    path.write_text(
        'base = "2022-2025"\nsource = "NQ 1/2026/NQ-HĐND"\nconfidence = "C"\n'
        '[indicators.health_insurance]\nmin_age = 0\nthreshold_vi = "mọi thành viên"\n',
        encoding="utf-8",
    )

    standard = load_override(path)

    assert standard.indicator("health_insurance").params["min_age"] == 0
    assert standard.indicator("health_insurance").threshold_vi == "mọi thành viên"
    assert standard.id == "2022-2025+local"


def test_lower_local_line_is_rejected() -> None:
    found = problems(VALID | {"income_lines": {"rural": 1_400_000}})

    assert found == [
        "income_lines.rural: 1,400,000 is below the national value 1,500,000; "
        "a local standard may only be higher"
    ]


def test_average_line_must_stay_above_poverty_line() -> None:
    found = problems(VALID | {"average_lines": {}, "income_lines": {"rural": 2_500_000}})

    assert found == ["average_lines.rural: must be above the poverty line (2,500,000)"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"base": "2023"}, "base: unknown standard '2023'; available: 2016-2020, 2022-2025, 2027-2030"),
        ({"source": ""}, "source: a non-empty text is required"),
        (
            {"confidence": "X"},
            "confidence: must be one of C, S, U (confirmed, secondary, unconfirmed), got 'X'",
        ),
        ({"colour": "red"}, "colour: unknown key; an override may set:"),
        (
            {"income_lines": {"rural": "1.8 triệu"}},
            "income_lines.rural: a positive number is required, got '1.8 triệu'",
        ),
        (
            {"income_lines": {"mountain": 1_900_000}},
            "income_lines.mountain: unknown area; use rural or urban",
        ),
        (
            {"upper_income_lines": {"rural": 1_900_000}},
            "upper_income_lines: standard 2022-2025 has no upper_income_lines to override",
        ),
        (
            {"indicators": {"wifi": {"x": 1}}},
            "indicators.wifi: unknown indicator; 2022-2025 has: employment,",
        ),
        (
            {"indicators": {"housing_area": {"min_area": 9, "threshold_vi": "x"}}},
            "indicators.housing_area.min_area: unknown parameter; housing_area has: min_area_per_person",
        ),
        (
            {"indicators": {"housing_area": {"min_area_per_person": "tám"}}},
            "indicators.housing_area.min_area_per_person: a non-negative number is required, got 'tám'",
        ),
        (
            {"indicators": {"housing_area": {"min_area_per_person": 9}}},
            "indicators.housing_area.threshold_vi: required when parameters change",
        ),
        (
            {"indicators": {"water_source": {"accepted": ["piped", "wel"], "threshold_vi": "x"}}},
            "indicators.water_source.accepted: unknown code(s) wel; valid:",
        ),
        (
            {"indicators": {"health_insurance": {"min_age": 6.5, "threshold_vi": "x"}}},
            "indicators.health_insurance.min_age: a whole number is required, got 6.5",
        ),
    ],
)
def test_bad_override_gives_clear_error(change: dict[str, Any], expected: str) -> None:
    found = problems(VALID | change)

    assert any(problem.startswith(expected) for problem in found), found


def test_invalid_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("base = \n", encoding="utf-8")

    with pytest.raises(StandardDataError, match=r"broken\.toml: not valid TOML"):
        load_override(path)


def test_standard_file_errors_are_collected() -> None:
    with pytest.raises(StandardDataError) as error:
        parse_standard(
            {"rule": "magic", "indicators": [{"key": "x", "kind": "telepathy"}]}, origin="bad.toml"
        )

    assert "rule: must be income_gate or two_tier, got 'magic'" in error.value.problems
    assert (
        "indicators[0].kind: unknown kind 'telepathy'; known: employment, dependants, nutrition, "
        + "health_insurance, adult_education, child_schooling, housing_quality, housing_area, "
        + "household_code_in, household_lacks_all, member_flag"
        in error.value.problems
    )
    assert "income_lines: this section is required" in error.value.problems


def test_every_shipped_value_has_source_and_confidence() -> None:
    for standard_id in ("2016-2020", "2022-2025", "2027-2030"):
        standard = load_standard(standard_id)
        for lines in (standard.income_lines, standard.average_lines):
            for sourced in lines.values():
                assert sourced.source
        for indicator in standard.indicators:
            assert indicator.source
            assert indicator.confidence.value in {"C", "S", "U"}
