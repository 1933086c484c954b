"""The campaign report's grouped SQL gives the tables of the ORM reference, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giamngheo.registry.models import Assessment, Household, Member, StatusTransition, SurveyRound
from giamngheo.reviews.models import ReviewCase, Step, TransitionLink
from giamngheo.reviews.reports import campaign_report
from giamngheo.reviews.services import campaign_create
from tests.reviews.reference_report import reference_campaign_report

pytestmark = pytest.mark.django_db

_codes = itertools.count(1)
STATUSES = ("poor", "near_poor", "none", "average")
KINDS = (
    "new_poor",
    "escaped_poor",
    "poor_to_near_poor",
    "moved_away",
    "merged",
    "other",
    "relapse_near_poor",
)
OUTCOMES = ("", "new_poor", "remains_poor", "escaped_near_poor", "not_recognised", "poor_to_near_poor")
KEYS = ("water", "water_source", "latrine", "telecom", "housing_quality", "health_insurance", "waterx")
DAYS = (
    dt.date(2024, 5, 1),
    dt.date(2026, 8, 31),
    dt.date(2026, 9, 1),
    dt.date(2026, 10, 15),
    dt.date(2026, 12, 14),
    dt.date(2026, 12, 15),
)


@dataclass(frozen=True)
class Transition:
    kind: str
    from_status: str
    to_status: str
    day: int  # index in DAYS
    link: int  # 0 none, 1 this campaign, 2 another campaign


@dataclass(frozen=True)
class Spec:
    commune: int
    status: str
    minority: bool
    persons: int
    closed: int | None  # index in DAYS
    transitions: tuple[Transition, ...]
    case: tuple[str, str, str, bool] | None  # status before, step, outcome, own assessment
    assessment: tuple[str, tuple[str, ...], bool] | None  # category, deprived keys, agricultural


transitions = st.builds(
    Transition,
    kind=st.sampled_from(KINDS),
    from_status=st.sampled_from(STATUSES),
    to_status=st.sampled_from(STATUSES),
    day=st.integers(0, len(DAYS) - 1),
    link=st.integers(0, 2),
)
specs = st.builds(
    Spec,
    commune=st.integers(0, 1),
    status=st.sampled_from(STATUSES),
    minority=st.booleans(),
    persons=st.integers(0, 2),
    closed=st.one_of(st.none(), st.integers(0, len(DAYS) - 1)),
    transitions=st.lists(transitions, max_size=3).map(tuple),
    case=st.one_of(
        st.none(),
        st.tuples(
            st.sampled_from(STATUSES),
            st.sampled_from((Step.LISTED, Step.POSTED, Step.DECIDED)),
            st.sampled_from(OUTCOMES),
            st.booleans(),
        ),
    ),
    assessment=st.one_of(
        st.none(),
        st.tuples(
            st.sampled_from(("poor", "near_poor", "average", "not_poor")),
            st.lists(st.sampled_from(KEYS), unique=True, max_size=4).map(tuple),
            st.booleans(),
        ),
    ),
)


def _assessment(household: Household, category: str, keys: tuple[str, ...], agricultural: bool) -> Assessment:
    survey_round = SurveyRound.objects.create(
        household=household, reference_date=dt.date(2026, 9, 2), area="rural", agricultural=agricultural
    )
    return Assessment.objects.create(
        household=household,
        round=survey_round,
        standard="2022-2025",
        reference_date=dt.date(2026, 9, 2),
        income_path="income",
        deprived=",".join(keys),
        deprivation_count=len(keys),
        score_b=10 * len(keys),
        category=category,
        explanation={},
    )


def _make(spec: Spec, communes, campaign, other_campaign) -> None:
    commune = communes[spec.commune]
    household = Household.objects.create(
        code=f"Q{next(_codes):07d}",
        province_id=commune.province_id,
        commune=commune,
        registered_on=dt.date(2020, 1, 1),
        status=spec.status,
        head_name="Hộ thử",
        is_ethnic_minority=spec.minority,
        is_active=spec.closed is None,
        closed_on=None if spec.closed is None else DAYS[spec.closed],
        closed_reason="" if spec.closed is None else "moved_out",
    )
    Member.objects.bulk_create(
        Member(
            household=household, member_no=n + 1, full_name="A", search_name="a", birth_year=1980, sex="male"
        )
        for n in range(spec.persons)
    )
    for item in spec.transitions:
        made = StatusTransition.objects.create(
            household=household,
            kind=item.kind,
            from_status=item.from_status,
            to_status=item.to_status,
            effective_on=DAYS[item.day],
        )
        if item.link:
            TransitionLink.objects.create(
                transition=made, campaign=campaign if item.link == 1 else other_campaign
            )
    if spec.assessment is not None:
        latest = _assessment(household, *spec.assessment)
        Household.objects.filter(pk=household.pk).update(
            latest_assessment=latest, latest_category=latest.category
        )
    if spec.case is not None:
        before, step, outcome, own = spec.case
        ReviewCase.objects.create(
            campaign=campaign,
            household=household,
            province_id=commune.province_id,
            commune=commune,
            reason="other",
            step=step,
            status_before=before,
            outcome=outcome,
            assessment=_assessment(household, "near_poor", ("latrine", "telecom"), False) if own else None,
        )


def _same(new, old) -> None:
    assert [c.pk for c in new.communes] == [c.pk for c in old.communes]
    assert new.summary == old.summary
    assert new.summary_total == old.summary_total
    assert new.ethnic == old.ethnic
    assert new.ethnic_total == old.ethnic_total
    assert (new.poor, new.near_poor) == (old.poor, old.near_poor)
    assert new.indicators == old.indicators
    for fresh, reference in zip(new.deprivation, old.deprivation, strict=True):
        keys = [key for key, _name in new.indicators]
        assert {k: fresh.poor.get(k, 0) for k in keys} == {k: reference.poor.get(k, 0) for k in keys}
        assert {k: fresh.near_poor.get(k, 0) for k in keys} == {
            k: reference.near_poor.get(k, 0) for k in keys
        }
    assert new.deprivation_total == old.deprivation_total


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(households=st.lists(specs, min_size=1, max_size=12))
def test_grouped_sql_equals_the_orm_reference(
    households, province_officer, commune_a, commune_b, campaign, hue
):
    with transaction.atomic():
        other = campaign_create(
            actor=province_officer,
            province=hue,
            year=2025,
            kind="annual",
            starts_on=dt.date(2025, 9, 1),
            ends_on=dt.date(2025, 12, 14),
        )
        for spec in households:
            _make(spec, [commune_a, commune_b], campaign, other)
        for unit in (hue, commune_a, commune_b):
            _same(
                campaign_report(province_officer, campaign, unit),
                reference_campaign_report(province_officer, campaign, unit),
            )
        transaction.set_rollback(True)


def test_exact_keys_with_like_wildcards_are_not_confused(province_officer, commune_a, campaign):
    """`water_source` is not matched by a key `water` nor by `waterxsource` (`_` is a LIKE wildcard)."""
    household = Household.objects.create(
        code="Q-LIKE-1",
        province_id=commune_a.province_id,
        commune=commune_a,
        registered_on=dt.date(2020, 1, 1),
        status="poor",
        head_name="Hộ thử",
    )
    latest = _assessment(household, "poor", ("waterxsource", "water_source"), False)
    Household.objects.filter(pk=household.pk).update(latest_assessment=latest)
    report = campaign_report(province_officer, campaign, commune_a)
    counts = report.deprivation[0].poor
    assert counts.get("water_source", 0) == 1
    assert counts.get("water", 0) == 0
    _same(report, reference_campaign_report(province_officer, campaign, commune_a))


def test_province_report_takes_a_fixed_number_of_queries(
    province_officer, commune_a, commune_b, campaign, hue, django_assert_max_num_queries
):
    """The first report of a campaign computes its facts; later ones bring them up to date (any number of
    changed households, in chunks) and read the counts."""
    for n in range(40):
        spec = Spec(n % 2, STATUSES[n % 4], n % 3 == 0, 1, None, (), None, ("poor", ("water",), True))
        _make(spec, [commune_a, commune_b], campaign, campaign)
    with django_assert_max_num_queries(20):
        report = campaign_report(province_officer, campaign, hue)
    assert report.summary_total.households == 40
    for n in range(10):
        spec = Spec(n % 2, STATUSES[n % 4], n % 3 == 0, 1, None, (), None, ("poor", ("water",), True))
        _make(spec, [commune_a, commune_b], campaign, campaign)
    with django_assert_max_num_queries(16):
        report = campaign_report(province_officer, campaign, hue)
    assert report.summary_total.households == 50
    with django_assert_max_num_queries(10):
        report = campaign_report(province_officer, campaign, hue)
    assert report.summary_total.households == 50


def test_an_other_transition_of_the_period_outranks_the_decided_outcome(
    province_officer, commune_a, campaign
):
    """End of period: the last «other» transition first, then the decided outcome, then the start."""
    moved = Spec(
        0,
        "poor",
        False,
        1,
        None,
        (Transition("other", "poor", "near_poor", 3, 0),),
        ("poor", Step.DECIDED, "remains_poor", False),
        None,
    )
    decided = Spec(0, "poor", False, 1, None, (), ("poor", Step.DECIDED, "escaped_poor", False), None)
    for spec in (moved, decided):
        _make(spec, [commune_a], campaign, campaign)
    report = campaign_report(province_officer, campaign, commune_a)
    assert (report.summary[0].poor, report.summary[0].near_poor) == (0, 1)
    _same(report, reference_campaign_report(province_officer, campaign, commune_a))
