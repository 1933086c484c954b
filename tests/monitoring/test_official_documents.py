"""Reports as official documents: Mẫu 01/02, Biểu 01/02 in PDF, Word, Excel; figures traceable, scoped."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from giamngheo.accounts.roles import Role
from giamngheo.core.official_document import date_line, place_name
from giamngheo.core.services import period_get_or_create
from giamngheo.demo.plans import demo_plans_load
from giamngheo.monitoring import services
from giamngheo.monitoring.documents import report_document
from giamngheo.monitoring.models import Report
from giamngheo.monitoring.selectors import plan_achievement
from giamngheo.programs.models import Plan
from giamngheo.programs.selectors import budget_summary
from tests.fixtures.people import client_for, make_user

pytestmark = pytest.mark.django_db

SIGNER = "Nguyễn Văn Phương"


@pytest.fixture
def province_report(admin_user):
    """The annual 2025 report of Quảng Ngãi on seed 004's plan (targets and budget), number and signer set."""
    demo_plans_load(admin_user)
    plan = Plan.objects.get(number="234/KH-UBND")
    officer = make_user("qngai", Role.PROVINCE_OFFICER, plan.province)
    reporting_round = services.round_open(
        actor=officer,
        province=plan.province,
        period=period_get_or_create(year=2025, kind="year", number=1),
        plan=plan,
        commune_due=datetime.date(2025, 12, 10),
        province_due=datetime.date(2025, 12, 20),
    )
    report = Report.objects.get(round=reporting_round, commune__isnull=True, agency__isnull=True)
    services.report_document_set(
        actor=officer,
        report=report,
        data={
            "doc_number": "125",
            "doc_symbol": "BC-UBND",
            "doc_date": datetime.date(2025, 12, 1),
            "doc_place": "",
            "doc_recipients": "Bộ Nông nghiệp và Môi trường;\nLưu: VT.",
            "signer_authority": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
            "signer_title": "Phó Chủ tịch",
            "signer_name": SIGNER,
        },
    )
    return Report.objects.get(pk=report.pk), officer, plan


def content(response):
    return b"".join(response.streaming_content)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


@pytest.mark.parametrize("form", ["mau-01", "mau-02", "bieu-01", "bieu-02"])
def test_every_form_renders_as_pdf_and_word_with_header_number_and_signer(province_report, form):
    report, officer, _plan = province_report
    client = client_for(officer)

    pdf = client.get(f"/giam-sat/bao-cao/{report.pk}/van-ban/{form}.pdf")
    word = client.get(f"/giam-sat/bao-cao/{report.pk}/van-ban/{form}.docx")

    assert pdf.status_code == word.status_code == 200
    assert word["Content-Type"].endswith("wordprocessingml.document")
    for text in (pdf_text(content(pdf)), docx_text(content(word))):
        squeezed = " ".join(text.split())
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in squeezed
        assert "Độc lập - Tự do - Hạnh phúc" in squeezed
        assert "Số: 125/BC-UBND" in squeezed
        assert "Quảng Ngãi, ngày 01 tháng 12 năm 2025" in squeezed
        assert "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" in squeezed
        assert "KT. CHỦ TỊCH" in squeezed
        assert "PHÓ CHỦ TỊCH" in squeezed
        assert SIGNER in squeezed
        assert "Nơi nhận:" in squeezed


def test_old_pdf_link_gives_the_official_monitoring_report(province_report):
    report, officer, _plan = province_report

    text = pdf_text(content(client_for(officer).get(f"/giam-sat/bao-cao/{report.pk}/xuat.pdf")))

    assert "Mẫu số 01, Phụ lục II" in " ".join(text.split())


def test_bieu_01_reconciles_with_the_page_and_the_indicators_and_names_each_source(province_report):
    report, officer, plan = province_report
    period = report.round.period
    achieved = plan_achievement(plan, period)
    page = client_for(officer).get(f"/giam-sat/bao-cao/{report.pk}/")

    book = openpyxl.load_workbook(
        io.BytesIO(content(client_for(officer).get(f"/giam-sat/bao-cao/{report.pk}/van-ban/bieu-01.xlsx")))
    )

    sheet, sources = book.worksheets
    rows = [row for row in sheet.iter_rows(min_row=12, values_only=True) if isinstance(row[0], int)]
    assert len(rows) == len(achieved) == len(page.context["figures"]["framework"])
    for row, target_row, shown in zip(rows, achieved, page.context["figures"]["framework"], strict=True):
        expected = target_row.actual.value
        assert row[8] == (float(expected) if expected is not None else None)
        assert row[11] == shown["trace"]
        assert f"Chỉ tiêu số {target_row.target.pk}" in row[11]
    assert [cell.value for cell in sheet[11]] == [f"({n})" for n in range(1, 13)]
    assert "Giá trị cơ sở" in {cell.value for cell in sheet[9]}
    traced = list(sources.iter_rows(min_row=2, values_only=True))
    assert len(traced) == 3 * len(rows)  # baseline, result and rate of every row
    assert all(row[5] for row in traced)
    assert "Nguồn số liệu" in page.content.decode()


