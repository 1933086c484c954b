"""Time the jobs indicators and the training-needs table on a province, on the demo database, rolled back.

    DATABASE_URL=postgres://… python -m bench.jobs_indicators_bench [--runs 5]

Needs the demo registry and jobs year (`make setup-db`). Inside a transaction that is rolled back, every
working-age member of Huế's demo households without a labour survey gets one (35 % wanting training, with a
trade), so the register covers the whole province; then each jobs indicator for the province (year of today)
and `jobs.needs.needs_table` over its communes are timed, best of `--runs`. The machine's load average is
recorded next to the figures. Results: bench/results/jobs-indicators.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
INDICATORS = (
    "jobs_trained_rate", "jobs_certified_rate", "jobs_connections", "jobs_connections_poor_share",
    "jobs_placements_kept_6_months", "jobs_households_sustainable_job", "jobs_workers_abroad",
    "jobs_abroad_escape_rate", "jobs_events_held", "jobs_event_attendees", "jobs_event_attendees_poor_share",
    "jobs_event_referrals", "jobs_training_needs_met",
)  # fmt: skip


def _best(function: Any, runs: int) -> tuple[float, Any]:
    times, value = [], None
    for _ in range(runs):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return round(min(times) * 1000, 1), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from giamngheo.core.services import period_get_or_create
    from giamngheo.demo.jobs import TRADES
    from giamngheo.geo.models import AdminUnit, Level, Tree
    from giamngheo.jobs.models import LabourSurvey
    from giamngheo.jobs.needs import needs_table
    from giamngheo.jobs.selectors import working_age_q
    from giamngheo.monitoring.computations import compute
    from giamngheo.registry.models import Member

    rng = random.Random(12)
    today = timezone.localdate()
    hue = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code="46")
    communes = list(
        AdminUnit.objects.filter(province=hue, level=Level.COMMUNE, tree=Tree.CURRENT).values_list(
            "pk", flat=True
        )
    )
    period = period_get_or_create(year=today.year, kind="year", number=1)
    report: dict[str, Any] = {"database": connection.vendor, "python": platform.python_version()}
    with transaction.atomic():
        missing = (
            Member.objects.filter(
                working_age_q(today), household__province=hue, household__is_active=True, is_active=True
            )
            .exclude(pk__in=LabourSurvey.objects.values("member_id"))
            .values_list("pk", "household_id", "household__commune_id")
        )
        rows = []
        for member_id, household_id, commune_id in missing.iterator(chunk_size=5000):
            assert commune_id is not None
            training = rng.random() < 0.35
            rows.append(LabourSurvey(
                member_id=member_id, household_id=household_id, commune_id=commune_id, province_id=hue.pk,
                surveyed_on=today, employment="unemployed", qualification=rng.choice((0, 0, 0, 1, 2)),
                wants_training=training, training_trade=rng.choice(TRADES) if training else "",
                source="import",
            ))  # fmt: skip
        LabourSurvey.objects.bulk_create(rows, batch_size=5000)
        report["surveys"] = LabourSurvey.objects.filter(province=hue).count()
        report["communes"] = len(communes)
        report["loadavg_before"] = Path("/proc/loadavg").read_text().split()[:3]
        ms, table = _best(lambda: needs_table(communes, today.year), args.runs)
        report["needs_table"] = {"ms": ms, "rows": len(table)}
        report["indicators"] = {}
        for name in INDICATORS:
            ms, result = _best(lambda name=name: compute(name, hue, period, "all"), args.runs)
            report["indicators"][name] = {"ms": ms, "value": str(result.value)}
        report["loadavg_after"] = Path("/proc/loadavg").read_text().split()[:3]
        transaction.set_rollback(True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "jobs-indicators.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    lines = [
        "# Jobs indicators on the province (demo database)",
        "",
        f"Database {report['database']}; {report['surveys']} labour surveys in Huế, "
        f"{report['communes']} communes; "
        f"best of {args.runs}; load average {' '.join(report['loadavg_before'])} → "
        f"{' '.join(report['loadavg_after'])} (2 cores shared by other sessions: figures are upper bounds).",
        "",
        "| computation | ms | value |",
        "|---|---:|---|",
        f"| needs_table (all communes) | {report['needs_table']['ms']} | "
        f"{report['needs_table']['rows']} rows |",
    ]
    lines += [f"| {name} | {item['ms']} | {item['value']} |" for name, item in report["indicators"].items()]
    (RESULTS / "jobs-indicators.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
