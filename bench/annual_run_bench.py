"""Benchmark the province's annual run on PostgreSQL: read, classify, write assessments, statistics.

Usage: python -m bench.annual_run_bench [--households 350000] [--seed 11]
       [--database-url postgres://postgres@127.0.0.1:5432]

It creates a fresh database, fills one province (Huế's communes) with synthetic households, members, a survey
round each and their member facts (giamngheo.demo.synthetic, written with the import's own row builders and
COPY), then runs `annual_run` twice, each in its own process so its peak RSS is its own: the first run writes
an assessment for every household, the second finds nothing changed and writes nothing. The machine's load
average is recorded before each run (the machine is shared). The database is dropped at the end.
Results go to bench/results/annual-run-<households>.json and .md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import polars as pl

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).parent.parent
SURVEYED_ON = dt.date(2025, 10, 1)
RUN_ON = dt.date(2026, 12, 1)
STANDARD = "2022-2025"
BENCH_DATABASE = "gn_run15_bench_annual"
HUE = "46"


def _environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",  # DEBUG would keep every query's text in memory
        "SECRET_KEY": "bench-only-not-secret",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
    }


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def fill(households: int, seed: int) -> dict[str, Any]:
    """In a child process: migrate, load the units, write a surveyed province with the import's builders."""
    import django

    django.setup()
    import numpy as np
    from django.core.management import call_command
    from django.db import transaction

    from giamngheo.demo.synthetic import generate
    from giamngheo.geo.models import AdminUnit, Level, Tree
    from giamngheo.registry.imports.apply_rows import (
        member_facts_frame,
        new_households_frame,
        new_members_frame,
        rounds_frame,
    )
    from giamngheo.registry.imports.bulk_insert import insert_rows
    from giamngheo.registry.models import Household, Member, MemberFacts, SurveyRound

    call_command("migrate", verbosity=0)
    call_command("load_admin_units", verbosity=0)
    province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code=HUE)
    communes = list(
        AdminUnit.objects.filter(tree=Tree.CURRENT, level=Level.COMMUNE, province=province).values_list(
            "pk", flat=True
        )
    )
    started = time.perf_counter()
    frame, members = generate(households, seed=seed, code_prefix="N")
    rng = np.random.default_rng(seed)
    frame = frame.with_columns(
        pl.Series("commune_id", np.array(communes)[rng.integers(0, len(communes), frame.height)]),
        pl.lit(None, dtype=pl.Int64).alias("village_id"),
        pl.lit("").alias("address"),
        pl.lit("permanent").alias("residence"),
        pl.lit(dt.date(2022, 1, 1)).alias("registered_on"),
        pl.lit("none").alias("status"),
    )
    members = members.with_columns(
        pl.when(pl.col("personal_id").is_first_distinct()).then(pl.col("personal_id")).alias("personal_id"),
        pl.lit(False).alias("has_merit"),
    )
    batch = SimpleNamespace(reference_date=SURVEYED_ON, pk=None)
    with transaction.atomic():
        rows = new_households_frame(frame, members).with_columns(
            pl.lit(None, dtype=pl.Int64).alias("latest_assessment_id"), pl.lit("").alias("latest_category")
        )
        household_ids = rows.select(
            pl.col("code").alias("household_code"), pl.col("id").alias("household_id")
        )
        people = new_members_frame(members, household_ids)
        rounds = rounds_frame(frame, household_ids, batch, None)  # type: ignore[arg-type]
        facts = member_facts_frame(
            members, people.select("household_code", "member_no", pl.col("id").alias("member_id")), rounds
        )
        insert_rows(Household, rows)
        insert_rows(Member, people.drop("household_code"))
        insert_rows(SurveyRound, rounds.drop("household_code"))
        insert_rows(MemberFacts, facts)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "households": rows.height,
        "members": people.height,
        "communes": len(communes),
        "fill_seconds": round(time.perf_counter() - started, 1),
    }


