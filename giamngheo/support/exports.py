"""Printable support documents: the payment/handover list of an approved list, and the commune appendix
«danh sách hộ nghèo và giải pháp hỗ trợ» (seed 003 §IV.16.b), each as XLSX and as an A4 PDF."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from giamngheo.core.pdf import FONT, FONT_BOLD, FONT_ITALIC, register_fonts
from giamngheo.registry.models import Member
from giamngheo.support.models import BeneficiaryList, HouseholdPlan, RecordStatus, SupportRecord


@dataclass(frozen=True)
class Document:
    """A table with its titles, ready for XLSX or PDF."""

    title: str
    subtitle: str
    header: Sequence[str]
    rows: list[Sequence[Any]]
    widths: Sequence[float]
    footer: Sequence[str] = ()


def _address(household: Any) -> str:
    parts = [household.address, household.village.name if household.village else "", household.commune.name]
    seen: list[str] = []
    for part in parts:
        if part and part not in seen and not any(part in other for other in seen):
            seen.append(part)
    return ", ".join(seen)


def payment_list(beneficiary_list: BeneficiaryList, show_id: Callable[[Any], str]) -> Document:
    """The payment or handover list of an approved list: one row per record, with a column to sign.

    `show_id(member)` returns the personal ID as the downloading user may see it.
    """
    records = list(
        SupportRecord.objects.filter(entry__list=beneficiary_list, status=RecordStatus.APPROVED)
        .select_related("household", "household__village", "household__commune", "member")
        .order_by("household__code", "member__member_no")
    )
    heads = {
        member.household_id: member
        for member in _heads([record.household_id for record in records if record.member is None])
    }
    rows: list[Sequence[Any]] = []
    total = 0
    for number, record in enumerate(records, start=1):
        person = record.member or heads.get(record.household_id)
        amount = record.amount or 0
        total += amount
        rows.append(
            [
                number,
                record.household.code,
                person.full_name if person else record.household.head_name,
                show_id(person) if person else "",
                _address(record.household),
                record.amount if record.amount is not None else "",
                f"{record.quantity.normalize()} {beneficiary_list.support_type.quantity_label}".strip()
                if record.quantity is not None and record.amount is None
                else "",
                "",
            ]
        )
    support_type = beneficiary_list.support_type
    return Document(
        title=_("DANH SÁCH CHI TRẢ, CẤP PHÁT HỖ TRỢ"),
        subtitle=_("%(name)s — %(commune)s, năm %(year)s — Quyết định %(number)s ngày %(day)s")
        % {
            "name": support_type.name,
            "commune": beneficiary_list.commune.name,
            "year": beneficiary_list.year,
            "number": beneficiary_list.decision_number,
            "day": beneficiary_list.decided_on.strftime("%d/%m/%Y") if beneficiary_list.decided_on else "",
        },
        header=[
            _("STT"),
            _("Mã hộ"),
            _("Họ và tên người nhận"),
            _("Số định danh cá nhân"),
            _("Địa chỉ"),
            _("Số tiền (đồng)"),
            _("Hiện vật, dịch vụ"),
            _("Ký nhận"),
        ],
        rows=rows,
        widths=[1.1, 2.9, 4.2, 3.3, 5.6, 2.8, 3.0, 3.4],
        footer=[
            _("Tổng số: %(count)s trường hợp; tổng số tiền: %(total)s đồng")
            % {"count": len(rows), "total": number_format(total, force_grouping=True)},
            _("Căn cứ: %(basis)s") % {"basis": support_type.legal_basis},
        ],
    )


def _heads(household_ids: list[int]) -> list[Member]:
    return list(Member.objects.filter(household_id__in=household_ids, relation="head", is_active=True))


def commune_appendix(plans: Sequence[HouseholdPlan], commune_name: str, year: int) -> Document:
    """«Danh sách hộ nghèo, hộ cận nghèo và giải pháp hỗ trợ»: causes, solutions, helper of each household."""
    rows: list[Sequence[Any]] = []
    for number, plan in enumerate(plans, start=1):
        causes = [cause.name for cause in plan.causes.all()]
        if plan.other_cause:
            causes.append(plan.other_cause)
        solutions = [
            f"{solution.support_type.name}{f' ({solution.member.full_name})' if solution.member else ''}"
            for solution in plan.solutions.all()
        ]
        helper = ", ".join(part for part in (plan.helper_name, plan.helper_organisation) if part)
        rows.append(
            [
                number,
                plan.household.code,
                plan.household.head_name,
                plan.household.village.name if plan.household.village else "",
                plan.household.get_status_display(),
                "; ".join(causes),
                "; ".join(solutions),
                helper,
                _("Có") if plan.registers_to_escape else "",
            ]
        )
    return Document(
        title=_("DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO VÀ GIẢI PHÁP HỖ TRỢ"),
        subtitle=_("%(commune)s — năm %(year)s") % {"commune": commune_name, "year": year},
        header=[
            _("STT"),
            _("Mã hộ"),
            _("Chủ hộ"),
            _("Thôn"),
            _("Diện hộ"),
            _("Nguyên nhân nghèo"),
            _("Giải pháp hỗ trợ"),
            _("Người, tổ chức giúp đỡ"),
            _("Đăng ký thoát nghèo"),
        ],
        rows=rows,
        widths=[1.1, 2.9, 3.4, 2.3, 2.1, 4.3, 5.6, 3.6, 2.0],
        footer=[_("Tổng số: %(count)s hộ") % {"count": len(rows)}],
    )


def document_pdf(document: Document) -> bytes:
    """An A4 landscape PDF of the document in a font with every Vietnamese glyph, signatures at the end."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=10.5)
    head = ParagraphStyle("head", parent=body, fontName=FONT_BOLD, alignment=TA_CENTER)
    title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=13, leading=16, alignment=TA_CENTER)
    subtitle = ParagraphStyle("subtitle", fontName=FONT_ITALIC, fontSize=10, leading=13, alignment=TA_CENTER)

    def cell(value: Any, style: ParagraphStyle = body) -> Paragraph:
        if isinstance(value, int) and not isinstance(value, bool) and style is body and value >= 1000:
            value = number_format(value, force_grouping=True)
        return Paragraph(escape(str(value)), style)

    data = [[cell(h, head) for h in document.header]] + [[cell(v) for v in row] for row in document.rows]
    table = Table(data, colWidths=[w * cm for w in document.widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ]
        )
    )
    story: list[Any] = [
        Paragraph(escape(document.title), title),
        Paragraph(escape(document.subtitle), subtitle),
    ]
    story += [Spacer(1, 0.4 * cm), table, Spacer(1, 0.4 * cm)]
    story += [Paragraph(escape(line), body) for line in document.footer]
    signature = Table(
        [[cell(_("NGƯỜI LẬP BIỂU"), head), cell(_("CHỦ TỊCH ỦY BAN NHÂN DÂN"), head)]],
        colWidths=[12 * cm, 12 * cm],
    )
    story += [Spacer(1, 0.8 * cm), signature]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=1.2 * cm,
        rightMargin=1.2 * cm,
        topMargin=1.2 * cm,
        bottomMargin=1.2 * cm,
        title=document.title,
    ).build(story)
    return buffer.getvalue()
