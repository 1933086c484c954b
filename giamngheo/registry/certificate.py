"""Poor / near-poor household certificate (Mẫu số 03, Decision 24/2021/QĐ-TTg) as a printable A4 PDF.

The texts come from `data/certificate.toml` (the official form's exact wording is not verified); this
module gathers the household's data, refuses households the commune has not recognised as poor or
near-poor, lays the form out with ReportLab in Be Vietnam Pro, and records the issuance in the audit log.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.pdf import FONT, FONT_BOLD, FONT_ITALIC, register_fonts
from giamngheo.core.services import audit_record
from giamngheo.registry.models import Household, HouseholdStatus
from giamngheo.registry.personal_ids import personal_id_for
from giamngheo.registry.validation import ethnicities, relations

LAYOUT_FILE = Path(__file__).parent / "data" / "certificate.toml"
CERTIFIED = (HouseholdStatus.POOR, HouseholdStatus.NEAR_POOR)
HEAD = "head"


@functools.cache
def layout() -> dict[str, Any]:
    """The certificate's texts (see the data file for their source and confidence)."""
    with LAYOUT_FILE.open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class CertificateMember:
    full_name: str
    ethnicity: str
    relation: str
    birth_year: int
    sex: str
    note: str = ""


@dataclass(frozen=True)
class CertificateData:
    """Everything printed on one certificate."""

    commune: str  # "Xã A Lưới 1"
    place: str  # "A Lưới 1"
    commune_in_text: str  # "xã A Lưới 1", as written inside a sentence
    number: str  # "" prints a blank to fill in by hand
    year: int
    category: str  # "hộ nghèo" | "hộ cận nghèo"
    household_code: str
    head_name: str
    head_ethnicity: str
    head_personal_id: str
    residence: str
    members: tuple[CertificateMember, ...]
    issued_on: dt.date
    chair_name: str = ""


def _place_name(unit: Any) -> str:
    """A unit's name without its type: "Xã A Lưới 1" → "A Lưới 1"."""
    prefix = f"{unit.division_type} "
    name = str(unit.name)
    return name[len(prefix) :] if unit.division_type and name.startswith(prefix) else name


def _residence(household: Household) -> str:
    """Address, village, commune and province, each place once (the address often names the village)."""
    parts: list[str] = []
    for part in (
        household.address,
        household.village.name if household.village else "",
        household.commune.name,
        household.province.name,
    ):
        for piece in (piece.strip() for piece in part.split(",")):
            if piece and piece.casefold() not in (seen.casefold() for seen in parts):
                parts.append(piece)
    return ", ".join(parts)


def certificate_data(
    household: Household,
    *,
    number: str,
    year: int,
    issued_on: dt.date,
    chair_name: str = "",
    viewer: Any = None,
) -> CertificateData:
    """Gather a recognised poor / near-poor household's certificate, or AppError saying why not."""
    if household.status not in CERTIFIED or not household.is_active:
        shown = household.get_status_display() if household.is_active else _("đã ra khỏi sổ hộ")
        raise AppError(
            ErrorCode.CERTIFICATE_NOT_RECOGNISED,
            _(
                "Chỉ cấp giấy chứng nhận cho hộ nghèo hoặc hộ cận nghèo "
                "đã được Ủy ban nhân dân xã công nhận; hộ %(code)s hiện: %(status)s."
            )
            % {"code": household.code, "status": str(shown).lower()},
            field="status",
        )
    members = list(household.members.filter(is_active=True).order_by("member_no"))
    head = next((member for member in members if member.relation == HEAD), None)
    if head is None:
        raise AppError(
            ErrorCode.HOUSEHOLD_WITHOUT_HEAD,
            _("Hộ chưa có chủ hộ; hãy cập nhật chủ hộ trước khi cấp giấy."),
            field="head",
        )
    members.sort(key=lambda member: (member.relation != HEAD, member.member_no))
    names = ethnicities()
    relation_labels = relations()
    return CertificateData(
        commune=household.commune.name,
        place=_place_name(household.commune),
        commune_in_text=f"{household.commune.division_type.lower()} {_place_name(household.commune)}".strip(),
        number=number.strip(),
        year=year,
        category=str(household.get_status_display()).lower(),
        household_code=household.code,
        head_name=head.full_name,
        head_ethnicity=names.get(head.ethnicity, head.ethnicity),
        head_personal_id=personal_id_for(viewer, household, head.personal_id, purpose="certificate"),
        residence=_residence(household),
        members=tuple(
            CertificateMember(
                full_name=member.full_name,
                ethnicity=names.get(member.ethnicity, member.ethnicity),
                relation=relation_labels.get(member.relation, member.relation),
                birth_year=member.birth_year,
                sex=member.sex,
                note="Người có công với cách mạng" if member.has_merit else "",
            )
            for member in members
        ),
        issued_on=issued_on,
        chair_name=chair_name.strip(),
    )


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=15)
    return {
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=10, leading=12.5),
        "cell_center": ParagraphStyle(
            "cell_center", parent=base, fontSize=10, leading=12.5, alignment=TA_CENTER
        ),
        "head": ParagraphStyle(
            "head", parent=base, fontName=FONT_BOLD, fontSize=9.5, leading=12, alignment=TA_CENTER
        ),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "center_bold": ParagraphStyle("center_bold", parent=base, fontName=FONT_BOLD, alignment=TA_CENTER),
        "form": ParagraphStyle("form", parent=base, fontName=FONT_ITALIC, fontSize=9, alignment=TA_RIGHT),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=22, alignment=TA_CENTER
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontName=FONT_BOLD, fontSize=14, leading=19, alignment=TA_CENTER
        ),
        "italic_center": ParagraphStyle(
            "italic_center", parent=base, fontName=FONT_ITALIC, alignment=TA_CENTER, fontSize=10.5
        ),
        "section": ParagraphStyle("section", parent=base, fontName=FONT_BOLD, alignment=TA_LEFT),
    }


