"""An officer's 100k-household Excel file with a few bad rows: read, validate and write the error file.

    DEBUG=1 .venv/bin/python -m bench.import_xlsx_bench [--households 100000]

Uses the configured database (the demo SQLite database by default); nothing is written to the registry.
Contenders are timed in turn (best of N): the Rust reader alone handing every cell to Python
(python-calamine), or handing the sheets to Polars as text (fastexcel), the reading before (python-calamine
cells, then `sheet_frame`), and the import's reading now (`read_upload`: fastexcel into Polars text columns).
The import's reading peak RSS is measured in a child process of its own, as the import reads a file.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django
import polars as pl
import xlsxwriter
from python_calamine import CalamineWorkbook

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
django.setup()

from bench.import_bench import REFERENCE_DATE, _hue_communes, write_files  # noqa: E402
from giamngheo.geo.models import AdminUnit, Level, Tree  # noqa: E402
from giamngheo.registry.assess import standard_for  # noqa: E402
from giamngheo.registry.imports.error_file import write_error_file  # noqa: E402
from giamngheo.registry.imports.reader import HOUSEHOLD_SHEET, MEMBER_SHEET, read_upload  # noqa: E402
from giamngheo.registry.imports.validate import validate_upload  # noqa: E402
from giamngheo.standards.interchange import _cell, sheet_frame  # noqa: E402

RESULTS = Path(__file__).parent / "results"


def to_workbook(households: Path, members: Path, target: Path, bad_rows: int) -> None:
    """The template's two sheets, with `bad_rows` incomes replaced by words an officer might type."""
    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    for title, path in (("Hộ gia đình", households), ("Thành viên", members)):
        frame = pl.read_csv(path, infer_schema=False)
        if title == "Hộ gia đình":
            income = "Thu nhập bình quân (đồng/người/tháng)"
            frame = (
                frame.with_row_index("_i")
                .with_columns(
                    pl.when(pl.col("_i") < bad_rows)
                    .then(pl.lit("khoảng 1 triệu"))
                    .otherwise(pl.col(income))
                    .alias(income)
                )
                .drop("_i")
            )
        sheet = workbook.add_worksheet(title)
        sheet.write_row(0, 0, frame.columns)
        for index, row in enumerate(frame.iter_rows(), start=1):
            sheet.write_row(index, 0, ["" if value is None else value for value in row])
    workbook.close()


def _calamine_cells(workbook: Path) -> int:
    """The floor: the Rust reader handing every cell of both sheets to Python, nothing else done."""
    book = CalamineWorkbook.from_path(str(workbook))
    return sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names)


def _fastexcel_floor(workbook: Path) -> int:
    """The floor now: the Rust reader handing both sheets to Polars as text columns, nothing else done."""
    import fastexcel

    reader = fastexcel.read_excel(str(workbook))
    return sum(
        reader.load_sheet(name, header_row=None, dtypes="string").to_polars().height
        for name in reader.sheet_names
    )


def _read_before(workbook: Path) -> int:
    """The import's reading until 2026-12: python-calamine's cells, a column at a time in `sheet_frame`."""
    book = CalamineWorkbook.from_path(str(workbook))
    return sum(
        sheet_frame(book.get_sheet_by_name(name).to_python()).height
        for name in (HOUSEHOLD_SHEET, MEMBER_SHEET)
    )


_CHILD = """
import sys
from pathlib import Path
from giamngheo.registry.imports.reader import read_upload
raw = read_upload(Path(sys.argv[1]), None, "ds.xlsx")
status = Path("/proc/self/status").read_text().splitlines()
peak = [line.split()[1] for line in status if line.startswith("VmHWM")]
print(raw.households.height + raw.members.height, *peak)
"""


def _read_peak_mb(workbook: Path) -> int:
    """Peak RSS of a process that only reads the workbook as the import does (its child process)."""
    root = Path(__file__).parent.parent
    done = subprocess.run(  # noqa: S603 — this interpreter, our own code
        [sys.executable, "-c", _CHILD, str(workbook)], cwd=root, capture_output=True, text=True, check=True
    )
    return round(int(done.stdout.split()[-1]) / 1024)


def _rowwise_read(workbook: Path) -> int:
    """The reading before: every cell through `_cell` one at a time (what sheet_frame did until 2026-12)."""
    book = CalamineWorkbook.from_path(str(workbook))
    kept = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        header = [_cell(value) for value in rows[0]]
        for row in rows[1:]:
            if any(cells := [_cell(value) for value in row[: len(header)]]):
                kept += len(cells)
    return kept


def _best(function, repeat: int) -> float:
    """Best wall time of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--bad-rows", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code="46")
    load_before = _load()
    with tempfile.TemporaryDirectory() as folder:
        households, members, household_count, member_count = write_files(
            args.households, 11, Path(folder), _hue_communes()
        )
        workbook = Path(folder) / "danh-sach.xlsx"
        to_workbook(households, members, workbook, args.bad_rows)
        size_mb = workbook.stat().st_size / 2**20
        contenders = {
            "calamine_cells_floor": lambda: _calamine_cells(workbook),
            "fastexcel_polars_floor": lambda: _fastexcel_floor(workbook),
            "read_rowwise_before": lambda: _rowwise_read(workbook),
            "read_calamine_sheet_frame_before": lambda: _read_before(workbook),
            "read_xlsx": lambda: read_upload(workbook, None, workbook.name),
        }
        best = dict.fromkeys(contenders, float("inf"))
        for _ in range(args.repeat):  # in turn, so a burst of load falls on all of them alike
            for name, function in contenders.items():
                best[name] = min(best[name], _best(function, 1))
        floor, rowwise, read = best["calamine_cells_floor"], best["read_rowwise_before"], best["read_xlsx"]
        read_peak = _read_peak_mb(workbook)
        raw = read_upload(workbook, None, workbook.name)
        standard = standard_for(REFERENCE_DATE)
        plans = []
        validate = _best(
            lambda: plans.append(
                validate_upload(raw, scope=province, standard=standard, reference_date=REFERENCE_DATE)
            ),
            args.repeat,
        )
        plan = plans[-1]
        error_file = _best(lambda: write_error_file(Path(folder) / "loi.xlsx", raw, plan.errors), args.repeat)
    result = {
        "households": household_count,
        "members": member_count,
        "file_mb": round(size_mb, 1),
        "errors": len(plan.errors),
        "first_error": str(plan.errors[0]) if plan.errors else "",
        "seconds_best_of": args.repeat,
        "seconds": {
            **{name: round(seconds, 2) for name, seconds in best.items()},
            "validate": round(validate, 2),
            "read_and_validate": round(read + validate, 2),
            "error_file": round(error_file, 2),
        },
        "read_vs_floor": round(read / best["fastexcel_polars_floor"], 2),
        "read_vs_calamine_cells_floor": round(read / floor, 2),
        "read_speedup_vs_before": round(best["read_calamine_sheet_frame_before"] / read, 2),
        "read_speedup_vs_rowwise": round(rowwise / read, 2),
        "read_peak_rss_mb": read_peak,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_note": "read_peak_rss_mb: a process that only reads the file, as the import's child does; "
        "peak_rss_mb: this whole bench (file generation, every contender, validation, error file)",
        "load_before": load_before,
        "load_after": _load(),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"import-xlsx-{household_count}.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
