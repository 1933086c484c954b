from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest

from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.models import AuditEvent
from giamngheo.registry.models import Assessment, Household, Member, SurveyRound
from giamngheo.registry.services import (
    household_merge,
    household_register,
    household_split,
    member_add,
    member_leave,
    member_update,
)
from giamngheo.registry.surveys import survey_submit
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT, REFERENCE

pytestmark = pytest.mark.django_db


def test_register_generates_a_code_and_denormalises_the_head(household, commune_a):
    assert household.code == "20056-000001"
    assert (household.head_name, household.search_name) == ("Hồ Văn Tâm", "ho van tam")
    assert household.is_ethnic_minority
    assert household.province_id == commune_a.province_id
    assert list(household.members.values_list("member_no", "relation")) == [
        (1, "head"),
        (2, "spouse"),
        (3, "child"),
    ]
    assert AuditEvent.objects.filter(action="household.register", object_id=str(household.pk)).exists()


def test_register_in_another_commune_is_refused_and_writes_nothing(officer_a, commune_b):
    with pytest.raises(PermissionDenied):
        household_register(
            actor=officer_a,
            commune=commune_b,
            village=None,
            head={"full_name": "A", "sex": "male", "birth_year": 1990},
        )
    assert not Household.objects.filter(commune=commune_b).exists()
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    ("personal_id", "message"),
    [
        ("04608000012", "đúng 12 chữ số"),
        ("099080000123", "001 đến 096"),
        ("046180000123", "giới tính"),
        ("046081000123", "năm sinh"),
    ],
)
def test_personal_id_is_checked_against_sex_and_birth_year(officer_a, household, personal_id, message):
    with pytest.raises(AppError) as error:
        member_add(
            actor=officer_a,
            household=household,
            full_name="Hồ Văn B",
            sex="male",
            birth_year=1980,
            personal_id=personal_id,
        )
    assert error.value.field == "personal_id"
    assert message in error.value.message
    assert household.members.count() == 3


def test_personal_id_is_unique_among_active_members(officer_a, household):
    with pytest.raises(AppError) as error:
        member_add(
            actor=officer_a,
            household=household,
            full_name="Người khác",
            sex="male",
            birth_year=1980,
            personal_id="046080000123",
        )
    assert (error.value.code, error.value.field) == (ErrorCode.PERSONAL_ID_TAKEN, "personal_id")


