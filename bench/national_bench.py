"""The nation on one box: a synthetic national registry as Parquet by province, classified one by one.

Usage: python -m bench.national_bench [--households 27000000] [--seed 5] [--folder var/national]
       [--keep] [--classify-only]

Generate: the 34 provinces and 3,321 communes of the `vietnam-provinces` package; each province gets a share
of the households (log-normal sizes, seeded) and a mix of three pools generated once by
`giamngheo.demo.synthetic` (a province's average, poor mountainous districts, urban wards; 100,000
households each), from which its households are drawn with replacement and given their own codes and
communes. Names and personal IDs are left out (the classification does not read them; they would only take
disk). Written as `province=<code>/households.parquet` and `members.parquet`.

Classify: a child process reads one province at a time, classifies it with the engine (`classify_frame`)
under 2022–2025 and aggregates by commune and by province, so memory is bounded by the largest province;
its peak RSS and the load average are recorded. Results go to bench/results/national-<households>.json and
.md; the Parquet folder is deleted at the end unless --keep.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).parent.parent
REFERENCE_DATE = dt.date(2025, 10, 1)
STANDARD = "2022-2025"
POOL_SIZE = 100_000
POOLS = ("province", "poor_mountainous_district", "urban_ward")
MEMORY_GOAL_GB = 8


def _provinces() -> dict[str, list[str]]:
    """Province code → its commune codes (two-level tree in force since 1 July 2025)."""
    from vietnam_provinces import Province, Ward

    communes: dict[str, list[str]] = {f"{province.code:02d}": [] for province in Province.iter_all()}
    for ward in Ward.iter_all():
        communes[f"{ward.province_code:02d}"].append(f"{ward.code:05d}")
    return communes


def _pools(folder: Path, seed: int) -> list[tuple[pl.DataFrame, pl.DataFrame]]:
    """The three generated pools, with a row index shared by households and members."""
    from giamngheo.demo.synthetic import generate

    pools = []
    for number, profile in enumerate(POOLS):
        households, members = generate(
            POOL_SIZE, seed=seed + number, poverty_profile=profile, code_prefix="P"
        )
        households = households.with_row_index("pool_row")
        members = members.drop("full_name", "personal_id").join(
            households.select("household_code", "pool_row"), on="household_code"
        )
        pools.append((households.drop("household_code"), members.drop("household_code")))
    del folder
    return pools


def generate_nation(households: int, seed: int, folder: Path) -> dict[str, Any]:
    """Write every province's households and members as Parquet; return counts, sizes and seconds."""
    started = time.perf_counter()
    communes = _provinces()
    rng = np.random.default_rng(seed)
    codes = sorted(communes)
    weights = rng.lognormal(0.0, 0.5, len(codes))
    sizes = np.floor(weights / weights.sum() * households).astype(int)
    mountainous = rng.uniform(0.0, 0.5, len(codes))
    urban = rng.uniform(0.05, 0.6, len(codes))
    pools = _pools(folder, seed)
    pool_seconds = time.perf_counter() - started
    members_total = 0
    for position, code in enumerate(codes):
        count = int(sizes[position])
        mix = np.array(
            [1 - mountainous[position] - urban[position] / 2, mountainous[position], urban[position] / 2]
        )
        pool_of = rng.choice(len(POOLS), size=count, p=mix / mix.sum())
        place = Path(folder) / f"province={code}"
        place.mkdir(parents=True, exist_ok=True)
        household_parts, member_parts = [], []
        serial = 0
        for pool_number, (pool_households, pool_members) in enumerate(pools):
            take = int((pool_of == pool_number).sum())
            drawn = pl.DataFrame(
                {
                    "pool_row": rng.integers(0, POOL_SIZE, take).astype(np.uint32),
                    "household_code": [f"{code}-{serial + index:08d}" for index in range(take)],
                    "commune_code": np.array(communes[code])[rng.integers(0, len(communes[code]), take)],
                }
            )
            serial += take
            household_parts.append(drawn.join(pool_households, on="pool_row", how="left").drop("pool_row"))
            member_parts.append(
                drawn.select("pool_row", "household_code").join(pool_members, on="pool_row").drop("pool_row")
            )
        frame = pl.concat(household_parts)
        people = pl.concat(member_parts)
        frame.write_parquet(place / "households.parquet")
        people.write_parquet(place / "members.parquet")
        members_total += people.height
        print(f"  {code}: {frame.height:,} households, {people.height:,} members", flush=True)
    size = sum(path.stat().st_size for path in Path(folder).rglob("*.parquet"))
    return {
        "households": int(sizes.sum()),
        "members": members_total,
        "provinces": len(codes),
        "communes": sum(len(items) for items in communes.values()),
        "parquet_gb": round(size / 1e9, 2),
        "pool_seconds": round(pool_seconds, 1),
        "generate_seconds": round(time.perf_counter() - started, 1),
    }


