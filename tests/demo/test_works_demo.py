"""Demo works and models: a road under Project 1, a goat model with 12 poor households, evaluated; once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from giamngheo.accounts.models import User
from giamngheo.core.services import period_get_or_create
from giamngheo.demo.plans import demo_plans_load
from giamngheo.demo.registry import registry_demo_load
from giamngheo.demo.works import GOATS, ROAD, works_demo_load
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.monitoring.computations import compute
from giamngheo.programs.catalogue import catalogue_load
from giamngheo.programs.models import Indicator
from giamngheo.support.catalogue import support_catalogue_load
from giamngheo.works.models import LivelihoodModel, Participant, Work

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    catalogue_load()
    support_catalogue_load()
    registry_demo_load(scale=0.02)
    demo_plans_load(User.objects.get(username="quantri"))
    return works_demo_load()


def test_the_demo_road_and_goat_model_feed_the_plans_indicators(demo):
    assert demo.created
    road = Work.objects.get(name=ROAD)
    assert (road.status, road.plan_project.component.code, road.plan_project.plan.number) == (
        "handed_over",
        "P1",
        "121/KH-UBND",
    )
    goats = LivelihoodModel.objects.get(name=GOATS)
    joined = Participant.objects.filter(model=goats)
    assert joined.count() == 12
    assert set(joined.values_list("status_at_joining", flat=True)) == {"poor"}
    assert goats.evaluations.get().result == "effective"
    assert goats.replications.count() == 1
    hue = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code="46")
    year_2024 = period_get_or_create(year=2024, kind="year", number=1)
    assert compute("works_completed_road", hue, year_2024, "all").value == 1
    # the plans' own indicators (seed targets name them) are now computed from the registers
    models = Indicator.objects.get(code="livelihood_models")
    assert (models.source, models.computation) == ("computed", "works_livelihood_models")
    assert compute(models.computation, hue, year_2024, "all").value == 1
    assert compute("works_production_projects", hue, year_2024, "all").value == 0
    assert compute("works_model_poor_households", hue, year_2024, "all").value == 12
    assert compute("works_models_effective_rate", hue, year_2024, "all").value == 100


def test_a_second_run_changes_nothing(demo):
    counts = (Work.objects.count(), LivelihoodModel.objects.count(), Participant.objects.count())
    again = works_demo_load()
    assert not again.created
    output = StringIO()
    call_command("load_demo_works", stdout=output)
    assert output.getvalue().startswith("Đã có dữ liệu công trình, mô hình mẫu")
    assert (Work.objects.count(), LivelihoodModel.objects.count(), Participant.objects.count()) == counts
