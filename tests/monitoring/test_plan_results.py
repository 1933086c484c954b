"""A plan's targets against actuals, served by monitoring and loaded into the plan page."""

from __future__ import annotations

from decimal import Decimal

import pytest

from giamngheo.core.services import period_get_or_create
from giamngheo.demo.plans import demo_plans_load
from giamngheo.monitoring.services import indicator_value_set
from giamngheo.programs.models import Indicator, Plan
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(admin_user):
    demo_plans_load(admin_user)
    return {plan.number: plan for plan in Plan.objects.all()}


def test_plan_page_loads_the_results_of_the_chosen_period_from_monitoring(plans, province_officer):
    plan = plans["121/KH-UBND"]

    html = client_for(province_officer).get(f"/ke-hoach/{plan.pk}/?nam=2024&ky=half_year-1").content.decode()

    assert f'hx-get="/giam-sat/ke-hoach/{plan.pk}/ket-qua/?nam=2024&amp;ky=half_year-1"' in html
    assert 'hx-trigger="load"' in html


def test_lagging_target_is_listed_with_the_status_counts(plans, province_officer):
    plan = plans["121/KH-UBND"]
    period = period_get_or_create(year=2024, kind="year", number=1)
    indicator_value_set(
        actor=province_officer,
        indicator=Indicator.objects.get(code="child_stunting_rate"),
        unit=plan.province,
        period=period,
        value=Decimal("45"),
    )

    response = client_for(province_officer).get(
        f"/giam-sat/ke-hoach/{plan.pk}/ket-qua/?nam=2024&ky=year-1", HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert response.context["period"] == period
    assert len(response.context["rows"]) == plan.targets.count()
    assert [row.target.indicator.code for row in response.context["lagging"]] == ["child_stunting_rate"]
    assert response.context["counts"]["off_track"] + response.context["counts"]["at_risk"] == 1
    html = response.content.decode()
    assert 'data-testid="lagging"' in html
    assert "<html" not in html


def test_without_htmx_the_results_are_a_page_of_their_own(plans, province_officer):
    plan = plans["121/KH-UBND"]

    response = client_for(province_officer).get(f"/giam-sat/ke-hoach/{plan.pk}/ket-qua/?nam=2099&ky=bad")

    assert response.status_code == 200
    assert (response.context["period"].year, response.context["period"].kind) == (2025, "year")
    assert "<html" in response.content.decode()


def test_results_of_another_province_plan_are_not_found(plans, province_officer):
    response = client_for(province_officer).get(f"/giam-sat/ke-hoach/{plans['61/KH-UBND'].pk}/ket-qua/")

    assert response.status_code == 404


def test_the_home_page_summary_has_the_counts_and_a_link_not_the_table(plans, province_officer):
    plan = plans["121/KH-UBND"]
    url = f"/giam-sat/ke-hoach/{plan.pk}/ket-qua/?nam=2024&ky=year-1"
    client = client_for(province_officer)
    full = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    summary = client.get(url + "&tom-tat=1", HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="targets"' in full and 'data-testid="all-targets"' not in full
    assert 'data-testid="targets"' not in summary and 'data-testid="status-counts"' in summary
    assert f'href="/ke-hoach/{plan.pk}/#chi-tieu"' in summary
