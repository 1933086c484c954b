"""Exports: a report as XLSX (a sheet per section) or PDF (Vietnamese font), and a round's status."""

from __future__ import annotations

import io
import tempfile
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import FileResponse
from django.utils import timezone

from giamngheo.core.exports import new_workbook, xlsx_response
from giamngheo.core.official_pdf import official_pdf
from giamngheo.monitoring.content import report_figures
from giamngheo.monitoring.documents import report_document
from giamngheo.monitoring.documents_xlsx import bieu_xlsx
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


def report_document_response(report: Report, form: str, file_format: str, content_type: str) -> FileResponse:
    """A Circular 10/2022 form of the report as an official document: PDF, .docx, or (a Biểu) xlsx."""
    if file_format == "xlsx":
        content = bieu_xlsx(report, form)
    else:
        document = report_document(report, form)
        if file_format == "pdf":
            content = official_pdf(document)
        else:
            # python-docx is loaded for Word files only: the rest of the site never depends on it.
            from giamngheo.core.official_docx import official_docx

            content = official_docx(document)
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=_filename(report, f"{form}.{file_format}"),
        content_type=content_type,
    )


def report_pdf(report: Report) -> FileResponse:
    """The report as a PDF: Mẫu 01 of Circular 10/2022 in the layout of Decree 30/2020."""
    return report_document_response(report, "mau-01", "pdf", "application/pdf")


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