def _text(value: object) -> str:
    return escape(str(value))


def _header(data: CertificateData, texts: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Any]:
    number = texts["number"].format(number=_text(data.number or texts["number_blank"]))
    issuer = _text(texts["issuer"].format(commune=data.commune.upper()))
    left = [
        Paragraph(f"<b>{issuer}</b>", styles["center"]),
        HRFlowable(
            width="35%", thickness=0.7, color=colors.black, spaceBefore=2, spaceAfter=4, hAlign="CENTER"
        ),
        Paragraph(number, styles["center"]),
    ]
    right = [
        Paragraph(f"<b>{_text(texts['motto'])}</b>", styles["center"]),
        Paragraph(f"<b><u>{_text(texts['motto_subtitle'])}</u></b>", styles["center"]),
    ]
    table = Table([[left, right]], colWidths=[6.6 * cm, 10.4 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [Paragraph(_text(texts["form_label"]), styles["form"]), Spacer(1, 4), table]


def _fields(data: CertificateData, texts: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Any]:
    labels = texts["fields"]
    rows = [
        (labels["head_name"], f"<b>{_text(data.head_name.upper())}</b>"),
        (labels["ethnicity"], _text(data.head_ethnicity)),
        (labels["personal_id"], _text(data.head_personal_id or "……………………")),
        (labels["residence"], _text(data.residence)),
        (labels["household_code"], _text(data.household_code)),
        (labels["category"], f"<b>{_text(data.category.upper())}</b>"),
    ]
    return [Paragraph(f"{_text(label)}: {value}", styles["body"], bulletText="−") for label, value in rows]


def _member_table(data: CertificateData, texts: dict[str, Any], styles: dict[str, ParagraphStyle]) -> Table:
    labels = texts["members"]
    head = styles["head"]
    rows: list[list[Any]] = [
        [
            Paragraph(labels["number"], head),
            Paragraph(labels["full_name"], head),
            Paragraph(labels["ethnicity"], head),
            Paragraph(labels["relation"], head),
            Paragraph(labels["birth_year"], head),
            "",
            Paragraph(labels["notes"], head),
        ],
        ["", "", "", "", Paragraph(labels["male"], head), Paragraph(labels["female"], head), ""],
    ]
    for index, member in enumerate(data.members, start=1):
        rows.append(
            [
                Paragraph(str(index), styles["cell_center"]),
                Paragraph(_text(member.full_name), styles["cell"]),
                Paragraph(_text(member.ethnicity), styles["cell_center"]),
                Paragraph(_text(member.relation), styles["cell_center"]),
                Paragraph(str(member.birth_year) if member.sex == "male" else "", styles["cell_center"]),
                Paragraph(str(member.birth_year) if member.sex == "female" else "", styles["cell_center"]),
                Paragraph(_text(member.note), styles["cell"]),
            ]
        )
    widths = [1.25, 4.35, 2.0, 2.7, 1.5, 1.5, 3.7]
    table = Table(rows, colWidths=[width * cm for width in widths], repeatRows=2)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (1, 1)),
                ("SPAN", (2, 0), (2, 1)),
                ("SPAN", (3, 0), (3, 1)),
                ("SPAN", (4, 0), (5, 0)),
                ("SPAN", (6, 0), (6, 1)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#F2F2F2")),
            ]
        )
    )
    return table


