"""Certificate of a poor / near-poor household: the PDF, its text, refusals and scoping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pypdf
import pytest
from django.utils import timezone

from giamngheo.accounts.roles import Role
from giamngheo.core.models import AuditEvent
from giamngheo.registry.certificate import certificate_data, certificate_pdf
from giamngheo.registry.models import Household
from giamngheo.standards.loader import load_ethnicities
from tests.fixtures.people import client_for, make_user

pytestmark = pytest.mark.django_db


def recognised(household, status):
    Household.objects.filter(pk=household.pk).update(status=status)
    household.refresh_from_db()
    return household


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_poor_household_gets_a_pdf_with_head_and_members(officer_a, household):
    recognised(household, "poor")
    response = client_for(officer_a).post(
        f"/ho/{household.pk}/giay-chung-nhan/",
        {"number": "12", "year": "2026", "issued_on": "25/3/2026", "chair_name": "Nguyễn Văn Chủ"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND XÃ A LƯỚI 1",
        "Số: 12/GCN-HN.HCN",
        "HỘ NGHÈO, HỘ CẬN NGHÈO",
        "Năm 2026",
        "HỒ VĂN TÂM",
        "046080000123",
        "Kăn Thị Hoa",
        "Hồ Văn Nam",
        load_ethnicities()[household.members.get(member_no=1).ethnicity],
        "Vợ/chồng",
        "A Lưới 1, ngày 25 tháng 3 năm 2026",
        "CHỦ TỊCH",
        "Nguyễn Văn Chủ",
    ):
        assert expected in text, expected
    event = AuditEvent.objects.get(action="certificate.issue")
    assert (event.object_id, event.actor) == (str(household.pk), officer_a)
    assert event.after == {
        "number": "12",
        "year": 2026,
        "status": "poor",
        "issued_on": "2026-03-25",
        "members": 3,
    }


def test_birth_years_go_to_the_male_or_female_column(household):
    recognised(household, "near_poor")
    data = certificate_data(household, number="", year=2026, issued_on=dt.date(2026, 1, 5))
    assert [(m.full_name, m.sex, m.birth_year) for m in data.members] == [
        ("Hồ Văn Tâm", "male", 1980),
        ("Kăn Thị Hoa", "female", 1984),
        ("Hồ Văn Nam", "male", 2012),
    ]
    text = pdf_text(certificate_pdf(data, invariant=True))
    assert "HỘ CẬN NGHÈO" in text
    assert "Số: ……/GCN-HN.HCN" in text
    rows = [line for line in text.splitlines() if "1984" in line or "1980" in line]
    assert rows, text


def test_form_defaults_to_this_year_and_today(officer_a, household):
    recognised(household, "poor")
    content = client_for(officer_a).get(f"/ho/{household.pk}/giay-chung-nhan/").content.decode()
    today = timezone.localdate()
    assert f'name="year" value="{today.year}"' in content
    assert f'value="{today:%d/%m/%Y}"' in content


def test_household_not_recognised_poor_is_refused(officer_a, household):
    client = client_for(officer_a)
    page = client.get(f"/ho/{household.pk}/giay-chung-nhan/")
    assert page.status_code == 200
    assert "Chỉ cấp giấy chứng nhận cho hộ nghèo hoặc hộ cận nghèo" in page.content.decode()
    assert 'name="number"' not in page.content.decode()
    response = client.post(f"/ho/{household.pk}/giay-chung-nhan/", {"year": "2026", "issued_on": "1/3/2026"})
    assert response.status_code == 400
    assert "hiện: không thuộc diện" in response.content.decode()
    assert not AuditEvent.objects.filter(action="certificate.issue").exists()


def test_another_commune_gets_404(officer_b, household):
    recognised(household, "poor")
    client = client_for(officer_b)
    assert client.get(f"/ho/{household.pk}/giay-chung-nhan/").status_code == 404
    response = client.post(f"/ho/{household.pk}/giay-chung-nhan/", {"year": "2026", "issued_on": "1/3/2026"})
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="certificate.issue").exists()


def test_village_reviewer_cannot_print_full_ids(household, village_a):
    recognised(household, "poor")
    reviewer = make_user("thon", Role.VILLAGE_REVIEWER, village_a)
    response = client_for(reviewer).post(
        f"/ho/{household.pk}/giay-chung-nhan/", {"year": "2026", "issued_on": "1/3/2026"}
    )
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="certificate.issue").exists()


def test_household_page_links_to_the_certificate_only_when_recognised(officer_a, household):
    client = client_for(officer_a)
    url = f"/ho/{household.pk}/giay-chung-nhan/"
    assert url not in client.get(f"/ho/{household.pk}/").content.decode()
    recognised(household, "near_poor")
    assert url in client.get(f"/ho/{household.pk}/").content.decode()


@pytest.mark.parametrize("count", [3, 10])
def test_certificate_fits_one_page_with_stamps(household, count):
    recognised(household, "poor")
    data = certificate_data(household, number="7", year=2026, issued_on=dt.date(2026, 3, 25))
    people = [dataclasses.replace(data.members[0], full_name=f"Thành viên {n}") for n in range(count)]
    content = certificate_pdf(dataclasses.replace(data, members=tuple(people)), invariant=True)
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    assert "Xác nhận hằng năm" in reader.pages[0].extract_text()


def test_residence_names_the_village_once(household):
    recognised(household, "poor")
    Household.objects.filter(pk=household.pk).update(address="Thôn Ka Vân, xã Hồng Kim cũ")
    household.refresh_from_db()
    data = certificate_data(household, number="", year=2026, issued_on=dt.date(2026, 3, 25))
    assert data.residence.count("Thôn Ka Vân") == 1
    assert data.residence.startswith("Thôn Ka Vân, xã Hồng Kim cũ, Xã A Lưới 1")
