"""Time of the activity indicators and list selectors at a province's scale, on synthetic rows, rolled back.

    DATABASE_URL=postgres://…/db python -m bench.activities_bench [--communes 100] [--runs 5] [--label x]

Needs a database with the administrative units loaded (`manage.py load_admin_units`). Inside a transaction
that is rolled back, it writes for Huế's first N current communes: 40 communication events each, 12 officers
each with one attendance of a provincial course, 5 inspections each with 4 recommendations and 2 follow-ups
each, 10 donations each. Then it times (best of `runs`) every activity computation for the province and for
one commune, and the province officer's first list page of each register (query count too). Results go to
bench/results/activities-<label>.json and .md with the machine load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"


class _Counter:
    def __init__(self) -> None:
        self.queries = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        self.queries += 1
        return execute(sql, params, many, context)


def _best(function: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def _populate(province: Any, communes: list[Any], year: int) -> dict[str, int]:
    from giamngheo.activities import models as m

    events, officers, inspections, donations = [], [], [], []
    for index, commune in enumerate(communes):
        place = {"province": province, "commune": commune}
        events += [
            m.CommunicationItem(
                **place, kind="dialogue", title=f"Đối thoại {index}-{n}",
                held_on=dt.date(year, 1 + n % 12, 2), cost_local=Decimal("1.5"), reach=100 + n, reach_poor=20,
            )
            for n in range(40)
        ]  # fmt: skip
        officers += [m.Officer(**place, full_name=f"Cán bộ {index}-{n}") for n in range(12)]
        inspections += [
            m.Inspection(
                **place, kind="planned", method="inspection", title=f"Kiểm tra {index}-{n}", body="Đoàn tỉnh",
                starts_on=dt.date(year, 1 + n, 10), ends_on=dt.date(year, 1 + n, 12),
            )
            for n in range(5)
        ]  # fmt: skip
        donations += [
            m.Donation(
                **place, donor=f"Nhà hảo tâm {n}", donated_on=dt.date(year, 10, 17), amount=1_000_000 + n
            )
            for n in range(10)
        ]
    m.CommunicationItem.objects.bulk_create(events, batch_size=2000)
    m.Officer.objects.bulk_create(officers, batch_size=2000)
    m.Inspection.objects.bulk_create(inspections, batch_size=2000)
    m.Donation.objects.bulk_create(donations, batch_size=2000)
    course = m.OfficerCourse.objects.create(
        province=province, title="Bồi dưỡng", starts_on=dt.date(year, 5, 1), ends_on=dt.date(year, 5, 3),
        organiser="Sở", level="province",
    )  # fmt: skip
    officer_rows = list(m.Officer.objects.filter(province=province))
    m.Attendance.objects.bulk_create(
        [
            m.Attendance(course=course, officer=o, attended=True, completed=i % 3 != 0)
            for i, o in enumerate(officer_rows)
        ],
        batch_size=2000,
    )
    recommendations = [
        m.Recommendation(inspection=inspection, number=n, content="Kiến nghị", due_on=dt.date(year, 9, 30))
        for inspection in m.Inspection.objects.filter(province=province)
        for n in range(1, 5)
    ]
    m.Recommendation.objects.bulk_create(recommendations, batch_size=2000)
    m.FollowUp.objects.bulk_create(
        [
            m.FollowUp(recommendation=r, on=dt.date(year, 10, day), action="Đã làm", new_status=status)
            for r in m.Recommendation.objects.filter(inspection__province=province)
            for day, status in ((1, "in_progress"), (20, "done" if r.number % 2 else "in_progress"))
        ],
        batch_size=2000,
    )
    return {
        "events": len(events), "officers": len(officers), "inspections": len(inspections),
        "recommendations": len(recommendations), "donations": len(donations),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", default="current")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from giamngheo.accounts.models import AreaAssignment, User
    from giamngheo.activities.registers import REGISTERS
    from giamngheo.core.services import period_get_or_create
    from giamngheo.geo.models import AdminUnit, Level, Tree
    from giamngheo.monitoring.computations import COMPUTATIONS, compute

    names = sorted(name for name in COMPUTATIONS if name.startswith("activities_"))
    result: dict[str, Any] = {
        "load": Path("/proc/loadavg").read_text().split()[:3],
        "vendor": connection.vendor,
    }
    with transaction.atomic():
        province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code="46")
        communes = list(
            AdminUnit.objects.filter(tree=Tree.CURRENT, level=Level.COMMUNE, province=province).order_by(
                "code"
            )
        )[: args.communes]
        year = 2026
        started = time.perf_counter()
        result["communes"] = len(communes)
        result["rows"] = _populate(province, communes, year)
        result["populate_seconds"] = round(time.perf_counter() - started, 2)
        period = period_get_or_create(year=year, kind="year", number=1)
        result["computations_ms"] = {
            name: {
                "province": round(
                    1000 * _best(lambda n=name: compute(n, province, period, "all"), args.runs), 1
                ),
                "commune": round(
                    1000 * _best(lambda n=name: compute(n, communes[0], period, "all"), args.runs), 1
                ),
            }
            for name in names
        }
        user = User.objects.create_user(username="bench_tinh", password="x")  # noqa: S106 — rolled back
        AreaAssignment.objects.create(user=user, role="province_officer", unit=province)
        lists: dict[str, Any] = {}
        for key, register in REGISTERS.items():
            counter = _Counter()
            with connection.execute_wrapper(counter):
                seconds = _best(lambda r=register: list(r.rows(user)[:500]), args.runs)
            lists[key] = {"ms": round(1000 * seconds, 1), "queries_per_run": counter.queries // args.runs}
        result["list_pages_500_rows"] = lists
        transaction.set_rollback(True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"activities-{args.label}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    lines = [
        f"# Activity registers at {result['communes']} communes ({result['vendor']}, load {result['load']})",
        "",
    ]
    lines += [f"rows: {result['rows']}", "", "| computation | province ms | commune ms |", "|---|---|---|"]
    lines += [f"| {n} | {v['province']} | {v['commune']} |" for n, v in result["computations_ms"].items()]
    lines += ["", "| register list (500 rows) | ms | queries |", "|---|---|---|"]
    lines += [f"| {k} | {v['ms']} | {v['queries_per_run']} |" for k, v in lists.items()]
    (RESULTS / f"activities-{args.label}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
