"""An administrative document per Decree 30/2020/NĐ-CP: header, number, date, body, recipients, signer."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Prefixes dropped from a unit's name to write the place in «Huế, ngày … tháng … năm …» (Decree 30, App. I).
PLACE_PREFIXES = (
    "Thành phố ",
    "Tỉnh ",
    "Phường ",
    "Xã ",
    "Đặc khu ",
    "Thị trấn ",
    "Huyện ",
    "Quận ",
    "Thị xã ",
)
# The body that issues for a people's committee: name of the level in capitals, by division type prefix.
COMMITTEE = "ỦY BAN NHÂN DÂN"


@dataclass(frozen=True)
class HeaderCell:
    """A header cell of a form table; `span` columns wide and `rows` rows high (merged)."""

    text: str
    span: int = 1
    rows: int = 1


@dataclass(frozen=True)
class Table:
    """A table of a form: merged header rows, then a row of column numbers, then the data."""

    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    widths: tuple[float, ...] = ()  # relative widths, one per column
    title: str = ""
    note: str = ""

    @property
    def columns(self) -> int:
        return sum(cell.span for cell in self.header[0])


@dataclass(frozen=True)
class Heading:
    """A heading in bold: a section title, or centred («QUYẾT ĐỊNH:», the authority of a decision)."""

    text: str
    center: bool = False


@dataclass(frozen=True)
class Text:
    """Body text: each line is a paragraph; the grounds («Căn cứ …») of a decision are in italics."""

    text: str
    italic: bool = False


Block = Heading | Text | Table


@dataclass(frozen=True)
class Signature:
    """The signature block: authority lines (TM. …, KT. …), the signer's title and name."""

    authority: tuple[str, ...]
    title: str
    name: str


@dataclass(frozen=True)
class OfficialDocument:
    """Everything a document of Decree 30/2020 shows, in the order it shows it."""

    parent_body: str  # cơ quan chủ quản, may be empty
    issuing_body: str  # cơ quan ban hành
    number: str  # the number alone; empty leaves a blank for the clerk
    symbol: str  # e.g. BC-UBND
    place: str
    date: datetime.date | None
    year: int  # written when the date is left blank
    kind: str  # BÁO CÁO, QUYẾT ĐỊNH, or empty for a form
    subject: str  # trích yếu
    body: tuple[Block, ...]
    recipients: tuple[str, ...]
    signature: Signature
    landscape: bool = False
    form_label: str = ""  # e.g. «Mẫu số 01, Phụ lục II, Thông tư 10/2022/TT-BLĐTBXH»
    appendix_title: str = ""
    appendix: tuple[Block, ...] = field(default=())
    title: str = ""  # file metadata

    @property
    def number_line(self) -> str:
        return f"Số: {self.number or ' ' * 8}/{self.symbol}"

    @property
    def date_line(self) -> str:
        return date_line(self.place, self.date, self.year)


def date_line(place: str, date: datetime.date | None, year: int) -> str:
    """«Huế, ngày 01 tháng 12 năm 2026»: day below 10 and months 1–2 take a leading zero (Decree 30)."""
    if date is None:
        return f"{place}, ngày      tháng      năm {year}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"


def issuing_lines(issuing_body: str) -> tuple[str, ...]:
    """The issuing body in capitals, a people's committee on two lines («ỦY BAN NHÂN DÂN» / «TỈNH …»)."""
    text = issuing_body.upper()
    if text.startswith(f"{COMMITTEE} ") and len(text) > len(COMMITTEE) + 1:
        return (COMMITTEE, text[len(COMMITTEE) + 1 :])
    return (text,)


def place_name(unit_name: str) -> str:
    """The place written in the date line: the unit's name without its kind («Thành phố Huế» → «Huế»)."""
    for prefix in PLACE_PREFIXES:
        if unit_name.startswith(prefix):
            return unit_name[len(prefix) :]
    return unit_name


def committee_name(unit_name: str) -> str:
    """The people's committee of a unit, in capitals: «ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ»."""
    return f"{COMMITTEE} {unit_name.upper()}"


def lines(text: str) -> tuple[str, ...]:
    """Non-empty stripped lines of a text field (recipients, authority lines)."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class DocumentFields(models.Model):
    """What an officer fills in before signing: number, date, place, recipients, signer (Decree 30/2020)."""

    doc_number = models.CharField(_("số văn bản"), max_length=16, blank=True)
    doc_symbol = models.CharField(_("ký hiệu"), max_length=32, blank=True)
    doc_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    doc_place = models.CharField(_("địa danh"), max_length=64, blank=True)
    doc_recipients = models.TextField(_("nơi nhận (mỗi dòng một nơi)"), blank=True)
    signer_authority = models.TextField(_("thẩm quyền ký (TM., KT.; mỗi dòng một dòng)"), blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=64, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=128, blank=True)

    class Meta:
        abstract = True
