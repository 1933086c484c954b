"""Circular 10/2022 forms of a report (Mẫu 01, 02; Biểu 01–15) as data-driven official documents."""

from __future__ import annotations

import functools
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils import formats

from giamngheo.core.official_document import (
    HeaderCell,
    Heading,
    OfficialDocument,
    Signature,
    Table,
    Text,
    committee_name,
    lines,
    place_name,
)
from giamngheo.monitoring.collection_forms import (
    COLLECTION_CODES,
    all_columns,
    collection_rows,
    report_collection,
    report_window,
)
from giamngheo.monitoring.content import report_figures
from giamngheo.monitoring.models import Report

FORMS_FILE = Path(__file__).resolve().parent / "data" / "circular10.toml"
CIRCULAR = "Thông tư 10/2022/TT-BLĐTBXH"
FORM_CODES = ("mau-01", "mau-02", "bieu-01", "bieu-02", *COLLECTION_CODES)
TABLE_FORMS = ("bieu-01", "bieu-02", *COLLECTION_CODES)
# Who the province's report goes to (Circular 10/2022 Art. 4.2, ministries as renamed on 1/3/2025, law.md §6).
PROVINCE_RECIPIENTS = (
    "Bộ Nông nghiệp và Môi trường;",
    "Bộ Tài chính;",
    "Văn phòng Quốc gia về giảm nghèo;",
    "Lưu: VT.",
)
DEFAULT_AUTHORITY = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")
DEFAULT_TITLE = "PHÓ CHỦ TỊCH"


@functools.cache
def forms_data() -> dict[str, Any]:
    """The form templates and the indicator frameworks, from `data/circular10.toml`."""
    data: dict[str, Any] = tomllib.loads(FORMS_FILE.read_text(encoding="utf-8"))
    return data


def framework_for(year: int) -> dict[str, Any]:
    """The framework a period reports under: Circular 10/2022 to 2025; configuration from 2026."""
    frameworks = forms_data()["framework"]
    return dict(frameworks["2021-2025" if year <= 2025 else "2026-2030"])


def vn_number(value: Any) -> str:
    """A number the Vietnamese way (1.595; 2,27), empty when there is none."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    places = 0 if number == number.to_integral_value() else 2
    return formats.number_format(number, places, use_l10n=True, force_grouping=True)


def header_of(columns: list[dict[str, Any]]) -> tuple[tuple[HeaderCell, ...], ...]:
    """One header row, or two when columns are grouped: ungrouped columns span both rows."""
    if not any(column.get("group") for column in columns):
        return (tuple(HeaderCell(column["header"]) for column in columns),)
    top: list[HeaderCell] = []
    bottom: list[HeaderCell] = []
    index = 0
    while index < len(columns):
        group = columns[index].get("group")
        if not group:
            top.append(HeaderCell(columns[index]["header"], rows=2))
            index += 1
            continue
        members = 0
        while index + members < len(columns) and columns[index + members].get("group") == group:
            bottom.append(HeaderCell(columns[index + members]["header"]))
            members += 1
        top.append(HeaderCell(group, span=members))
        index += members
    return (tuple(top), tuple(bottom))


def columns_of(code: str, year: int, part: str = "columns") -> list[dict[str, Any]]:
    """A Biểu's columns: as the TOML lists them, or (Biểu 03–15) STT, the unit, then the measures."""
    if code in COLLECTION_CODES:
        return all_columns(code, year)
    columns: list[dict[str, Any]] = forms_data()["form"][code][part]
    return columns


def form_rows(code: str, figures: dict[str, Any], part: str = "columns") -> list[dict[str, Any]]:
    """The rows of a Biểu as dicts keyed like its columns (raw values, before formatting).

    For Biểu 03–15 `figures` is that Biểu's collection (`collection_forms.collect`)."""
    if code in COLLECTION_CODES:
        return collection_rows(code, figures)
    if code == "bieu-01":
        return [
            {
                "indicator": row["indicator"],
                "unit": row["unit_label"],
                "group": row["group"],
                "baseline_year": row.get("baseline_year") or "",
                "baseline": row.get("baseline"),
                "target_year": row.get("target_year") or "",
                "target": row["target"],
                "actual": row["actual"],
                "rate": row.get("rate"),
                "status": row["status_label"] or "Chỉ tiêu của tỉnh, để tham chiếu",
                "source": row.get("trace") or row.get("message", ""),
            }
            for row in figures["framework"]
        ]
    if part == "outputs":
        return [
            {
                "indicator": row["indicator"],
                "unit": row["unit_label"],
                "group": row["group"],
                "value": row["value"],
                "source": row.get("trace") or row["note"],
            }
            for row in figures["results"]
        ]
    return [
        {
            "line": row["line"],
            "source_label": row["source"],
            "expenditure": row["expenditure"],
            "planned": row["planned"],
            "allocated": row["allocated"],
            "disbursed": row["disbursed"],
            "rate": row["rate"],
            "source": row.get("trace", ""),
        }
        for row in figures["budget"]
    ]


