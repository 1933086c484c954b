"""Demo jobs year: surveys, referrals, courses and workers abroad through the services, once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from giamngheo.core.services import period_get_or_create
from giamngheo.demo.jobs import jobs_demo_load
from giamngheo.demo.registry import registry_demo_load
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.jobs.models import AbroadWorker, Employer, Enrolment, LabourSurvey, Referral
from giamngheo.jobs.services.attendance import attendance_rates
from giamngheo.monitoring.computations import compute
from giamngheo.programs.catalogue import catalogue_load
from giamngheo.support.catalogue import support_catalogue_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    catalogue_load()
    support_catalogue_load()
    registry_demo_load(scale=0.005)
    return jobs_demo_load()


def test_the_demo_jobs_year_feeds_the_indicators(demo):
    assert demo.created
    assert demo.surveys == LabourSurvey.objects.count() > 0
    assert Employer.objects.count() == 6
    assert demo.referrals == Referral.objects.count() > 0
    assert demo.workers_abroad == AbroadWorker.objects.count() > 0
    assert not AbroadWorker.objects.exclude(household_status__in=("poor", "near_poor")).exists()
    hue = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code="46")
    period = period_get_or_create(year=timezone.localdate().year, kind="year", number=1)
    for name in ("jobs_trained_rate", "jobs_workers_abroad", "jobs_events_held", "jobs_event_attendees"):
        assert compute(name, hue, period, "all").value > 0, name
    assert demo.event_attendees > 0
    assert compute("jobs_training_needs_met", hue, period, "all").value is not None
    # every completion of a course with a roll met its attendance rule
    for enrolment in Enrolment.objects.filter(completed_on__isnull=False).select_related("course"):
        rate = attendance_rates(enrolment.course, [enrolment])[enrolment.pk]
        assert rate.percent is not None and rate.percent >= enrolment.course.min_attendance


def test_a_second_run_changes_nothing(demo):
    counts = (LabourSurvey.objects.count(), Referral.objects.count(), AbroadWorker.objects.count())
    again = jobs_demo_load()
    assert not again.created
    assert (LabourSurvey.objects.count(), Referral.objects.count(), AbroadWorker.objects.count()) == counts
