"""Refuse an uploaded file above the import limits before anything parses it (sizes, zip bomb, dimension).

Only the zip directory, the workbook part and the first kilobytes of each sheet are read, so a refusal
takes milliseconds whatever the file claims. Limits come from `settings.IMPORT_LIMITS`.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from django.conf import settings
from django.utils.translation import gettext as _

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and any password-protected Office file
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
HEAD_BYTES = 64 * 1024  # how much of a sheet is read to find its declared dimension
CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")
MIB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    """What an uploaded file may hold; see `settings.IMPORT_LIMITS` for the defaults and their reasons."""

    upload_bytes: int = 50 * MIB
    uncompressed_bytes: int = 1024 * MIB
    compression_ratio: int = 100
    rows: int = 500_000
    columns: int = 60
    read_memory_bytes: int = 3072 * MIB
    read_seconds: int = 600
    stale_seconds: int = 1800

    @classmethod
    def from_settings(cls) -> ImportLimits:
        configured: dict[str, Any] = getattr(settings, "IMPORT_LIMITS", {})
        known = {item.name for item in fields(cls)}
        return cls(**{key: int(value) for key, value in configured.items() if key in known})


class FileRefused(Exception):
    """The file breaks an import limit or is not the kind of file it claims to be; the message says which."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def number(value: int) -> str:
    """An integer as Vietnamese writes it: 1.048.576."""
    return f"{value:,}".replace(",", ".")


def megabytes(value: int) -> str:
    return number(max(1, round(value / MIB)))


def check_upload(path: Path, display_name: str, limits: ImportLimits) -> None:
    """Refuse the file (raise `FileRefused`) if it is above a limit or not what its name says."""
    size = path.stat().st_size
    if size > limits.upload_bytes:
        raise FileRefused(
            _("Tệp %(file)s có %(size)s MB, vượt giới hạn %(limit)s MB; hãy chia nhỏ tệp theo xã.")
            % {"file": display_name, "size": megabytes(size), "limit": megabytes(limits.upload_bytes)}
        )
    if path.suffix.lower() == ".csv":
        _check_csv(path, display_name, limits)
    else:
        _check_workbook(path, display_name, limits)


def _check_csv(path: Path, display_name: str, limits: ImportLimits) -> None:
    lines = 0
    with path.open("rb") as stream:
        head = stream.read(4)
        if head.startswith(UTF16_MARKS):
            raise FileRefused(
                _(
                    "Tệp %(file)s được lưu bằng mã UTF-16; "
                    "hãy lưu lại dạng «CSV UTF-8 (phân cách bằng dấu phẩy)»."
                )
                % {"file": display_name}
            )
        stream.seek(0)
        header = stream.readline(1024 * 1024)
        columns = header.count(b",") + 1
        if columns > limits.columns:
            raise FileRefused(
                _("Tệp %(file)s có %(count)s cột, vượt giới hạn %(limit)s cột.")
                % {"file": display_name, "count": number(columns), "limit": number(limits.columns)}
            )
        stream.seek(0)
        while chunk := stream.read(MIB):
            if b"\x00" in chunk:
                line = lines + chunk[: chunk.index(b"\x00")].count(b"\n") + 1
                raise FileRefused(
                    _("Tệp %(file)s có ký tự rỗng (NUL) ở dòng %(line)s; hãy lưu lại dạng «CSV UTF-8».")
                    % {"file": display_name, "line": number(line)}
                )
            lines += chunk.count(b"\n")
            if lines - 1 > limits.rows:
                raise FileRefused(
                    _("Tệp %(file)s có hơn %(limit)s dòng dữ liệu, vượt giới hạn; hãy chia nhỏ tệp theo xã.")
                    % {"file": display_name, "limit": number(limits.rows)}
                )


