"""Export benchmark: households, members and assessments of a whole province to XLSX and CSV.

Run against the demo database (`make setup-db` first) or any DATABASE_URL:

    DEBUG=1 .venv/bin/python -m bench.export_bench

It measures rows per second and the peak Python memory (tracemalloc) for the whole province and for one
commune: constant-memory streaming shows as a peak that does not grow with the number of rows.
"""

from __future__ import annotations

import json
import os
import time
import tracemalloc
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
django.setup()

from giamngheo.accounts.models import User  # noqa: E402
from giamngheo.core.exports import csv_response, xlsx_workbook_response  # noqa: E402
from giamngheo.registry.exports import MEMBER_HEADER, ExportRequest, export_sheets, member_rows  # noqa: E402
from giamngheo.registry.selectors import HouseholdFilter  # noqa: E402

RESULTS = Path(__file__).parent / "results"
KINDS = ("households", "members", "assessments")


class Counted:
    """Wraps a sheet's rows to count them as they are written."""

    def __init__(self, rows: Any):
        self.rows, self.count = rows, 0

    def __iter__(self) -> Any:
        for row in self.rows:
            self.count += 1
            yield row


def measure(label: str, run: Any) -> dict[str, Any]:
    tracemalloc.start()
    started = time.perf_counter()
    rows, size = run()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result = {
        "case": label,
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "peak_python_mb": round(peak / 2**20, 1),
        "file_mb": round(size / 2**20, 1),
    }
    print(
        f"{label:42} {rows:>9,} rows {seconds:7.2f} s {result['rows_per_second']:>8,} rows/s "
        f"peak {result['peak_python_mb']:6.1f} MB  file {result['file_mb']:.1f} MB"
    )
    return result


def xlsx(user: User, filters: HouseholdFilter) -> tuple[int, int]:
    sheets = export_sheets(user, ExportRequest(filters=filters, kinds=KINDS))
    counted = [Counted(sheet.rows) for sheet in sheets]
    sheets = [
        type(sheet)(sheet.title, sheet.header, wrapped)
        for sheet, wrapped in zip(sheets, counted, strict=True)
    ]
    response = xlsx_workbook_response("bench.xlsx", sheets)
    size = sum(len(chunk) for chunk in response.streaming_content)
    response.close()
    return sum(item.count for item in counted), size


def csv(user: User, filters: HouseholdFilter) -> tuple[int, int]:
    rows = Counted(member_rows(user, filters, full_personal_ids=False))
    response = csv_response("bench.csv", MEMBER_HEADER, rows)
    size = sum(len(chunk) for chunk in response.streaming_content)
    return rows.count, size


def main() -> None:
    user = User.objects.get(username="quantri")
    from giamngheo.registry.models import Household

    commune_id = Household.objects.values_list("commune_id", flat=True).order_by("commune_id").first()
    whole, one = HouseholdFilter(), HouseholdFilter(commune=commune_id)
    results = [
        measure("xlsx, 3 sheets, whole province", lambda: xlsx(user, whole)),
        measure("xlsx, 3 sheets, one commune", lambda: xlsx(user, one)),
        measure("csv members, whole province", lambda: csv(user, whole)),
        measure("csv members, one commune", lambda: csv(user, one)),
    ]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "export-demo.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    lines = [
        "| case | rows | seconds | rows/s | peak Python MB | file MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['case']} | {r['rows']:,} | {r['seconds']} | {r['rows_per_second']:,} | "
        f"{r['peak_python_mb']} | {r['file_mb']} |"
        for r in results
    ]
    (RESULTS / "export-demo.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
