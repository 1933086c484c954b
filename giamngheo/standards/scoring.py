"""Score A (income proxy) from a score table loaded as data; ships only a table marked as a sample."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from giamngheo.standards.engine import prepare_members
from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, conform
from giamngheo.standards.indicators import working_age
from giamngheo.standards.loader import DATA_DIR, StandardDataError
from giamngheo.standards.model import Area, Confidence, Standard

DERIVED_COLUMNS = ("household_size", "floor_area_per_person", "working_members")
OPERATORS = ("==", "!=", "<", "<=", ">", ">=", "in")


@dataclass(frozen=True)
class ScoreItem:
    """Points added when `column op value` holds for a household."""

    column: str
    op: str
    value: Any
    points: int


@dataclass(frozen=True)
class ScoreTable:
    """A score-A table: base points per area plus conditional items."""

    id: str
    name_vi: str
    sample: bool
    source: str
    confidence: Confidence
    base: dict[Area, int]
    items: tuple[ScoreItem, ...]


def load_score_table(name_or_path: str) -> ScoreTable:
    """Load a shipped table by id ("sample") or a TOML file path, validating every item."""
    path = DATA_DIR / "score_tables" / f"{name_or_path}.toml"
    if not path.is_file():
        path = Path(name_or_path)
    if not path.is_file():
        raise StandardDataError(name_or_path, ["score table not found"])
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    problems: list[str] = []
    known = set(HOUSEHOLD_SCHEMA) | set(DERIVED_COLUMNS)
    items = []
    for index, item in enumerate(raw.get("items", [])):
        if item.get("column") not in known:
            problems.append(f"items[{index}].column: unknown column {item.get('column')!r}")
        if item.get("op") not in OPERATORS:
            problems.append(f"items[{index}].op: must be one of {', '.join(OPERATORS)}")
        if not isinstance(item.get("points"), int):
            problems.append(f"items[{index}].points: an integer is required")
        items.append(
            ScoreItem(
                str(item.get("column")), str(item.get("op")), item.get("value"), int(item.get("points", 0))
            )
        )
    base = raw.get("base", {})
    if not all(isinstance(base.get(area), int) for area in ("rural", "urban")):
        problems.append("base: integer points for rural and urban are required")
    if problems:
        raise StandardDataError(path.name, problems)
    return ScoreTable(
        id=str(raw.get("id", path.stem)),
        name_vi=str(raw.get("name_vi", path.stem)),
        sample=bool(raw.get("sample", False)),
        source=str(raw.get("source", "")),
        confidence=Confidence(str(raw.get("confidence", "U"))),
        base={"rural": int(base["rural"]), "urban": int(base["urban"])},
        items=tuple(items),
    )


def _condition(item: ScoreItem) -> pl.Expr:
    column = pl.col(item.column)
    if item.op == "in":
        return column.is_in(list(item.value))
    operations: dict[str, pl.Expr] = {
        "==": column == item.value,
        "!=": column != item.value,
        "<": column < item.value,
        "<=": column <= item.value,
        ">": column > item.value,
        ">=": column >= item.value,
    }
    return operations[item.op]


def fill_income_scores(
    table: ScoreTable,
    standard: Standard,
    households: pl.DataFrame,
    members: pl.DataFrame,
    reference_date: dt.date,
) -> pl.DataFrame:
    """Compute score A for households that have neither an income nor a score (vectorised)."""
    prepared = prepare_members(standard, members, reference_date)
    working = working_age(standard) & pl.col("employment").is_in(
        ["wage_with_contract", "wage_without_contract", "self_employed"]
    )
    aggregates = prepared.group_by("household_code").agg(
        pl.len().alias("household_size"), working.fill_null(False).sum().alias("working_members")
    )
    frame = conform(households, HOUSEHOLD_SCHEMA).join(
        aggregates, on="household_code", how="left", maintain_order="left"
    )
    frame = frame.with_columns(
        pl.col("household_size").fill_null(0), pl.col("working_members").fill_null(0)
    ).with_columns((pl.col("floor_area_m2") / pl.col("household_size")).alias("floor_area_per_person"))
    base = pl.when(pl.col("area") == "urban").then(table.base["urban"]).otherwise(table.base["rural"])
    points = [
        pl.when(_condition(item).fill_null(False)).then(item.points).otherwise(0) for item in table.items
    ]
    score = (base + pl.sum_horizontal(*points)).cast(pl.Int64)
    needs_score = pl.col("income_per_capita").is_null() & pl.col("income_score").is_null()
    filled = frame.with_columns(
        pl.when(needs_score).then(score).otherwise(pl.col("income_score")).alias("income_score")
    )
    return filled.select(
        households.columns if "income_score" in households.columns else [*households.columns, "income_score"]
    )