def run_once() -> dict[str, Any]:
    """In a child process: one annual run of the province, phase by phase, with the peak RSS."""
    import django

    django.setup()
    from giamngheo.geo.models import AdminUnit, Level, Tree
    from giamngheo.registry.annual.services import annual_run_now

    province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code=HUE)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    load = os.getloadavg()[0]
    started = time.perf_counter()
    run = annual_run_now(province=province, standard_id=STANDARD, reference_date=RUN_ON)
    total = time.perf_counter() - started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname IN "
            "('registry_household', 'registry_member', 'registry_surveyround', 'registry_memberfacts', "
            "'registry_assessment') ORDER BY relname"
        )
        sizes = {name.removeprefix("registry_"): round(size / 1e6) for name, size in cursor.fetchall()}
        cursor.execute("SELECT pg_database_size(current_database())")
        sizes["database"] = round(cursor.fetchone()[0] / 1e6)
    return {
        "table_mb": sizes,
        "status": run.status,
        "households": run.households,
        "assessed": run.assessed,
        "unchanged": run.unchanged,
        "seconds": {**run.timings, "total": round(total, 2)},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_mb_before_run": round(rss_before / 1024),
        "load_average_1min_before": round(load, 2),
    }


def probe_write(rows: int) -> dict[str, Any]:
    """In a child process: COPY the first run's assessment rows again with three explanations, alternating,
    best of 3, rolled back: the full document (as stored before ADR 1503, rebuilt with `expand`), the compact
    form the run stored, and an empty one (the floor).
    """
    import io

    import django

    django.setup()
    from django.db import connection, transaction

    from giamngheo.standards.explanation_store import expand

    columns = [
        "household_id",
        "round_id",
        "standard",
        "reference_date",
        "income_path",
        "income_per_capita",
        "income_score",
        "deprived",
        "deprivation_count",
        "score_b",
        "category",
        "low_income_worker",
        "explanation",
        "assessed_by_id",
        "assessed_at",
    ]
    listed = ", ".join(columns)
    selects = {
        "full": ", ".join(f"a.{name}" if name != "explanation" else "f.explanation" for name in columns),
        "compact": ", ".join(f"a.{name}" for name in columns),
        "empty": ", ".join(f"a.{name}" if name != "explanation" else "'{}'::jsonb" for name in columns),
    }
    data: dict[str, bytes] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT id, explanation::text FROM registry_assessment ORDER BY id LIMIT {int(rows)}")  # noqa: S608
        expanded = [(pk, json.dumps(expand(json.loads(text)), ensure_ascii=False)) for pk, text in cursor]
        cursor.execute(
            "CREATE TEMP TABLE probe_full (id bigint PRIMARY KEY, explanation jsonb) ON COMMIT DROP"
        )
        with cursor.cursor.copy("COPY probe_full FROM STDIN") as copy:
            for row in expanded:
                copy.write_row(row)
        for name, select in selects.items():
            buffer = io.BytesIO()
            sql = (
                f"COPY (SELECT {select} FROM registry_assessment a JOIN probe_full f ON f.id = a.id "  # noqa: S608
                "ORDER BY a.id) TO STDOUT"
            )
            with cursor.cursor.copy(sql) as copy:
                for block in copy:
                    buffer.write(block)
            data[name] = buffer.getvalue()
    best = dict.fromkeys(selects, float("inf"))
    for _round in range(3):
        for name in selects:
            with transaction.atomic(), connection.cursor() as cursor:
                started = time.perf_counter()
                with cursor.cursor.copy(f"COPY registry_assessment ({listed}) FROM STDIN") as copy:
                    copy.write(data[name])
                best[name] = min(best[name], time.perf_counter() - started)
                transaction.set_rollback(True)
    return {
        "rows": rows,
        **{f"{name}_seconds": round(best[name], 2) for name in selects},
        **{f"{name}_mb": round(len(data[name]) / 1e6, 1) for name in selects},
        "load_average_1min_after": round(os.getloadavg()[0], 2),
    }


