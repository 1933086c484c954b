"""Data quality page: each check lists exactly the rows at fault, only within the user's area."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.registry.models import Household, Member
from giamngheo.registry.services import household_register, member_add, member_leave
from giamngheo.registry.surveys import survey_submit
from tests.fixtures.people import client_for
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT, REFERENCE

pytestmark = pytest.mark.django_db


def section(response, testid: str) -> str:
    content = response.content.decode()
    start = content.index(f'data-testid="{testid}"')
    return content[start : content.index("</section>", start)]


def register(officer, commune, name, **head):
    return household_register(
        actor=officer, commune=commune, village=None, head={"full_name": name, "sex": "male", **head}
    )


def page(user, commune):
    return client_for(user).get("/ho/chat-luong/", {"commune": commune.pk})


def test_clean_commune_has_no_problem(officer_a, household, commune_a):
    response = page(officer_a, commune_a)
    assert response.status_code == 200
    assert "0 điểm cần xem lại" in response.content.decode()


def test_personal_id_in_two_households(officer_a, household, commune_a):
    other = register(officer_a, commune_a, "Lê Văn Hai", birth_year=1970)
    gone = member_add(
        actor=officer_a,
        household=household,
        full_name="Hồ Văn Út",
        sex="male",
        birth_year=1990,
        personal_id="046090000555",
    )
    member_leave(actor=officer_a, member=gone, reason="died", on=dt.date(2026, 1, 2))
    member_add(
        actor=officer_a,
        household=other,
        full_name="Hồ Văn Út",
        sex="male",
        birth_year=1990,
        personal_id="046090000555",
    )
    moved = member_add(
        actor=officer_a,
        household=household,
        full_name="Hồ Thị Mai",
        sex="female",
        birth_year=1991,
        personal_id="046191000666",
    )
    member_leave(actor=officer_a, member=moved, reason="moved_out", on=dt.date(2026, 1, 2))
    member_add(
        actor=officer_a,
        household=other,
        full_name="Hồ Thị Mai",
        sex="female",
        birth_year=1991,
        personal_id="046191000666",
    )
    text = section(page(officer_a, commune_a), "shared-ids")
    assert text.count("046090000555") == 2
    assert household.code in text
    assert other.code in text
    assert "đã chết" in text
    assert "046191000666" not in text


def test_same_name_and_birth_date_twice(officer_a, household, commune_a):
    born = dt.date(1990, 5, 1)
    other = register(officer_a, commune_a, "Trần Văn Bảy", birth_date=born)
    member_add(
        actor=officer_a,
        household=household,
        full_name="Trần Văn Bảy",
        sex="male",
        birth_date=born,
        relation="other",
    )
    member_add(
        actor=officer_a,
        household=household,
        full_name="Trần Văn Bảy",
        sex="male",
        birth_date=dt.date(1991, 5, 1),
        relation="other",
    )
    text = section(page(officer_a, commune_a), "same-person")
    assert text.count("Trần Văn Bảy") == 2
    assert text.count("1/5/1990") == 2
    assert household.code in text
    assert other.code in text
    assert "1/5/1991" not in text


def test_impossible_age_and_floor_area(officer_a, household, commune_a):
    Member.objects.filter(household=household, full_name="Kăn Thị Hoa").update(birth_year=1890)
    other = register(officer_a, commune_a, "Lê Văn Hai", birth_year=1970)
    survey_submit(
        actor=officer_a,
        household=other,
        reference_date=REFERENCE,
        household_values=dict(COMFORTABLE_HOUSEHOLD, floor_area_m2=0),
        member_values={m.pk: dict(HEALTHY_ADULT) for m in other.members.all()},
        version=other.version,
    )
    text = section(page(officer_a, commune_a), "impossible")
    assert "Kăn Thị Hoa" in text
    assert "năm sinh 1890" in text
    assert "diện tích nhà ở 0" in text
    assert other.code in text
    assert "Hồ Văn Tâm" not in text


def test_household_with_no_head_or_two(officer_a, household, commune_a):
    headless = register(officer_a, commune_a, "Lê Văn Hai", birth_year=1970)
    member_leave(actor=officer_a, member=headless.members.get(), reason="died", on=dt.date(2026, 2, 1))
    Member.objects.filter(household=household, full_name="Kăn Thị Hoa").update(relation="head")
    register(officer_a, commune_a, "Lê Văn Ba", birth_year=1971)
    text = section(page(officer_a, commune_a), "heads")
    rows = text.split("<tr>")[2:]
    assert [(household.code in row, headless.code in row) for row in rows] == [(True, False), (False, True)]
    assert "<td>2</td>" in rows[0]
    assert "<td>0</td>" in rows[1]


def test_other_commune_sees_nothing(officer_b, officer_a, household, commune_a, commune_b):
    Member.objects.filter(household=household, full_name="Kăn Thị Hoa").update(relation="head")
    assert page(officer_b, commune_a).status_code == 404
    response = page(officer_b, commune_b)
    assert household.code not in response.content.decode()
    assert Household.objects.filter(commune=commune_a).count() == 1


def test_single_commune_user_goes_straight_to_their_commune(officer_a, commune_a):
    response = client_for(officer_a).get("/ho/chat-luong/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"?commune={commune_a.pk}")


def test_quality_checks_are_five_queries(officer_a, household, commune_a, django_assert_num_queries):
    from giamngheo.accounts.access import assignments_of
    from giamngheo.registry.quality import quality_report

    assignments_of(officer_a)
    with django_assert_num_queries(5):
        quality_report(officer_a, commune_a)
