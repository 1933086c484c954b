"""The campaign report read from the kept counts equals the reference after every write that follows its first
computation: the review procedure's services, registry services and raw writes to every table it reads."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from django.core.management import call_command

from giamngheo.registry.models import Assessment, Household, Member, StatusTransition, SurveyRound
from giamngheo.registry.services import household_close, member_add
from giamngheo.reviews.models import CampaignCount, HouseholdChanged, ReviewCase, Step, TransitionLink
from giamngheo.reviews.report_counts import campaign_counts_rebuild
from giamngheo.reviews.reports import campaign_report
from giamngheo.reviews.services import (
    campaign_create,
    cases_collect_surveys,
    cases_list,
    decision_make,
    meeting_record,
    posting_start,
)
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD
from tests.fixtures.reviews import make_household, minutes, poor_values, survey
from tests.reviews.reference_report import reference_campaign_report

pytestmark = pytest.mark.django_db

_codes = itertools.count(1)
STATUSES = ("poor", "near_poor", "none", "average")
KINDS = ("new_poor", "escaped_poor", "poor_to_near_poor", "moved_away", "merged", "other")
OUTCOMES = ("", "new_poor", "remains_poor", "escaped_near_poor", "not_recognised", "poor_to_near_poor")
KEYS = ("water_source", "latrine", "telecom", "housing_quality", "health_insurance")
DAYS = (
    dt.date(2024, 5, 1),
    dt.date(2026, 9, 1),
    dt.date(2026, 10, 15),
    dt.date(2026, 12, 14),
    dt.date(2027, 1, 5),
)


def _same(user, campaign, units) -> None:
    for unit in units:
        new, old = campaign_report(user, campaign, unit), reference_campaign_report(user, campaign, unit)
        assert new.summary == old.summary, unit
        assert new.summary_total == old.summary_total, unit
        assert new.ethnic == old.ethnic, unit
        assert (new.poor, new.near_poor) == (old.poor, old.near_poor), unit
        keys = [key for key, _name in new.indicators]
        for fresh, reference in zip(
            [*new.deprivation, new.deprivation_total], [*old.deprivation, old.deprivation_total], strict=True
        ):
            assert {k: fresh.poor.get(k, 0) for k in keys} == {k: reference.poor.get(k, 0) for k in keys}
            assert {k: fresh.near_poor.get(k, 0) for k in keys} == {
                k: reference.near_poor.get(k, 0) for k in keys
            }


def test_the_review_procedure_keeps_the_report_equal_to_the_reference(
    officer_a, chair_a, province_officer, commune_a, village_a, campaign, hue
):
    units = (hue, commune_a)
    poor = make_household(officer_a, commune_a, village_a, "Hồ Văn Nghèo", "poor")
    near = make_household(officer_a, commune_a, village_a, "Hồ Văn Cận", "near_poor")
    other = make_household(officer_a, commune_a, village_a, "Hồ Văn Khá", "none")
    _same(province_officer, campaign, units)  # the first report computes the campaign's facts
    assert cases_list(actor=officer_a, campaign=campaign, commune=commune_a) == 2
    _same(province_officer, campaign, units)
    survey(officer_a, poor, dict(COMFORTABLE_HOUSEHOLD))
    survey(officer_a, near, poor_values())
    assert cases_collect_surveys(actor=officer_a, campaign=campaign, commune=commune_a) == 2
    _same(province_officer, campaign, units)
    cases = {case.household_id: case for case in ReviewCase.objects.filter(campaign=campaign)}
    meeting_record(
        actor=officer_a, campaign=campaign, village=village_a, held_on=dt.date(2026, 10, 5), attendees=40,
        chaired_by="Trưởng thôn", secretary="Thư ký", minutes=minutes(),
        votes={cases[poor.pk].pk: 30, cases[near.pk].pk: 20},
    )  # fmt: skip
    posting_start(actor=officer_a, campaign=campaign, village=village_a, starts_on=dt.date(2026, 10, 8))
    decision_make(
        actor=chair_a,
        campaign=campaign,
        commune=commune_a,
        number="125/QĐ-UBND",
        signed_on=dt.date(2026, 10, 20),
    )
    report = campaign_report(province_officer, campaign, commune_a)
    assert (report.summary_total.poor, report.poor.total.columns.get("escaped")) == (1, 1)
    _same(province_officer, campaign, units)
    member_add(actor=officer_a, household=near, full_name="Hồ Thị Mới", sex="female", birth_year=2000)
    other.refresh_from_db()
    household_close(
        actor=officer_a, household=other, reason="moved_away", on=dt.date(2026, 11, 2), version=other.version
    )
    _same(province_officer, campaign, units)
    assert not HouseholdChanged.objects.exists()


def _assessment(household: Household, rng: random.Random) -> Assessment:
    survey_round = SurveyRound.objects.create(
        household=household, reference_date=dt.date(2026, 9, 2), area="rural", agricultural=rng.random() < 0.5
    )
    keys = rng.sample(KEYS, rng.randint(0, 3))
    return Assessment.objects.create(
        household=household, round=survey_round, standard="2022-2025", reference_date=dt.date(2026, 9, 2),
        income_path="income", deprived=",".join(keys), deprivation_count=len(keys), score_b=10,
        category=rng.choice(["poor", "near_poor", "average", "not_poor"]), explanation={},
    )  # fmt: skip


class RawWriter:
    """Random writes straight to every table the report reads, as imports, fixes or other apps may do."""

    def __init__(self, rng, communes, campaign, other_campaign) -> None:
        self.rng, self.communes, self.campaign, self.other = rng, communes, campaign, other_campaign

    def households(self) -> list[Household]:
        return list(Household.objects.order_by("pk"))

    def create(self) -> None:
        commune = self.rng.choice(self.communes)
        Household.objects.create(
            code=f"R{next(_codes):07d}", province_id=commune.province_id, commune=commune,
            registered_on=dt.date(2020, 1, 1), status=self.rng.choice(STATUSES), head_name="Hộ thử",
            is_ethnic_minority=self.rng.random() < 0.4,
        )  # fmt: skip

    def transition(self, household: Household) -> None:
        made = StatusTransition.objects.create(
            household=household, kind=self.rng.choice(KINDS), from_status=self.rng.choice(STATUSES),
            to_status=self.rng.choice(STATUSES), effective_on=self.rng.choice(DAYS),
        )  # fmt: skip
        link = self.rng.choice([None, self.campaign, self.other])
        if link is not None:
            TransitionLink.objects.create(transition=made, campaign=link)

    def case(self, household: Household) -> None:
        values = {
            "step": self.rng.choice([Step.LISTED, Step.POSTED, Step.DECIDED]),
            "outcome": self.rng.choice(OUTCOMES),
            "status_before": self.rng.choice(STATUSES),
            "assessment": _assessment(household, self.rng) if self.rng.random() < 0.3 else None,
        }
        ReviewCase.objects.update_or_create(
            campaign=self.campaign, household=household,
            defaults={**values, "province_id": household.province_id, "commune_id": household.commune_id,
                      "reason": "other"},
        )  # fmt: skip

    def assess(self, household: Household) -> None:
        latest = _assessment(household, self.rng)
        Household.objects.filter(pk=household.pk).update(
            latest_assessment=latest, latest_category=latest.category
        )

    def close(self, household: Household) -> None:
        closed_on = self.rng.choice([None, *DAYS])
        Household.objects.filter(pk=household.pk).update(
            closed_on=closed_on,
            is_active=closed_on is None,
            closed_reason="" if closed_on is None else "moved_away",
        )

    def member(self, household: Household) -> None:
        active = list(household.members.filter(is_active=True))
        if active and self.rng.random() < 0.4:
            Member.objects.filter(pk=self.rng.choice(active).pk).update(is_active=False, left_reason="died")
        else:
            Member.objects.create(
                household=household, member_no=household.members.count() + 1, full_name="A", search_name="a",
                birth_year=1980, sex="male",
            )  # fmt: skip

    def move(self, household: Household) -> None:
        Household.objects.filter(pk=household.pk).update(commune=self.rng.choice(self.communes))

    def minority(self, household: Household) -> None:
        Household.objects.filter(pk=household.pk).update(is_ethnic_minority=not household.is_ethnic_minority)

    def dates(self) -> None:
        ends_on = self.rng.choice([dt.date(2026, 12, 14), dt.date(2026, 11, 1)])
        type(self.campaign).objects.filter(pk=self.campaign.pk).update(ends_on=ends_on)
        self.campaign.refresh_from_db()

    def step(self) -> str:
        households = self.households()
        action = self.rng.choice(
            ["create", "transition", "transition", "case", "case", "assess", "close", "member", "move",
             "minority", "dates"]
        )  # fmt: skip
        if action in {"create", "dates"} or not households:
            getattr(self, "dates" if action == "dates" else "create")()
        else:
            getattr(self, action)(self.rng.choice(households))
        return action


@pytest.mark.parametrize("seed", range(3))
def test_raw_writes_keep_the_report_equal_to_the_reference(
    province_officer, commune_a, commune_b, campaign, hue, seed
):
    other = campaign_create(
        actor=province_officer, province=hue, year=2025, kind="annual",
        starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2025, 12, 14),
    )  # fmt: skip
    writer = RawWriter(random.Random(seed), [commune_a, commune_b], campaign, other)
    for _ in range(6):
        writer.create()
    _same(province_officer, campaign, (hue,))
    _same(province_officer, other, (hue,))  # two campaigns kept: a change refreshes both
    for n in range(30):
        writer.step()
        if n % 3 == 2:
            _same(province_officer, campaign, (hue, commune_a))
            _same(province_officer, other, (hue, commune_b))
    assert CampaignCount.objects.filter(campaign=campaign, households__gt=0).exists()


def test_rebuild_gives_the_same_counts_and_is_idempotent(
    province_officer, commune_a, commune_b, campaign, hue
):
    writer = RawWriter(random.Random(11), [commune_a, commune_b], campaign, campaign)
    for _ in range(6):
        writer.create()
    campaign_report(province_officer, campaign, hue)
    for _ in range(20):
        writer.step()
    campaign_report(province_officer, campaign, hue)
    kept = sorted(CampaignCount.objects.exclude(households=0).values_list(
        "commune_id", "start_status", "end_status", "is_ethnic_minority", "average_agricultural", "deprived",
        "households", "persons",
    ))  # fmt: skip
    assert campaign_counts_rebuild() == 1
    call_command("rebuild_report_counts", verbosity=0)
    rebuilt = sorted(CampaignCount.objects.exclude(households=0).values_list(
        "commune_id", "start_status", "end_status", "is_ethnic_minority", "average_agricultural", "deprived",
        "households", "persons",
    ))  # fmt: skip
    assert kept == rebuilt
    assert not HouseholdChanged.objects.exists()


def test_missing_triggers_are_put_back_and_the_counts_recounted_after_migrate(
    officer_a, commune_a, village_a
):
    """On SQLite a migration that rebuilds the household table drops its triggers: migrate puts them back."""
    from django.db import connection

    from giamngheo.registry.counts import TRIGGERS, counted, recounted
    from giamngheo.reviews.count_triggers import ensure_count_triggers, expected_triggers, installed_triggers

    assert not ensure_count_triggers()  # all there: nothing done
    name = TRIGGERS["INSERT"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DROP TRIGGER {name}" + (" ON registry_household" if connection.vendor == "postgresql" else "")
        )
    Household.objects.create(
        code="T-1", province_id=commune_a.province_id, commune=commune_a, registered_on=dt.date(2020, 1, 1)
    )  # not counted: no trigger
    assert counted() != recounted()
    assert ensure_count_triggers()
    assert expected_triggers() <= installed_triggers(connection)
    assert counted() == recounted()
