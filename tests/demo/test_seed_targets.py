"""The demo plans hold exactly the seed targets listed in docs/seed-targets.md, each with its value."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from giamngheo.demo.plans import demo_plans_load
from giamngheo.programs.models import PlanAllocation, PlanTarget

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "seed-targets.md"
BOUNDS = {"≤": "at_most", "≥": "at_least", "≈": "about"}


def _table(heading: str) -> list[list[str]]:
    """The body rows of the markdown table under `heading`, cells stripped."""
    lines = DOC.read_text(encoding="utf-8").split(heading, 1)[1].splitlines()[1:]
    end = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
    rows = [line for line in lines[:end] if line.startswith("| ")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[1:]]


def _value(text: str) -> tuple[str, Decimal | None, Decimal | None]:
    """«≥ 100» → (at_least, 100, None); «2.0–2.2» → (range, 2.0, 2.2); «≤ 1.5» → (at_most, None, 1.5)."""
    if "–" in text:
        low, high = text.split("–")
        return "range", Decimal(low), Decimal(high)
    symbol, number = text.split()
    bound = BOUNDS[symbol]
    return (bound, None, Decimal(number)) if bound == "at_most" else (bound, Decimal(number), None)


def _listed_targets() -> Counter[tuple[object, ...]]:
    listed: Counter[tuple[object, ...]] = Counter()
    for _number, _seed, _section, _text, code, kind, group, value, _unit, year, plan in _table("## Targets"):
        group_code, _, district = group.partition(" (huyện ")
        bound, low, high = _value(value)
        listed[
            (plan, code.strip("`"), kind, group_code, district.rstrip(")"), bound, low, high, int(year))
        ] += 1
    return listed


def _loaded_targets() -> Counter[tuple[object, ...]]:
    loaded: Counter[tuple[object, ...]] = Counter()
    for target in PlanTarget.objects.select_related("plan", "indicator", "target_unit"):
        loaded[
            (
                target.plan.number,
                target.indicator.code,
                target.kind,
                target.group,
                target.target_unit.code if target.target_unit else "",
                target.bound,
                target.value_low.normalize() if target.value_low is not None else None,
                target.value_high.normalize() if target.value_high is not None else None,
                target.target_year,
            )
        ] += 1
    return loaded


def _normalised(counter: Counter[tuple[object, ...]]) -> Counter[tuple[object, ...]]:
    return Counter(
        {
            tuple(item.normalize() if isinstance(item, Decimal) else item for item in key): count
            for key, count in counter.items()
        }
    )


def test_the_list_counts_every_measurable_target_of_the_five_seeds():
    assert sum(_listed_targets().values()) == 107
    assert len(_table("## Seed 003 appendix")) == 9


def test_every_listed_target_and_appendix_row_is_in_the_demo_plans_and_nothing_else(admin_user):
    demo_plans_load(admin_user)

    listed, loaded = _normalised(_listed_targets()), _normalised(_loaded_targets())
    assert listed - loaded == Counter(), "listed in docs/seed-targets.md but not loaded"
    assert loaded - listed == Counter(), "loaded but not listed in docs/seed-targets.md"
    rows = {
        row.label: (row.start_poor, row.reduction, row.stated_target_rate)
        for row in PlanAllocation.objects.filter(plan__number="03/KH-UBND")
    }
    listed = {
        label: (int(poor), int(reduction), Decimal(rate))
        for label, poor, reduction, rate in _table("## Seed 003 appendix")
    }
    assert rows == listed
