"""The annual review procedure, step by step, and every refusal to skip a step."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.core.calendar import add_working_days
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.registry.models import Household, StatusTransition
from giamngheo.reviews.models import CaseEvent, ReviewCase, Step, SubmissionStatus
from giamngheo.reviews.services import (
    campaign_close,
    campaign_reopen,
    cases_collect_surveys,
    cases_list,
    decision_make,
    meeting_record,
    objection_answer,
    objection_record,
    posting_start,
    submission_review,
    submission_submit,
)
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD
from tests.fixtures.reviews import make_household, minutes, poor_values, survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(officer_a, commune_a, village_a, campaign):
    poor = make_household(officer_a, commune_a, village_a, "Hồ Văn Nghèo", "poor")
    near = make_household(officer_a, commune_a, village_a, "Hồ Văn Cận", "near_poor")
    make_household(officer_a, commune_a, village_a, "Hồ Văn Khá", "none")
    assert cases_list(actor=officer_a, campaign=campaign, commune=commune_a) == 2
    return poor, near


def run_to_posting(officer, campaign, commune, village, poor, near):
    survey(officer, poor, dict(COMFORTABLE_HOUSEHOLD))  # poor household escapes
    survey(officer, near, poor_values())  # near-poor household becomes poor
    assert cases_collect_surveys(actor=officer, campaign=campaign, commune=commune) == 2
    cases = {case.household_id: case for case in ReviewCase.objects.filter(campaign=campaign)}
    meeting_record(
        actor=officer,
        campaign=campaign,
        village=village,
        held_on=dt.date(2026, 10, 5),
        attendees=40,
        chaired_by="Trưởng thôn",
        secretary="Thư ký",
        minutes=minutes(),
        votes={cases[poor.pk].pk: 30, cases[near.pk].pk: 20},
    )
    return posting_start(actor=officer, campaign=campaign, village=village, starts_on=dt.date(2026, 10, 8))


def test_whole_procedure_to_province_approval(
    officer_a, chair_a, province_officer, commune_a, village_a, campaign, listed
):
    poor, near = listed
    posting = run_to_posting(officer_a, campaign, commune_a, village_a, poor, near)
    assert posting.ends_on == dt.date(2026, 10, 12)  # Thu 8, Fri 9, (weekend), Mon 12
    decision = decision_make(
        actor=chair_a,
        campaign=campaign,
        commune=commune_a,
        number="125/QĐ-UBND",
        signed_on=dt.date(2026, 10, 20),
    )
    poor.refresh_from_db()
    near.refresh_from_db()
    assert (poor.status, near.status) == ("none", "poor")
    made = StatusTransition.objects.filter(review_link__decision=decision)
    kinds = dict(made.values_list("household_id", "kind"))
    assert kinds == {poor.pk: "escaped_poor", near.pk: "near_poor_to_poor"}
    submission = submission_submit(actor=officer_a, campaign=campaign, commune=commune_a)
    approved = submission_review(actor=province_officer, submission=submission, approve=True)
    assert approved.status == SubmissionStatus.APPROVED
    steps = list(CaseEvent.objects.filter(case__household=near).values_list("to_step", flat=True))
    assert steps == ["listed", "surveyed", "agreed", "posted", "decided"]


def test_posting_counts_working_days_only():
    assert add_working_days(dt.date(2026, 10, 8), 3) == dt.date(2026, 10, 12)  # Thu, Fri, (weekend), Mon
    assert add_working_days(dt.date(2026, 8, 31), 3) == dt.date(
        2026, 9, 4
    )  # Mon, (1/9, 2/9 holidays), Thu, Fri


def test_decision_is_refused_while_steps_are_missing_and_says_which(
    officer_a, chair_a, commune_a, campaign, listed
):
    poor, near = listed
    survey(officer_a, poor, dict(COMFORTABLE_HOUSEHOLD))
    cases_collect_surveys(actor=officer_a, campaign=campaign, commune=commune_a)
    with pytest.raises(AppError) as refused:
        decision_make(
            actor=chair_a, campaign=campaign, commune=commune_a, number="1/QĐ", signed_on=dt.date(2026, 11, 1)
        )
    assert refused.value.code == ErrorCode.DECISION_BLOCKED
    message = refused.value.message
    assert "chưa được họp dân thống nhất" in message and poor.code in message
    assert "chưa có phiếu rà soát" in message and near.code in message
    assert not StatusTransition.objects.exists()
    poor.refresh_from_db()
    assert poor.status == "poor"


def test_decision_waits_for_the_end_of_posting(officer_a, chair_a, commune_a, village_a, campaign, listed):
    poor, near = listed
    posting = run_to_posting(officer_a, campaign, commune_a, village_a, poor, near)
    with pytest.raises(AppError) as early:
        decision_make(
            actor=chair_a, campaign=campaign, commune=commune_a, number="2/QĐ", signed_on=posting.ends_on
        )
    assert early.value.code == ErrorCode.DECISION_TOO_EARLY
    after = posting.ends_on + dt.timedelta(days=1)
    assert f"ký từ ngày {after:%d/%m/%Y}" in early.value.message
    assert poor.code not in early.value.message  # the date, not a wall of households


def test_meeting_without_half_agreement_sends_back_to_survey(
    officer_a, commune_a, village_a, campaign, listed
):
    poor, _near = listed
    survey(officer_a, poor, dict(COMFORTABLE_HOUSEHOLD))
    cases_collect_surveys(actor=officer_a, campaign=campaign, commune=commune_a)
    case = ReviewCase.objects.get(household=poor)
    meeting_record(
        actor=officer_a,
        campaign=campaign,
        village=village_a,
        held_on=dt.date(2026, 10, 5),
        attendees=41,
        chaired_by="A",
        secretary="B",
        minutes=minutes(),
        votes={case.pk: 20},
    )
    case.refresh_from_db()
    assert case.step == Step.DISAGREED
    with pytest.raises(AppError):
        posting_start(actor=officer_a, campaign=campaign, village=village_a, starts_on=dt.date(2026, 10, 8))


def test_objection_with_resurvey_goes_back_to_survey(officer_a, commune_a, village_a, campaign, listed):
    poor, near = listed
    run_to_posting(officer_a, campaign, commune_a, village_a, poor, near)
    case = ReviewCase.objects.get(household=poor)
    objection = objection_record(
        actor=officer_a,
        case=case,
        lodged_by="Hộ bên cạnh",
        lodged_on=dt.date(2026, 10, 9),
        content="Hộ này vẫn khó khăn",
    )
    objection_answer(
        actor=officer_a,
        objection=objection,
        answer="Phúc tra lại",
        answered_on=dt.date(2026, 10, 10),
        resurvey=True,
    )
    case.refresh_from_db()
    assert (case.step, case.assessment) == (Step.SURVEYED, None)


def test_only_the_commune_chair_decides(officer_a, commune_a, village_a, campaign, listed):
    with pytest.raises(PermissionDenied):
        decision_make(
            actor=officer_a,
            campaign=campaign,
            commune=commune_a,
            number="3/QĐ",
            signed_on=dt.date(2026, 11, 1),
        )


def test_closed_campaign_changes_only_after_a_recorded_reopening(
    officer_a, province_officer, commune_a, campaign
):
    campaign_close(actor=province_officer, campaign=campaign)
    with pytest.raises(AppError):
        cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    with pytest.raises(AppError):
        campaign_reopen(actor=province_officer, campaign=campaign, reason=" ")
    campaign_reopen(actor=province_officer, campaign=campaign, reason="Bổ sung hộ bị sót")
    assert cases_list(actor=officer_a, campaign=campaign, commune=commune_a) == 0


def test_return_needs_a_reason(officer_a, chair_a, province_officer, commune_a, village_a, campaign, listed):
    poor, near = listed
    run_to_posting(officer_a, campaign, commune_a, village_a, poor, near)
    decision_make(
        actor=chair_a, campaign=campaign, commune=commune_a, number="4/QĐ", signed_on=dt.date(2026, 10, 20)
    )
    submission = submission_submit(actor=officer_a, campaign=campaign, commune=commune_a)
    with pytest.raises(AppError):
        submission_review(actor=province_officer, submission=submission, approve=False, reason="")
    returned = submission_review(
        actor=province_officer, submission=submission, approve=False, reason="Thiếu biên bản"
    )
    assert returned.status == SubmissionStatus.RETURNED
    assert Household.objects.filter(status="poor").count() == 1


def test_three_level_chain_needs_the_district_opinion(
    officer_a, chair_a, province_officer, commune_a, village_a, hue
):
    from giamngheo.reviews.services import campaign_create, submission_district_opinion

    campaign = campaign_create(
        actor=province_officer,
        province=hue,
        year=2024,
        kind="annual",
        starts_on=dt.date(2024, 9, 1),
        ends_on=dt.date(2024, 12, 14),
        approval_chain="commune_district_province",
    )
    poor = make_household(officer_a, commune_a, village_a, "Hồ Văn Nghèo", "poor")
    near = make_household(officer_a, commune_a, village_a, "Hồ Văn Cận", "near_poor")
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    survey(officer_a, poor, dict(COMFORTABLE_HOUSEHOLD), on=dt.date(2024, 9, 20))
    survey(officer_a, near, poor_values(), on=dt.date(2024, 9, 20))
    cases_collect_surveys(actor=officer_a, campaign=campaign, commune=commune_a)
    cases = list(ReviewCase.objects.filter(campaign=campaign))
    meeting_record(
        actor=officer_a,
        campaign=campaign,
        village=village_a,
        held_on=dt.date(2024, 10, 5),
        attendees=10,
        chaired_by="A",
        secretary="B",
        minutes=minutes(),
        votes={case.pk: 8 for case in cases},
    )
    posting_start(actor=officer_a, campaign=campaign, village=village_a, starts_on=dt.date(2024, 10, 8))
    decision_make(
        actor=chair_a, campaign=campaign, commune=commune_a, number="9/QĐ", signed_on=dt.date(2024, 10, 20)
    )
    submission = submission_submit(actor=officer_a, campaign=campaign, commune=commune_a)
    with pytest.raises(AppError) as early:
        submission_review(actor=province_officer, submission=submission, approve=True)
    assert early.value.code == ErrorCode.DISTRICT_OPINION_REQUIRED
    submission_district_opinion(
        actor=province_officer,
        submission=submission,
        opinion="Công văn 55/UBND-LĐTBXH ngày 25/10/2024",
        on=dt.date(2024, 10, 25),
    )
    approved = submission_review(actor=province_officer, submission=submission, approve=True)
    assert approved.status == SubmissionStatus.APPROVED
    assert approved.district_opinion.startswith("Công văn 55")
