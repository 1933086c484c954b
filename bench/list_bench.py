"""The household list at a million households on PostgreSQL: count, first and deep pages, search, filters.

    python -m bench.list_bench [--households 1000000] [--database-url postgres://postgres@127.0.0.1:5432]

Creates a fresh database, migrates, loads the administrative units, writes the households (no members) with
a single COPY spread over Huế's 40 communes, ANALYZEs, then times the list page's queries for a provincial
officer (the whole province) and a commune officer, each as the median of 5 runs.
Results go to bench/results/list-<households>.json and .md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).parent.parent
DATABASE = "giamngheo_bench_list"
SURNAMES = ["nguyen", "tran", "le", "pham", "hoang", "ho", "kan", "bui", "dang", "vo", "phan", "truong", "pa"]
GIVEN = ["van", "thi", "huu", "duc", "minh", "thanh", "ngoc", "quang", "xuan", "kim"]
LAST = ["an", "binh", "chau", "dung", "hoa", "lan", "nam", "son", "tam", "vinh", "ha", "hung", "mai", "tu"]


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _fill(households: int) -> None:
    """In the child: migrate, load units, COPY the households, analyze."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from giamngheo.geo.models import AdminUnit

    call_command("migrate", verbosity=0)
    call_command("load_admin_units", verbosity=0)
    communes = list(
        AdminUnit.objects.filter(tree="current", level="commune", province__code="46").values_list(
            "id", "province_id", "code"
        )
    )
    rng = np.random.default_rng(3)
    picks = rng.integers(0, len(communes), households)
    statuses = rng.choice(["none", "poor", "near_poor"], households, p=[0.95, 0.025, 0.025])
    names = (
        np.array(SURNAMES)[rng.integers(0, len(SURNAMES), households)].astype(object)
        + " "
        + np.array(GIVEN)[rng.integers(0, len(GIVEN), households)].astype(object)
        + " "
        + np.array(LAST)[rng.integers(0, len(LAST), households)].astype(object)
    )
    buffer = io.StringIO()
    for index in range(households):
        commune_id, province_id, code = communes[picks[index]]
        buffer.write(
            f"{code}-{index:07d}\t{province_id}\t{commune_id}\t\\N\t\tpermanent\t2024-01-01\t{statuses[index]}"
            f"\t{names[index].title()}\t{names[index]}\tf\tf\t\t\\N\tt\t\\N\t\t1\tnow()\tnow()\n"
        )
    buffer.seek(0)
    columns = (
        "code, province_id, commune_id, village_id, address, residence, registered_on, status, head_name, "
        "search_name, is_ethnic_minority, has_merit_member, latest_category, latest_assessment_id, "
        "is_active, "
        "closed_on, closed_reason, version, created_at, updated_at"
    )
    with connection.cursor() as cursor:
        copy_sql = f"COPY registry_household ({columns}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:  # type: ignore[attr-defined]
            copy.write(buffer.getvalue().replace("now()", "2026-11-22 00:00:00+07"))
        cursor.execute("ANALYZE registry_household")


def _measure() -> dict[str, float]:
    import django

    django.setup()
    from giamngheo.accounts.models import AreaAssignment, User
    from giamngheo.geo.models import AdminUnit
    from giamngheo.registry.selectors import HouseholdFilter, household_page

    province = AdminUnit.objects.get(tree="current", level="province", code="46")
    commune = AdminUnit.objects.get(tree="current", level="commune", code="20056")
    officers = {}
    for name, role, unit in (("tinh", "province_officer", province), ("xa", "commune_officer", commune)):
        user, _ = User.objects.get_or_create(username=f"bench-{name}")
        AreaAssignment.objects.get_or_create(user=user, role=role, unit=unit)
        officers[name] = user

    def timed(function) -> float:
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            function()
            runs.append(time.perf_counter() - started)
        return round(statistics.median(runs) * 1000, 1)

    def page(user, filters: HouseholdFilter, number: int = 1):
        """What the list view does: a fresh page (its total, then its rows) on each run."""

        def run():
            shown = household_page(user, filters, number, per_page=50)
            return shown.paginator.count, list(shown)

        return run

    province_user, commune_user = officers["tinh"], officers["xa"]
    return {
        "province: first page with count (ms)": timed(page(province_user, HouseholdFilter())),
        "province: page 2,000 (ms)": timed(page(province_user, HouseholdFilter(), 2000)),
        "province: status = poor (ms)": timed(page(province_user, HouseholdFilter(status="poor"))),
        "province: search 'nguyen van an' (ms)": timed(
            page(province_user, HouseholdFilter(search="nguyen van an"))
        ),
        "province: household code (ms)": timed(page(province_user, HouseholdFilter(search="20056-0000056"))),
        "commune: first page with count (ms)": timed(page(commune_user, HouseholdFilter())),
        "commune: search 'ho thi' (ms)": timed(page(commune_user, HouseholdFilter(search="ho thi"))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--child", choices=["fill", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "fill":
        _fill(args.households)
        return
    if args.child == "measure":
        print(json.dumps(_measure()))
        return
    url = f"{args.database_url}/{DATABASE}"
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    _admin(args.database_url, f"DROP DATABASE IF EXISTS {DATABASE}")
    _admin(args.database_url, f"CREATE DATABASE {DATABASE}")
    try:
        command = [sys.executable, "-m", "bench.list_bench", "--households", str(args.households)]
        started = time.perf_counter()
        subprocess.run([*command, "--child", "fill"], env=environment, cwd=ROOT, check=True)  # noqa: S603
        filled = time.perf_counter() - started
        output = subprocess.run(  # noqa: S603
            [*command, "--child", "measure"],
            env=environment,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        timings = json.loads(output.strip().splitlines()[-1])
    finally:
        _admin(args.database_url, f"DROP DATABASE IF EXISTS {DATABASE}")
    result = {"households": args.households, "fill_seconds": round(filled, 1), "median_ms": timings}
    print(json.dumps(result, indent=2, ensure_ascii=False))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"list-{args.households}.json").write_text(
        json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    lines = [
        f"# Household list at {args.households:,} households (PostgreSQL, median of 5)",
        "",
        "| query | ms |",
        "|---|---:|",
        *(f"| {key} | {value} |" for key, value in timings.items()),
    ]
    (RESULTS / f"list-{args.households}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
