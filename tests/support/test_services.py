from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from giamngheo.core.errors import AppError, NotFound
from giamngheo.core.models import AuditEvent
from giamngheo.registry.surveys import survey_submit
from giamngheo.support import selectors
from giamngheo.support.models import (
    BeneficiaryList,
    HouseholdPlan,
    HousingCase,
    HousingStage,
    ListStatus,
    PovertyCause,
    RecordStatus,
    SupportRecord,
    SupportType,
)
from giamngheo.support.services.housing import (
    housing_case_accept,
    housing_case_approve,
    housing_case_open,
    housing_case_progress,
)
from giamngheo.support.services.lists import (
    beneficiary_entry_update,
    beneficiary_list_approve,
    beneficiary_list_propose,
)
from giamngheo.support.services.plans import household_plan_create, suggested_solutions
from giamngheo.support.services.records import (
    support_record_add,
    support_record_cancel,
    support_record_deliver,
)
from tests.fixtures.support import COMFORTABLE_HOUSEHOLD, SURVEYED_ON, TODAY, UNINSURED_ADULT

pytestmark = pytest.mark.django_db


def support(code: str) -> SupportType:
    return SupportType.objects.get(code=code)


def test_engine_suggests_support_for_each_deprivation(poor_household):
    suggested = {
        (t.code, m.full_name if m else None) for t, m in suggested_solutions(poor_household, SURVEYED_ON)
    }
    assert ("da5-nha-xay-moi", None) in suggested
    assert ("bhyt-ho-ngheo", "Hồ Văn Tâm") in suggested
    assert ("vay-ho-ngheo", None) in suggested
    assert not any(code == "bhyt-ho-can-ngheo" for code, _ in suggested)


def test_plan_with_helper_and_causes_is_recorded_once_per_year(officer_a, poor_household):
    causes = list(PovertyCause.objects.filter(code__in=["thieu-von", "om-dau"]))
    plan = household_plan_create(
        actor=officer_a,
        household=poor_household,
        year=2026,
        causes=causes,
        helper_name="Nguyễn Văn Bình",
        helper_organisation="Hội Nông dân xã",
        registers_to_escape=True,
        solutions=[(support("da5-nha-xay-moi"), None)],
        on=SURVEYED_ON,
    )
    assert plan.solutions.get().suggested is True
    assert AuditEvent.objects.filter(action="support_plan.create", object_id=str(plan.pk)).count() == 1
    with pytest.raises(AppError) as error:
        household_plan_create(
            actor=officer_a,
            household=poor_household,
            year=2026,
            causes=causes,
            helper_name="X",
            on=SURVEYED_ON,
        )
    assert error.value.code == "support_plan_exists"
    assert HouseholdPlan.objects.count() == 1


def test_officer_of_another_commune_cannot_plan(officer_b, poor_household):
    with pytest.raises(AppError) as error:
        household_plan_create(
            actor=officer_b,
            household=poor_household,
            year=2026,
            causes=list(PovertyCause.objects.all()[:1]),
            helper_name="X",
            on=SURVEYED_ON,
        )
    assert error.value.code == "permission_denied"
    assert HouseholdPlan.objects.count() == 0
    with pytest.raises(NotFound):
        selectors.plan_get_for_user(officer_b, 1)


def propose(officer, household, code="da5-nha-xay-moi"):
    return beneficiary_list_propose(
        actor=officer,
        support_type=support(code),
        commune=household.commune,
        year=2026,
        reference_date=SURVEYED_ON,
    )


def test_list_proposes_with_reasons_and_chair_approval_writes_the_ledger(officer_a, chair_a, poor_household):
    housing_list = propose(officer_a, poor_household)
    entry = housing_list.entries.get()
    assert entry.eligible and entry.selected and entry.amount == 40_000_000
    with pytest.raises(AppError) as error:
        beneficiary_list_approve(
            actor=officer_a,
            beneficiary_list=housing_list,
            version=1,
            decision_number="12/QĐ-UBND",
            decided_on=TODAY,
        )
    assert error.value.code == "permission_denied"
    beneficiary_list_approve(
        actor=chair_a,
        beneficiary_list=housing_list,
        version=1,
        decision_number="12/QĐ-UBND",
        decided_on=TODAY,
    )
    housing_list.refresh_from_db()
    assert housing_list.status == ListStatus.APPROVED
    record = SupportRecord.objects.get()
    assert (record.status, record.amount, record.household_id) == (
        RecordStatus.APPROVED,
        40_000_000,
        poor_household.pk,
    )


def test_the_same_house_cannot_be_paid_twice(officer_a, chair_a, poor_household):
    first = propose(officer_a, poor_household)
    beneficiary_list_approve(
        actor=chair_a, beneficiary_list=first, version=1, decision_number="1/QĐ", decided_on=TODAY
    )
    earlier = SupportRecord.objects.get()
    second = propose(officer_a, poor_household, code="da5-nha-sua-chua")
    entry = second.entries.get()
    assert not entry.eligible
    assert f"bản ghi số {earlier.pk}" in entry.reason
    with pytest.raises(AppError) as error:
        beneficiary_entry_update(actor=officer_a, entry=entry, selected=True, amount=20_000_000)
    assert error.value.code == "support_not_eligible"
    with pytest.raises(AppError) as error:
        support_record_add(
            actor=officer_a,
            household=poor_household,
            member=None,
            support_type=support("da5-nha-xay-moi"),
            on=TODAY,
            amount=40_000_000,
            today=TODAY,
        )
    assert error.value.code == "support_not_eligible"
    assert SupportRecord.objects.count() == 1


