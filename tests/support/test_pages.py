from __future__ import annotations

import io
import re

import openpyxl
import pytest
from pypdf import PdfReader

from giamngheo.core.models import AuditEvent
from giamngheo.support.models import BeneficiaryList, HouseholdPlan, RecordStatus, SupportRecord, SupportType
from tests.fixtures.people import client_for
from tests.fixtures.support import join_agency

pytestmark = pytest.mark.django_db


def test_household_panel_and_plan_form_with_suggestions(officer_a, poor_household):
    client = client_for(officer_a)
    panel = client.get(f"/ho-tro/ho/{poor_household.pk}/")
    assert panel.status_code == 200
    assert "Lập kế hoạch hỗ trợ hộ" in panel.content.decode()
    page = client.get(f"/ho-tro/ho/{poor_household.pk}/ke-hoach/2026/")
    assert page.status_code == 200
    housing = SupportType.objects.get(code="da5-nha-xay-moi")
    assert re.search(rf'value="{housing.pk}:"[^>]*checked', page.content.decode())
    response = client.post(
        f"/ho-tro/ho/{poor_household.pk}/ke-hoach/2026/",
        {
            "causes": [],
            "other_cause": "Ốm đau kéo dài",
            "solutions": [f"{housing.pk}:"],
            "helper_name": "Lê Văn A",
        },
    )
    assert response.status_code == 302
    plan = HouseholdPlan.objects.get()
    assert plan.solutions.get().support_type == housing


def test_pages_of_another_commune_are_not_found(officer_b, poor_household):
    client = client_for(officer_b)
    for url in (f"/ho-tro/ho/{poor_household.pk}/", f"/ho-tro/ho/{poor_household.pk}/ke-hoach/2026/"):
        assert client.get(url).status_code == 404


def test_list_flow_from_proposal_to_payment_list(officer_a, chair_a, agency_officer, poor_household):
    housing = SupportType.objects.get(code="bhyt-ho-ngheo")
    officer = client_for(officer_a)
    response = officer.post(
        "/ho-tro/danh-sach/de-xuat/",
        {
            "support_type": housing.pk,
            "commune": poor_household.commune_id,
            "year": 2026,
            "reference_date": "2026-10-01",
        },
    )
    assert response.status_code == 302
    beneficiary_list = BeneficiaryList.objects.get()
    page = officer.get(f"/ho-tro/danh-sach/{beneficiary_list.pk}/").content.decode()
    assert "Đủ điều kiện" in page and "Phê duyệt danh sách" not in page
    entry = beneficiary_list.entries.order_by("-pk").first()
    row = officer.post(
        f"/ho-tro/danh-sach/{beneficiary_list.pk}/doi-tuong/{entry.pk}/", {"amount": "1.200.000"}
    )
    assert row.status_code == 200
    entry.refresh_from_db()
    assert (entry.selected, entry.amount) == (False, 1_200_000)
    chair = client_for(chair_a)
    chair.post(
        f"/ho-tro/danh-sach/{beneficiary_list.pk}/phe-duyet/",
        {"decision_number": "25/QĐ-UBND", "decided_on": "2026-11-20", "version": beneficiary_list.version},
    )
    assert SupportRecord.objects.filter(status=RecordStatus.APPROVED).count() == 2
    pdf = chair.get(f"/ho-tro/danh-sach/{beneficiary_list.pk}/chi-tra.pdf")
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "046080000123" in text and "Ký nhận" in text
    workbook = openpyxl.load_workbook(
        io.BytesIO(
            b"".join(chair.get(f"/ho-tro/danh-sach/{beneficiary_list.pk}/chi-tra.xlsx").streaming_content)
        )
    )
    values = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert "046080000123" in values
    assert AuditEvent.objects.filter(action="support_list.print").count() == 2
    # An officer of another agency (Sở Y tế) does not see the list at all.
    join_agency(agency_officer, "Sở Y tế", "health")
    other = client_for(agency_officer).get(f"/ho-tro/danh-sach/{beneficiary_list.pk}/chi-tra.pdf")
    assert other.status_code == 404
    # The social insurance leads health-insurance cards: it prints the list with full IDs, audited.
    join_agency(agency_officer, "Bảo hiểm xã hội", "social_insurance")
    views_before = AuditEvent.objects.filter(action="personal_id.view").count()
    full = client_for(agency_officer).get(f"/ho-tro/danh-sach/{beneficiary_list.pk}/chi-tra.pdf")
    full_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(full.content)).pages)
    assert "046080000123" in full_text
    assert AuditEvent.objects.filter(action="personal_id.view").count() == views_before + 1


def test_every_support_page_renders_for_the_commune_and_is_hidden_from_another(
    officer_a, officer_b, chair_a, poor_household
):
    from giamngheo.support.models import PovertyCause
    from giamngheo.support.services.housing import housing_case_open
    from giamngheo.support.services.plans import household_plan_create
    from giamngheo.support.services.records import support_record_add
    from tests.fixtures.support import SURVEYED_ON, TODAY

    household_plan_create(
        actor=officer_a, household=poor_household, year=2026, causes=list(PovertyCause.objects.all()[:2]),
        helper_name="Lê Văn A", on=SURVEYED_ON,
    )  # fmt: skip
    case = housing_case_open(
        actor=officer_a, household=poor_household,
        support_type=SupportType.objects.get(code="da5-nha-xay-moi"), work="new", year=2026, on=SURVEYED_ON,
    )  # fmt: skip
    record = support_record_add(
        actor=officer_a, household=poor_household, member=None,
        support_type=SupportType.objects.get(code="vay-ho-ngheo"), on=TODAY, amount=50_000_000, today=TODAY,
    )  # fmt: skip
    commune = poor_household.commune_id
    urls = [
        "/ho-tro/",
        "/ho-tro/danh-muc/",
        "/ho-tro/so-theo-doi/",
        "/ho-tro/so-theo-doi/?lich-su=1&nam=2026",
        f"/ho-tro/so-theo-doi/{record.pk}/",
        "/ho-tro/nha-o/",
        f"/ho-tro/nha-o/{case.pk}/",
        f"/ho-tro/ho/{poor_household.pk}/nha-o/",
        f"/ho-tro/phu-luc/{commune}/2026.xlsx",
        f"/ho-tro/phu-luc/{commune}/2026.pdf",
    ]
    mine, other = client_for(chair_a), client_for(officer_b)
    for url in urls:
        assert mine.get(url).status_code == 200, url
    for url in urls[4:5] + urls[6:]:
        assert other.get(url).status_code == 404, url
    assert mine.get(f"/ho-tro/phu-luc/{commune}/2026.exe").status_code == 404
    appendix = mine.get(f"/ho-tro/phu-luc/{commune}/2026.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(appendix.content)).pages)
    assert "Lê Văn A" in text and poor_household.code in text
