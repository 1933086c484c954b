"""The commune chair's recognition decision prints as an official document with its list of households."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from giamngheo.reviews.models import ReviewCase, Step
from giamngheo.reviews.services import cases_list, decision_make
from tests.fixtures.people import client_for
from tests.fixtures.reviews import make_household

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(campaign, officer_a, chair_a, commune_a, village_a):
    """Two poor households of commune A reviewed: one stays poor, one escapes; the chair decides."""
    stays = make_household(officer_a, commune_a, village_a, "Hồ Văn Một", "poor")
    escapes = make_household(officer_a, commune_a, village_a, "Lê Thị Hai", "poor")
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    ReviewCase.objects.filter(household=stays).update(step=Step.POSTED, proposed="remains_poor")
    ReviewCase.objects.filter(household=escapes).update(step=Step.POSTED, proposed="escaped_poor")
    decision_make(
        actor=chair_a,
        campaign=campaign,
        commune=commune_a,
        number="15/QĐ-UBND",
        signed_on=dt.date(2026, 12, 5),
    )
    return campaign, commune_a


def text_of(response, file_format):
    data = b"".join(response.streaming_content)
    if file_format == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
def test_decision_prints_with_header_number_articles_and_households_by_group(
    decided, officer_a, chair_a, file_format
):
    campaign, commune = decided

    response = client_for(officer_a).get(
        f"/ra-soat/{campaign.pk}/xa/{commune.pk}/quyet-dinh/in.{file_format}"
    )

    assert response.status_code == 200
    text = " ".join(text_of(response, file_format).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 15/QĐ-UBND" in text
    assert "ngày 05 tháng 12 năm 2026" in text
    assert "QUYẾT ĐỊNH" in text
    assert "Số hộ nghèo: 1 hộ" in text
    assert "Số hộ thoát nghèo: 1 hộ" in text
    assert "Hồ Văn Một" in text and "Lê Thị Hai" in text
    assert chair_a.full_name in text


def test_commune_page_links_the_printable_decision(decided, officer_a):
    campaign, commune = decided

    html = client_for(officer_a).get(f"/ra-soat/{campaign.pk}/xa/{commune.pk}/").content.decode()

    assert f"/ra-soat/{campaign.pk}/xa/{commune.pk}/quyet-dinh/in.pdf" in html


def test_another_commune_gets_404_and_no_decision_is_404(decided, officer_b, officer_a, commune_b):
    campaign, commune = decided

    foreign = client_for(officer_b).get(f"/ra-soat/{campaign.pk}/xa/{commune.pk}/quyet-dinh/in.pdf")
    undecided = client_for(officer_b).get(f"/ra-soat/{campaign.pk}/xa/{commune_b.pk}/quyet-dinh/in.pdf")
    unknown = client_for(officer_a).get(f"/ra-soat/{campaign.pk}/xa/{commune.pk}/quyet-dinh/in.exe")

    assert (foreign.status_code, undecided.status_code, unknown.status_code) == (404, 404, 404)
