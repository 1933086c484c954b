"""Demo registry: per former district the poverty rate is seed 003's 2023 rate; a second run adds nothing."""

from __future__ import annotations

import pytest

from giamngheo.demo.registry import CODE_PREFIX, demo_targets, registry_demo_load
from giamngheo.geo.models import AdminUnit, Level, Succession, Tree
from giamngheo.registry.models import Assessment, Household, ImportBatch, Member, SurveyRound

pytestmark = pytest.mark.django_db

SCALE = 0.005  # ~1,660 households: small enough for a unit test, every district still has poor households


def registry_counts() -> tuple[int, ...]:
    return (
        Household.objects.count(),
        Member.objects.count(),
        SurveyRound.objects.count(),
        Assessment.objects.count(),
        ImportBatch.objects.count(),
        AdminUnit.objects.filter(level=Level.VILLAGE).count(),
    )


def test_demo_reproduces_the_2023_rate_of_every_former_district():
    result = registry_demo_load(scale=SCALE)
    assert result.created
    targets = {district.name: district for district in demo_targets()}
    assert [rate.name for rate in result.rates] == list(targets)
    for rate in result.rates:
        target = targets[rate.name]
        # Counts are the appendix's, scaled and rounded; so the rate is off by at most half a household
        # in the numerator and the denominator: |P/N − r| ≤ 0.5·(1 + r)/N.
        assert rate.households == round(target.households_2023 * SCALE), rate.name
        assert rate.poor == round(target.poor_2023 * SCALE), rate.name
        tolerance = 100 * 0.5 * (1 + target.rate_2023 / 100) / rate.households
        assert abs(rate.rate - target.rate_2023) <= tolerance, rate.name
    assert Household.objects.count() == result.households == sum(rate.households for rate in result.rates)
    assert Member.objects.count() == result.members
    # Every household has a survey round and an assessment, and the engine agrees with the generated
    # status for nearly all of them (the generator aims at the status; a few land next to it).
    assert SurveyRound.objects.count() == Assessment.objects.count() == result.households
    assert not Household.objects.filter(latest_assessment__isnull=True).exists()
    agreeing = sum(
        1
        for status, category in Household.objects.values_list("status", "latest_category")
        if status == (category if category in ("poor", "near_poor", "average") else "none")
    )
    assert agreeing >= 0.98 * result.households


def test_demo_households_sit_in_the_successor_of_their_former_commune():
    registry_demo_load(scale=SCALE)
    primary = dict(
        Succession.objects.filter(
            is_primary=True, predecessor__tree=Tree.LEGACY, predecessor__province__code="46"
        ).values_list("predecessor__code", "successor_id")
    )
    placed = Household.objects.filter(code__startswith=CODE_PREFIX).values_list("code", "commune_id")
    assert all(primary[code.split(".")[1]] == commune for code, commune in placed)
    communes = AdminUnit.objects.filter(tree=Tree.CURRENT, level=Level.COMMUNE, province__code="46")
    assert set(Household.objects.values_list("commune_id", flat=True).distinct()) == set(
        communes.values_list("id", flat=True)
    )
    assert not Household.objects.filter(village__isnull=True).exists()


def test_second_run_adds_nothing():
    registry_demo_load(scale=SCALE)
    before = registry_counts()
    again = registry_demo_load(scale=SCALE)
    assert not again.created
    assert registry_counts() == before
