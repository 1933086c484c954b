"""Benchmark the matching score on a province: candidates for one vacancy, vacancies for one person.

Usage: python -m bench.matching_bench [--households 350000] [--seed 12]

Builds a synthetic labour register in memory (about 2.3 working-age members per household, spread over Huế's
~40 communes, 5 % poor and 5 % near-poor), then times `giamngheo.jobs.scoring.rank` against a plain Python
loop over the same rows with the same rules, and checks they give the same ranked list. The database read of
the register is not timed here (see docs/jobs.md). Results go to bench/results/matching-<households>.json/.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from giamngheo.jobs.scoring import POINTS, rank

RESULTS = Path(__file__).parent / "results"
SKILLS = ["may", "han", "dien", "moc", "xay dung", "lai xe", "nau an", "ban hang", "tin hoc", "co khi"]


def register(households: int, seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    people = int(households * 2.3)
    household_ids = rng.integers(0, households, people)
    communes = household_ids % 40
    statuses = np.array(["none", "poor", "near_poor"])[rng.choice(3, households, p=[0.9, 0.05, 0.05])]
    employment = np.array(["unemployed", "self_employed", "wage_contract", "wage_no_contract", "unable"])
    skills = [
        [SKILLS[i] for i in rng.choice(len(SKILLS), rng.integers(0, 3), replace=False)] for _ in range(people)
    ]
    return pl.DataFrame(
        {
            "member_id": np.arange(people),
            "household_id": household_ids,
            "commune_id": communes,
            "province_id": np.full(people, 46),
            "sex": np.array(["male", "female"])[rng.integers(0, 2, people)],
            "age": rng.integers(15, 61, people),
            "status": statuses[household_ids],
            "qualification": rng.choice(6, people, p=[0.6, 0.15, 0.1, 0.08, 0.04, 0.03]),
            "has_certificate": rng.random(people) < 0.25,
            "skills": skills,
            "wants_work": rng.random(people) < 0.3,
            "employment": employment[rng.choice(5, people, p=[0.15, 0.4, 0.25, 0.18, 0.02])],
            "stays_in_commune": rng.random(people) < 0.2,
        },
        schema_overrides={"skills": pl.List(pl.String)},
    )


VACANCY: dict[str, Any] = {
    "vacancy_id": 1,
    "v_place_commune_id": 7,
    "v_province_id": 46,
    "v_age_min": 18,
    "v_age_max": 45,
    "v_sex": "",
    "v_qualification": 1,
    "v_skills": ["may", "dien"],
}


def with_vacancy(frame: pl.DataFrame) -> pl.LazyFrame:
    columns = {k: v for k, v in VACANCY.items() if k != "v_skills"}
    return frame.lazy().with_columns(
        *(pl.lit(value).alias(name) for name, value in columns.items()),
        v_skills=pl.lit(pl.Series([VACANCY["v_skills"]], dtype=pl.List(pl.String))),
    )


def naive(rows: list[dict[str, Any]], limit: int) -> list[tuple[int, int]]:
    """The same rules, one person at a time in Python (what the vectorised score replaces)."""
    scored = []
    v = VACANCY
    for p in rows:
        if not v["v_age_min"] <= p["age"] <= v["v_age_max"] or p["employment"] == "unable":
            continue
        if p["stays_in_commune"] and p["commune_id"] != v["v_place_commune_id"]:
            continue
        distance = (
            POINTS["same_commune"] if p["commune_id"] == v["v_place_commune_id"] else POINTS["same_province"]
        )
        qualification = POINTS["qualification"] if p["qualification"] >= v["v_qualification"] else 0
        skills = POINTS["skills"] if set(p["skills"]) & set(v["v_skills"]) else 0
        certificate = POINTS["certificate"] if p["has_certificate"] else 0
        wish = POINTS["wants_work"] if p["wants_work"] or p["employment"] == "unemployed" else 0
        priority = {"poor": POINTS["poor"], "near_poor": POINTS["near_poor"]}.get(p["status"], 0)
        total = distance + qualification + skills + certificate + wish + priority
        scored.append((-total, -priority, p["member_id"]))
    scored.sort()
    return [(member, -total) for total, _priority, member in scored[:limit]]


def timed(function, repeat: int = 3):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=350_000)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    frame = register(args.households, args.seed)
    polars_seconds, ranked = timed(lambda: rank(with_vacancy(frame), by="member_id", limit=50))
    rows = frame.to_dicts()
    naive_seconds, slow = timed(lambda: naive(rows, 50), repeat=1)
    fast = list(zip(ranked["member_id"].to_list(), ranked["score"].to_list(), strict=True))
    offers = pl.DataFrame([VACANCY | {"vacancy_id": i, "v_place_commune_id": i % 40} for i in range(2000)])
    person = frame.head(1).lazy()
    person_seconds, _result = timed(
        lambda: rank(person.join(offers.lazy(), how="cross"), by="vacancy_id", limit=20)
    )
    result = {
        "households": args.households,
        "people": frame.height,
        "seed": args.seed,
        "machine": f"{platform.machine()}, Python {platform.python_version()}, polars {pl.__version__}",
        "vacancy_to_candidates_polars_s": round(polars_seconds, 4),
        "vacancy_to_candidates_naive_s": round(naive_seconds, 4),
        "naive_over_polars": round(naive_seconds / polars_seconds, 1),
        "person_to_2000_vacancies_polars_s": round(person_seconds, 4),
        "same_ranking": fast == slow,
    }
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"matching-{args.households}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    stem.with_suffix(".md").write_text(
        f"# Matching benchmark — {args.households:,} households, {frame.height:,} working-age people\n\n"
        f"Seed {args.seed}. Machine: {result['machine']}.\n\n"
        "| path | wall time (s) |\n|---|---|\n"
        f"| ranked candidates for one vacancy (Polars) | {result['vacancy_to_candidates_polars_s']} |\n"
        f"| same, plain Python loop | {result['vacancy_to_candidates_naive_s']} |\n"
        "| ranked vacancies for one person (2,000 vacancies, Polars) | "
        f"{result['person_to_2000_vacancies_polars_s']} |\n\n"
        f"- naive / Polars = **{result['naive_over_polars']}×**; goal: a ranked list well under a second\n"
        f"- same ranked list: {result['same_ranking']}\n"
        "- not timed: reading the register from the database (one query; see docs/jobs.md)\n",
        encoding="utf-8",
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