def classify_nation(folder: Path) -> dict[str, Any]:
    """In a child process: each province read, classified and aggregated by commune, one after another."""
    from giamngheo.standards.engine import classify_frame
    from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, MEMBER_SCHEMA
    from giamngheo.standards.loader import load_standard

    standard = load_standard(STANDARD)
    provinces: list[dict[str, Any]] = []
    communes: list[pl.DataFrame] = []
    started = time.perf_counter()
    load = os.getloadavg()[0]
    for place in sorted(Path(folder).glob("province=*")):
        code = place.name.removeprefix("province=")
        clock = time.perf_counter()
        households = pl.read_parquet(place / "households.parquet")
        members = pl.read_parquet(place / "members.parquet").with_columns(
            pl.lit(None, dtype=pl.String).alias("personal_id"),
            pl.lit(None, dtype=pl.String).alias("full_name"),
        )
        read = time.perf_counter() - clock
        result = classify_frame(
            standard,
            households.select(list(HOUSEHOLD_SCHEMA)),
            members.select(list(MEMBER_SCHEMA)),
            REFERENCE_DATE,
        )
        classified = households.select("commune_code").with_columns(
            result.get_column("category").fill_null("unknown")
        )
        by_commune = classified.group_by("commune_code").agg(
            pl.len().alias("households"),
            *((pl.col("category") == name).sum().alias(name) for name in ("poor", "near_poor", "average")),
        )
        communes.append(by_commune.with_columns(pl.lit(code).alias("province")))
        seconds = time.perf_counter() - clock
        provinces.append(
            {
                "province": code,
                "households": households.height,
                "members": members.height,
                "read_seconds": round(read, 2),
                "seconds": round(seconds, 2),
                "poor": int(by_commune.get_column("poor").sum()),
                "near_poor": int(by_commune.get_column("near_poor").sum()),
            }
        )
        del households, members, result, classified
    total = time.perf_counter() - started
    all_communes = pl.concat(communes)
    return {
        "provinces": provinces,
        "communes_with_households": all_communes.height,
        "seconds": round(total, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average_1min_before": round(load, 2),
        "load_average_1min_after": round(os.getloadavg()[0], 2),
        "poor": int(all_communes.get_column("poor").sum()),
        "near_poor": int(all_communes.get_column("near_poor").sum()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=27_000_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=ROOT / "var" / "national")
    parser.add_argument("--keep", action="store_true", help="keep the Parquet files")
    parser.add_argument("--classify-only", action="store_true", help="reuse the Parquet files of --folder")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(classify_nation(args.folder)))
        return
    if args.classify_only:
        generated = json.loads((args.folder / "generated.json").read_text())
    else:
        shutil.rmtree(args.folder, ignore_errors=True)
        args.folder.mkdir(parents=True)
        generated = generate_nation(args.households, args.seed, args.folder)
        (args.folder / "generated.json").write_text(json.dumps(generated))
    print(f"generated: {generated}", flush=True)
    child = subprocess.run(  # noqa: S603 — this interpreter, this module
        [sys.executable, "-m", "bench.national_bench", "--child", "--folder", str(args.folder)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        raise SystemExit(child.stderr[-4000:])
    classified = json.loads(child.stdout.strip().splitlines()[-1])
    if not args.keep:
        shutil.rmtree(args.folder, ignore_errors=True)
    report(args, generated, classified)


def report(args: argparse.Namespace, generated: dict[str, Any], classified: dict[str, Any]) -> None:
    households = generated["households"]
    seconds = classified["seconds"]
    rate = households / seconds
    at_27m = 27_000_000 / rate
    largest = max(classified["provinces"], key=lambda row: row["households"])
    summary = {
        "generated": generated,
        "classified": classified,
        "households_per_second": round(rate),
        "extrapolated_seconds_27m": round(at_27m, 1),
        "goal_seconds": 15 * 60,
        "stretch_seconds": 8 * 60,
        "memory_goal_gb": MEMORY_GOAL_GB,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, polars {pl.__version__}",
        "date": dt.datetime.now(tz=dt.UTC).date().isoformat(),
    }
    RESULTS.mkdir(exist_ok=True)
    name = f"national-{args.households}"
    (RESULTS / f"{name}.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    slowest = sorted(classified["provinces"], key=lambda row: -row["seconds"])[:5]
    lines = [
        f"# National benchmark: {households:,} households, {generated['members']:,} members",
        "",
        f"{summary['machine']}; shared machine, load average (1 min) "
        f"{classified['load_average_1min_before']} before and {classified['load_average_1min_after']} after.",
        f"{generated['provinces']} provinces, {generated['communes']:,} communes "
        f"({classified['communes_with_households']:,} with households); Parquet by province: "
        f"{generated['parquet_gb']} GB; standard {STANDARD}, reference date {REFERENCE_DATE.isoformat()}.",
        "",
        "| step | value |",
        "|---|---:|",
        f"| generate (3 pools of {POOL_SIZE:,}, then draw every province) | "
        f"{generated['generate_seconds']} s |",
        f"| classify + aggregate by commune, province by province | **{seconds} s** |",
        f"| households per second | {rate:,.0f} |",
        f"| at 27 M households (linear in households) | {at_27m:,.0f} s (goal 900 s, stretch 480 s) |",
        f"| peak RSS of the classifying process | **{classified['peak_rss_mb']:,} MB** (goal ≤ 8 GB) |",
        f"| largest province | {largest['households']:,} households, {largest['seconds']} s |",
        f"| poor / near-poor found | {classified['poor']:,} / {classified['near_poor']:,} |",
        "",
        "Slowest provinces: "
        + "; ".join(f"{row['province']}: {row['households']:,} hh, {row['seconds']} s" for row in slowest)
        + ".",
        "",
        "Memory is bounded by the largest province (one province's frames at a time), not by the nation.",
        "",
        f"Reproduce: `python -m bench.national_bench --households {args.households} --seed {args.seed}`.",
    ]
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
