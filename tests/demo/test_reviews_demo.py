"""The demo's open review campaign: listed once, in the legal window when the demo is built in it."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import DEMO_COMMUNES, demo_load
from giamngheo.demo.registry import registry_demo_load
from giamngheo.demo.reviews import demo_reviews_load, demo_window
from giamngheo.reviews.models import Campaign, ReviewCase
from giamngheo.reviews.queue import open_campaign_queues

pytestmark = pytest.mark.django_db


def test_window_is_the_legal_one_in_season_and_around_today_otherwise():
    assert demo_window(dt.date(2026, 12, 1)) == (dt.date(2026, 9, 1), dt.date(2026, 12, 14))
    assert demo_window(dt.date(2026, 9, 1))[0] == dt.date(2026, 9, 1)
    starts, ends = demo_window(dt.date(2027, 3, 10))
    assert starts < dt.date(2027, 3, 10) < ends


def test_demo_campaign_lists_the_demo_communes_poor_and_near_poor_once():
    demo_load()
    registry_demo_load(scale=0.005)
    today = dt.date(2026, 12, 1)
    lines = demo_reviews_load(today)
    campaign = Campaign.objects.get()
    assert campaign.name in lines[0] and campaign.year == 2026 and not campaign.is_closed
    cases = ReviewCase.objects.filter(campaign=campaign)
    assert set(cases.values_list("commune__code", flat=True)) == set(DEMO_COMMUNES)
    assert set(cases.values_list("status_before", flat=True)) <= {"poor", "near_poor"}
    assert cases.count() > 0
    officer = User.objects.get(username="xa.aluoi1")
    assert open_campaign_queues(officer, today, limit=1)  # the commune officer's home has work to show
    assert demo_reviews_load(today) == [] and ReviewCase.objects.count() == cases.count()


def test_demo_reporting_round_is_open_for_this_period_once():
    from giamngheo.demo.plans import demo_plans_load
    from giamngheo.demo.reporting import demo_reporting_load
    from giamngheo.monitoring.models import Report, ReportingRound

    demo_load()
    demo_plans_load(User.objects.get(username="quantri"))
    lines = demo_reporting_load(dt.date(2026, 12, 1))
    opened = ReportingRound.objects.get()
    assert opened.period.year == 2026 and opened.period.kind == "year" and lines
    assert opened.commune_due == dt.date(2026, 12, 15) and opened.province_due == dt.date(2026, 12, 20)
    assert Report.objects.filter(round=opened, unit__code="20056").exists()  # A Lưới 1 has its report to send
    assert demo_reporting_load(dt.date(2026, 12, 1)) == [] and ReportingRound.objects.count() == 1
    assert demo_reporting_load(dt.date(2027, 3, 1))  # the first half of 2027: the 6-month round
    assert ReportingRound.objects.filter(period__kind="half_year", period__year=2027).exists()