def _child(database_url: str, *arguments: str) -> dict[str, Any]:
    child = subprocess.run(  # noqa: S603 — this interpreter, this module
        [sys.executable, "-m", "bench.annual_run_bench", *arguments],
        env=_environment(database_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        raise SystemExit(child.stderr[-4000:])
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=350_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432", help="server, no db")
    parser.add_argument(
        "--database", default=BENCH_DATABASE, help="name of the database created, filled and dropped"
    )
    parser.add_argument("--keep", action="store_true", help="keep the filled database (for profiling)")
    parser.add_argument("--probe-rows", type=int, default=20_000, help="rows of the write probe")
    parser.add_argument("--child", choices=["fill", "run", "probe"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        parser.error("--database: lower-case letters, digits and underscores only")
    if args.child == "fill":
        print(json.dumps(fill(args.households, args.seed)))
        return
    if args.child == "run":
        print(json.dumps(run_once()))
        return
    if args.child == "probe":
        print(json.dumps(probe_write(args.probe_rows)))
        return
    url = args.database_url.rstrip("/")
    database_url = f"{url}/{args.database}"
    _admin(url, f"DROP DATABASE IF EXISTS {args.database}")
    _admin(url, f"CREATE DATABASE {args.database}")
    try:
        filled = _child(
            database_url, "--child", "fill", "--households", str(args.households), "--seed", str(args.seed)
        )
        print(f"filled: {filled}")
        first = _child(database_url, "--child", "run")
        print(f"first run: {first}")
        second = _child(database_url, "--child", "run")
        print(f"second run: {second}")
        probe = _child(database_url, "--child", "probe", "--probe-rows", str(args.probe_rows))
        print(f"write probe: {probe}")
    finally:
        if not args.keep:
            _admin(url, f"DROP DATABASE IF EXISTS {args.database}")
    report(args, filled, first, second, probe)


def report(
    args: argparse.Namespace,
    filled: dict[str, Any],
    first: dict[str, Any],
    second: dict[str, Any],
    probe: dict[str, Any] | None = None,
) -> None:
    summary = {
        "households": filled["households"],
        "members": filled["members"],
        "communes": filled["communes"],
        "seed": args.seed,
        "standard": STANDARD,
        "reference_date": RUN_ON.isoformat(),
        "first_run": first,
        "second_run": second,
        "write_probe": probe,
        "goal_seconds": 60,
        "stretch_seconds": 20,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, polars {pl.__version__}, PostgreSQL on the same machine",
        "date": dt.datetime.now(tz=dt.UTC).date().isoformat(),
    }
    RESULTS.mkdir(exist_ok=True)
    name = f"annual-run-{args.households}"
    (RESULTS / f"{name}.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    phases = ("read", "classify", "write", "statistics", "total")
    lines = [
        f"# Annual run benchmark: {filled['households']:,} households, {filled['members']:,} members",
        "",
        f"{summary['machine']}. One province ({filled['communes']} communes of Huế), fresh database,",
        f"each household with one survey round ({SURVEYED_ON.isoformat()}); run under {STANDARD} on "
        f"{RUN_ON.isoformat()}. Each run is its own process (`annual_run_now`, what `manage.py annual_run`",
        "and the background job do).",
        "",
        "| run | " + " | ".join(phases) + " | assessments written | peak RSS (MB) | load (1 min) before |",
        "|---|" + "---:|" * (len(phases) + 3),
    ]
    for label, run in (
        ("first (every household assessed)", first),
        ("second (unchanged facts: no-op)", second),
    ):
        seconds = run["seconds"]
        lines.append(
            f"| {label} | "
            + " | ".join(f"{seconds.get(phase, 0):.2f}" for phase in phases)
            + f" | {run['assessed']:,} | {run['peak_rss_mb']:,} | {run['load_average_1min_before']} |"
        )
    verdict = "met" if first["seconds"]["total"] <= 60 else "missed"
    lines += [
        "",
        f"Goal ≤ 60 s end to end (stretch 20 s): **{first['seconds']['total']:.1f} s, {verdict}**. "
        f"Filling the database took {filled['fill_seconds']} s (not part of the run).",
        "",
        *(
            [
                f"Write probe ({probe['rows']:,} of the assessment rows COPYed again, best of 3, "
                "alternating, rolled back): with the full explanation document as stored before ADR 1503 "
                f"({probe['full_mb']:,} MB) {probe['full_seconds']} s; with the compact form this run stored "
                f"({probe['compact_mb']:,} MB) {probe['compact_seconds']} s; with an empty one "
                f"({probe['empty_mb']:,} MB) {probe['empty_seconds']} s — compact is "
                f"{probe['compact_seconds'] / probe['full_seconds']:.0%} of the full form's COPY time.",
                "",
            ]
            if probe
            else []
        ),
        *(
            [
                "Sizes after both runs (MB, tables with their indexes and TOAST): "
                + ", ".join(f"{name} {size:,}" for name, size in second["table_mb"].items())
                + ".",
                "",
            ]
            if "table_mb" in second
            else []
        ),
        "Phases: read = two `COPY (SELECT …) TO STDOUT` queries (latest round per household, and its",
        "members' facts) into Polars; classify = `explain_frame` plus the stored explanation JSON built as",
        "Polars expressions; write = COPY of the assessments and one `UPDATE … FROM` a temporary table for",
        "the households' latest; statistics = households by category per commune (`AnnualRunCommune`).",
        "",
        f"Reproduce: `python -m bench.annual_run_bench --households {args.households} --seed {args.seed}`.",
    ]
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
