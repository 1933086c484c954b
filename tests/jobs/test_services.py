"""Jobs services: survey rounds, referral steps to «việc làm bền vững», training into the ledger, abroad."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.jobs.models import AbroadWorker, LabourSurvey, Referral
from giamngheo.jobs.services.abroad import abroad_worker_register, abroad_worker_return
from giamngheo.jobs.services.placements import referral_create, referral_step
from giamngheo.jobs.services.training import course_create, enrolment_complete, enrolment_create
from giamngheo.support.models import SupportRecord, SupportType
from tests.fixtures.jobs import SURVEYED_ON, TODAY, survey

pytestmark = pytest.mark.django_db
LATER = dt.date(2027, 7, 1)


def test_the_same_survey_twice_adds_nothing(officer_a, worker):
    assert survey(officer_a, worker) is None
    assert LabourSurvey.objects.filter(member=worker).count() == 1


def test_a_child_is_not_in_the_labour_register(officer_a, poor_household):
    child = poor_household.members.get(member_no=3)  # born 2012
    with pytest.raises(AppError) as error:
        survey(officer_a, child)
    assert error.value.code == ErrorCode.JOBS_NOT_WORKING_AGE
    assert not LabourSurvey.objects.filter(member=child).exists()


def test_another_commune_cannot_survey_or_refer(officer_b, worker, vacancy):
    with pytest.raises(PermissionDenied):
        survey(officer_b, worker, skills="điện")
    with pytest.raises(PermissionDenied):
        referral_create(actor=officer_b, vacancy=vacancy, member=worker, on=TODAY, today=TODAY)
    assert not Referral.objects.exists()


def test_referral_to_sustainable_job(officer_a, worker, vacancy):
    referral = referral_create(actor=officer_a, vacancy=vacancy, member=worker, on=TODAY, today=TODAY)
    assert (referral.score, referral.household_status) == (95, "poor")
    assert referral.reasons[0] == ["cùng xã với nơi làm việc", 25]
    with pytest.raises(AppError) as error:
        referral_create(actor=officer_a, vacancy=vacancy, member=worker, on=TODAY, today=TODAY)
    assert error.value.code == ErrorCode.JOBS_REFERRAL_EXISTS
    with pytest.raises(AppError) as error:
        referral_step(
            actor=officer_a, referral=referral, step="follow_up_3", on=LATER, kept=True, today=LATER
        )
    assert error.value.code == ErrorCode.JOBS_STEP_ORDER
    placed = dt.date(2026, 11, 25)
    referral_step(actor=officer_a, referral=referral, step="interview", on=dt.date(2026, 11, 22), today=LATER)
    referral_step(actor=officer_a, referral=referral, step="placement", on=placed, today=LATER)
    with pytest.raises(AppError):  # only after 3 months
        referral_step(
            actor=officer_a,
            referral=referral,
            step="follow_up_3",
            on=dt.date(2027, 1, 1),
            kept=True,
            today=LATER,
        )
    referral_step(
        actor=officer_a, referral=referral, step="follow_up_3", on=dt.date(2027, 3, 1), kept=True, today=LATER
    )
    referral = referral_step(
        actor=officer_a, referral=referral, step="follow_up_6", on=LATER, kept=True, today=LATER
    )
    assert referral.sustainable
    assert (referral.placed_on, referral.kept_3_months, referral.kept_6_months) == (placed, True, True)


def test_a_completed_course_is_a_support_record_with_the_certificate(officer_a, worker, commune_a):
    course = course_create(
        actor=officer_a,
        place=commune_a,
        name="May công nghiệp khóa 1",
        provider="Trung tâm GDNN A Lưới",
        trade="May",
        level=1,
        starts_on=dt.date(2026, 10, 5),
        ends_on=dt.date(2026, 11, 5),
        support_type=SupportType.objects.get(code="da4-dao-tao-nghe"),
    )
    enrolment = enrolment_create(
        actor=officer_a, course=course, member=worker, on=dt.date(2026, 10, 5), today=TODAY
    )
    enrolment = enrolment_complete(
        actor=officer_a, enrolment=enrolment, on=dt.date(2026, 11, 5), certificate_no="CC-001", today=TODAY
    )
    record = SupportRecord.objects.get(member=worker)
    assert enrolment.support_record == record
    assert (record.support_type.code, record.status, record.quantity) == ("da4-dao-tao-nghe", "delivered", 1)
    with pytest.raises(AppError):
        enrolment_complete(actor=officer_a, enrolment=enrolment, on=dt.date(2026, 11, 6), today=TODAY)
    assert SupportRecord.objects.filter(member=worker).count() == 1


def test_a_worker_abroad_keeps_the_household_status_at_departure(officer_a, poor_household):
    spouse = poor_household.members.get(member_no=2)  # 42: inside the 18–45 of the support type
    worker_abroad = abroad_worker_register(
        actor=officer_a,
        member=spouse,
        country="Nhật Bản",
        departed_on=dt.date(2026, 11, 1),
        contract_ends_on=dt.date(2029, 11, 1),
        sector="Xây dựng",
        pre_departure_training=True,
        support_type=SupportType.objects.get(code="da4-lao-dong-nuoc-ngoai"),
        support_amount=5_000_000,
        today=TODAY,
    )
    assert worker_abroad.household_status == "poor"
    assert worker_abroad.support_record.amount == 5_000_000
    with pytest.raises(AppError) as error:  # the head is 46: the support services refuse with the reason
        abroad_worker_register(
            actor=officer_a,
            member=poor_household.members.get(member_no=1),
            country="Hàn Quốc",
            departed_on=TODAY,
            contract_ends_on=dt.date(2029, 1, 1),
            today=TODAY,
            support_type=SupportType.objects.get(code="da4-lao-dong-nuoc-ngoai"),
            support_amount=1,
        )
    assert error.value.code == ErrorCode.SUPPORT_NOT_ELIGIBLE
    assert AbroadWorker.objects.count() == 1
    returned = abroad_worker_return(actor=officer_a, worker=worker_abroad, on=TODAY, today=TODAY)
    assert AbroadWorker.objects.get(pk=returned.pk).returned_on == TODAY


def test_the_survey_day_cannot_be_in_the_future(officer_a, worker):
    from giamngheo.jobs.services.labour import labour_survey_record

    with pytest.raises(AppError):
        labour_survey_record(
            actor=officer_a,
            member=worker,
            surveyed_on=TODAY + dt.timedelta(days=1),
            answers={"employment": "unemployed"},
            today=TODAY,
        )
    assert LabourSurvey.objects.filter(member=worker).get().surveyed_on == SURVEYED_ON