def test_bieu_02_budget_reconciles_with_the_plan_budget(province_report):
    report, officer, plan = province_report
    execution = budget_summary(plan).execution

    book = openpyxl.load_workbook(
        io.BytesIO(content(client_for(officer).get(f"/giam-sat/bao-cao/{report.pk}/van-ban/bieu-02.xlsx")))
    )

    sheet = book.worksheets[0]
    rows = [row for row in sheet.iter_rows(min_row=12, values_only=True) if isinstance(row[0], int)]
    budget_rows = rows[: len(execution)]
    assert len(execution) > 0
    assert sum(Decimal(str(row[4])) for row in budget_rows) == sum(line["planned"] for line in execution)
    assert sum(Decimal(str(row[5] or 0)) for row in budget_rows) == sum(
        line["allocated"] for line in execution
    )
    assert all("Dòng kinh phí số" in row[8] for row in budget_rows)


def test_another_province_and_a_commune_get_404(province_report, son_la, commune_a, officer_a):
    report, _officer, _plan = province_report
    stranger = make_user("sonla", Role.PROVINCE_OFFICER, son_la)

    for user in (stranger, officer_a):
        for form in ("mau-01.pdf", "bieu-01.xlsx", "mau-02.docx"):
            assert client_for(user).get(f"/giam-sat/bao-cao/{report.pk}/van-ban/{form}").status_code == 404


def test_unknown_form_or_format_is_not_found(province_report):
    report, officer, _plan = province_report
    client = client_for(officer)

    for path in ("mau-01.xlsx", "bieu-16.pdf", "mau-01.exe"):
        assert client.get(f"/giam-sat/bao-cao/{report.pk}/van-ban/{path}").status_code == 404


def test_hostile_document_fields_stay_text_in_the_workbook(province_report):
    report, officer, _plan = province_report
    Report.objects.filter(pk=report.pk).update(signer_name='=HYPERLINK("x")', doc_place="+1", doc_number="@1")

    book = openpyxl.load_workbook(
        io.BytesIO(content(client_for(officer).get(f"/giam-sat/bao-cao/{report.pk}/van-ban/bieu-02.xlsx")))
    )

    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []


def test_document_fields_are_saved_from_the_page_and_audited(province_report):
    report, officer, _plan = province_report

    client_for(officer).post(
        f"/giam-sat/bao-cao/{report.pk}/document/",
        {"doc_number": "7", "doc_symbol": "BC-UBND", "doc_date": "05/12/2025", "signer_name": "Lê Thị B"},
    )

    report.refresh_from_db()
    assert (report.doc_number, report.doc_date, report.signer_name) == (
        "7",
        datetime.date(2025, 12, 5),
        "Lê Thị B",
    )


def test_a_commune_cannot_set_the_province_report_document(province_report, officer_a):
    report, _officer, _plan = province_report

    response = client_for(officer_a).post(f"/giam-sat/bao-cao/{report.pk}/document/", {"doc_number": "9"})

    assert response.status_code == 404
    report.refresh_from_db()
    assert report.doc_number == "125"


def test_2026_reports_say_the_framework_is_configuration(hue, province_officer):
    reporting_round = services.round_open(
        actor=province_officer,
        province=hue,
        period=period_get_or_create(year=2026, kind="half_year", number=1),
        commune_due=datetime.date(2026, 6, 20),
        province_due=datetime.date(2026, 6, 25),
    )
    report = Report.objects.get(round=reporting_round, commune__isnull=True, agency__isnull=True)

    document = report_document(report, "mau-01")

    assert "cấu hình 2026–2030" in document.form_label
    assert document.number_line.startswith("Số:") and document.number_line.endswith("/BC-UBND")
    assert document.date_line == "Huế, ngày      tháng      năm 2026"


def test_date_line_and_place_follow_decree_30():
    assert date_line("Huế", datetime.date(2026, 2, 5), 2026) == "Huế, ngày 05 tháng 02 năm 2026"
    assert date_line("Huế", datetime.date(2026, 12, 1), 2026) == "Huế, ngày 01 tháng 12 năm 2026"
    assert date_line("Huế", datetime.date(2026, 3, 15), 2026) == "Huế, ngày 15 tháng 3 năm 2026"
    assert place_name("Thành phố Huế") == "Huế"
    assert place_name("Xã Phú Vang") == "Phú Vang"
