"""Campaign report defects: the used assessment can be read as values; the profile counts mid-campaign."""

from __future__ import annotations

import pytest

from giamngheo.reviews.reports import campaign_report, report_households
from giamngheo.reviews.services import cases_collect_surveys, cases_list
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD
from tests.fixtures.reviews import make_household, poor_values, survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def mid_campaign(officer_a, commune_a, village_a, campaign):
    """A poor household listed and surveyed, one near-poor listed not yet surveyed; nothing decided."""
    poor = make_household(officer_a, commune_a, village_a, "Hồ Văn Nghèo", "poor")
    near = make_household(officer_a, commune_a, village_a, "Hồ Văn Cận", "near_poor")
    # surveyed before the campaign, lacking a hygienic latrine only
    before = campaign.starts_on.replace(month=8)
    survey(officer_a, near, dict(COMFORTABLE_HOUSEHOLD, latrine="none"), on=before)
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    survey(officer_a, poor, poor_values())
    cases_collect_surveys(actor=officer_a, campaign=campaign, commune=commune_a)
    return poor, near


def test_the_used_assessment_of_each_household_can_be_read_as_values(mid_campaign, campaign, commune_a):
    poor, near = mid_campaign
    poor.refresh_from_db()
    near.refresh_from_db()
    used = dict(report_households(campaign, [commune_a.pk]).values_list("pk", "used_assessment"))
    assert used == {poor.pk: poor.latest_assessment_id, near.pk: near.latest_assessment_id}


def test_the_deprivation_profile_counts_households_mid_campaign(
    mid_campaign, campaign, commune_a, province_officer
):
    report = campaign_report(province_officer, campaign, commune_a)
    lacking = {"housing_area": 1, "water_source": 1, "latrine": 1}
    assert {key: n for key, n in report.deprivation_total.poor.items() if n} == lacking
    assert {key: n for key, n in report.deprivation_total.near_poor.items() if n} == {"latrine": 1}
