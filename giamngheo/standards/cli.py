"""The `giamngheo classify` command: classify households from interchange files (CSV or Excel)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from giamngheo.standards.engine import classify_frame
from giamngheo.standards.explain import explain_frame
from giamngheo.standards.interchange import read_interchange, write_table
from giamngheo.standards.loader import StandardDataError, available_standards, load_standard
from giamngheo.standards.model import CATEGORY_LABELS_VI, Standard
from giamngheo.standards.overrides import load_override
from giamngheo.standards.scoring import fill_income_scores, load_score_table

EXIT_INVALID_INPUT = 2
EXIT_BAD_CONFIGURATION = 3
SHOWN_ERRORS = 50
SUFFIXES = (".csv", ".xlsx")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `classify` on the top-level command."""
    parser = subparsers.add_parser(
        "classify",
        help="phân loại hộ theo chuẩn nghèo (classify households under a poverty standard)",
        description="Classify households from a households file and a members file (docs/interchange.md).",
    )
    parser.add_argument(
        "--standard", required=True, help=f"standard version: {', '.join(available_standards())}"
    )
    parser.add_argument("--override", type=Path, help="provincial override file (TOML) applied to --standard")
    parser.add_argument("--households", required=True, type=Path, help="households file (.csv or .xlsx)")
    parser.add_argument("--members", required=True, type=Path, help="members file (.csv or .xlsx)")
    parser.add_argument("--out", required=True, type=Path, help="result file (.csv or .xlsx)")
    parser.add_argument(
        "--explain", action="store_true", help="add explanations (Vietnamese sentences, causes)"
    )
    parser.add_argument(
        "--reference-date",
        type=dt.date.fromisoformat,
        help="date at which ages are computed (YYYY-MM-DD); default: 1 September of the standard's last year",
    )
    parser.add_argument(
        "--score-table", help="compute score A for households without income: 'sample' or a TOML path"
    )
    parser.add_argument("--errors", type=Path, help="also write every input error to this CSV file")
    parser.set_defaults(handler=run)


def _standard(args: argparse.Namespace) -> Standard:
    if args.override is not None:
        standard = load_override(args.override)
        if standard.base_id != args.standard:
            raise StandardDataError(
                args.override.name, [f"base is {standard.base_id}, not --standard {args.standard}"]
            )
        return standard
    return load_standard(args.standard)


def run(args: argparse.Namespace) -> int:
    """Validate, classify and write atomically; return the process exit code."""
    started = time.perf_counter()
    for path in (args.households, args.members, args.out):
        if path.suffix.lower() not in SUFFIXES:
            _say(f"Lỗi: {path}: chỉ hỗ trợ tệp .csv hoặc .xlsx")
            return EXIT_INVALID_INPUT
    for path in (args.households, args.members):
        if not path.is_file():
            _say(f"Lỗi: không tìm thấy tệp {path}")
            return EXIT_INVALID_INPUT
    try:
        standard = _standard(args)
        table = load_score_table(args.score_table) if args.score_table else None
    except StandardDataError as error:
        _say(f"Lỗi cấu hình chuẩn: {error}")
        return EXIT_BAD_CONFIGURATION
    if table is not None and standard.score_lines is None:
        _say(f"Lỗi: chuẩn {standard.id} không có ngưỡng điểm A")
        return EXIT_BAD_CONFIGURATION
    reference_date = args.reference_date or dt.date(standard.last_year, 9, 1)
    data = read_interchange(args.households, args.members, standard, score_table=table is not None)
    if data.errors:
        return _report_errors(data.errors, args.errors)
    households = data.households
    if table is not None:
        households = fill_income_scores(table, standard, households, data.members, reference_date)
    evaluate = explain_frame if args.explain else classify_frame
    result = evaluate(standard, households, data.members, reference_date)
    result = result.with_columns(pl.col("category").replace(CATEGORY_LABELS_VI).alias("category_vi"))
    _write_atomically(result, args.out)
    counts = result["category"].value_counts(sort=True)
    summary = ", ".join(
        f"{CATEGORY_LABELS_VI.get(str(row[0]), row[0])}: {row[1]}" for row in counts.iter_rows()
    )
    elapsed = time.perf_counter() - started
    _say(
        f"Đã phân loại {result.height} hộ theo {standard.name_vi} "
        f"(ngày tham chiếu {reference_date:%d/%m/%Y}) trong {elapsed:.1f} giây → {args.out}. {summary}."
    )
    if table is not None and table.sample:
        _say(f"Cảnh báo: điểm A tính theo {table.name_vi}; không dùng cho kết quả chính thức.")
    return 0


def _say(message: str) -> None:
    """Messages for the operator go to standard error; standard output stays clean."""
    sys.stderr.write(message + "\n")


def _report_errors(errors: tuple[object, ...], errors_path: Path | None) -> int:
    _say(f"Tệp đầu vào có {len(errors)} lỗi; không ghi kết quả.")
    for error in errors[:SHOWN_ERRORS]:
        _say(f"  {error}")
    if len(errors) > SHOWN_ERRORS:
        _say(f"  … và {len(errors) - SHOWN_ERRORS} lỗi khác.")
    if errors_path is not None:
        columns = ["file", "row", "column", "value", "reason_vi"]
        rows = [[getattr(error, name) for name in columns] for error in errors]
        schema = {
            "file": pl.String,
            "row": pl.Int64,
            "column": pl.String,
            "value": pl.String,
            "reason_vi": pl.String,
        }
        _write_atomically(pl.DataFrame(rows, schema=schema, orient="row"), errors_path)
    return EXIT_INVALID_INPUT


def _write_atomically(frame: pl.DataFrame, path: Path) -> None:
    """Write to a temporary file next to the target and rename, so no partial output is ever left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        write_table(frame, Path(temporary))
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)  # mkstemp creates 0600; give the usual permissions
        Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
