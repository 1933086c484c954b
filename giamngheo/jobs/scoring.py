"""The matching score (ADR 1201), vectorised in Polars: candidates × vacancies → points with their reasons.

Pure Polars, no Django: the bench scores a province's frame directly. One row of the input frame is a pair
(person, vacancy) with the person's columns (`commune_id`, `province_id`, `sex`, `age`, `status`,
`qualification`, `has_certificate`, `skills` as a list of search keys, `wants_work`, `employment`,
`stays_in_commune`) and the vacancy's (`v_place_commune_id`, `v_province_id`, `v_age_min`, `v_age_max`,
`v_sex`, `v_qualification`, `v_skills` as a list of search keys).
"""

from __future__ import annotations

import polars as pl

# Points of each criterion (configuration, ADR 1201; they are not set by law). The total is at most 100.
POINTS = {
    "same_commune": 25,
    "same_province": 10,
    "qualification": 20,
    "skills": 20,
    "certificate": 5,
    "wants_work": 10,
    "poor": 20,
    "near_poor": 10,
}
CRITERIA = ("p_distance", "p_qualification", "p_skills", "p_certificate", "p_wish", "p_priority")


def _eligible() -> pl.Expr:
    """Hard requirements: age window, sex when the vacancy asks for one, a person who stays in the commune."""
    age_fits = pl.col("age").is_between(pl.col("v_age_min"), pl.col("v_age_max"), closed="both")
    sex_fits = (pl.col("v_sex") == "") | (pl.col("v_sex") == pl.col("sex"))
    place_fits = ~pl.col("stays_in_commune") | (pl.col("commune_id") == pl.col("v_place_commune_id"))
    able = pl.col("employment") != "unable"
    return (age_fits & sex_fits & place_fits & able).fill_null(False)


def score(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """Keep the pairs that meet the hard requirements and add each criterion's points and the total."""
    same_commune = pl.col("commune_id") == pl.col("v_place_commune_id")
    same_province = pl.col("province_id") == pl.col("v_province_id")
    skills_match = pl.col("v_skills").list.set_intersection(pl.col("skills")).list.len() > 0
    no_skills_asked = pl.col("v_skills").list.len() == 0
    return (
        pairs.filter(_eligible())
        .with_columns(
            p_distance=pl.when(same_commune)
            .then(POINTS["same_commune"])
            .when(same_province)
            .then(POINTS["same_province"])
            .otherwise(0),
            p_qualification=pl.when(pl.col("qualification") >= pl.col("v_qualification"))
            .then(POINTS["qualification"])
            .otherwise(0),
            p_skills=pl.when(no_skills_asked | skills_match).then(POINTS["skills"]).otherwise(0),
            p_certificate=pl.when(pl.col("has_certificate")).then(POINTS["certificate"]).otherwise(0),
            p_wish=pl.when(pl.col("wants_work") | (pl.col("employment") == "unemployed"))
            .then(POINTS["wants_work"])
            .otherwise(0),
            p_priority=pl.when(pl.col("status") == "poor")
            .then(POINTS["poor"])
            .when(pl.col("status") == "near_poor")
            .then(POINTS["near_poor"])
            .otherwise(0),
        )
        .with_columns(score=pl.sum_horizontal(*CRITERIA).cast(pl.Int32))
    )


def rank(pairs: pl.LazyFrame, *, by: str, limit: int) -> pl.DataFrame:
    """The best `limit` pairs by score; ties go to the poorer household, then the lower id of `by`."""
    return (
        score(pairs).sort(["score", "p_priority", by], descending=[True, True, False]).head(limit).collect()
    )
