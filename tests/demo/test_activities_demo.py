"""Demo activities year: events, officers and a course, an inspection followed up, a commendation, once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from giamngheo.activities.models import Commendation, FollowUp, Inspection, Officer
from giamngheo.core.services import period_get_or_create
from giamngheo.demo.activities import activities_demo_load
from giamngheo.demo.registry import registry_demo_load
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.monitoring.computations import compute
from giamngheo.programs.catalogue import catalogue_load

pytestmark = pytest.mark.django_db


def test_the_demo_activities_year_feeds_the_indicators_and_runs_once(db):
    catalogue_load()
    registry_demo_load(scale=0.005)
    result = activities_demo_load()
    assert result.created
    inspection = Inspection.objects.get()
    assert inspection.recommendations.count() == 2
    assert FollowUp.objects.filter(recommendation__inspection=inspection).count() == 2
    commendation = Commendation.objects.get()
    assert commendation.household is not None and commendation.household.status != "poor"
    assert Officer.objects.count() >= 4
    hue = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code="46")
    period = period_get_or_create(year=timezone.localdate().year, kind="year", number=1)
    for name in ("activities_officers_trained_rate", "activities_communication_reach",
                 "activities_households_commended", "activities_fund_donations"):  # fmt: skip
        assert compute(name, hue, period, "all").value > 0, name
    again = activities_demo_load()
    assert not again.created and again.inspections == 1
