"""The campaign and monitoring reports of a province at a million households: two code trees side by side.

    python -m bench.scale_data                    # once: the demo grown to 1M households (PostgreSQL)
    git archive main | tar -x -C /tmp/before      # the code to compare with (a tree with giamngheo/)
    python -m bench.reports_bench --before-tree /tmp/before [--database giamngheo_bench_scale] [--runs 5]
                                  [--before-label TEXT] [--after-label TEXT]   # what each tree is, in the .md

Times, for the province (Huế, all its households) and for one commune (A Lưới 1), of the campaign report
(`reviews.reports.campaign_report`) and of the monitoring report's figures
(`monitoring.content.report_content`, of the reporting round with a plan, running period), once with the
code of `--before-tree` and once with this tree (the labels say what each is; by default docs/adr/1502,
rewritten queries over the registry, against docs/adr/1504, counts kept by triggers).
Each contender runs in its own process on the same database, alternately, `--runs` times; the best time
of each is kept with its query count, and the load average is recorded before and after. This tree also
times the campaign report after 1,000 households were noted as changed (the refresh it then makes) and the
`rebuild_report_counts` command. Results: bench/results/reports-<households>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
RESULTS = Path(__file__).parent / "results"
REPORTS = ("campaign report, province", "campaign report, commune", "monitoring report, province",
           "monitoring report, commune")  # fmt: skip


def _loadavg() -> list[float]:
    return [float(part) for part in Path("/proc/loadavg").read_text().split()[:3]]


def _timed(function: Callable[[], Any], times: int = 2) -> dict[str, Any]:
    """Best time of `times` runs in this process (the first one warms its caches) and its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best: dict[str, Any] = {"seconds": float("inf")}
    for _ in range(times):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            elapsed = time.perf_counter() - started
        if elapsed < best["seconds"]:
            best = {"seconds": round(elapsed, 3), "queries": len(captured.captured_queries)}
    return best


def _changed_then_report(officer: Any, campaign: Any, unit: Any) -> dict[str, Any]:
    """The campaign report after 1,000 random households were noted as changed (rolled back after)."""
    from django.db import connection, transaction

    from giamngheo.reviews.reports import campaign_report

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO reviews_householdchanged (household_id) "
                "SELECT id FROM registry_household ORDER BY random() LIMIT 1000"
            )
        result = _timed(lambda: campaign_report(officer, campaign, unit), times=1)
        transaction.set_rollback(True)
    return result


def _measure(extra: bool) -> dict[str, Any]:
    """In the child: one run of every report with the code on the path."""
    import django

    django.setup()
    from giamngheo.accounts.models import User
    from giamngheo.geo.models import AdminUnit
    from giamngheo.monitoring import content
    from giamngheo.monitoring.models import Report
    from giamngheo.registry.models import Household
    from giamngheo.reviews.models import Campaign
    from giamngheo.reviews.reports import campaign_report

    officer = User.objects.get(username="tinh.hue")
    hue = AdminUnit.objects.get(tree="current", level="province", code="46")
    commune = AdminUnit.objects.get(tree="current", level="commune", name="Xã A Lưới 1", province=hue)
    campaign = Campaign.objects.filter(province=hue).latest("pk")
    reports = Report.objects.filter(round__plan__isnull=False, round__province=hue).select_related(
        "round__period", "round__plan", "unit"
    )
    province_report = reports.filter(commune__isnull=True, agency__isnull=True).order_by("-round_id").first()
    commune_report = reports.filter(commune=commune).order_by("-round_id").first()
    assert province_report is not None and commune_report is not None

    results: dict[str, Any] = {"households": Household.objects.filter(province=hue).count()}
    for label, unit in (("province", hue), ("commune", commune)):
        results[f"campaign report, {label}"] = _timed(lambda u=unit: campaign_report(officer, campaign, u))
    for label, report in (("province", province_report), ("commune", commune_report)):
        results[f"monitoring report, {label}"] = _timed(lambda r=report: content.report_content(r))
    if extra:
        results["campaign report, province, 1,000 households changed"] = _changed_then_report(
            officer, campaign, hue
        )
    return results


def _child(tree: Path, database: str, extra: bool) -> dict[str, Any]:
    environment = dict(os.environ)
    environment.update(
        DATABASE_URL=database, DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings", PYTHONPATH=str(tree)
    )
    command = [sys.executable, str(Path(__file__).resolve()), "--child"] + (["--extra"] if extra else [])
    output = subprocess.run(  # noqa: S603 — our own command line
        command, cwd=tree, env=environment, check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def _rebuild_seconds(database: str) -> float:
    environment = dict(os.environ)
    environment.update(
        DATABASE_URL=database, DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings", PYTHONPATH=str(ROOT)
    )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "rebuild_report_counts", "--verbosity", "0"],
        cwd=ROOT, env=environment, check=True,
    )  # fmt: skip
    return round(time.perf_counter() - started, 1)


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    names = [name for name in runs[0] if name != "households"]
    return {name: min((run[name] for run in runs), key=lambda item: item["seconds"]) for name in names}


def _markdown(result: dict[str, Any]) -> str:
    before, after = result["before"], result["after"]
    lines = [
        f"# Campaign and monitoring reports at {result['households']:,} households (PostgreSQL)",
        "",
        f"Date {result['date']}; load average before {result['load before']}, after {result['load after']} "
        "(2 cores shared with other sessions: times are inflated by the load; compare the ratios). Best of "
        f"{result['runs']} alternate runs of each contender. Before: {result['before label']}; after: "
        f"{result['after label']}. Monitoring report: the reporting round of the current half-year "
        "(a running period).",
        "",
        "| report | before s | before queries | after s | after queries | speed-up |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in REPORTS:
        old, new = before[name], after[name]
        ratio = f"{old['seconds'] / new['seconds']:.0f}×" if new["seconds"] else ""
        times = f"{old['seconds']} | {old['queries']} | {new['seconds']} | {new['queries']}"
        lines.append(f"| {name} | {times} | {ratio} |")
    changed = after["campaign report, province, 1,000 households changed"]
    lines += [
        "",
        f"After 1,000 households were noted as changed, the province campaign report (refresh included): "
        f"{changed['seconds']} s, {changed['queries']} queries. `rebuild_report_counts` (every household "
        f"count and every campaign's facts, whole): {result['rebuild (s)']} s.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="giamngheo_bench_scale")
    parser.add_argument("--before-tree", type=Path, required="--child" not in sys.argv)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--before-label", default="rewritten queries over the registry (docs/adr/1502, the main branch)"
    )
    parser.add_argument("--after-label", default="counts kept up to date by triggers (docs/adr/1504)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--extra", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.extra)))
        return
    database = f"{args.database_url}/{args.database}"
    load_before = _loadavg()
    rebuild = _rebuild_seconds(database)
    before_runs, after_runs = [], []
    for _ in range(args.runs):
        before_runs.append(_child(args.before_tree, database, extra=False))
        after_runs.append(_child(ROOT, database, extra=True))
    result = {
        "households": after_runs[0]["households"],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "runs": args.runs,
        "rebuild (s)": rebuild,
        "before label": args.before_label,
        "after label": args.after_label,
        "before": _best(before_runs),
        "after": _best(after_runs),
        "load before": load_before,
        "load after": _loadavg(),
    }
    RESULTS.mkdir(exist_ok=True)
    name = f"reports-{round(result['households'], -5)}"
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{name}.md").write_text(_markdown(result))
    print(_markdown(result))


if __name__ == "__main__":
    main()