def form_table(
    code: str, figures: dict[str, Any], part: str = "columns", title: str = "", year: int = 2025
) -> Table:
    """A Biểu's table laid out from its column definitions."""
    columns = columns_of(code, year, part)
    rows = form_rows(code, figures, part)
    numeric = frozenset(i for i, column in enumerate(columns) if column.get("numeric"))
    body = tuple(
        tuple(
            str(row.get("index", index))
            if column["key"] == "index"
            else vn_number(row.get(column["key"]))
            if column.get("numeric")
            else str(row.get(column["key"]) or "")
            for column in columns
        )
        for index, row in enumerate(rows, start=1)
    )
    return Table(
        header=header_of(columns),
        rows=body,
        numeric=numeric,
        widths=tuple(float(column.get("width", 1)) for column in columns),
        title=title,
    )


def _summary_table(figures: dict[str, Any]) -> Table:
    rows = tuple(
        (
            str(index),
            row["target"],
            f"{vn_number(row['actual'])} {row['unit_label']}" if row["actual"] not in (None, "") else "—",
            row["status_label"] or "Tham chiếu",
        )
        for index, row in enumerate(figures["framework"], start=1)
    )
    header = (tuple(HeaderCell(text) for text in ("STT", "Chỉ tiêu", "Thực hiện", "Đánh giá")),)
    return Table(header=header, rows=rows, numeric=frozenset({2}), widths=(0.6, 4.1, 1.4, 1.4))


def _close_out_table(figures: dict[str, Any]) -> Table:
    """A close-out's targets over the period: baseline, end of the first year, end of the period, change."""
    rows = tuple(
        (
            str(index),
            row["target"],
            f"{vn_number(row['baseline'])} ({row['baseline_year'] or ''})"
            if row["baseline"] is not None
            else "",
            vn_number(row["first"]),
            vn_number(row["last"]),
            vn_number(row["change"]),
            row["status_label"],
        )
        for index, row in enumerate(figures.get("close_out_rows", []), start=1)
    )
    first_year = figures["close_out_rows"][0]["first_year"] if figures.get("close_out_rows") else ""
    header = (
        tuple(
            HeaderCell(text)
            for text in (
                "STT",
                "Chỉ tiêu",
                "Giá trị cơ sở (năm)",
                f"Cuối năm {first_year}",
                "Cuối kỳ",
                "Thay đổi",
                "Đánh giá",
            )
        ),
    )
    return Table(
        header=header,
        rows=rows,
        numeric=frozenset({3, 4, 5}),
        widths=(0.5, 2.9, 1.0, 0.9, 0.9, 0.8, 1.1),
        note="Giá trị của từng năm là giá trị tại ngày cuối năm (sổ hộ theo lịch sử, số liệu nhập, số liệu "
        "tổng hợp từ cấp xã); thay đổi = cuối kỳ − cuối năm đầu.",
    )


def _budget_table(figures: dict[str, Any]) -> Table:
    rows = tuple(
        (
            str(index),
            f"{row['line']} ({row['source']})",
            vn_number(row["allocated"]),
            vn_number(row["disbursed"]),
            vn_number(row["rate"]),
        )
        for index, row in enumerate(figures["budget"], start=1)
    )
    header = (
        tuple(HeaderCell(t) for t in ("STT", "Dòng kinh phí", "Dự toán giao", "Đã giải ngân", "Tỷ lệ (%)")),
    )
    return Table(header=header, rows=rows, numeric=frozenset({2, 3, 4}), widths=(0.6, 3.5, 1.2, 1.2, 1.0))


def _counts(figures: dict[str, Any]) -> str:
    labels = [row["status_label"] for row in figures["framework"] if row["status_label"]]
    if not labels:
        return "Kỳ báo cáo chưa có chỉ tiêu được đánh giá."
    parts = ", ".join(f"{label}: {labels.count(label)}" for label in dict.fromkeys(labels))
    return f"Trong {len(labels)} chỉ tiêu được đánh giá — {parts} (chi tiết tại Biểu số 01)."


