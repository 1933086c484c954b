"""Exports: a report as XLSX (a sheet per section) or PDF (Vietnamese font), and a round's status."""

from __future__ import annotations

import io
import tempfile
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import FileResponse
from django.utils import formats, timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from giamngheo.core.exports import new_workbook, xlsx_response
from giamngheo.core.pdf import FONT_BOLD, register_fonts
from giamngheo.monitoring.content import report_figures
from giamngheo.monitoring.models import Report, ReportingRound
from giamngheo.monitoring.selectors import TIMELINESS_LABELS, report_timeliness

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _number(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _vn(value: Any, places: int = 2) -> str:
    """A number written the Vietnamese way (1.595; 2,27) through the active locale's formats."""
    number = _number(value)
    if number is None:
        return "—"
    places = 0 if number == number.to_integral_value() else places
    return formats.number_format(number, places, use_l10n=True, force_grouping=True)


def _sections(figures: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    framework = [
        [
            row["indicator"],
            row["group"],
            row["target"],
            _number(row["actual"]),
            row["unit_label"],
            row["status_label"],
            row["message"],
        ]
        for row in figures["framework"]
    ]
    results = [
        [row["indicator"], row["group"], _number(row["value"]), row["unit_label"], row["note"]]
        for row in figures["results"]
    ]
    budget = [
        [
            row["line"],
            row["source"],
            row["expenditure"],
            _number(row["planned"]),
            _number(row["allocated"]),
            _number(row["disbursed"]),
            _number(row["rate"]),
        ]
        for row in figures["budget"]
    ]
    return [
        (
            "I. Khung kết quả",
            ["Chỉ số", "Nhóm", "Chỉ tiêu", "Thực hiện", "Đơn vị tính", "Đánh giá", "Ghi chú"],
            framework,
        ),
        ("II. Kết quả thực hiện", ["Chỉ số", "Nhóm", "Giá trị", "Đơn vị tính", "Ghi chú, nguồn"], results),
        (
            "III. Kinh phí",
            [
                "Dự án",
                "Nguồn vốn",
                "Loại vốn",
                "Kế hoạch",
                "Dự toán giao",
                "Đã giải ngân",
                "Tỷ lệ giải ngân (%)",
            ],
            budget,
        ),
    ]


def _filename(report: Report, extension: str) -> str:
    period = report.round.period
    return f"bao-cao-{report.unit.code}-{period.year}-{period.kind}-{period.number}.{extension}"


def report_xlsx(report: Report) -> FileResponse:
    """The report as a workbook: a cover sheet with the annotations, then one sheet per section."""
    figures = report_figures(report)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — closed by FileResponse
    workbook = new_workbook(handle, {"in_memory": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    number = workbook.add_format({"num_format": "#,##0.###", "valign": "top"})
    cover = workbook.add_worksheet("Báo cáo")
    cover.set_column(0, 0, 28)
    cover.set_column(1, 1, 90)
    lines = [
        ("Đơn vị", figures["unit"]),
        ("Kỳ báo cáo", figures["period"]),
        ("Kế hoạch", figures["plan"]),
        ("Tình trạng", report.get_status_display()),
        ("Đánh giá chung", report.summary),
        ("Khó khăn, vướng mắc", report.difficulties),
        ("Đề xuất, kiến nghị", report.proposals),
    ]
    for index, (label, text) in enumerate(lines):
        cover.write(index, 0, label, bold)
        cover.write(index, 1, text, wrap)
    for title, header, rows in _sections(figures):
        sheet = workbook.add_worksheet(title[:31])
        sheet.write_row(0, 0, header, bold)
        sheet.set_column(0, len(header) - 1, 22)
        sheet.freeze_panes(1, 0)
        for row_index, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if isinstance(value, Decimal):
                    sheet.write_number(row_index, column, float(value), number)  # Excel stores doubles
                else:
                    sheet.write(row_index, column, "" if value is None else value, wrap)
    workbook.close()
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=_filename(report, "xlsx"), content_type=XLSX)


def report_pdf(report: Report) -> FileResponse:
    """The report as a PDF laid out like Mẫu 01 (Circular 10/2022), in a full Vietnamese font."""
    font = register_fonts()
    figures = report_figures(report)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=FONT_BOLD, fontSize=11, leading=15, spaceBefore=6
    )
    title = ParagraphStyle("title", parent=heading, fontSize=14, leading=18, alignment=1)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"Báo cáo {figures['unit']} {figures['period']}",
    )
    story: list[Any] = [
        Paragraph(f"BÁO CÁO GIÁM SÁT THỰC HIỆN CHƯƠNG TRÌNH — {figures['period'].upper()}", title),
        Paragraph(
            f"Đơn vị: {figures['unit']} · Kế hoạch: {figures['plan'] or '—'} · "
            f"Tình trạng: {report.get_status_display()}",
            body,
        ),
        Spacer(1, 4 * mm),
    ]
    for section_title, header, rows in _sections(figures):
        story.append(Paragraph(section_title, heading))
        if not rows:
            story.append(Paragraph("Không có số liệu.", small))
            continue
        data = [[Paragraph(text, small) for text in header]]
        data += [
            [Paragraph(_vn(v) if isinstance(v, Decimal) else str(v or ""), small) for v in row]
            for row in rows
        ]
        table = Table(data, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    for label, text in (
        ("IV. Đánh giá chung", report.summary),
        ("V. Khó khăn, vướng mắc", report.difficulties),
        ("VI. Đề xuất, kiến nghị", report.proposals),
    ):
        story.append(Paragraph(label, heading))
        story.append(Paragraph((text or "—").replace("\n", "<br/>"), body))
    document.build(story)
    buffer.seek(0)
    return FileResponse(
        buffer, as_attachment=True, filename=_filename(report, "pdf"), content_type="application/pdf"
    )


def round_xlsx(reporting_round: ReportingRound, reports: list[Report]) -> FileResponse:
    """Completeness and timeliness of a round, one row per unit."""
    today = timezone.localdate()
    header = ("Mã", "Đơn vị", "Tình trạng", "Hạn gửi", "Gửi lúc", "Đúng hạn")
    rows = (
        (
            report.unit.code,
            report.reporter,
            report.get_status_display(),
            report.due_date.strftime("%d/%m/%Y"),
            timezone.localtime(report.submitted_at).strftime("%d/%m/%Y %H:%M") if report.submitted_at else "",
            str(TIMELINESS_LABELS[report_timeliness(report, today)]),
        )
        for report in reports
    )
    period = reporting_round.period
    return xlsx_response(
        f"dot-bao-cao-{period.year}-{period.kind}-{period.number}.xlsx", "Tình hình báo cáo", header, rows
    )
