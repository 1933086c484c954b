"""Unchanged households count as surveyed for the period: by re-import and by the bulk confirmation."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.registry.models import Assessment, Household, SurveyConfirmation, SurveyRound
from giamngheo.reviews.models import ReviewCase, Step
from giamngheo.reviews.services import cases_collect_surveys, cases_confirm_unchanged, cases_list
from tests.fixtures.registry_files import confirm, household_row, member_rows, upload, workbook
from tests.fixtures.reviews import make_household, poor_values, survey

pytestmark = pytest.mark.django_db

BEFORE = dt.date(2026, 8, 1)  # the campaign fixture starts on 1/9/2026
DURING = dt.date(2026, 10, 1)


def test_reimported_unchanged_household_counts_as_surveyed(
    officer_a, commune_a, village_a, campaign, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    rows = ([household_row("H001")], member_rows("H001"))
    confirm(officer_a, upload(officer_a, commune_a, workbook(*rows), capture, BEFORE), capture)
    assert cases_list(actor=officer_a, campaign=campaign, commune=commune_a) == 1
    assert cases_collect_surveys(actor=officer_a, campaign=campaign, commune=commune_a) == 0
    rounds, assessments = SurveyRound.objects.count(), Assessment.objects.count()

    again = upload(officer_a, commune_a, workbook(*rows), capture, DURING)
    assert again.households_unchanged == 1
    confirm(officer_a, again, capture)
    assert cases_collect_surveys(actor=officer_a, campaign=campaign, commune=commune_a) == 1

    case = ReviewCase.objects.get(campaign=campaign)
    household = Household.objects.get(code="H001")
    assert (case.step, case.assessment_id) == (Step.SURVEYED, household.latest_assessment_id)
    assert (SurveyRound.objects.count(), Assessment.objects.count()) == (rounds, assessments)
    assert list(SurveyConfirmation.objects.values_list("source", "reference_date")) == [("import", DURING)]
    confirm(officer_a, upload(officer_a, commune_a, workbook(*rows), capture, DURING), capture)
    assert SurveyConfirmation.objects.count() == 1  # the same file again confirms nothing more


def test_bulk_confirmation_moves_the_chosen_households_only(officer_a, commune_a, village_a, campaign):
    first = make_household(officer_a, commune_a, village_a, "Hồ Văn Một", "poor")
    second = make_household(officer_a, commune_a, village_a, "Hồ Văn Hai", "poor")
    for household in (first, second):
        survey(officer_a, household, poor_values(), on=BEFORE)
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    chosen = ReviewCase.objects.get(household=first)

    moved = cases_confirm_unchanged(
        actor=officer_a, campaign=campaign, commune=commune_a, case_ids=[chosen.pk]
    )

    assert moved == 1
    steps = dict(ReviewCase.objects.values_list("household_id", "step"))
    assert steps == {first.pk: Step.SURVEYED, second.pk: Step.LISTED}
    chosen.refresh_from_db()
    first.refresh_from_db()
    assert (chosen.assessment_id, chosen.proposed) == (first.latest_assessment_id, "remains_poor")


def test_bulk_confirmation_refuses_a_household_never_surveyed(officer_a, commune_a, village_a, campaign):
    never = make_household(officer_a, commune_a, village_a, "Hồ Văn Chưa", "poor")
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    case = ReviewCase.objects.get(household=never)
    with pytest.raises(AppError) as refused:
        cases_confirm_unchanged(actor=officer_a, campaign=campaign, commune=commune_a, case_ids=[case.pk])
    assert refused.value.code == ErrorCode.SURVEY_MISSING
    assert never.code in str(refused.value)
    assert not SurveyConfirmation.objects.exists()
    case.refresh_from_db()
    assert case.step == Step.LISTED


def test_bulk_confirmation_refuses_another_communes_officer(
    officer_b, commune_a, village_a, officer_a, campaign
):
    household = make_household(officer_a, commune_a, village_a, "Hồ Văn Một", "poor")
    survey(officer_a, household, poor_values(), on=BEFORE)
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    case = ReviewCase.objects.get(household=household)
    with pytest.raises(AppError):
        cases_confirm_unchanged(actor=officer_b, campaign=campaign, commune=commune_a, case_ids=[case.pk])
    assert not SurveyConfirmation.objects.exists()