def _yearly_table(data: CertificateData, texts: dict[str, Any], styles: dict[str, ParagraphStyle]) -> Any:
    labels = texts["yearly"]
    head = styles["head"]
    rows: list[list[Any]] = [
        [
            Paragraph(labels["year"], head),
            Paragraph(labels["category"], head),
            Paragraph(labels["stamp"], head),
        ]
    ]
    for offset in range(int(labels["rows"])):
        year = data.year + offset
        category = data.category if offset == 0 else ""
        rows.append(
            [
                Paragraph(str(year), styles["cell_center"]),
                Paragraph(_text(category), styles["cell_center"]),
                "",
            ]
        )
    table = Table(
        rows, colWidths=[2.5 * cm, 5.5 * cm, 9.0 * cm], rowHeights=[None] + [0.8 * cm] * (len(rows) - 1)
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
            ]
        )
    )
    return KeepTogether([Paragraph(_text(labels["heading"]), styles["section"]), Spacer(1, 4), table])


def _signature(data: CertificateData, texts: dict[str, Any], styles: dict[str, ParagraphStyle]) -> Any:
    labels = texts["signature"]
    when = data.issued_on
    block = [
        Paragraph(
            _text(
                labels["place_date"].format(place=data.place, day=when.day, month=when.month, year=when.year)
            ),
            styles["italic_center"],
        ),
        Paragraph(_text(labels["on_behalf"]), styles["center_bold"]),
        Paragraph(_text(labels["title"]), styles["center_bold"]),
        Paragraph(_text(labels["hint"]), styles["italic_center"]),
        Spacer(1, 1.6 * cm),
        Paragraph(f"<b>{_text(data.chair_name)}</b>", styles["center"]),
    ]
    table = Table([["", block]], colWidths=[8.0 * cm, 9.0 * cm])
    return KeepTogether([table])


def certificate_pdf(data: CertificateData, *, invariant: bool = False) -> bytes:
    """Lay the certificate out on A4 portrait and return the PDF bytes."""
    texts = layout()
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.0 * cm,
        rightMargin=2.0 * cm,
        topMargin=1.3 * cm,
        bottomMargin=1.3 * cm,
        title=f"{texts['title']} {texts['subtitle']} — {data.household_code}",
        author=data.commune,
        invariant=int(invariant),
    )
    story: list[Any] = [
        *_header(data, texts, styles),
        Spacer(1, 0.4 * cm),
        Paragraph(_text(texts["title"]), styles["title"]),
        Paragraph(_text(texts["subtitle"]), styles["subtitle"]),
        Paragraph(_text(texts["year"].format(year=data.year)), styles["center_bold"]),
        Spacer(1, 0.3 * cm),
        Paragraph(_text(texts["intro"].format(commune=data.commune_in_text)), styles["body"]),
        Spacer(1, 2),
        *_fields(data, texts, styles),
        Spacer(1, 0.4 * cm),
        Paragraph(_text(texts["members"]["heading"]), styles["section"]),
        Spacer(1, 4),
        _member_table(data, texts, styles),
        Spacer(1, 0.3 * cm),
        _signature(data, texts, styles),
        Spacer(1, 0.2 * cm),
        _yearly_table(data, texts, styles),
    ]
    document.build(story)
    return buffer.getvalue()


@transaction.atomic
def certificate_issue(
    *,
    actor: Any,
    household: Household,
    number: str = "",
    year: int | None = None,
    issued_on: dt.date | None = None,
    chair_name: str = "",
) -> bytes:
    """Print a household's certificate and record the issuance (`certificate.issue`) in the audit log.

    The certificate shows the head's personal ID in full, so it needs the permission to see IDs over the
    household's place. The year defaults to the year of `issued_on`, which defaults to today; an empty
    number leaves a blank for the commune's register number to be written by hand.
    """
    require_permission(actor, Permission.VIEW_PERSONAL_IDS, household.village or household.commune)
    issued_on = issued_on or timezone.localdate()
    data = certificate_data(
        household,
        number=number,
        year=year or issued_on.year,
        issued_on=issued_on,
        chair_name=chair_name,
        viewer=actor,
    )
    pdf = certificate_pdf(data)
    audit_record(
        actor=actor,
        action=AuditAction.CERTIFICATE_ISSUE,
        obj=household,
        after={
            "number": data.number,
            "year": data.year,
            "status": household.status,
            "issued_on": data.issued_on,
            "members": len(data.members),
        },
    )
    return pdf
