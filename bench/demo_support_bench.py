"""Wall time and query count of the demo year of support (`manage.py load_demo_support`), rolled back.

    DATABASE_URL=sqlite:////path/dev.sqlite3 python -m bench.demo_support_bench [--label after]

Needs a database with the demo registry, plans and support catalogue loaded (`make setup-db` up to
`load_support_catalogue`) and no demo support yet. The load runs inside a transaction that is rolled back,
so the database is left as found and the bench can run again. The time and the number of SQL statements of
each stage (plans, health-insurance lists, loans, housing cases) go to bench/results/demo-support-<label>.json
and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
STAGES = ("_plans", "_health_insurance", "_loans", "_housing")


class _Counter:
    def __init__(self) -> None:
        self.queries = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        self.queries += 1
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--label", default="current")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from giamngheo.demo import support

    counter = _Counter()
    stages: dict[str, dict[str, float]] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*a: Any, **kw: Any) -> Any:
            queries, started = counter.queries, time.perf_counter()
            result = function(*a, **kw)
            stages[name.strip("_")] = {
                "seconds": round(time.perf_counter() - started, 2),
                "queries": counter.queries - queries,
            }
            return result

        return run

    for name in STAGES:
        setattr(support, name, timed(name, getattr(support, name)))
    with connection.execute_wrapper(counter), transaction.atomic():
        started = time.perf_counter()
        result = support.support_demo_load()
        seconds = round(time.perf_counter() - started, 2)
        transaction.set_rollback(True)
    report = {
        "label": args.label,
        "database": connection.vendor,
        "seconds": seconds,
        "queries": counter.queries,
        "plans": result.plans,
        "records": result.records,
        "housing_cases": result.housing_cases,
        "stages": stages,
    }
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"demo-support-{args.label}"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# Demo support load ({args.label}, {connection.vendor})",
        "",
        f"{seconds} s, {counter.queries} queries: {result.plans} plans, {result.records} records, "
        f"{result.housing_cases} housing cases.",
        "",
        "| stage | seconds | queries |",
        "|---|---:|---:|",
        *(f"| {name} | {row['seconds']} | {row['queries']} |" for name, row in stages.items()),
    ]
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
