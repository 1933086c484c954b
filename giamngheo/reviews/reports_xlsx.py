"""The campaign report as an XLSX workbook: one sheet per table, Vietnamese headers, number formats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import FileResponse
from django.utils.text import slugify

from giamngheo.core.exports import Sheet, xlsx_workbook_response
from giamngheo.reviews.reports import CampaignReport, Movement

COUNT = "#,##0"
RATE = "0.00"


def _movement_sheet(title: str, list_name: str, movement: Movement) -> Sheet:
    header = [
        "Xã, phường, đặc khu",
        f"Tổng số {list_name} đầu kỳ",
        *[str(column.label) for column in movement.spec],
        f"Tổng số {list_name} cuối kỳ",
        "Khớp (đầu kỳ − giảm + tăng = cuối kỳ)",
    ]
    rows = [
        [
            row.label,
            row.start,
            *row.values(movement.spec),
            row.end,
            "có" if row.computed_end(movement.spec) == row.end else "KHÔNG",
        ]
        for row in movement.all_rows()
    ]
    return Sheet(title, header, rows, [None, *[COUNT] * (len(movement.spec) + 2), None])


def report_sheets(report: CampaignReport) -> list[Sheet]:
    """The tables of the report page, in the same order."""
    summary_rows: list[Sequence[Any]] = [
        [
            row.label,
            row.households,
            row.persons,
            row.poor,
            row.poor_rate,
            row.near_poor,
            row.near_poor_rate,
            row.average_agricultural,
        ]
        for row in [*report.summary, report.summary_total]
    ]
    summary = Sheet(
        "Tổng hợp",
        [
            "Xã, phường, đặc khu",
            "Số hộ",
            "Nhân khẩu",
            "Tổng số hộ nghèo",
            "Tỷ lệ hộ nghèo (%)",
            "Tổng số hộ cận nghèo",
            "Tỷ lệ hộ cận nghèo (%)",
            "Hộ nông, lâm, ngư nghiệp có mức sống trung bình",
        ],
        summary_rows,
        [None, COUNT, COUNT, COUNT, RATE, COUNT, RATE, COUNT],
    )
    names = [name for _key, name in report.indicators]
    keys = [key for key, _name in report.indicators]
    deprivation = Sheet(
        "Thiếu hụt",
        [
            "Xã, phường, đặc khu",
            *[f"Hộ nghèo thiếu hụt: {name}" for name in names],
            *[f"Hộ cận nghèo thiếu hụt: {name}" for name in names],
        ],
        [
            [row.label, *[row.poor.get(key, 0) for key in keys], *[row.near_poor.get(key, 0) for key in keys]]
            for row in [*report.deprivation, report.deprivation_total]
        ],
        [None, *[COUNT] * (2 * len(keys))],
    )
    ethnic = Sheet(
        "Dân tộc thiểu số",
        [
            "Xã, phường, đặc khu",
            "Số hộ",
            "Số hộ dân tộc thiểu số",
            "Hộ nghèo dân tộc thiểu số",
            "Tỷ lệ hộ nghèo trong hộ DTTS (%)",
            "Hộ cận nghèo dân tộc thiểu số",
            "Tỷ lệ hộ cận nghèo trong hộ DTTS (%)",
            "Hộ DTTS trong tổng số hộ nghèo (%)",
        ],
        [
            [
                row.label,
                row.households,
                row.minority_households,
                row.minority_poor,
                row.minority_poor_rate,
                row.minority_near_poor,
                row.minority_near_poor_rate,
                row.minority_share_of_poor,
            ]
            for row in [*report.ethnic, report.ethnic_total]
        ],
        [None, COUNT, COUNT, COUNT, RATE, COUNT, RATE, RATE],
    )
    return [
        summary,
        _movement_sheet("Diễn biến hộ nghèo", "hộ nghèo", report.poor),
        _movement_sheet("Diễn biến hộ cận nghèo", "hộ cận nghèo", report.near_poor),
        deprivation,
        ethnic,
    ]


def report_xlsx_response(report: CampaignReport) -> FileResponse:
    name = (
        slugify(f"bao-cao-{report.campaign.year}-{report.unit.search_name or report.unit.code}") or "bao-cao"
    )
    return xlsx_workbook_response(f"{name}.xlsx", report_sheets(report))
