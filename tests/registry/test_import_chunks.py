"""Import in blocks of households: a block always holds a household with all its members, and the file is
still written all or nothing (tiny blocks here, 10.000 households in production)."""

from __future__ import annotations

from typing import Any

import pytest

from giamngheo.registry.imports import apply as apply_module
from giamngheo.registry.imports import validate as validate_module
from giamngheo.registry.models import Assessment, Household, ImportStatus, Member, MemberFacts, SurveyRound
from tests.fixtures.registry_files import confirm, household_row, member_rows, upload, workbook

pytestmark = pytest.mark.django_db


def _file(prefix: str, incomes: list[Any]) -> Any:
    codes = [f"{prefix}{index:03d}" for index in range(1, len(incomes) + 1)]
    households = [household_row(code, income=income) for code, income in zip(codes, incomes, strict=True)]
    members = [row for code in codes for row in member_rows(code, personal_id="")]
    child = [codes[-1], 3, "Hồ Thị Nhỏ", "", 2019, "Nữ", "Con", "Ta-ôi", "", "Không có khả năng lao động"]
    members += [[*child, "Không khuyết tật", "Có", "Chưa đi học/chưa tốt nghiệp tiểu học", "Có", "", ""]]
    return workbook(households, members)


def _stored(prefix: str) -> list[tuple[Any, ...]]:
    """What the import stored for the households of a prefix, the prefix taken off the codes."""
    rows = []
    for household in Household.objects.filter(code__startswith=prefix).order_by("code"):
        members = [
            (member.member_no, member.full_name, member.sex, member.relation)
            for member in Member.objects.filter(household=household).order_by("member_no")
        ]
        rounds = list(SurveyRound.objects.filter(household=household))
        facts = MemberFacts.objects.filter(round__in=rounds)
        # the facts of a round are those of its own household's members, every one of them
        own = sorted(facts.values_list("member__household_id", flat=True).distinct())
        assessment = Assessment.objects.get(round__in=rounds)
        rows.append(
            (
                household.code.removeprefix(prefix),
                household.head_name,
                household.latest_category,
                household.latest_assessment_id == assessment.pk,
                members,
                len(rounds),
                facts.count(),
                own,
                assessment.category,
                assessment.deprivation_count,
                {**assessment.full_explanation, "household_code": None},
            )
        )
    return rows


def test_blocks_of_one_household_store_what_one_block_stores(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks, monkeypatch
):
    # given the same three households under two sets of codes, the last one with a third member
    incomes = [1_200_000, 5_000_000, 900_000]
    whole = upload(officer_a, commune_a, _file("A", incomes), django_capture_on_commit_callbacks)
    assert confirm(officer_a, whole, django_capture_on_commit_callbacks).status == ImportStatus.APPLIED
    # when the second set is checked and applied one household at a time
    monkeypatch.setattr(apply_module, "APPLY_HOUSEHOLDS", 1)
    monkeypatch.setattr(validate_module, "SIGNED_HOUSEHOLDS", 1)
    batch = upload(officer_a, commune_a, _file("B", incomes), django_capture_on_commit_callbacks)
    assert confirm(officer_a, batch, django_capture_on_commit_callbacks).status == ImportStatus.APPLIED
    # then every household has all its members, one round with their facts, one assessment: as in one block
    stored = _stored("B")
    assert [len(row[4]) for row in stored] == [2, 2, 3]
    assert [row[6] for row in stored] == [2, 2, 3]
    assert all(row[3] and row[5] == 1 for row in stored)
    assert [row[:7] + row[8:] for row in stored] == [row[:7] + row[8:] for row in _stored("A")]


def test_blocks_of_one_household_find_the_new_changed_and_unchanged(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks, monkeypatch
):
    # given three households in the registry
    first = upload(officer_a, commune_a, _file("C", [1_200_000] * 3), django_capture_on_commit_callbacks)
    confirm(officer_a, first, django_capture_on_commit_callbacks)
    # when a file with one of them changed and a fourth household is checked a household at a time
    monkeypatch.setattr(validate_module, "SIGNED_HOUSEHOLDS", 1)
    monkeypatch.setattr(apply_module, "APPLY_HOUSEHOLDS", 1)
    again = _file("C", [1_200_000, 6_000_000, 1_200_000, 1_200_000])
    batch = upload(officer_a, commune_a, again, django_capture_on_commit_callbacks)
    # then the counts are the whole file's; the changed household alone gets a new round
    assert (batch.households_new, batch.households_updated, batch.households_unchanged) == (1, 2, 1)
    assert confirm(officer_a, batch, django_capture_on_commit_callbacks).status == ImportStatus.APPLIED
    rounds = {
        code: SurveyRound.objects.filter(household__code=code).count()
        for code in ("C001", "C002", "C003", "C004")
    }
    assert rounds == {"C001": 1, "C002": 2, "C003": 2, "C004": 1}
    assert Member.objects.filter(household__code="C003", is_active=True).count() == 2


def test_a_failure_in_the_last_block_writes_nothing(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks, monkeypatch
):
    # given three households applied one at a time, and a database failing on the last one's assessment
    monkeypatch.setattr(apply_module, "APPLY_HOUSEHOLDS", 1)
    batch = upload(officer_a, commune_a, _file("D", [1_200_000] * 3), django_capture_on_commit_callbacks)
    real_insert = apply_module.insert_rows
    inserted = []

    def failing_insert(model, frame):
        if model is Assessment:
            inserted.append(frame.height)
            if len(inserted) == 3:
                raise RuntimeError("disk full")
        real_insert(model, frame)

    monkeypatch.setattr(apply_module, "insert_rows", failing_insert)
    # when it is applied
    batch = confirm(officer_a, batch, django_capture_on_commit_callbacks)
    # then the first two blocks were written and then taken back with the rest: nothing is in the registry
    assert inserted == [1, 1, 1]
    assert batch.status == ImportStatus.FAILED
    assert not Household.objects.exists() and not Member.objects.exists()
    assert not SurveyRound.objects.exists() and not Assessment.objects.exists()


def test_an_error_in_the_last_household_rejects_the_whole_file(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(apply_module, "APPLY_HOUSEHOLDS", 1)
    monkeypatch.setattr(validate_module, "SIGNED_HOUSEHOLDS", 1)
    file = _file("E", [1_200_000, 1_200_000, "nhiều"])
    batch = upload(officer_a, commune_a, file, django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.INVALID
    assert "dòng 4" in batch.message and "Thu nhập" in batch.message and "nhiều" in batch.message
    assert not Household.objects.exists()