def test_approval_rechecks_support_given_meanwhile(officer_a, chair_a, poor_household):
    housing_list = propose(officer_a, poor_household)
    support_record_add(
        actor=officer_a,
        household=poor_household,
        member=None,
        support_type=support("hue-xoa-nha-tam"),
        on=TODAY,
        amount=50_000_000,
        today=TODAY,
    )
    with pytest.raises(AppError) as error:
        beneficiary_list_approve(
            actor=chair_a, beneficiary_list=housing_list, version=1, decision_number="1/QĐ", decided_on=TODAY
        )
    assert error.value.code == "support_not_eligible"
    assert poor_household.code in error.value.message
    assert BeneficiaryList.objects.get().status == ListStatus.DRAFT
    assert SupportRecord.objects.count() == 1


def test_deliver_and_cancel_are_new_records(officer_a, chair_a, poor_household):
    health = propose(officer_a, poor_household, code="bhyt-ho-ngheo")
    assert health.entries.filter(eligible=True).count() == 3
    beneficiary_list_approve(
        actor=chair_a, beneficiary_list=health, version=1, decision_number="2/QĐ", decided_on=TODAY
    )
    approved = SupportRecord.objects.filter(member__birth_year=1980).get()
    delivered = support_record_deliver(actor=officer_a, record=approved, on=TODAY, today=TODAY)
    assert delivered.supersedes == approved and delivered.status == RecordStatus.DELIVERED
    with pytest.raises(AppError) as error:
        support_record_deliver(actor=officer_a, record=approved, on=TODAY, today=TODAY)
    assert error.value.code == "conflict"
    cancelled = support_record_cancel(actor=officer_a, record=delivered, reason="Cấp trùng thẻ", on=TODAY)
    assert cancelled.status == RecordStatus.CANCELLED
    assert selectors.current_records(SupportRecord.objects.all()).count() == 2
    assert SupportRecord.objects.count() == 5


def test_housing_case_from_proposal_to_acceptance_closes_the_deprivation(officer_a, chair_a, poor_household):
    household_plan_create(
        actor=officer_a, household=poor_household, year=2026, causes=list(PovertyCause.objects.all()[:1]),
        helper_name="Nguyễn Văn Bình", on=SURVEYED_ON,
    )  # fmt: skip
    case = housing_case_open(
        actor=officer_a,
        household=poor_household,
        support_type=support("da5-nha-xay-moi"),
        work="new",
        year=2026,
        on=SURVEYED_ON,
    )
    assert "Thiếu hụt nhà ở" in case.eligibility_note
    case = housing_case_approve(
        actor=chair_a, case=case, version=case.version,
        funding={"central": 40_000_000, "household": 60_000_000},
        on=SURVEYED_ON, decision_number="15/QĐ-UBND",
    )  # fmt: skip
    assert case.record.amount == 40_000_000
    for stage, day in (
        ("started", dt.date(2026, 10, 5)),
        ("roofed", dt.date(2026, 10, 25)),
        ("completed", dt.date(2026, 11, 10)),
    ):
        case = housing_case_progress(
            actor=officer_a, case=case, version=case.version, stage=stage, on=day, today=TODAY
        )
    with pytest.raises(AppError) as error:
        housing_case_accept(
            actor=officer_a, case=case, version=case.version, on=TODAY, floor_area_m2=Decimal("28.5"),
            hard_foundation=True, hard_frame=True, hard_roof=True, today=TODAY,
        )  # fmt: skip
    assert error.value.code == "support_housing_standard"
    assert HousingCase.objects.get().stage == HousingStage.COMPLETED
    case = housing_case_accept(
        actor=officer_a, case=case, version=case.version, on=TODAY, floor_area_m2=Decimal(36),
        hard_foundation=True, hard_frame=True, hard_roof=True, today=TODAY,
    )  # fmt: skip
    assert case.stage == HousingStage.ACCEPTED
    assert SupportRecord.objects.filter(status=RecordStatus.DELIVERED, supersedes=case.record).count() == 1
    poor_household.refresh_from_db()
    survey_submit(
        actor=officer_a,
        household=poor_household,
        reference_date=dt.date(2026, 11, 25),
        household_values={**COMFORTABLE_HOUSEHOLD, "income_per_capita": 900_000, "floor_area_m2": 36},
        member_values={member.pk: dict(UNINSURED_ADULT) for member in poor_household.members.all()},
        version=poor_household.version,
    )
    poor_household.refresh_from_db()
    labels = {"housing_quality": "Chất lượng nhà ở"}
    follow_up = {row.key: row for row in selectors.deprivation_follow_up(poor_household, labels)}
    assert follow_up["housing_quality"].supported_by == ["Hỗ trợ xây mới nhà ở (Dự án 5)"]
    assert follow_up["housing_quality"].closed is True
    assert follow_up["health_insurance"].closed is False


def test_housing_needs_a_housing_deprivation(officer_a, poor_household):
    survey_submit(
        actor=officer_a,
        household=poor_household,
        reference_date=dt.date(2026, 11, 1),
        household_values={**COMFORTABLE_HOUSEHOLD, "income_per_capita": 900_000},
        member_values={member.pk: dict(UNINSURED_ADULT) for member in poor_household.members.all()},
        version=poor_household.version,
    )
    poor_household.refresh_from_db()
    with pytest.raises(AppError) as error:
        housing_case_open(
            actor=officer_a,
            household=poor_household,
            support_type=support("da5-nha-xay-moi"),
            work="new",
            year=2026,
            on=TODAY,
        )
    assert error.value.code == "support_not_eligible"
    assert HousingCase.objects.count() == 0