def test_member_update_and_leave_keep_history(officer_a, household):
    child = household.members.get(member_no=3)
    member_update(actor=officer_a, member=child, full_name="Hồ Văn Nam Anh")
    member_leave(actor=officer_a, member=child, reason="moved_out", on=dt.date(2026, 9, 1))
    child.refresh_from_db()
    assert (child.full_name, child.is_active, child.left_reason) == ("Hồ Văn Nam Anh", False, "moved_out")
    actions = list(
        AuditEvent.objects.filter(object_type="registry.member", object_id=str(child.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["member.add", "member.update", "member.moved_out"]


def test_second_head_is_refused(officer_a, household):
    with pytest.raises(AppError) as error:
        member_add(
            actor=officer_a, household=household, full_name="X", sex="male", birth_year=1970, relation="head"
        )
    assert error.value.field == "relation"


def test_split_moves_members_into_a_new_household(officer_a, household, village_a):
    spouse, child = household.members.get(member_no=2), household.members.get(member_no=3)
    new = household_split(
        actor=officer_a,
        household=household,
        members=[spouse, child],
        new_head=spouse,
        village=village_a,
        address="",
        on=dt.date(2026, 9, 1),
        version=household.version,
    )
    household.refresh_from_db()
    assert new.code == "20056-000002"
    assert new.head_name == "Kăn Thị Hoa"
    assert list(new.members.values_list("full_name", "relation")) == [
        ("Kăn Thị Hoa", "head"),
        ("Hồ Văn Nam", "other"),
    ]
    assert household.members.filter(is_active=True).count() == 1
    assert household.members.filter(left_reason="split").count() == 2


def test_split_with_everyone_or_a_stale_version_is_refused(officer_a, household, village_a):
    everyone = list(household.members.all())
    with pytest.raises(AppError):
        household_split(
            actor=officer_a,
            household=household,
            members=everyone,
            new_head=everyone[0],
            village=village_a,
            address="",
            on=REFERENCE,
            version=household.version,
        )
    with pytest.raises(AppError) as stale:
        household_split(
            actor=officer_a,
            household=household,
            members=everyone[1:],
            new_head=everyone[1],
            village=village_a,
            address="",
            on=REFERENCE,
            version=household.version - 1,
        )
    assert stale.value.code == "conflict"
    assert Household.objects.count() == 1


def test_merge_closes_the_source(officer_a, household, commune_a, village_a):
    other = household_register(
        actor=officer_a,
        commune=commune_a,
        village=village_a,
        head={"full_name": "Hồ Thị Lan", "sex": "female", "birth_year": 1950},
    )
    household_merge(actor=officer_a, source=other, target=household, on=REFERENCE)
    other.refresh_from_db()
    assert (other.is_active, other.closed_reason) == (False, "merged")
    assert household.members.filter(is_active=True, full_name="Hồ Thị Lan").exists()


def survey(officer, household, *, household_values=None, member_values=None):
    members = household.members.filter(is_active=True)
    values = member_values or {m.pk: dict(HEALTHY_ADULT) for m in members}
    return survey_submit(
        actor=officer,
        household=household,
        reference_date=REFERENCE,
        household_values=household_values or dict(COMFORTABLE_HOUSEHOLD),
        member_values=values,
        version=household.version,
    )


def test_survey_of_a_comfortable_household_is_not_poor(officer_a, household):
    survey_round, assessment = survey(officer_a, household)
    household.refresh_from_db()
    assert assessment.category == "not_poor"
    assert assessment.standard == "2022-2025"
    assert household.latest_category == "not_poor"
    assert survey_round.area == "rural"


def test_survey_with_low_income_and_three_deprivations_is_poor(officer_a, household):
    values = dict(
        COMFORTABLE_HOUSEHOLD,
        income_per_capita=1_200_000,
        water_source="unprotected_dug_well",
        latrine="none",
        floor_area_m2=12,
    )
    _round, assessment = survey(officer_a, household, household_values=values)
    assert assessment.category == "poor"
    assert set(assessment.deprived_keys) == {"water_source", "latrine", "housing_area", "child_schooling"}
    assert assessment.score_b == 10 * assessment.deprivation_count
    assert "hộ nghèo" in assessment.full_explanation["explanation_vi"]


def test_survey_needs_facts_for_every_member(officer_a, household):
    head = household.members.get(member_no=1)
    with pytest.raises(AppError):
        survey(officer_a, household, member_values={head.pk: dict(HEALTHY_ADULT)})
    assert not SurveyRound.objects.exists()
    assert not Assessment.objects.exists()


def test_assessments_are_insert_only(officer_a, household):
    _round, assessment = survey(officer_a, household)
    with pytest.raises(TypeError):
        assessment.save()


def test_moving_away_closes_the_household_and_records_a_transition(officer_a, household):
    from giamngheo.registry.models import StatusTransition
    from giamngheo.registry.services import household_close

    Household.objects.filter(pk=household.pk).update(status="poor")
    household.refresh_from_db()
    household_close(
        actor=officer_a, household=household, reason="moved_away", on=REFERENCE, version=household.version
    )
    household.refresh_from_db()
    assert (household.is_active, household.status, household.closed_reason) == (False, "none", "moved_away")
    transition = StatusTransition.objects.get(household=household)
    assert (transition.kind, transition.from_status, transition.effective_on) == (
        "moved_away",
        "poor",
        REFERENCE,
    )
    assert not household.members.filter(is_active=True).exists()


def test_merge_records_a_merged_transition(officer_a, household, commune_a, village_a):
    from giamngheo.registry.models import StatusTransition

    other = household_register(
        actor=officer_a,
        commune=commune_a,
        village=village_a,
        head={"full_name": "Hồ Thị Lan", "sex": "female", "birth_year": 1950},
    )
    household_merge(actor=officer_a, source=other, target=household, on=REFERENCE)
    assert StatusTransition.objects.get(household=other).kind == "merged"


def test_register_without_a_date_uses_today_in_vietnam_not_on_the_server_clock(
    officer_a, commune_a, village_a
):
    late_evening_utc = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=late_evening_utc):
        household = household_register(
            actor=officer_a,
            commune=commune_a,
            village=village_a,
            head={"full_name": "Lê Văn An", "sex": "male", "birth_year": 1990, "ethnicity": "1"},
        )
    assert Household.objects.get(pk=household.pk).registered_on == dt.date(2026, 4, 1)
