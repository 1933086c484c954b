"""The shared XLSX writer against raw XlsxWriter `write_row` in constant-memory mode, on the same rows.

    python -m bench.xlsx_writer_bench [--rows 2000000] [--rounds 3]

Rows look like the registry export's household sheet (codes, names, numbers, a date, empty cells, a decimal).
Each contender runs in its own child process (so its peak RSS is its own, Django's import included), the
contenders alternate round by round, and the best time of each is kept (the clock starts once Django is set
up); the load average before each run is recorded. Results in
bench/results/xlsx-writer-<rows>.json and .md. The goal (issue «Production serving and national scale»): the
shared writer at ≥ 1,0× the raw writer's speed and ≤ 300 MiB RSS for 2M rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
HEADER = ["Mã hộ", "Chủ hộ", "Xã", "Thôn", "Khu vực", "Nhân khẩu", "Thu nhập", "Ngày rà soát", "Ghi chú"]
HEADER.append("Điểm")
FORMATS = [None, None, None, None, None, "#,##0", "#,##0", None, None, "0.00"]
EXCEL_ROWS = 1_048_576


def rows(count: int) -> Iterator[list[Any]]:
    """Deterministic rows shaped like the registry export."""
    day = dt.date(2026, 10, 1)
    for number in range(count):
        yield [
            f"46.{number % 40:02d}.{number:08d}",
            f"Nguyễn Văn {number % 997}",
            f"Xã A Lưới {number % 5 + 1}",
            f"Thôn {number % 12 + 1}",
            "nông thôn" if number % 4 else "thành thị",
            number % 9 + 1,
            1_200_000 + number % 50 * 10_000,
            day + dt.timedelta(days=number % 60),
            None if number % 3 else "đã xác minh",
            Decimal(number % 400) / 4,
        ]


def _raw(path: str, count: int) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "default_date_format": "dd/mm/yyyy"})
    sheet: Any = None
    index = EXCEL_ROWS
    for row in rows(count):
        if index == EXCEL_ROWS:  # past Excel's last row, on in a new sheet (as the shared writer goes on)
            number = len(workbook.worksheets()) + 1
            sheet = workbook.add_worksheet("Hộ" if number == 1 else f"Hộ ({number})")
            sheet.write_row(0, 0, HEADER)
            index = 1
        sheet.write_row(index, 0, row)
        index += 1
    workbook.close()


def _django() -> None:
    """Django set up before the clock starts: a server has it loaded before any export."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def _shared(path: str, count: int) -> None:
    from giamngheo.core.exports import Sheet, write_xlsx_workbook

    with Path(path).open("wb") as handle:
        write_xlsx_workbook(handle, [Sheet("Hộ", HEADER, rows(count), number_formats=FORMATS)])


CONTENDERS = {"raw XlsxWriter write_row": _raw, "core.exports.write_xlsx_workbook": _shared}
PREPARE = {"core.exports.write_xlsx_workbook": _django}


def _child(name: str, count: int) -> None:
    PREPARE.get(name, lambda: None)()
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "out.xlsx")
        started, cpu_started = time.perf_counter(), time.process_time()
        CONTENDERS[name](path, count)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        size = Path(path).stat().st_size
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rss_mib": peak_kib / 1024,
        "file_mib": size / 2**20,
    }
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.rows)
        return
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in CONTENDERS}
    for number in range(args.rounds):
        for name in CONTENDERS:
            load = os.getloadavg()[0]
            command = [sys.executable, "-m", "bench.xlsx_writer_bench", "--rows", str(args.rows)]
            command += ["--child", name]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
            result = json.loads(output.strip().splitlines()[-1]) | {"load_average_1min": load}
            runs[name].append(result)
            print(f"round {number + 1} {name}: {result}", flush=True)
    best = {name: min(results, key=lambda r: r["seconds"]) for name, results in runs.items()}
    raw = best["raw XlsxWriter write_row"]["seconds"]
    summary = {"rows": args.rows, "rounds": args.rounds, "best": best, "runs": runs}
    summary["speed_vs_raw"] = {name: round(raw / result["seconds"], 3) for name, result in best.items()}
    # The same ratio on the CPU time each child used (less sensitive to other work on a shared machine).
    cpu = {name: min(r["cpu_seconds"] for r in results) for name, results in runs.items()}
    summary["cpu_speed_vs_raw"] = {
        name: round(cpu["raw XlsxWriter write_row"] / seconds, 3) for name, seconds in cpu.items()
    }
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"xlsx-writer-{args.rows}"
    stem.with_suffix(".json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    lines = [
        f"# XLSX writer, {args.rows:,} rows × {len(HEADER)} columns "
        f"(best of {args.rounds} alternating rounds)",
        "",
        "| writer | seconds | speed × raw | CPU s | CPU speed × raw | peak RSS MiB | file MiB "
        "| load avg before |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, result in best.items():
        lines.append(
            f"| {name} | {result['seconds']:.1f} | {summary['speed_vs_raw'][name]:.2f} | {cpu[name]:.1f} | "
            f"{summary['cpu_speed_vs_raw'][name]:.2f} | {result['rss_mib']:.0f} | {result['file_mib']:.1f} | "
            f"{result['load_average_1min']:.2f} |"
        )
    lines += ["", f"Load average after the last round: {os.getloadavg()[0]:.2f}."]
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
