"""A naive per-household Python loop classifying under a standard: the slow, independent reference."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import polars as pl

from giamngheo.standards.model import Indicator, Standard

Row = dict[str, Any]


def age_of(member: Row, reference: dt.date) -> int | None:
    born = member["birth_date"]
    if born is not None:
        return reference.year - born.year - ((born.month, born.day) > (reference.month, reference.day))
    return None if member["birth_year"] is None else reference.year - member["birth_year"]


def _member_deprived(indicator: Indicator, standard: Standard, member: Row, age: int | None) -> bool:  # noqa: PLR0911
    if age is None and indicator.kind != "member_flag":
        return False
    params, kind = indicator.params, indicator.kind
    upper = standard.working_age.max_female if member["sex"] == "female" else standard.working_age.max_male
    if kind == "employment":
        jobless = member["employment"] == "unemployed" or (
            params["count_wage_without_contract"] and member["employment"] == "wage_without_contract"
        )
        return standard.working_age.minimum <= age <= upper and jobless  # type: ignore[operator]
    if kind == "dependants":
        no_capacity = (
            member["working_capacity"] == "none" or member["disability"] in params["severe_disabilities"]
        )
        adult = (params["include_above_working_age"] and age > upper) or (  # type: ignore[operator]
            params["include_no_working_capacity"] and no_capacity
        )
        if params["require_social_allowance"]:
            adult = adult and member["social_allowance"] is True
        return age < params["child_age_below"] or bool(adult)  # type: ignore[operator]
    if kind == "nutrition":
        return age < params["child_age_below"] and member["nutrition"] in params["statuses"]  # type: ignore[operator]
    if kind == "health_insurance":
        return age >= params["min_age"] and member["health_insurance"] is False  # type: ignore[operator]
    if kind == "adult_education":
        if params["exempt_if_studying"] and member["in_school"] is True:
            return False
        return any(
            band.age_from <= age <= band.age_to  # type: ignore[operator]
            and member["education"] is not None
            and member["education"] not in band.accepted
            for band in params["bands"]  # type: ignore[union-attr]
        )
    if kind == "child_schooling":
        return params["age_from"] <= age <= params["age_to"] and member["in_school"] is False  # type: ignore[operator]
    return member[params["column"]] is True  # type: ignore[index]


def _household_deprived(  # noqa: PLR0911
    indicator: Indicator, household: Row, members: list[Row], causes: dict[str, int]
) -> bool:
    params, kind, size = indicator.params, indicator.kind, len(members)
    if kind == "dependants":
        return causes[indicator.key] > size * params["max_share"]  # type: ignore[operator]
    if indicator.key in causes:
        return causes[indicator.key] > 0
    if kind == "housing_quality":
        if household["has_house"] is False:
            return True
        non_durable = sum(
            household[f"{part}_material"] is not None
            and household[f"{part}_material"] not in params[f"durable_{part}"]  # type: ignore[operator]
            for part in ("foundation", "walls", "roof")
        )
        return non_durable >= params["min_non_durable"]  # type: ignore[operator]
    if kind == "housing_area":
        area = household["floor_area_m2"]
        return area is not None and area < size * params["min_area_per_person"]  # type: ignore[operator]
    if kind == "household_code_in":
        value = household[params["column"]]  # type: ignore[index]
        return value is not None and value not in params["accepted"]  # type: ignore[operator]
    return all(household[column] is False for column in params["columns"])  # type: ignore[union-attr]


def classify_one(standard: Standard, household: Row, members: list[Row], reference: dt.date) -> Row:
    """Classify one household from plain dictionaries."""
    causes: dict[str, int] = {}
    ages = [age_of(member, reference) for member in members]  # once per member, not once per indicator
    for indicator in standard.indicators:
        if indicator.kind in ("household_code_in", "household_lacks_all", "housing_quality", "housing_area"):
            continue
        count = 0
        for member, age in zip(members, ages, strict=True):
            if _member_deprived(indicator, standard, member, age):
                count += 1
        causes[indicator.key] = count
    deprived = {
        item.key: _household_deprived(item, household, members, causes) for item in standard.indicators
    }
    count = sum(deprived.values())
    urban = household["area"] == "urban"
    area = "urban" if urban else "rural"
    income, score = household["income_per_capita"], household["income_score"]
    if income is not None:
        measure, path = float(income), "income"
        near_line, low_line = standard.near_poor_lines[area].value, standard.income_lines[area].value
        average_line: float | None = standard.average_lines[area].value
    elif score is not None and standard.score_lines is not None:
        measure, path = float(score), "score"
        near_line = low_line = standard.score_lines[area].value
        average_line = None
    else:
        return {
            "household_code": household["household_code"],
            "category": None,
            "deprivation_count": count,
            "low_income_worker": None,
            **{f"deprived_{key}": value for key, value in deprived.items()},
        }
    if measure <= near_line and (
        count >= standard.poor_min_deprivations.value or (standard.rule == "two_tier" and measure <= low_line)
    ):
        category = "poor"
    elif measure <= near_line:
        category = "near_poor"
    elif average_line is not None and measure <= average_line:
        category = "average"
    else:
        category = "not_poor"
    low_income = None
    if path == "income" and standard.low_income_worker_lines is not None:
        low_income = (
            category in ("average", "not_poor") and measure <= standard.low_income_worker_lines[area].value
        )
    return {
        "household_code": household["household_code"],
        "category": category,
        "deprivation_count": count,
        "low_income_worker": low_income,
        **{f"deprived_{key}": value for key, value in deprived.items()},
    }


def classify_naive(
    standard: Standard, households: pl.DataFrame, members: pl.DataFrame, reference: dt.date
) -> pl.DataFrame:
    """Loop over households one by one (members grouped in a dictionary first)."""
    by_household: dict[str, list[Row]] = defaultdict(list)
    for member in members.iter_rows(named=True):
        by_household[member["household_code"]].append(member)
    rows = [
        classify_one(standard, household, by_household[household["household_code"]], reference)
        for household in households.iter_rows(named=True)
    ]
    return pl.DataFrame(rows, infer_schema_length=None)
