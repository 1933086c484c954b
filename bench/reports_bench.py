"""The campaign and monitoring reports of a province at a million households: before and after, side by side.

    python -m bench.scale_data                    # once: the demo grown to 1M households (PostgreSQL)
    python -m bench.reports_bench [--database giamngheo_bench_scale] [--runs 3] [--before-timeout 400]

Times, for the province (Huế, all its households) and for one commune (A Lưới 1):
- the campaign report (`reviews.reports.campaign_report`, the grouped SQL of `reviews.report_sql`) against
  the ORM version it replaced (`tests/reviews/reference_report.py`, a correlated subquery per household);
- the monitoring report's figures (`monitoring.content.report_figures`) of the reporting round with a plan
  (an ended period, so registry figures are read as of its last day), against the per-indicator path
  (the same computations outside `shared_figures`: one query, or more, per indicator).
Each is the best of `--runs` (the "before" paths run once, under a statement timeout), with its query
count and the load average before and after. Results: bench/results/reports-<households>.json and .md.
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


def _loadavg() -> list[float]:
    return [float(part) for part in Path("/proc/loadavg").read_text().split()[:3]]


def _timed(function: Callable[[], Any], times: int) -> dict[str, Any]:
    """Best time of `times` runs and the queries of one; a statement timeout ends a slow path."""
    from django.db import connection
    from django.db.utils import OperationalError
    from django.test.utils import CaptureQueriesContext

    best, queries = float("inf"), 0
    for _ in range(times):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            try:
                function()
            except OperationalError as error:
                connection.close()
                return {"seconds": None, "queries": None, "note": f"stopped: {str(error).splitlines()[0]}"}
            elapsed = time.perf_counter() - started
        best, queries = min(best, elapsed), len(captured.captured_queries)
    return {"seconds": round(best, 3), "queries": queries}


def _with_timeout(function: Callable[[], Any], seconds: int) -> Callable[[], Any]:
    from django.db import connection

    def run() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {seconds * 1000}")
        try:
            return function()
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")

    return run


def _per_indicator(report: Any) -> Callable[[], Any]:
    """The report's figures with every indicator computed alone, as before `shared_figures`."""
    from giamngheo.monitoring import computations, content, selectors

    def no_sharing(key: Any, make: Callable[[], Any]) -> Any:
        return make()

    def run() -> Any:
        kept = computations.shared, selectors.shared
        computations.shared = selectors.shared = no_sharing  # type: ignore[assignment]
        try:
            return content.report_content(report)
        finally:
            computations.shared, selectors.shared = kept  # type: ignore[assignment]

    return run


def _measure(runs: int, before_timeout: int) -> dict[str, Any]:
    """In the child: every report, new path and old path."""
    import django

    django.setup()
    from giamngheo.accounts.models import User
    from giamngheo.geo.models import AdminUnit
    from giamngheo.monitoring import content
    from giamngheo.monitoring.models import Report
    from giamngheo.registry.models import Household
    from giamngheo.reviews.models import Campaign
    from giamngheo.reviews.reports import campaign_report
    from tests.reviews.reference_report import reference_campaign_report

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
        new = _timed(lambda u=unit: campaign_report(officer, campaign, u), runs)
        reference = _with_timeout(
            lambda u=unit: reference_campaign_report(officer, campaign, u), before_timeout
        )
        results[f"campaign report, {label}: after"] = new
        results[f"campaign report, {label}: before"] = _timed(reference, 1)
    for label, report in (("province", province_report), ("commune", commune_report)):
        results[f"monitoring report, {label}: after"] = _timed(
            lambda r=report: content.report_content(r), runs
        )
        results[f"monitoring report, {label}: before"] = _timed(
            _with_timeout(_per_indicator(report), before_timeout), 1
        )
    return results


def _markdown(result: dict[str, Any]) -> str:
    lines = [
        f"# Campaign and monitoring reports at {result['households']:,} households (PostgreSQL)",
        "",
        f"Date {result['date']}; load average before {result['load before']}, after {result['load after']} "
        "(2 cores shared with other sessions: times are inflated by the load; compare the ratios).",
        "",
        "| report | before s | before queries | after s | after queries | speed-up |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in ("campaign report, province", "campaign report, commune", "monitoring report, province",
                 "monitoring report, commune"):  # fmt: skip
        before, after = result[f"{name}: before"], result[f"{name}: after"]
        ratio = (
            f"{before['seconds'] / after['seconds']:.1f}×"
            if before.get("seconds") and after.get("seconds")
            else before.get("note", "")
        )
        lines.append(
            f"| {name} | {before.get('seconds')} | {before.get('queries')} | {after['seconds']} | "
            f"{after['queries']} | {ratio} |"
        )
    return "\n".join([*lines, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="giamngheo_bench_scale")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before-timeout", type=int, default=400)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.runs, args.before_timeout)))
        return
    environment = dict(os.environ)
    environment.update(
        DATABASE_URL=f"{args.database_url}/{args.database}",
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONPATH=str(ROOT),
    )
    before = _loadavg()
    output = subprocess.run(  # noqa: S603 — our own command line
        [sys.executable, "-m", "bench.reports_bench", "--child", "--runs", str(args.runs),
         "--before-timeout", str(args.before_timeout)],
        cwd=ROOT, env=environment, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    result = json.loads(output.strip().splitlines()[-1])
    result.update(date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), load_before=before)
    result["load before"], result["load after"] = result.pop("load_before"), _loadavg()
    RESULTS.mkdir(exist_ok=True)
    name = f"reports-{round(result['households'], -5)}"
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{name}.md").write_text(_markdown(result))
    print(_markdown(result))


if __name__ == "__main__":
    main()
