"""The reader every list import shares: named columns, whole-file refusals, errors that mask personal IDs."""

from __future__ import annotations

from pathlib import Path

from giamngheo.registry.imports.list_files import read_rows, where

COLUMNS = {"name": "Họ và tên", "on": "Ngày"}


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ds.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_headers_match_loosely_and_rows_keep_excels_numbers(tmp_path):
    rows, errors = read_rows(_csv(tmp_path, "HỌ VÀ TÊN ,ngày\nHồ Văn Tâm,01/02/2026\n"), "ds.csv", COLUMNS,
                             ("name",), max_rows=10)  # fmt: skip
    assert errors == []
    assert rows == [{"name": "Hồ Văn Tâm", "on": "01/02/2026", "row": 2}]


def test_a_file_is_refused_whole_naming_what_is_wrong(tmp_path):
    _, errors = read_rows(_csv(tmp_path, "Ngày\n01/02/2026\n"), "ds.csv", COLUMNS, ("name",), max_rows=10)
    assert [error.text() for error in errors] == ["ds.csv, cột «Họ và tên»: thiếu cột bắt buộc"]
    _, errors = read_rows(_csv(tmp_path, "Họ và tên\na\nb\nc\n"), "ds.csv", COLUMNS, ("name",), max_rows=2)
    assert errors[0].text() == "ds.csv: tệp có quá 2 dòng"
    _, errors = read_rows(_csv(tmp_path, "Họ và tên\n"), "ds.csv", COLUMNS, ("name",), max_rows=2)
    assert errors[0].text() == "ds.csv: tệp không có dòng nào"
    broken = tmp_path / "ds.xlsx"
    broken.write_bytes(b"not a workbook")
    _, errors = read_rows(broken, "ds.xlsx", COLUMNS, ("name",), max_rows=2)
    assert errors[0].text().startswith("ds.xlsx: không đọc được tệp")


def test_a_quoted_value_never_shows_a_personal_id_in_full():
    text = where("ds.csv", 7, "Ghi chú", "CCCD 046090001234 của chủ hộ", "không hợp lệ")
    assert "046090001234" not in text
    assert text == "ds.csv, dòng 7, cột «Ghi chú» «CCCD *********234 của chủ hộ»: không hợp lệ"
