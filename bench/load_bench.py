"""Load test with locust on a million households: 100 officers reading, then a stress run without think time.

    python -m bench.scale_data                       # once: the demo grown to 1M households (PostgreSQL)
    python -m bench.load_bench [--database giamngheo_bench_scale] [--users 100] [--seconds 180]
                               [--stress 4,8,16,32] [--stage-seconds 40] [--workers 2] [--threads 4]

Starts the app as `make serve-app` does (gunicorn with config/gunicorn_settings.py, DEBUG off, static files
collected, a fresh secret key) on 127.0.0.1 only, against the bench database. The task worker is not started
(no journey queues a task). Then runs bench/locust/locustfile.py headless, bounded in time:

(a) `--users` officers (4 commune officers for 1 provincial one, plus one officer opening the province's and
    the commune's reports every 20–40 s), each reading a page for 5–15 s before the next request, logging
    in at `--spawn-rate` per second; statistics from the moment all are logged in;
(b) stress stages with no think time (`--stress` users each, `--stage-seconds` long, without the report
    reader) to find the throughput at which p95 crosses 1 s.

Records p50/p95/p99 and errors per page, requests per second, the server and its workers, and the load
average before, during (every 10 s) and after each run. Results: bench/results/load-<households>.json, .md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
RESULTS = Path(__file__).parent / "results"
PORT = 8392
HOST = f"http://127.0.0.1:{PORT}"
GOAL_FAST = ("household list", "household search", "household page")


def _config() -> dict[str, Any]:
    """In the child: the accounts, ids and samples the journeys use."""
    import django

    django.setup()
    from giamngheo.demo.accounts import DEMO_PASSWORD
    from giamngheo.geo.models import AdminUnit
    from giamngheo.monitoring.models import Report
    from giamngheo.programs.models import Plan
    from giamngheo.registry.models import Household
    from giamngheo.reviews.models import Campaign

    hue = AdminUnit.objects.get(tree="current", level="province", code="46")
    commune = AdminUnit.objects.get(tree="current", level="commune", name="Xã A Lưới 1", province=hue)
    reports = Report.objects.filter(round__plan__isnull=False, round__province=hue).order_by("-round_id")

    def sample(**filters: Any) -> list[int]:
        return list(
            Household.objects.filter(is_active=True, **filters)
            .order_by("?")
            .values_list("pk", flat=True)[:400]
        )

    return {
        "password": DEMO_PASSWORD,
        "commune_user": "xa.aluoi1",
        "province_user": "tinh.hue",
        "campaign": Campaign.objects.filter(province=hue).latest("pk").pk,
        "plan": Plan.objects.get(number="121/KH-UBND").pk,
        "province": hue.pk,
        "commune": commune.pk,
        "commune_report": reports.filter(commune=commune).first().pk,  # type: ignore[union-attr]
        "province_report": reports.filter(commune__isnull=True, agency__isnull=True).first().pk,  # type: ignore[union-attr]
        "commune_households": sample(commune=commune),
        "province_households": sample(province=hue),
        "households": Household.objects.filter(province=hue).count(),
    }


def _loadavg() -> list[float]:
    return [float(part) for part in Path("/proc/loadavg").read_text().split()[:3]]


def _environment(database_url: str) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECURE_HTTPS="0",
        SECRET_KEY=secrets.token_urlsafe(40),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return environment


def _server(environment: dict[str, str], workers: int, threads: int) -> subprocess.Popen[bytes]:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application", "-c", "config/gunicorn_settings.py",
        "--bind", f"127.0.0.1:{PORT}", "--workers", str(workers), "--threads", str(threads),
        "--access-logfile", "/dev/null",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=environment)  # noqa: S603 — our own command line
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{HOST}/healthz", timeout=5) as response:  # noqa: S310 — 127.0.0.1
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(1)
    process.terminate()
    raise RuntimeError("the server did not start")


def _locust(
    config: dict[str, Any], users: int, seconds: int, think: str, classes: list[str], spawn_rate: float
) -> dict[str, Any]:
    """One headless locust run; its per-page statistics and the load average sampled while it ran.

    Officers log in while they are spawned (a password hash each); the statistics are reset once all are
    running (`--reset-stats`), so they describe the steady state: `seconds` of it, after the ramp.
    """
    samples: list[list[float]] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(10):
            samples.append(_loadavg())

    environment = dict(os.environ, LOAD_CONFIG=json.dumps(config), LOAD_THINK=think)
    ramp = int(users / spawn_rate) + 1
    before = _loadavg()
    sampler = threading.Thread(target=sample)
    sampler.start()
    with tempfile.TemporaryDirectory() as folder:
        prefix = str(Path(folder) / "run")
        subprocess.run(  # noqa: S603 — our own command line
            [
                sys.executable, "-m", "locust", "-f", "bench/locust/locustfile.py", "--headless",
                "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", f"{ramp + seconds}s",
                "--reset-stats",
                "--host", HOST, "--csv", prefix, "--only-summary", "--stop-timeout", "30",
                "--loglevel", "WARNING", *classes,
            ],
            cwd=ROOT, env=environment, check=False,
        )  # fmt: skip
        with Path(f"{prefix}_stats.csv").open(newline="") as handle:
            rows = list(csv.DictReader(handle))
    done.set()
    sampler.join()

    def number(text: str) -> float:
        return float(text) if text not in ("", "N/A") else 0.0

    pages = {}
    for row in rows:
        if not int(row["Request Count"]):
            continue  # a page only asked before the statistics were reset (the login)
        pages[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50 (ms)": number(row["50%"]),
            "p95 (ms)": number(row["95%"]),
            "p99 (ms)": number(row["99%"]),
            "requests/s": round(number(row["Requests/s"]), 2),
        }
    return {
        "users": users,
        "seconds": seconds,
        "think time (s)": think,
        "pages": pages,
        "load before": before,
        "load during (1-min avg, every 10 s)": [round(s[0], 2) for s in samples],
        "load during, median": round(statistics.median(s[0] for s in samples), 2) if samples else None,
        "load after": _loadavg(),
    }


def _markdown(result: dict[str, Any]) -> str:
    lines = [
        f"# Load test at {result['households']:,} households (locust, PostgreSQL, 127.0.0.1)",
        "",
        f"Server: {result['server']}. Machine: {result['machine']}. Date: {result['date']}.",
        "",
        "## (a) Officers reading: "
        f"{result['mixed']['users']} users, think time {result['mixed']['think time (s)']} s, "
        f"{result['mixed']['seconds']} s",
        "",
        f"Load average before {result['mixed']['load before']}, during (median of the 1-minute average) "
        f"{result['mixed']['load during, median']}, after {result['mixed']['load after']}.",
        "",
        "| page | requests | failures | p50 ms | p95 ms | p99 ms | goal |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, page in sorted(result["mixed"]["pages"].items()):
        goal = "≤ 300 ms, 0 errors" if name in GOAL_FAST else ("" if name == "Aggregated" else "≤ 1 s")
        lines.append(
            f"| {name} | {page['requests']} | {page['failures']} | {page['p50 (ms)']:.0f} | "
            f"{page['p95 (ms)']:.0f} | {page['p99 (ms)']:.0f} | {goal} |"
        )
    lines += [
        "",
        "## (b) Stress: no think time, without the report reader",
        "",
        "| users | requests/s | p50 ms | p95 ms | failures | load during (median) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for stage in result["stress"]:
        total = stage["pages"].get("Aggregated", {})
        lines.append(
            f"| {stage['users']} | {total.get('requests/s', 0)} | {total.get('p50 (ms)', 0):.0f} | "
            f"{total.get('p95 (ms)', 0):.0f} | {total.get('failures', 0)} | {stage['load during, median']} |"
        )
    lines += ["", f"p95 crosses 1 s: {result['p95 crosses 1 s']}", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="giamngheo_bench_scale")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--stress", default="4,8,16,32")
    parser.add_argument("--stage-seconds", type=int, default=40)
    parser.add_argument("--spawn-rate", type=float, default=1, help="officers logging in per second")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_config()))
        return
    environment = _environment(f"{args.database_url}/{args.database}")
    config = json.loads(
        subprocess.run(
            [sys.executable, "-m", "bench.load_bench", "--child"],
            cwd=ROOT,
            env=environment,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    server = _server(environment, args.workers, args.threads)
    try:
        mixed = _locust(config, args.users, args.seconds, "5-15", [], args.spawn_rate)
        stress = []
        crossed = "not reached"
        for users in (int(part) for part in args.stress.split(",") if part):
            stage = _locust(
                config, users, args.stage_seconds, "0", ["CommuneOfficer", "ProvinceOfficer"], users
            )
            stress.append(stage)
            total = stage["pages"].get("Aggregated", {})
            if total.get("p95 (ms)", 0) > 1000:
                crossed = (
                    f"between {stress[-2]['users'] if len(stress) > 1 else 0} and {users} users, at about "
                )
                crossed += f"{total.get('requests/s')} requests/s"
                break
    finally:
        server.terminate()
        server.wait(timeout=60)
    result = {
        "households": config["households"],
        "server": f"gunicorn gthread, {args.workers} workers × {args.threads} threads, DEBUG off",
        "machine": f"{os.cpu_count()} cores shared with other sessions",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "mixed": mixed,
        "stress": stress,
        "p95 crosses 1 s": crossed,
    }
    RESULTS.mkdir(exist_ok=True)
    name = f"load-{round(config['households'], -5)}"
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{name}.md").write_text(_markdown(result))
    print(_markdown(result))


if __name__ == "__main__":
    main()
