"""Hand-written DuckDB SQL for the 2022–2025 standard: the near-limit reference of the benchmark."""
# ruff: noqa: E501, S608  (SQL text is laid out as SQL; it is built from validated standard data, not user input)

from __future__ import annotations

import datetime as dt

from giamngheo.standards.model import Standard


def _codes(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def classification_sql(standard: Standard, reference: dt.date) -> str:
    """One SQL query over tables `households` and `members` producing the engine's result columns."""
    if standard.rule != "income_gate" or set(standard.indicator_keys) != {
        "employment",
        "dependants",
        "nutrition",
        "health_insurance",
        "adult_education",
        "child_schooling",
        "housing_quality",
        "housing_area",
        "water_source",
        "latrine",
        "telecom",
        "information_means",
    }:
        raise ValueError("the hand-written reference covers the 2022–2025 indicator set only")
    work = standard.working_age
    dependants = standard.indicator("dependants")
    nutrition = standard.indicator("nutrition")
    education = standard.indicator("adult_education")
    schooling = standard.indicator("child_schooling")
    housing = standard.indicator("housing_quality")
    bands = " OR ".join(
        f"(age BETWEEN {band.age_from} AND {band.age_to} AND education IS NOT NULL "
        f"AND education NOT IN ({_codes(band.accepted)}))"
        for band in education.param_bands()
    )
    non_durable = " + ".join(
        f"CASE WHEN {part}_material IS NOT NULL AND {part}_material NOT IN ({_codes(housing.param_codes(f'durable_{part}'))}) THEN 1 ELSE 0 END"
        for part in ("foundation", "walls", "roof")
    )
    lines = {
        name: getattr(standard, name)
        for name in ("income_lines", "average_lines", "low_income_worker_lines", "score_lines")
    }

    def by_area(name: str) -> str:
        return f"CASE WHEN h.area = 'urban' THEN {lines[name]['urban'].value} ELSE {lines[name]['rural'].value} END"

    information = " AND ".join(
        f"{column} = FALSE" for column in standard.indicator("information_means").param_codes("columns")
    )
    return f"""
WITH aged AS (
  SELECT household_code, sex, employment, working_capacity, disability, health_insurance, education, in_school, nutrition,
         COALESCE({reference.year} - year(birth_date)
                  - CASE WHEN month(birth_date) * 100 + day(birth_date) > {reference.month * 100 + reference.day} THEN 1 ELSE 0 END,
                  {reference.year} - birth_year) AS age,
         CASE WHEN sex = 'female' THEN {work.max_female} ELSE {work.max_male} END AS retirement
  FROM members
), flags AS (
  SELECT household_code,
    COUNT(*) AS household_size,
    BOOL_OR(COALESCE(age BETWEEN {work.minimum} AND retirement AND employment IN ('unemployed', 'wage_without_contract'), FALSE)) AS d_employment,
    SUM(CASE WHEN age < {dependants.param_int("child_age_below")} OR age > retirement OR working_capacity = 'none'
             OR disability IN ({_codes(dependants.param_codes("severe_disabilities"))}) THEN 1 ELSE 0 END) AS dependants,
    BOOL_OR(COALESCE(age < {nutrition.param_int("child_age_below")} AND nutrition IN ({_codes(nutrition.param_codes("statuses"))}), FALSE)) AS d_nutrition,
    BOOL_OR(COALESCE(age >= {standard.indicator("health_insurance").param_int("min_age")} AND health_insurance = FALSE, FALSE)) AS d_health_insurance,
    BOOL_OR(COALESCE(({bands}) AND NOT COALESCE(in_school = TRUE, FALSE), FALSE)) AS d_adult_education,
    BOOL_OR(COALESCE(age BETWEEN {schooling.param_int("age_from")} AND {schooling.param_int("age_to")} AND in_school = FALSE, FALSE)) AS d_child_schooling
  FROM aged GROUP BY household_code
), deprived AS (
  SELECT h.household_code, h.area, h.income_per_capita, h.income_score,
    COALESCE(f.d_employment, FALSE) AS deprived_employment,
    COALESCE(f.dependants > COALESCE(f.household_size, 0) * {dependants.param_float("max_share")}, FALSE) AS deprived_dependants,
    COALESCE(f.d_nutrition, FALSE) AS deprived_nutrition,
    COALESCE(f.d_health_insurance, FALSE) AS deprived_health_insurance,
    COALESCE(f.d_adult_education, FALSE) AS deprived_adult_education,
    COALESCE(f.d_child_schooling, FALSE) AS deprived_child_schooling,
    COALESCE(h.has_house = FALSE, FALSE) OR ({non_durable}) >= {housing.param_int("min_non_durable")} AS deprived_housing_quality,
    COALESCE(h.floor_area_m2 < COALESCE(f.household_size, 0) * {standard.indicator("housing_area").param_float("min_area_per_person")}, FALSE) AS deprived_housing_area,
    COALESCE(h.water_source IS NOT NULL AND h.water_source NOT IN ({_codes(standard.indicator("water_source").param_codes("accepted"))}), FALSE) AS deprived_water_source,
    COALESCE(h.latrine IS NOT NULL AND h.latrine NOT IN ({_codes(standard.indicator("latrine").param_codes("accepted"))}), FALSE) AS deprived_latrine,
    COALESCE(h.internet_use = FALSE, FALSE) AS deprived_telecom,
    COALESCE({information}, FALSE) AS deprived_information_means,
    CASE WHEN h.income_per_capita IS NOT NULL THEN 'income' WHEN h.income_score IS NOT NULL THEN 'score' END AS income_path,
    CAST(COALESCE(h.income_per_capita, h.income_score) AS DOUBLE) AS measure,
    CASE WHEN h.income_per_capita IS NOT NULL THEN {by_area("income_lines")} ELSE {by_area("score_lines")} END AS line,
    CASE WHEN h.income_per_capita IS NOT NULL THEN {by_area("average_lines")} END AS average_line,
    {by_area("low_income_worker_lines")} AS low_income_line
  FROM households h LEFT JOIN flags f USING (household_code)
), counted AS (
  SELECT *, deprived_employment::INT + deprived_dependants::INT + deprived_nutrition::INT + deprived_health_insurance::INT
          + deprived_adult_education::INT + deprived_child_schooling::INT + deprived_housing_quality::INT
          + deprived_housing_area::INT + deprived_water_source::INT + deprived_latrine::INT + deprived_telecom::INT
          + deprived_information_means::INT AS deprivation_count
  FROM deprived
), classified AS (
  SELECT *, CASE
      WHEN measure IS NULL THEN NULL
      WHEN measure <= line AND deprivation_count >= {int(standard.poor_min_deprivations.value)} THEN 'poor'
      WHEN measure <= line THEN 'near_poor'
      WHEN measure <= average_line THEN 'average'
      ELSE 'not_poor' END AS category
  FROM counted
)
SELECT household_code, category, deprivation_count,
  CASE WHEN income_path = 'income' AND category IS NOT NULL
       THEN category IN ('average', 'not_poor') AND measure <= low_income_line END AS low_income_worker,
  deprived_employment, deprived_dependants, deprived_nutrition, deprived_health_insurance, deprived_adult_education,
  deprived_child_schooling, deprived_housing_quality, deprived_housing_area, deprived_water_source, deprived_latrine,
  deprived_telecom, deprived_information_means
FROM classified
"""
