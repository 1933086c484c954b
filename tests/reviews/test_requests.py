"""Monthly regular review: Mẫu 04 requests, their 15-day deadline, a monthly campaign through steps 1–6."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.registry.models import StatusTransition
from giamngheo.reviews.models import ReviewCase, ReviewRequest
from giamngheo.reviews.requests import request_state, requests_for_user
from giamngheo.reviews.services import (
    campaign_create,
    cases_collect_surveys,
    cases_list,
    decision_make,
    meeting_record,
    posting_start,
    review_request_record,
)
from tests.fixtures.people import client_for
from tests.fixtures.reviews import make_household, minutes, poor_values, survey

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2026, 10, 14)


@pytest.mark.parametrize(
    ("form", "today", "key", "label"),
    [
        ("04", dt.date(2026, 10, 26), "open", "còn 3 ngày"),
        ("04", dt.date(2026, 10, 29), "open", "hạn cuối hôm nay"),
        ("04", dt.date(2026, 10, 31), "overdue", "quá hạn 2 ngày"),
        ("01", dt.date(2026, 12, 31), "periodic", "giải quyết trong đợt rà soát định kỳ"),
    ],
)
def test_request_state_follows_the_15_day_deadline(officer_a, commune_a, village_a, form, today, key, label):
    household = make_household(officer_a, commune_a, village_a, "Hồ Văn Đề", "none")
    request = review_request_record(actor=officer_a, household=household, form=form, received_on=RECEIVED)
    assert request.due_on == (dt.date(2026, 10, 29) if form == "04" else None)
    state = request_state(requests_for_user(officer_a).get(pk=request.pk), today)
    assert (state.key, state.label) == (key, label)


def test_recording_needs_a_household_of_the_area(officer_a, officer_b, commune_a, village_a):
    household = make_household(officer_a, commune_a, village_a, "Hồ Văn Đề", "none")
    data = {
        "household_code": household.code,
        "form": "04",
        "received_on": "14/10/2026",
        "note": "Xin thoát nghèo",
    }
    page = client_for(officer_b).post("/ra-soat/de-nghi/", data)
    assert page.status_code == 200
    assert "Không có hộ mang mã này" in page.content.decode()
    assert not ReviewRequest.objects.exists()


def test_monthly_campaign_takes_the_requests_through_the_same_steps(
    officer_a, officer_b, chair_a, province_officer, commune_a, village_a, hue
):
    requester = make_household(officer_a, commune_a, village_a, "Hồ Văn Đề", "none")
    make_household(
        officer_a, commune_a, village_a, "Hồ Văn Nghèo", "poor"
    )  # no request: not in a monthly review
    data = {
        "household_code": requester.code,
        "form": "04",
        "received_on": "14/10/2026",
        "note": "Đề nghị rà soát",
    }
    assert client_for(officer_a).post("/ra-soat/de-nghi/", data).status_code == 302
    campaign = campaign_create(
        actor=province_officer,
        province=hue,
        year=2026,
        kind="monthly",
        starts_on=dt.date(2026, 10, 15),
        ends_on=dt.date(2026, 10, 30),
    )
    assert cases_list(actor=officer_a, campaign=campaign, commune=commune_a) == 1
    case = ReviewCase.objects.get(campaign=campaign)
    assert (case.household_id, case.reason) == (requester.pk, "request")
    assert ReviewRequest.objects.get().case == case
    survey(officer_a, requester, poor_values(), on=dt.date(2026, 10, 16))
    assert cases_collect_surveys(actor=officer_a, campaign=campaign, commune=commune_a) == 1
    with pytest.raises(AppError) as refused:
        decision_make(
            actor=chair_a,
            campaign=campaign,
            commune=commune_a,
            number="1/QĐ",
            signed_on=dt.date(2026, 10, 17),
        )
    assert refused.value.code == ErrorCode.DECISION_BLOCKED
    assert "chưa được họp dân thống nhất" in refused.value.message
    meeting_record(
        actor=officer_a,
        campaign=campaign,
        village=village_a,
        held_on=dt.date(2026, 10, 19),
        attendees=20,
        chaired_by="Trưởng thôn",
        secretary="Thư ký",
        minutes=minutes(),
        votes={case.pk: 15},
    )
    posting_start(actor=officer_a, campaign=campaign, village=village_a, starts_on=dt.date(2026, 10, 20))
    decision_make(
        actor=chair_a, campaign=campaign, commune=commune_a, number="5/QĐ", signed_on=dt.date(2026, 10, 26)
    )
    assert StatusTransition.objects.get(household=requester).kind == "new_poor"
    page = client_for(officer_a).get("/ra-soat/de-nghi/")
    html = page.content.decode()
    assert "đã quyết định 26/10/2026" in html
    assert "quá hạn" not in html
    assert requester.code not in client_for(officer_b).get("/ra-soat/de-nghi/").content.decode()


def test_overdue_requests_are_listed_as_overdue(officer_a, commune_a, village_a):
    household = make_household(officer_a, commune_a, village_a, "Hồ Văn Chờ", "near_poor")
    review_request_record(actor=officer_a, household=household, form="04", received_on=dt.date(2020, 1, 2))
    page = client_for(officer_a).get("/ra-soat/de-nghi/?tinh-trang=overdue")
    assert household.code in page.content.decode()
    assert "quá hạn" in page.content.decode()
    assert (
        household.code not in client_for(officer_a).get("/ra-soat/de-nghi/?tinh-trang=open").content.decode()
    )
