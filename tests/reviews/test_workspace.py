"""The commune review page: stepper, bulk confirmation, offers, Mẫu 01 in one click, reviewer list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from giamngheo.accounts.roles import Role
from giamngheo.areas.services import village_create
from giamngheo.registry.models import Household
from giamngheo.reviews.models import ReviewCase, ReviewRequest, Step
from giamngheo.reviews.services import cases_list
from tests.fixtures.people import client_for, make_user
from tests.fixtures.reviews import make_household, poor_values, survey

pytestmark = pytest.mark.django_db

BEFORE = dt.date(2026, 8, 1)


@pytest.fixture
def surveyed_before(officer_a, commune_a, village_a, campaign):
    """Two poor households surveyed before the campaign, listed in it."""
    households = [
        make_household(officer_a, commune_a, village_a, name, "poor") for name in ("Hồ Văn Một", "Hồ Văn Hai")
    ]
    for household in households:
        survey(officer_a, household, poor_values(), on=BEFORE)
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    return households


def test_stepper_counts_and_bulk_confirmation_through_the_page(
    officer_a, commune_a, campaign, surveyed_before
):
    first, _second = surveyed_before
    base = f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/"
    client = client_for(officer_a)
    page = client.get(base).content.decode()
    assert 'data-testid="stepper-listed"><span class="count">2</span>' in page
    case = ReviewCase.objects.get(household=first)
    response = client.post(base + "xac-nhan-khong-doi/", {"case": [case.pk]}, follow=True)
    text = response.content.decode()
    assert "Đã xác nhận không thay đổi; 1 hộ đã có kết quả chấm điểm." in text
    assert 'data-testid="stepper-surveyed"><span class="count">1</span>' in text
    case.refresh_from_db()
    assert case.step == Step.SURVEYED


def test_bulk_confirmation_of_another_commune_is_404(officer_b, commune_a, campaign, surveyed_before):
    case = ReviewCase.objects.get(household=surveyed_before[0])
    response = client_for(officer_b).post(
        f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/xac-nhan-khong-doi/", {"case": [case.pk]}
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.step == Step.LISTED


def test_newly_assessed_poor_household_is_offered_with_the_reason_and_one_click_form_01(
    officer_a, commune_a, village_a, campaign
):
    newcomer = make_household(officer_a, commune_a, village_a, "Hồ Văn Mới", "none")
    survey(officer_a, newcomer, poor_values())
    client = client_for(officer_a)
    base = f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/"
    page = client.get(base).content.decode()
    assert f'data-testid="offer-{newcomer.code}"' in page
    assert "chưa có giấy đề nghị rà soát (Mẫu 01) của hộ" in page
    household_page = client.get(f"/ho/{newcomer.pk}/").content.decode()
    assert 'data-testid="request-01"' in household_page
    response = client.post(
        "/ra-soat/de-nghi/",
        {
            "household_code": newcomer.code,
            "form": "01",
            "received_on": "2026-10-01",
            "next": f"/ho/{newcomer.pk}/",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/ho/{newcomer.pk}/"
    assert ReviewRequest.objects.get(household=newcomer).form == "01"
    assert "đã có giấy đề nghị" in client.get(base).content.decode()
    client.post(base + "lap-danh-sach/")
    assert ReviewCase.objects.filter(campaign=campaign, household=newcomer).exists()
    assert f'data-testid="offer-{newcomer.code}"' not in client.get(base).content.decode()


def test_request_redirect_refuses_another_site(officer_a, household):
    response = client_for(officer_a).post(
        "/ra-soat/de-nghi/",
        {
            "household_code": household.code,
            "form": "01",
            "received_on": "2026-10-01",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/ra-soat/de-nghi/"


def test_request_form_is_prefilled_from_the_household_page_link(officer_a, household):
    page = client_for(officer_a).get(f"/ra-soat/de-nghi/?ma-ho={household.code}&mau=04").content.decode()
    assert f'value="{household.code}"' in page


def test_village_reviewer_sees_her_households_that_need_her_first(
    admin_user, officer_a, commune_a, village_a, campaign, surveyed_before
):
    other_village = village_create(actor=admin_user, commune=commune_a, name="Thôn Khác")
    elsewhere = make_household(officer_a, commune_a, other_village, "Hồ Văn Xa", "poor")
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    reviewer = make_user("raosoat_a", Role.VILLAGE_REVIEWER, village_a)
    page = client_for(reviewer).get("/ra-soat/ho-cua-toi/?can-toi=1").content.decode()
    for household in surveyed_before:
        assert f'data-testid="mine-{household.code}"' in page
    assert "cần khảo sát, chấm điểm" in page
    assert elsewhere.code not in page
    assert "2 hộ cần bạn khảo sát hoặc rà soát lại." in page


def test_reviewer_page_of_another_commune_shows_nothing(officer_b, campaign, surveyed_before):
    page = client_for(officer_b).get("/ra-soat/ho-cua-toi/").content.decode()
    assert all(household.code not in page for household in surveyed_before)
    assert Household.objects.count() == 2


def test_campaign_form_is_prefilled_with_the_default_dates(province_officer):
    page = client_for(province_officer).get("/ra-soat/").content.decode()
    year = timezone.localdate().year
    assert f'value="14/12/{year}"' in page and f'value="01/09/{year}"' in page
    assert "theo Quyết định 24/2021/QĐ-TTg" in page and "cấu hình mặc định" in page
