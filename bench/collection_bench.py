"""Biểu 03–15 of the demo province: the thirteen tables by commune, now and as of a past year's end.

    DEBUG=1 python -m bench.collection_bench

Runs against the database `make run` built (var/): the Huế demo province, every current commune; 2026
(the registry as it is now) and 2025 (as of 31/12/2025: status from the transitions, assessments by then).
Best of 3 runs after a warm-up, with the number of queries and the load average recorded. Results in
bench/results/collection-demo.json and .md. Nothing is written to the database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from giamngheo.geo.models import AdminUnit  # noqa: E402
from giamngheo.monitoring.collection import Window  # noqa: E402
from giamngheo.monitoring.collection_forms import COLLECTION_CODES, collect  # noqa: E402
from giamngheo.registry.models import Household  # noqa: E402

RESULTS = Path(__file__).parent / "results"
CASES = {
    "2026 (registry now)": (None, 2026),
    "2025 (as of 31/12/2025)": (dt.date(2025, 12, 31), 2025),
}


def run(province: AdminUnit, day: dt.date | None, year: int) -> tuple[float, int, int]:
    window = Window(province, day, dt.date(year, 1, 1), dt.date(year, 12, 31), f"Năm {year}")
    cache: dict[str, object] = {}
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        tables = [collect(code, window, year, cache) for code in COLLECTION_CODES]
        elapsed = time.perf_counter() - started
    return elapsed, len(queries), len(tables[0]["rows"])


def main() -> None:
    province = AdminUnit.objects.get(tree="current", level="province", code="46")
    households = Household.objects.filter(province=province).count()
    results = {}
    for label, (day, year) in CASES.items():
        runs = []
        for attempt in range(4):
            load = os.getloadavg()[0]
            elapsed, queries, rows = run(province, day, year)
            if attempt:  # the first run warms caches
                runs.append({"seconds": elapsed, "queries": queries, "rows": rows, "load_average_1min": load})
        best = min(runs, key=lambda item: item["seconds"])
        results[label] = {"best": best, "runs": runs}
    payload = {"province": province.name, "households": households, "database": connection.vendor, **results}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "collection-demo.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    lines = [
        "# Biểu 03–15 of the demo province",
        "",
        f"{province.name}, {households} households, {connection.vendor}; best of 3 after a warm-up.",
        "",
        "| case | seconds (13 tables) | queries | rows per table | load (1 min) |",
        "|---|---|---|---|---|",
    ]
    for label, result in results.items():
        best = result["best"]
        lines.append(
            f"| {label} | {best['seconds']:.2f} | {best['queries']} | {best['rows']} | "
            f"{best['load_average_1min']:.2f} |"
        )
    (RESULTS / "collection-demo.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
