"""Benchmark the standards engine against a naive Python loop and hand-written DuckDB SQL on one province.

Usage: python -m bench.standards_bench [--households 350000] [--seed 42] [--score-share 0.1]
Every contender is timed alike: a warm-up on 1,000 households, then the best of 3 runs. A share of the
households (10 % by default) carries only an income score (điểm A), not an income, so the score path is
measured too. The load average before each contender is recorded, since this machine is shared.
Results are printed and saved to bench/results/standards-<households>.json and .md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from bench.duckdb_reference import classification_sql
from bench.naive import classify_naive
from giamngheo.demo.synthetic import generate
from giamngheo.standards import Standard, classify_frame, explain_frame, load_standard

RESULTS = Path(__file__).parent / "results"
REFERENCE_DATE = dt.date(2025, 10, 1)


def timed(function, repeat: int = 1):  # type: ignore[no-untyped-def]
    """Best wall time of `repeat` runs and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def _with_scores(households: pl.DataFrame, share: float) -> pl.DataFrame:
    """Every n-th household reports an income score (140 points ≈ 1,5 million rural) instead of an income."""
    if share <= 0:
        return households
    step = max(1, round(1 / share))
    on_score = (pl.int_range(pl.len()) % step) == 0
    score = (pl.col("income_per_capita") / 1_500_000 * 140).round(0).cast(pl.Int64)
    return households.with_columns(
        pl.when(on_score).then(score).otherwise(pl.col("income_score")).alias("income_score"),
        pl.when(on_score).then(None).otherwise(pl.col("income_per_capita")).alias("income_per_capita"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=350_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--score-share", type=float, default=0.1)
    args = parser.parse_args()
    standard = load_standard("2022-2025")

    generation, (households, members) = timed(lambda: generate(args.households, seed=args.seed))
    households = _with_scores(households, args.score_share)
    print(f"generated {households.height:,} households, {members.height:,} members in {generation:.1f} s")
    head_households, head_members = households.head(1000), members.head(4000)
    load: dict[str, float] = {}

    def contender(name: str, run: Any, warm: Any) -> tuple[float, Any]:
        warm()
        load[name] = round(os.getloadavg()[0], 2)
        return timed(run, repeat=3)

    engine_time, engine = contender(
        "engine",
        lambda: classify_frame(standard, households, members, REFERENCE_DATE),
        lambda: classify_frame(standard, head_households, head_members, REFERENCE_DATE),
    )
    explain_time, _ = contender(
        "engine_with_explanations",
        lambda: explain_frame(standard, households, members, REFERENCE_DATE),
        lambda: explain_frame(standard, head_households, head_members, REFERENCE_DATE),
    )
    print(f"engine {engine_time:.3f} s (with explanations {explain_time:.2f} s)")

    naive_time, naive = contender(
        "naive_loop",
        lambda: classify_naive(standard, households, members, REFERENCE_DATE),
        lambda: classify_naive(standard, head_households, head_members, REFERENCE_DATE),
    )
    print(f"naive loop {naive_time:.2f} s")

    load["duckdb_sql"] = round(os.getloadavg()[0], 2)
    duckdb_time, reference = _duckdb(standard, households, members)
    print(f"duckdb {duckdb_time:.3f} s")

    columns = naive.columns
    agree_naive = engine.select(columns).equals(naive.select(columns))
    agree_duckdb = engine.select(columns).equals(reference.select(columns))
    counts = engine["category"].value_counts().sort("category")
    summary = {
        "households": households.height,
        "members": members.height,
        "seed": args.seed,
        "score_path_households": households["income_per_capita"].is_null().sum(),
        "load_average_1min_before": load,
        "standard": standard.id,
        "reference_date": REFERENCE_DATE.isoformat(),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, polars {pl.__version__}, duckdb {duckdb.__version__}",
        "seconds": {
            "generate": round(generation, 3),
            "engine": round(engine_time, 4),
            "engine_with_explanations": round(explain_time, 3),
            "naive_loop": round(naive_time, 3),
            "duckdb_sql": round(duckdb_time, 4),
        },
        "ratios": {
            "naive_over_engine": round(naive_time / engine_time, 1),
            "engine_over_duckdb": round(engine_time / duckdb_time, 2),
        },
        "goals": {"naive_over_engine_at_least": 50, "engine_over_duckdb_at_most": 3},
        "agree": {"engine_vs_naive": agree_naive, "engine_vs_duckdb": agree_duckdb},
        "categories": {row[0]: row[1] for row in counts.iter_rows()},
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"standards-{households.height}"
    stem.with_suffix(".json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    stem.with_suffix(".md").write_text(_markdown(summary), encoding="utf-8")
    if not (agree_naive and agree_duckdb):
        raise SystemExit("results disagree")


def _duckdb(
    standard: Standard, households: pl.DataFrame, members: pl.DataFrame
) -> tuple[float, pl.DataFrame]:
    """Load both tables into DuckDB (untimed), time the query materialised in DuckDB, read the result back."""
    with tempfile.TemporaryDirectory() as folder:
        households.write_parquet(f"{folder}/h.parquet")
        members.write_parquet(f"{folder}/m.parquet")
        connection = duckdb.connect()
        connection.execute(f"CREATE TABLE households AS SELECT * FROM read_parquet('{folder}/h.parquet')")  # noqa: S608
        connection.execute(f"CREATE TABLE members AS SELECT * FROM read_parquet('{folder}/m.parquet')")  # noqa: S608
        sql = classification_sql(standard, REFERENCE_DATE)
        connection.execute(f"CREATE TABLE warm AS {sql} LIMIT 10")
        best = float("inf")
        for attempt in range(3):
            started = time.perf_counter()
            connection.execute(f"CREATE OR REPLACE TABLE result AS {sql}")
            best = min(best, time.perf_counter() - started)
            del attempt
        connection.execute(f"COPY result TO '{folder}/r.parquet' (FORMAT parquet)")
        result = pl.read_parquet(f"{folder}/r.parquet")
    order = households.select("household_code").with_row_index("_order")
    return best, result.join(order, on="household_code").sort("_order").drop("_order")


def _markdown(summary: dict) -> str:  # type: ignore[type-arg]
    seconds, ratios = summary["seconds"], summary["ratios"]
    return (
        f"# Standards engine benchmark — {summary['households']:,} households, "
        f"{summary['members']:,} members\n\n"
        f"Standard {summary['standard']}, reference date {summary['reference_date']}, "
        f"seed {summary['seed']}.\n"
        f"Machine: {summary['machine']}.\n"
        f"Households on the score path: {summary['score_path_households']:,}. Every contender: warm-up, "
        f"best of 3. Load average (1 min) before each: {summary['load_average_1min_before']}.\n\n"
        "| path | wall time (s) |\n|---|---|\n"
        f"| engine (Polars) | {seconds['engine']} |\n"
        f"| engine with explanations | {seconds['engine_with_explanations']} |\n"
        f"| naive per-household Python loop | {seconds['naive_loop']} |\n"
        f"| hand-written DuckDB SQL | {seconds['duckdb_sql']} |\n\n"
        f"- naive / engine = **{ratios['naive_over_engine']}×** (goal ≥ 50×)\n"
        f"- engine / DuckDB = **{ratios['engine_over_duckdb']}×** (goal ≤ 3×)\n"
        f"- results agree: engine = naive {summary['agree']['engine_vs_naive']}, "
        f"engine = DuckDB {summary['agree']['engine_vs_duckdb']}\n"
        f"- categories: {summary['categories']}\n"
    )


if __name__ == "__main__":
    main()
