"""Works services: a road with capital, progress history and handover; a model with households, evaluation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.models import AuditEvent
from giamngheo.works.models import Evaluation, Participant, Work, WorkCapital, WorkProgress
from giamngheo.works.services.livelihood import (
    evaluation_record,
    livelihood_model_update,
    model_create,
    participant_add,
)
from giamngheo.works.services.works import (
    work_create,
    work_maintenance_record,
    work_progress_record,
    work_update,
)
from tests.fixtures.works import STARTED, TODAY

pytestmark = pytest.mark.django_db


def test_a_road_keeps_its_capital_by_source_exactly(road):
    capital = dict(WorkCapital.objects.filter(work=road).values_list("source", "amount"))
    assert capital == {"central": Decimal("1500.000"), "province": Decimal("250.500")}
    assert road.province_id == road.commune.province_id
    assert road.status == "in_progress"
    assert AuditEvent.objects.filter(action="work.create", object_id=str(road.pk)).count() == 1


def test_progress_is_history_and_completion_then_handover(officer_a, road):
    work_progress_record(actor=officer_a, work=road, on=dt.date(2026, 6, 1), percent=40, today=TODAY)
    work_progress_record(actor=officer_a, work=road, on=dt.date(2026, 9, 1), percent=100, today=TODAY)
    road.refresh_from_db()
    assert (road.progress, road.completed_on, road.status) == (100, dt.date(2026, 9, 1), "completed")
    work_progress_record(
        actor=officer_a,
        work=road,
        on=dt.date(2026, 10, 1),
        percent=100,
        handed_over_on=dt.date(2026, 10, 1),
        today=TODAY,
    )
    road.refresh_from_db()
    assert road.status == "handed_over"
    assert list(WorkProgress.objects.filter(work=road).order_by("on").values_list("percent", flat=True)) == [
        40,
        100,
        100,
    ]
    record = work_maintenance_record(
        actor=officer_a,
        work=road,
        on=dt.date(2026, 11, 1),
        description="Vá ổ gà",
        cost=Decimal("12.5"),
        today=TODAY,
    )
    assert record.cost == Decimal("12.5")


def test_progress_never_goes_back_and_nothing_changes(officer_a, road):
    work_progress_record(actor=officer_a, work=road, on=dt.date(2026, 6, 1), percent=60, today=TODAY)
    with pytest.raises(AppError) as error:
        work_progress_record(actor=officer_a, work=road, on=dt.date(2026, 7, 1), percent=50, today=TODAY)
    assert error.value.code == ErrorCode.WORKS_PROGRESS_BACKWARDS
    road.refresh_from_db()
    assert road.progress == 60
    assert WorkProgress.objects.filter(work=road).count() == 1


@pytest.mark.parametrize(
    ("percent", "extra", "field"),
    [
        (101, {}, "percent"),
        (50, {"completed_on": dt.date(2026, 6, 1)}, "percent"),
        (100, {"handed_over_on": dt.date(2026, 5, 1), "completed_on": dt.date(2026, 6, 1)}, "handed_over_on"),
        (10, {"on": dt.date(2027, 1, 1)}, "on"),
    ],
)
def test_progress_refuses_impossible_reports(officer_a, road, percent, extra, field):
    arguments = {"on": dt.date(2026, 6, 1), **extra}
    with pytest.raises(AppError) as error:
        work_progress_record(actor=officer_a, work=road, percent=percent, today=TODAY, **arguments)
    assert error.value.field == field
    assert WorkProgress.objects.count() == 0


def test_maintenance_waits_for_the_handover(officer_a, road):
    with pytest.raises(AppError):
        work_maintenance_record(actor=officer_a, work=road, on=TODAY, description="Sửa", today=TODAY)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "spaceport"}, "kind"),
        ({"latitude": Decimal("16.2"), "longitude": None}, "latitude"),
        ({"latitude": Decimal("95"), "longitude": Decimal("107")}, "latitude"),
        ({"capital": {"central": "-1"}}, "capital"),
        ({"capital": {"central": "1.0001"}}, "capital"),
        ({"capital": {"gold": "1"}}, "capital"),
        ({"name": "   "}, "name"),
    ],
)
def test_work_create_refuses_bad_values(officer_a, commune_a, changes, field):
    arguments = {"name": "Cầu treo", "kind": "bridge", **changes}
    with pytest.raises(AppError) as error:
        work_create(actor=officer_a, commune=commune_a, **arguments)
    assert error.value.field == field
    assert Work.objects.count() == 0


def test_another_commune_cannot_write_a_work(officer_b, commune_a, road):
    with pytest.raises(PermissionDenied):
        work_create(actor=officer_b, commune=commune_a, name="Cầu", kind="bridge")
    with pytest.raises(PermissionDenied):
        work_progress_record(actor=officer_b, work=road, on=TODAY, percent=10, today=TODAY)


def test_an_agency_officer_writes_only_works_it_invests_in(agency_officer, commune_a, construction):
    from tests.fixtures.support import join_agency

    with pytest.raises(PermissionDenied):
        work_create(actor=agency_officer, commune=commune_a, name="Trạm y tế", kind="clinic")
    join_agency(agency_officer, construction.name, construction.kind)
    work = work_create(
        actor=agency_officer, commune=commune_a, name="Trường mầm non", kind="school", investor=construction
    )
    assert work.investor == construction


def test_work_update_changes_the_fields_and_audits(officer_a, road):
    work_update(actor=officer_a, work=road, data={"name": "Đường Ka Vân"}, capital={"central": "1600"})
    road.refresh_from_db()
    assert (road.name, road.version) == ("Đường Ka Vân", 2)
    assert dict(WorkCapital.objects.filter(work=road).values_list("source", "amount")) == {
        "central": Decimal("1600.000")
    }
    assert AuditEvent.objects.filter(action="work.update").count() == 1


def test_a_household_joins_once_with_its_category_then(officer_a, goat_model, poor_household):
    participant = participant_add(
        actor=officer_a,
        model=goat_model,
        household=poor_household,
        joined_on=dt.date(2026, 4, 1),
        labour_days=Decimal("10"),
        money=500_000,
        in_kind="chuồng trại",
        today=TODAY,
    )
    assert (participant.status_at_joining, participant.labour_days, participant.money) == (
        "poor",
        Decimal("10"),
        500_000,
    )
    with pytest.raises(AppError) as error:
        participant_add(
            actor=officer_a,
            model=goat_model,
            household=poor_household,
            joined_on=dt.date(2026, 4, 2),
            today=TODAY,
        )
    assert error.value.code == ErrorCode.WORKS_PARTICIPANT_EXISTS
    assert Participant.objects.count() == 1


def test_a_household_outside_the_models_communes_is_refused(admin_user, goat_model, household_b):
    with pytest.raises(AppError) as error:
        participant_add(
            actor=admin_user, model=goat_model, household=household_b, joined_on=STARTED, today=TODAY
        )
    assert error.value.code == ErrorCode.WORKS_HOUSEHOLD_OUTSIDE
    assert Participant.objects.count() == 0


def test_evaluation_is_history_the_latest_stands(officer_a, goat_model):
    common = {
        "evaluator": "Phòng Kinh tế",
        "economic": "Lãi 8 triệu/hộ",
        "social": "Tăng gắn kết",
        "environmental": "Chuồng xa nhà",
        "today": TODAY,
    }
    evaluation_record(
        actor=officer_a, model=goat_model, evaluated_on=dt.date(2026, 6, 1), result="partly", **common
    )
    evaluation_record(
        actor=officer_a, model=goat_model, evaluated_on=dt.date(2026, 11, 1), result="effective", **common
    )
    assert Evaluation.objects.filter(model=goat_model).count() == 2
    with pytest.raises(AppError) as error:
        evaluation_record(
            actor=officer_a, model=goat_model, evaluated_on=dt.date(2026, 11, 2), result="great", **common
        )
    assert error.value.field == "result"
    with pytest.raises(TypeError):
        Evaluation.objects.filter(model=goat_model).update(result="not_effective")


def test_replication_and_communes_of_one_province(
    officer_a, province_officer, goat_model, commune_a, commune_b, son_la
):
    copy = model_create(
        actor=province_officer,
        communes=[commune_a, commune_b],
        name="Nhân rộng nuôi dê",
        kind="model",
        started_on=TODAY,
        replicated_from=goat_model,
    )
    assert list(goat_model.replications.all()) == [copy]
    from giamngheo.geo.models import AdminUnit

    other = AdminUnit.objects.filter(province=son_la, level="commune", tree="current").first()
    with pytest.raises(AppError) as error:
        livelihood_model_update(actor=province_officer, model=copy, data={}, communes=[commune_a, other])
    assert error.value.field == "communes"
    with pytest.raises(AppError):
        livelihood_model_update(actor=province_officer, model=copy, data={"replicated_from": copy})


def test_a_commune_officer_cannot_create_a_model_elsewhere(officer_b, commune_a):
    with pytest.raises(PermissionDenied):
        model_create(actor=officer_b, communes=[commune_a], name="Nuôi gà", kind="model", started_on=STARTED)


def test_joining_can_be_written_to_the_support_ledger(officer_a, goat_model, poor_household):
    from giamngheo.support.models import SupportRecord

    participant = participant_add(
        actor=officer_a,
        model=goat_model,
        household=poor_household,
        joined_on=dt.date(2026, 4, 1),
        record_support=True,
        today=TODAY,
    )
    record = SupportRecord.objects.get(pk=participant.support_record_id)
    assert (record.household_id, record.support_type.code) == (poor_household.pk, "da2-mo-hinh-sinh-ke")


def test_a_household_not_eligible_for_the_ledger_is_refused_whole(
    officer_a, goat_model, household, catalogue
):
    from giamngheo.support.models import SupportRecord

    with pytest.raises(AppError) as error:
        participant_add(
            actor=officer_a,
            model=goat_model,
            household=household,
            joined_on=dt.date(2026, 4, 1),
            record_support=True,
            today=TODAY,
        )
    assert (error.value.code, error.value.field) == (ErrorCode.INVALID, "record_support")
    assert (Participant.objects.count(), SupportRecord.objects.count()) == (0, 0)
