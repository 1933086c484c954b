"""Hostile upload files, built at test time (nothing big is committed), each written into a given folder."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from tests.fixtures.registry_files import HOUSEHOLD_HEADER, MEMBER_HEADER, household_row, member_rows

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SHEET = "xl/worksheets/sheet1.xml"


def good_workbook(
    households: list[list[object]] | None = None, members: list[list[object]] | None = None
) -> bytes:
    """A valid two-sheet workbook of the template's shape (one household by default)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hộ gia đình"
    sheet.append(HOUSEHOLD_HEADER)
    for row in households if households is not None else [household_row("H001")]:
        sheet.append(row)
    people = book.create_sheet("Thành viên")
    people.append(MEMBER_HEADER)
    for row in members if members is not None else member_rows("H001"):
        people.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewrite(workbook: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same zip with one part's content changed."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, change(data) if info.filename == part else data)
    return buffer.getvalue()


def _declare(ref: str) -> Callable[[bytes], bytes]:
    return lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml)


def dimension_bomb(folder: Path) -> Path:
    """5 KB whose first sheet declares A1:XFD1048576 (16,384 columns × 1,048,576 rows)."""
    path = folder / "kich-thuoc-gia.xlsx"
    path.write_bytes(_rewrite(good_workbook(), SHEET, _declare("A1:XFD1048576")))
    return path


def million_rows_declared(folder: Path) -> Path:
    """A sheet declaring all 1,048,576 rows of Excel over the template's 18 columns."""
    path = folder / "trieu-dong.xlsx"
    path.write_bytes(_rewrite(good_workbook(), SHEET, _declare("A1:R1048576")))
    return path


def zip_bomb(folder: Path, megabytes: int = 200) -> Path:
    """A workbook whose first sheet unzips to `megabytes` MB of repeated rows (a few hundred KB zipped)."""
    path = folder / "bom-nen.xlsx"
    source = zipfile.ZipFile(io.BytesIO(good_workbook()))
    row = b'<row><c t="inlineStr"><is><t>H001</t></is></c></row>'
    block = row * (1024 * 1024 // len(row))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, source.read(info))
                continue
            with target.open(SHEET, "w", force_zip64=True) as stream:
                stream.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/')
                stream.write(b'spreadsheetml/2006/main"><sheetData>')
                for _ in range(megabytes):
                    stream.write(block)
                stream.write(b"</sheetData></worksheet>")
    return path


def not_a_zip(folder: Path) -> Path:
    path = folder / "khong-phai-excel.xlsx"
    path.write_bytes(b"Ma ho,Thon\nH001,Ka Van\n")
    return path


def ole_renamed(folder: Path) -> Path:
    """An old binary .xls (or a password-protected workbook: both are OLE containers) renamed .xlsx."""
    path = folder / "excel-cu.xlsx"
    path.write_bytes(OLE_SIGNATURE + bytes(4096 - len(OLE_SIGNATURE)))
    return path


def empty_workbook(folder: Path) -> Path:
    path = folder / "trong.xlsx"
    buffer = io.BytesIO()
    Workbook().save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def without_code_column(folder: Path) -> Path:
    """Both sheets without the «Mã hộ» column."""
    path = folder / "thieu-ma-ho.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hộ gia đình"
    sheet.append(HOUSEHOLD_HEADER[1:])
    sheet.append(household_row("H001")[1:])
    people = book.create_sheet("Thành viên")
    people.append(MEMBER_HEADER[1:])
    for row in member_rows("H001"):
        people.append(row[1:])
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _csv_text() -> str:
    lines = [",".join(HOUSEHOLD_HEADER), ",".join(str(value) for value in household_row("H001"))]
    return "\n".join(lines) + "\n"


def csv_with_nul(folder: Path) -> tuple[Path, Path]:
    households = folder / "ho-nul.csv"
    households.write_bytes(_csv_text().replace("Thôn Ka Vân", "Thôn\x00Ka Vân").encode())
    members = folder / "thanh-vien.csv"
    members.write_text(",".join(MEMBER_HEADER) + "\n")
    return households, members


def csv_utf16(folder: Path) -> tuple[Path, Path]:
    households = folder / "ho-utf16.csv"
    households.write_bytes(_csv_text().encode("utf-16"))
    members = folder / "thanh-vien.csv"
    members.write_text(",".join(MEMBER_HEADER) + "\n")
    return households, members


def huge_cell(folder: Path) -> Path:
    """An address of 32,767 characters, the most one Excel cell holds."""
    path = folder / "o-rat-dai.xlsx"
    path.write_bytes(good_workbook([household_row("H001", **{"Địa chỉ": "x" * 32_767})]))
    return path


def formula_cell(folder: Path) -> Path:
    """The income typed as a formula (no cached value, as a script would write it)."""
    path = folder / "cong-thuc.xlsx"
    row = household_row("H001", income="=1000000*2")
    path.write_bytes(good_workbook([row]))
    return path


def merged_header(folder: Path) -> Path:
    """The first two header cells of the household sheet merged (the second header is then empty)."""
    path = folder / "gop-o.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hộ gia đình"
    sheet.append(HOUSEHOLD_HEADER)
    sheet.append(household_row("H001"))
    sheet.merge_cells("A1:B1")
    people = book.create_sheet("Thành viên")
    people.append(MEMBER_HEADER)
    for row in member_rows("H001"):
        people.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path
