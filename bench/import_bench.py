"""Benchmark the household import (read, validate, apply) on PostgreSQL against a plain COPY of the same rows.

Usage: python -m bench.import_bench [--households 100000] [--seed 7]
       [--database-url postgres://postgres@127.0.0.1:5432]

It generates a province with giamngheo.demo.synthetic, writes the import's two CSV files (Vietnamese headers),
creates a fresh database (schema and unit tree loaded by a child process of their own), imports the files in
a child process (so its peak memory is the import's own: Django, the code and the import),
then copies the rows the import wrote (households, members, survey rounds, member facts, assessments) out
and times a plain COPY of them back into the same, emptied tables.
Results go to bench/results/import-<households>.json and .md.
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
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl
from django.utils import timezone

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).parent.parent
REFERENCE_DATE = dt.date(2025, 10, 1)
TABLES = (
    "registry_household",
    "registry_member",
    "registry_surveyround",
    "registry_memberfacts",
    "registry_assessment",
)
BENCH_DATABASE = "giamngheo_bench_import"
HUE = "46"


def _environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",  # DEBUG would keep every query's text in memory
        "SECRET_KEY": "bench-only-not-secret",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


def write_files(households: int, seed: int, folder: Path, communes: list[str]) -> tuple[Path, Path, int, int]:
    """The import's CSV pair: interchange columns with their Vietnamese headers, plus «Mã xã»."""
    from giamngheo.demo.synthetic import generate
    from giamngheo.registry.imports.columns import HOUSEHOLD_EXTRA, MEMBER_EXTRA
    from giamngheo.standards.loader import load_column_labels

    frame, members = generate(households, seed=seed, code_prefix="B")
    # The generator's random serials can repeat a personal ID; a real file would not.
    members = members.with_columns(
        pl.when(pl.col("personal_id").is_first_distinct()).then(pl.col("personal_id")).alias("personal_id")
    )
    # The generator draws a birthday anywhere in the birth year; the import refuses one after the reference
    # date (validation's «birth_after_reference»): such a child is born on the reference date instead.
    members = members.with_columns(
        pl.when(pl.col("birth_date") > REFERENCE_DATE)
        .then(pl.lit(REFERENCE_DATE))
        .otherwise(pl.col("birth_date"))
        .alias("birth_date")
    )
    rng = np.random.default_rng(seed)
    frame = frame.with_columns(
        pl.Series("commune_code", np.array(communes)[rng.integers(0, len(communes), frame.height)])
    )
    labels = load_column_labels()

    def text(data: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
        columns = []
        for column, kind in data.schema.items():
            if column not in names:
                continue
            expression = pl.col(column)
            if kind == pl.Boolean:
                expression = pl.when(expression).then(pl.lit("Có")).when(~expression).then(pl.lit("Không"))
            columns.append(expression.cast(pl.String).alias(names[column]))
        return data.select(columns)

    household_names = {**labels["household"], **HOUSEHOLD_EXTRA}
    household_names.pop("area", None)  # taken from the commune's urban/rural attribute
    frame = frame.drop("area")
    member_names = {**labels["member"], **MEMBER_EXTRA}
    households_path, members_path = folder / "ho.csv", folder / "thanh-vien.csv"
    text(frame, household_names).write_csv(households_path)
    text(members.with_columns(pl.lit(False).alias("has_merit")), member_names).write_csv(members_path)
    return households_path, members_path, frame.height, members.height


def _peak_rss_kb() -> int:
    """This process's own peak RSS: VmHWM, which (unlike ru_maxrss) is not inherited across exec from the
    parent, which holds the generated province."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def prepare_database() -> None:
    """In a child process of its own: the schema and the unit tree (so the import's peak RSS is its own)."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_admin_units", verbosity=0)


def _load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def run_import(households_path: Path, members_path: Path) -> dict[str, object]:
    """In the child process: read, validate and apply the files as the background task does; time each.

    The peak RSS (VmHWM) is taken after each step: it only grows, so each is the peak up to that step."""
    import django

    django.setup()
    from giamngheo.accounts.models import User
    from giamngheo.geo.models import AdminUnit, Level, Tree
    from giamngheo.registry.assess import standard_for
    from giamngheo.registry.imports.apply import apply_plan
    from giamngheo.registry.imports.reader import read_upload
    from giamngheo.registry.imports.validate import validate_upload
    from giamngheo.registry.models import ImportBatch

    load = {"before": _load()}
    province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code=HUE)
    user = User.objects.create_user(username="bench", password=None)
    standard = standard_for(REFERENCE_DATE)
    batch = ImportBatch.objects.create(
        uploaded_by=user,
        scope=province,
        original_name=households_path.name,
        standard=standard.id,
        reference_date=REFERENCE_DATE,
    )
    rss_before = _peak_rss_kb()
    started = time.perf_counter()
    raw = read_upload(households_path, members_path, households_path.name)
    read = time.perf_counter()
    peaks = {"read": _peak_rss_kb()}
    plan = validate_upload(raw, scope=province, standard=standard, reference_date=REFERENCE_DATE)
    validated = time.perf_counter()
    peaks["validate"] = _peak_rss_kb()
    if plan.errors:
        raise SystemExit(f"{len(plan.errors)} errors, first: {plan.errors[:3]}")
    del raw  # as `import_apply` does: the uploaded text is not kept while applying
    counts = apply_plan(plan, batch=batch, standard=standard, actor=user)
    applied = time.perf_counter()
    peaks["apply"] = _peak_rss_kb()
    load["after"] = _load()
    return {
        "counts": counts,
        "seconds": {
            "read": round(read - started, 2),
            "validate": round(validated - read, 2),
            "apply": round(applied - validated, 2),
            "total": round(applied - started, 2),
        },
        "peak_rss_mb_before_import": round(rss_before / 1024),
        "peak_rss_mb": round(_peak_rss_kb() / 1024),
        "peak_rss_mb_by_step": {step: round(kb / 1024) for step, kb in peaks.items()},
        "load": load,
    }


def copy_reference(database_url: str) -> dict[str, object]:
    """Copy the imported rows out, empty the tables, and time a plain COPY of the same rows back in."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        data: dict[str, bytes] = {}
        rows: dict[str, int] = {}
        for table in TABLES:
            buffer = bytearray()
            with connection.cursor().copy(f"COPY {table} TO STDOUT") as copy:
                for block in copy:
                    buffer += block
            data[table] = bytes(buffer)
            rows[table] = buffer.count(b"\n")
        # The history tables refuse TRUNCATE by trigger; the bench's own database lifts that for the emptying
        # only (the timed COPY runs with every trigger and foreign key, as the import did).
        connection.execute("SET session_replication_role = replica")
        connection.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")  # other tables are empty here
        connection.execute("SET session_replication_role = origin")
        connection.commit()
        load = {"before": _load()}
        started = time.perf_counter()
        with connection.transaction():
            for table in TABLES:
                with connection.cursor().copy(f"COPY {table} FROM STDIN") as copy:
                    copy.write(data[table])
        seconds = time.perf_counter() - started
        load["after"] = _load()
    return {"rows": rows, "seconds": round(seconds, 2), "load": load}


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432", help="server, no database"
    )
    parser.add_argument(
        "--database", default=BENCH_DATABASE, help="name of the database created, filled and dropped"
    )
    parser.add_argument("--label", default="", help="saved with the results (e.g. before/after)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs=2, metavar=("HOUSEHOLDS_CSV", "MEMBERS_CSV"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        parser.error("--database: lower-case letters, digits and underscores only")
    if args.prepare:
        prepare_database()
        return
    if args.child:
        print(json.dumps(run_import(Path(args.child[0]), Path(args.child[1]))))
        return

    import django

    os.environ.update(_environment("sqlite://:memory:"))
    django.setup()
    communes = _hue_communes()
    url = args.database_url.rstrip("/")
    database_url = f"{url}/{args.database}"
    _admin(url, f"DROP DATABASE IF EXISTS {args.database}")
    _admin(url, f"CREATE DATABASE {args.database}")
    try:
        subprocess.run(
            [sys.executable, "-m", "bench.import_bench", "--prepare"],
            env=_environment(database_url),
            cwd=ROOT,
            check=True,
        )
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            households_path, members_path, households, members = write_files(
                args.households, args.seed, Path(folder), communes
            )
            took = time.perf_counter() - started
            print(f"wrote {households:,} households, {members:,} members in {took:.1f} s")
            child = subprocess.run(  # noqa: S603 — this interpreter, this module
                [
                    sys.executable,
                    "-m",
                    "bench.import_bench",
                    "--child",
                    str(households_path),
                    str(members_path),
                ],
                env=_environment(database_url),
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode:
                raise SystemExit(child.stderr[-4000:])
            imported = json.loads(child.stdout.strip().splitlines()[-1])
        reference = copy_reference(database_url)
    finally:
        _admin(url, f"DROP DATABASE IF EXISTS {args.database}")
    report(args, imported, reference)


def _hue_communes() -> list[str]:
    """Codes of the current communes of Huế, from the package the geography is loaded from."""
    from giamngheo.geo.sources import current_units

    return sorted(
        unit.code for unit in current_units() if unit.level == "commune" and unit.parent_code == HUE
    )


def report(args: argparse.Namespace, imported: dict[str, object], reference: dict[str, object]) -> None:
    rows = reference["rows"]
    assert isinstance(rows, dict)
    total_rows = sum(rows.values())
    seconds = imported["seconds"]
    assert isinstance(seconds, dict)
    import_rate = total_rows / seconds["total"]
    apply_rate = total_rows / seconds["apply"]
    copy_seconds = float(reference["seconds"])  # type: ignore[arg-type]
    copy_rate = total_rows / copy_seconds
    summary = {
        "label": args.label,
        "households": args.households,
        "seed": args.seed,
        "format": "csv (two files, Vietnamese headers)",
        "rows": rows,
        "rows_total": total_rows,
        "import_seconds": seconds,
        "import_rows_per_second": round(import_rate),
        "apply_rows_per_second": round(apply_rate),
        "copy_seconds": copy_seconds,
        "copy_rows_per_second": round(copy_rate),
        "ratio_import_to_copy": round(import_rate / copy_rate, 3),
        "ratio_apply_to_copy": round(apply_rate / copy_rate, 3),
        "peak_rss_mb": imported["peak_rss_mb"],
        "peak_rss_mb_before_import": imported["peak_rss_mb_before_import"],
        "peak_rss_mb_by_step": imported["peak_rss_mb_by_step"],
        "load_during_import": imported["load"],
        "load_during_copy": reference["load"],
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, polars {pl.__version__}",
        "date": timezone.localdate().isoformat(),
    }
    RESULTS.mkdir(exist_ok=True)
    name = f"import-{args.households}" + (f"-{args.label}" if args.label else "")
    (RESULTS / f"{name}.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    lines = [
        f"# Import benchmark: {args.households:,} households{f' ({args.label})' if args.label else ''}",
        "",
        f"{summary['machine']}; PostgreSQL, fresh database; CSV pair with Vietnamese headers.",
        "",
        "| rows | " + " | ".join(table.removeprefix("registry_") for table in rows) + " | total |",
        "|---|" + "---:|" * (len(rows) + 1),
        "| count | " + " | ".join(f"{count:,}" for count in rows.values()) + f" | {total_rows:,} |",
        "",
        "| step | seconds | rows/s | share of COPY |",
        "|---|---:|---:|---:|",
        f"| import: read | {seconds['read']} | | |",
        f"| import: validate | {seconds['validate']} | | |",
        f"| import: apply | {seconds['apply']} | {apply_rate:,.0f} | {apply_rate / copy_rate:.0%} |",
        f"| import: total (read + validate + apply) | {seconds['total']} | {import_rate:,.0f} | "
        f"{import_rate / copy_rate:.0%} |",
        f"| plain COPY of the same rows | {copy_seconds} | {copy_rate:,.0f} | 100% |",
        "",
        f"Peak memory of the import process (max RSS): {summary['peak_rss_mb']} MB "
        f"({summary['peak_rss_mb_before_import']} MB before the import started; peak up to each step: "
        + ", ".join(f"{step} {mb} MB" for step, mb in summary["peak_rss_mb_by_step"].items())
        + ").",
        "",
        f"Machine load (1, 5, 15 min) before/after the import: {imported['load']['before']} / "
        f"{imported['load']['after']}; before/after the COPY: {reference['load']['before']} / "
        f"{reference['load']['after']}.",
        "",
        f"Reproduce: `python -m bench.import_bench --households {args.households} --seed {args.seed}` "
        "(or `make bench-import`).",
    ]
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
