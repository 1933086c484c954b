"""Biểu 03–15: figures by commune from the registry, support ledger and jobs register; communes sum to the
province in every Biểu; files in PDF, Word and Excel with the source of every cell; frozen on submission."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from giamngheo.core.services import period_get_or_create
from giamngheo.jobs.models import AbroadWorker
from giamngheo.monitoring import services
from giamngheo.monitoring.collection_forms import COLLECTION_CODES, form_columns, report_collection
from giamngheo.monitoring.models import Report
from giamngheo.registry.models import StatusTransition
from giamngheo.registry.status import household_status_change
from giamngheo.support.models import RecordStatus, SupportRecord, SupportType
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 15)


def _record(household, code: str, amount: int | None, source: str, member=None) -> SupportRecord:
    return SupportRecord.objects.create(
        household=household,
        member=member,
        commune_id=household.commune_id,
        province_id=household.province_id,
        support_type=SupportType.objects.get(code=code, province__isnull=True),
        status=RecordStatus.DELIVERED,
        on=ON,
        amount=amount,
        quantity=None if amount is not None else Decimal(1),
        budget_source=source,
    )


@pytest.fixture
def data(poor_household, household_b, officer_b):
    """A poor household in Xã A Lưới 1 (new poor in 2026), a near-poor ethnic household in A Lưới 2, support
    delivered in both communes, a worker gone abroad from A Lưới 2."""
    household_status_change(
        actor=None, household=household_b, to_status="near_poor", kind="new_near_poor", effective_on=ON
    )
    household_b.is_ethnic_minority = True
    household_b.save(update_fields=["is_ethnic_minority"])
    StatusTransition.objects.create(
        household=poor_household, kind="new_poor", from_status="none", to_status="poor", effective_on=ON
    )
    _record(poor_household, "da5-nha-xay-moi", 40_000_000, "central")
    _record(poor_household, "da2-mo-hinh-sinh-ke", 5_500_000, "province")
    _record(household_b, "vay-ho-can-ngheo", 30_000_000, "policy_credit")
    head_b = household_b.members.get(member_no=1)
    _record(household_b, "bhyt-ho-can-ngheo", None, "", member=head_b)
    AbroadWorker.objects.create(
        member=head_b,
        household=household_b,
        commune_id=household_b.commune_id,
        province_id=household_b.province_id,
        household_status="near_poor",
        country="Nhật Bản",
        departed_on=ON,
        contract_ends_on=dt.date(2029, 3, 15),
    )
    return poor_household, household_b


@pytest.fixture
def reporting_round(data, province_officer, hue):
    return services.round_open(
        actor=province_officer,
        province=hue,
        period=period_get_or_create(year=2026, kind="year", number=1),
        commune_due=dt.date(2026, 12, 10),
        province_due=dt.date(2026, 12, 20),
    )


def _province_report(reporting_round) -> Report:
    return Report.objects.get(round=reporting_round, commune__isnull=True, agency__isnull=True)


def _summed_keys(code: str) -> list[str]:
    return [column["key"] for column in form_columns(code, 2026) if "ratio" not in column]


@pytest.mark.parametrize("code", COLLECTION_CODES)
def test_communes_sum_to_the_province_total_and_match_their_own_reports(reporting_round, code):
    province = report_collection(_province_report(reporting_round))[code]
    rows = [row for row in province["rows"] if not row.get("total")]
    total = province["rows"][-1]
    assert total["total"] and len(rows) > 2  # every current commune of Huế, then the total
    for key in _summed_keys(code):
        assert total[key] == sum((row[key] for row in rows), Decimal(0)), key
    for commune_id in (row["unit_id"] for row in rows[:3]):
        commune_report = Report.objects.get(round=reporting_round, commune_id=commune_id)
        (own,) = report_collection(commune_report)[code]["rows"]
        (in_province,) = [row for row in rows if row["unit_id"] == commune_id]
        assert {key: own[key] for key in _summed_keys(code)} == {
            key: in_province[key] for key in _summed_keys(code)
        }


def test_figures_come_from_the_registry_ledger_and_jobs_register(reporting_round, data, commune_a, commune_b):
    collection = report_collection(_province_report(reporting_round))
    by_commune = {
        code: {row["unit_id"]: row for row in collection[code]["rows"]} for code in COLLECTION_CODES
    }
    total = {code: collection[code]["rows"][-1] for code in COLLECTION_CODES}
    assert total["bieu-03"]["poor"] == 1 and total["bieu-03"]["near_poor"] == 1
    assert by_commune["bieu-03"][commune_a.pk]["poor"] == 1
    assert by_commune["bieu-03"][commune_a.pk]["poor_rate"] == Decimal("100.00")
    assert by_commune["bieu-04"][commune_a.pk]["new"] == 1
    assert by_commune["bieu-05"][commune_b.pk]["new"] == 1
    assert by_commune["bieu-06"][commune_b.pk]["near_poor"] == 1
    assert by_commune["bieu-07"][commune_a.pk]["poor"] == 1
    assert sum(by_commune["bieu-07"][commune_a.pk][k] for k in _summed_keys("bieu-07")[1:]) >= 1
    assert by_commune["bieu-08"][commune_a.pk]["amount"] == Decimal("5.5")
    assert by_commune["bieu-10"][commune_b.pk]["abroad_poor"] == 1
    assert by_commune["bieu-11"][commune_a.pk]["amount"] == Decimal(40)
    assert by_commune["bieu-13"][commune_b.pk]["cards"] == 1
    assert by_commune["bieu-14"][commune_b.pk]["amount"] == Decimal(30)
    spent = total["bieu-15"]
    assert spent["central"] == 40 and spent["local"] == Decimal("5.5") and spent["credit"] == 30
    assert spent["all_sources"] == spent["central"] + spent["local"] + spent["credit"] + spent["mobilised"]


def test_a_cancelled_or_corrected_record_is_not_counted(reporting_round, data):
    poor_household, _b = data
    record = SupportRecord.objects.get(household=poor_household, support_type__code="da5-nha-xay-moi")
    SupportRecord.objects.create(
        household=poor_household,
        commune_id=record.commune_id,
        province_id=record.province_id,
        support_type=record.support_type,
        status=RecordStatus.CANCELLED,
        supersedes=record,
        on=ON,
        amount=40_000_000,
        budget_source="central",
        reason="Ghi nhầm hộ",
    )
    collection = report_collection(_province_report(reporting_round))
    assert collection["bieu-11"]["rows"][-1]["amount"] == 0


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("code", ["bieu-03", "bieu-07", "bieu-15"])
def test_each_bieu_downloads_as_pdf_word_and_excel_labelled_unconfirmed(
    reporting_round, province_officer, code
):
    report = _province_report(reporting_round)
    client = client_for(province_officer)
    base = f"/giam-sat/bao-cao/{report.pk}/van-ban/{code}"
    pdf = _content(client.get(f"{base}.pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "chưa xác nhận" in text
    word = docx.Document(io.BytesIO(_content(client.get(f"{base}.docx"))))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "Tổng cộng" in cells
    workbook = openpyxl.load_workbook(io.BytesIO(_content(client.get(f"{base}.xlsx"))))
    sheet = workbook.worksheets[0]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert any("chưa được xác nhận" in str(value) for value in values)
    sources = list(workbook["Nguồn số liệu"].iter_rows(values_only=True))[1:]
    assert sources and all(row[5] for row in sources)
    assert any("Xã A Lưới 1" in row[5] for row in sources)
    assert any("tổng các xã" in row[5] for row in sources)


def test_figures_are_frozen_when_the_commune_submits(reporting_round, data, officer_a, commune_a):
    poor_household, _b = data
    Report.objects.filter(round=reporting_round, commune=commune_a).update(summary="Đạt kế hoạch.")
    report = Report.objects.get(round=reporting_round, commune=commune_a)
    services.report_submit(actor=officer_a, report=report)
    report.refresh_from_db()
    before = report_collection(report)["bieu-08"]["rows"][0]["amount"]
    _record(poor_household, "da2-mo-hinh-sinh-ke", 1_000_000, "province")
    report.refresh_from_db()
    after = report_collection(report)["bieu-08"]["rows"][0]["amount"]
    assert Decimal(after) == Decimal(before) == Decimal("5.5")


def test_another_commune_gets_404_for_a_bieu(reporting_round, officer_b, commune_a):
    report = Report.objects.get(round=reporting_round, commune=commune_a)
    response = client_for(officer_b).get(f"/giam-sat/bao-cao/{report.pk}/van-ban/bieu-03.xlsx")
    assert response.status_code == 404


def test_all_thirteen_bieu_take_a_bounded_number_of_queries_whatever_the_communes(
    reporting_round, django_assert_max_num_queries
):
    report = _province_report(reporting_round)
    report.round.period  # noqa: B018 — loaded before counting
    with django_assert_max_num_queries(70):  # one grouped query per measure, never one per commune
        collection = report_collection(report)
    assert len(collection["bieu-03"]["rows"]) > 40