def _check_workbook(path: Path, display_name: str, limits: ImportLimits) -> None:
    with path.open("rb") as stream:
        signature = stream.read(len(OLE_SIGNATURE))
    if signature == OLE_SIGNATURE:
        raise FileRefused(
            _(
                "Tệp %(file)s là tệp Excel cũ (.xls) hoặc đã đặt mật khẩu; "
                "hãy mở bằng Excel, bỏ mật khẩu và lưu lại dạng .xlsx."
            )
            % {"file": display_name}
        )
    not_workbook = FileRefused(
        _("Tệp %(file)s không phải tệp Excel (.xlsx) hợp lệ; hãy dùng tệp mẫu.") % {"file": display_name}
    )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_workbook from None
    with archive:
        parts = {info.filename: info for info in archive.infolist()}
        if "xl/workbook.xml" not in parts:
            raise not_workbook
        total = sum(info.file_size for info in parts.values())
        if total > limits.uncompressed_bytes:
            raise FileRefused(
                _("Tệp %(file)s khi giải nén có %(size)s MB, vượt giới hạn %(limit)s MB; hãy chia nhỏ tệp.")
                % {
                    "file": display_name,
                    "size": megabytes(total),
                    "limit": megabytes(limits.uncompressed_bytes),
                }
            )
        for info in parts.values():
            if info.file_size > MIB and info.file_size > limits.compression_ratio * max(
                info.compress_size, 1
            ):
                raise FileRefused(
                    _(
                        "Tệp %(file)s bị nén bất thường (phần %(part)s giải nén ra %(size)s MB); "
                        "hãy lưu lại tệp bằng Excel."
                    )
                    % {"file": display_name, "part": info.filename, "size": megabytes(info.file_size)}
                )
        for sheet, part in _sheet_parts(archive, parts).items():
            rows, columns = _declared_size(archive, parts[part])
            where = {"file": display_name, "sheet": sheet}
            if rows - 1 > limits.rows:
                raise FileRefused(
                    _(
                        "Tệp %(file)s, trang tính «%(sheet)s» có %(count)s dòng, "
                        "vượt giới hạn %(limit)s dòng; "
                        "hãy xóa các dòng trống ở cuối hoặc chia nhỏ tệp theo xã."
                    )
                    % {**where, "count": number(rows), "limit": number(limits.rows)}
                )
            if columns > limits.columns:
                raise FileRefused(
                    _(
                        "Tệp %(file)s, trang tính «%(sheet)s» có %(count)s cột, vượt giới hạn %(limit)s cột; "
                        "hãy xóa các cột thừa."
                    )
                    % {**where, "count": number(columns), "limit": number(limits.columns)}
                )


def _sheet_parts(archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo]) -> dict[str, str]:
    """Sheet name → its part in the zip, from the workbook and its relationships (small parts)."""
    names = _elements(archive, parts.get("xl/workbook.xml"), "sheet")
    relations = {
        item.get("Id", ""): item.get("Target", "")
        for item in _elements(archive, parts.get("xl/_rels/workbook.xml.rels"), "Relationship")
    }
    found: dict[str, str] = {}
    for item in names:
        relation = next((value for key, value in item.items() if key.endswith("}id")), "")
        target = relations.get(relation, "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if part in parts:
            found[item.get("name", part)] = part
    for part in parts:  # sheets the workbook does not list are read by nobody, but check them all the same
        if part.startswith("xl/worksheets/") and part.endswith(".xml") and part not in found.values():
            found[part] = part
    return found


def _elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, local: str) -> list[dict[str, str]]:
    if info is None or info.file_size > 4 * MIB:
        return []
    parser: XMLPullParser[Element] = XMLPullParser(events=("start",))
    try:
        parser.feed(archive.read(info))
        return [dict(element.attrib) for element in _started(parser) if _local(element.tag) == local]
    except (ParseError, zipfile.BadZipFile, OSError, ValueError):
        return []


def _started(parser: XMLPullParser[Element]) -> Iterator[Element]:
    """Elements whose start tag the parser has seen since the last call."""
    for event in parser.read_events():
        element: object = event[-1] if isinstance(event, tuple) else event
        if isinstance(element, Element):
            yield element


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _declared_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Rows and columns the sheet's `<dimension ref="A1:XFD1048576"/>` declares ((0, 0) if it has none)."""
    parser: XMLPullParser[Element] = XMLPullParser(events=("start",))
    read = 0
    try:
        stream: IO[bytes]
        with archive.open(info) as stream:
            while read < HEAD_BYTES and (chunk := stream.read(4096)):
                read += len(chunk)
                parser.feed(chunk)
                for element in _started(parser):
                    tag = _local(element.tag)
                    if tag == "dimension":
                        return _cell_range(element.get("ref", ""))
                    if tag == "sheetData":
                        return 0, 0
    except (ParseError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return 0, 0
    return 0, 0


def _cell_range(ref: str) -> tuple[int, int]:
    last = CELL.match(ref.rsplit(":", maxsplit=1)[-1].strip().upper())
    if last is None:
        return 0, 0
    letters, row = last.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(row), column
