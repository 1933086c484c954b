"""Matching: ranked candidates with reasons, hard requirements, ranked vacancies, nothing across communes."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.jobs.matching import candidates_for_vacancy, vacancies_for_member
from giamngheo.jobs.scoring import POINTS
from tests.fixtures.jobs import TODAY, survey

pytestmark = pytest.mark.django_db


def test_a_poor_unemployed_worker_of_the_commune_ranks_with_every_reason(officer_a, vacancy, worker):
    matches = candidates_for_vacancy(officer_a, vacancy, on=TODAY)
    assert [match.member for match in matches] == [worker]
    best = matches[0]
    assert (
        best.score
        == POINTS["same_commune"] + POINTS["qualification"] + POINTS["skills"] + 10 + POINTS["poor"]
    )
    assert [points for _text, points in best.reasons] == [25, 20, 20, 0, 10, 20]
    assert best.reasons[0][0] == "cùng xã với nơi làm việc"
    assert best.reasons[5][0] == "hộ nghèo (ưu tiên)"


def test_age_sex_and_staying_in_the_commune_are_hard_requirements(officer_a, vacancy, worker, poor_household):
    spouse = poor_household.members.get(member_no=2)  # born 1984, female
    survey(officer_a, spouse, skills="")
    vacancy.sex = "male"
    vacancy.save()
    assert [match.member for match in candidates_for_vacancy(officer_a, vacancy, on=TODAY)] == [worker]
    vacancy.age_max = 40  # the worker is 46
    vacancy.save()
    assert candidates_for_vacancy(officer_a, vacancy, on=TODAY) == []


def test_missing_skills_and_qualification_lower_the_score_and_say_why(officer_a, vacancy, worker):
    vacancy.skills, vacancy.qualification = "điện", 3
    vacancy.save()
    best = candidates_for_vacancy(officer_a, vacancy, on=TODAY)[0]
    assert best.score == 25 + 10 + 20
    assert best.reasons[1] == ("chưa đủ trình độ yêu cầu", 0)
    assert best.reasons[2] == ("chưa có kỹ năng, nghề yêu cầu", 0)


def test_a_later_survey_replaces_the_earlier_one(officer_a, vacancy, worker):
    from giamngheo.jobs.services.labour import labour_survey_record

    labour_survey_record(
        actor=officer_a,
        member=worker,
        surveyed_on=dt.date(2026, 11, 1),
        today=TODAY,
        answers={"employment": "wage_contract", "qualification": 3, "has_certificate": True, "skills": "may"},
    )
    best = candidates_for_vacancy(officer_a, vacancy, on=TODAY)[0]
    assert best.score == 25 + 20 + 20 + 5 + 0 + 20


def test_another_commune_sees_no_candidate_of_commune_a(officer_b, vacancy, worker, worker_b):
    matches = candidates_for_vacancy(officer_b, vacancy, on=TODAY)
    assert [match.member for match in matches] == [worker_b]
    assert matches[0].reasons[0] == ("cùng tỉnh", 10)


def test_a_person_gets_open_vacancies_ranked(officer_a, vacancy, worker, employer, commune_a):
    from giamngheo.jobs.services.placements import vacancy_create

    other = vacancy_create(
        actor=officer_a,
        employer=employer,
        place=commune_a,
        position="Thợ điện",
        openings=1,
        deadline=dt.date(2026, 12, 31),
        skills="điện",
        qualification=3,
        age_max=55,
        today=TODAY,
    )
    matches = vacancies_for_member(officer_a, worker, on=TODAY)
    assert [(match.vacancy, match.score) for match in matches] == [(vacancy, 95), (other, 55)]
