"""The import's compact CSV reading gives the very values of the plain text reading, in categoricals."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from giamngheo.registry.imports.reader import read_csv_text, read_upload
from giamngheo.standards.interchange import read_table

TRICKY = (
    "Mã hộ,Họ và tên,Ghi chú,Mã hộ\n"
    'H001, Hồ Văn Tâm ,"",a\n'
    'H002,Kăn Thị Hoa,"  ",\n'
    ",,,\n"
    '"H003","Lê, Văn B",\t x \t,b\n'
    "H001,Hồ Văn Tâm,có,a\n"
).encode()


@pytest.mark.parametrize(
    "content",
    [TRICKY, TRICKY.replace("Kăn".encode(), b"K\xffn"), b"\xef\xbb\xbf" + TRICKY, b"a,b\n"],
    ids=["tricky", "not-utf8", "bom", "header-only"],
)
def test_compact_reading_gives_the_plain_readings_values(tmp_path: Path, content: bytes):
    path = tmp_path / "ho.csv"
    path.write_bytes(content)
    compact, plain = read_csv_text(path), read_table(path)
    assert compact.columns == plain.columns
    assert set(compact.dtypes) <= {pl.Categorical()}
    assert compact.cast(pl.String).rows() == plain.rows()


def test_the_values_are_trimmed_and_blanks_are_null(tmp_path: Path):
    path = tmp_path / "ho.csv"
    path.write_bytes(TRICKY)
    frame = read_csv_text(path).cast(pl.String)
    assert frame.get_column("Họ và tên").to_list() == [
        "Hồ Văn Tâm",
        "Kăn Thị Hoa",
        None,
        "Lê, Văn B",
        "Hồ Văn Tâm",
    ]
    assert frame.get_column("Ghi chú").to_list() == [None, None, None, "x", "có"]


def test_an_empty_file_is_an_error_naming_it(tmp_path: Path):
    households, members = tmp_path / "ho.csv", tmp_path / "thanh-vien.csv"
    households.write_bytes(b"")
    members.write_bytes(TRICKY)
    raw = read_upload(households, members, "ho.csv")
    assert [error.file for error in raw.errors] == ["ho.csv"]
    assert "không đọc được tệp CSV" in raw.errors[0].reason_vi
    assert raw.members.height == 5