def _collection_body(code: str, report: Report) -> tuple[Any, ...]:
    """A Biểu 03–15: its unconfirmed-layout label, the table by commune, the source of each column."""
    collection = forms_data()["collection"]
    year = report.round.period.year
    figures = report_collection(report, (code,))[code]
    columns = columns_of(code, year)
    window = report_window(report)
    sources = [
        f"({position}) {column['header']}: {figures['sources'][column['key']]}."
        for position, column in enumerate(columns, start=1)
        if column["key"] in figures["sources"]
    ]
    return (
        Text(f"{collection['label_note']}. {collection['layout_source']}", italic=True),
        Text(f"Số liệu của {window.area.name}, {figures['window']}.", italic=True),
        form_table(code, figures, year=year),
        Heading("Nguồn số liệu của từng cột"),
        Text("\n".join(sources)),
    )


def _body(code: str, report: Report, figures: dict[str, Any]) -> tuple[Any, ...]:
    form = forms_data()["form"][code]
    if code in COLLECTION_CODES:
        return _collection_body(code, report)
    if code in TABLE_FORMS:
        body: list[Any] = [form_table(code, figures)]
        if code == "bieu-02":
            body.append(form_table(code, figures, "outputs", "Sản phẩm, chỉ số đầu ra của kỳ báo cáo"))
        return tuple(body)
    sections = form["sections"]
    plan = f"Kế hoạch: {figures['plan']}." if figures["plan"] else "Đợt báo cáo không gắn với kế hoạch."
    period = figures["period"].lower()
    body = []
    if code == "mau-02":
        body += [
            Heading(sections[0]),
            Text(f"Đánh giá việc thực hiện Chương trình của {figures['unit']}, {period}. {plan}"),
        ]
    else:
        body.append(Text(f"{figures['unit']} báo cáo kết quả giám sát {period}. {plan}"))
    framework = sections[1] if code == "mau-02" else sections[0]
    body += [Heading(framework), Text(_counts(figures))]
    if figures["framework"]:
        body.append(_summary_table(figures))
    if figures.get("close_out_rows"):
        body += [
            Heading(f"Kết quả giai đoạn {figures['close_out_years']} so với đầu kỳ"),
            _close_out_table(figures),
        ]
    if code == "mau-01":
        body.append(Heading(sections[1]))
        body.append(
            Text(f"Đơn vị đã nhập {len(figures['results'])} số liệu chỉ số (Biểu số 02, phần sản phẩm).")
        )
    body.append(Heading(sections[2]))
    body.append(_budget_table(figures) if figures["budget"] else Text("Không có số liệu kinh phí ở cấp này."))
    for heading, text in zip(
        sections[3:], (report.summary, report.difficulties, report.proposals), strict=True
    ):
        body += [Heading(heading), Text(text or "…")]
    return tuple(body)


def report_document(report: Report, code: str) -> OfficialDocument:
    """A report as one of the Circular 10/2022 forms, with the number, date and signer the officer entered."""
    form = forms_data()["form"][code]
    figures = report_figures(report)
    period = report.round.period
    framework = framework_for(period.year)
    unit_name = report.unit.name
    recipients = lines(report.doc_recipients) or (
        PROVINCE_RECIPIENTS
        if report.commune_id is None
        else (f"UBND {report.province.name} (qua Sở Nông nghiệp và Môi trường);", "Lưu: VT.")
    )
    label = f"{form['label']}, {CIRCULAR}"
    if form.get("confidence") == "unconfirmed":
        label += " (bố cục chưa xác nhận)"
    if framework["configuration"]:
        label += " (cấu hình 2026–2030, chưa có thông tư thay thế)"
    return OfficialDocument(
        parent_body="",
        issuing_body=committee_name(unit_name),
        number=report.doc_number,
        symbol=report.doc_symbol or "BC-UBND",
        place=report.doc_place or place_name(unit_name),
        date=report.doc_date,
        year=period.year,
        kind=form.get("kind", ""),
        subject=form["subject"].format(
            period=f"giai đoạn {figures['close_out_years']}"
            if figures.get("close_out_years")
            else figures["period"].lower()
        ),
        body=_body(code, report, figures),
        recipients=recipients,
        signature=Signature(
            lines(report.signer_authority) or DEFAULT_AUTHORITY,
            report.signer_title or DEFAULT_TITLE,
            report.signer_name,
        ),
        landscape=code in TABLE_FORMS,
        form_label=label,
        title=f"{form['label']} — {unit_name} — {figures['period']}",
    )
