"""Matching in the user's area: candidates for a vacancy, vacancies for a person, ranked with reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from giamngheo.accounts.access import scope_q
from giamngheo.core.text import search_key
from giamngheo.jobs.models import LabourSurvey, Vacancy
from giamngheo.jobs.scoring import POINTS, rank
from giamngheo.jobs.selectors import open_vacancies_for_user, working_age_q
from giamngheo.registry.models import Member

CANDIDATE_COLUMNS = {
    "member_id": "member_id",
    "household_id": "household_id",
    "commune_id": "commune_id",
    "province_id": "province_id",
    "member__sex": "sex",
    "member__birth_date": "birth_date",
    "member__birth_year": "birth_year",
    "household__status": "status",
    "qualification": "qualification",
    "has_certificate": "has_certificate",
    "skills": "skills",
    "wants_work": "wants_work",
    "employment": "employment",
    "stays_in_commune": "stays_in_commune",
}
SCHEMA = {
    "member_id": pl.Int64,
    "household_id": pl.Int64,
    "commune_id": pl.Int64,
    "province_id": pl.Int64,
    "sex": pl.String,
    "birth_date": pl.Date,
    "birth_year": pl.Int32,
    "status": pl.String,
    "qualification": pl.Int32,
    "has_certificate": pl.Boolean,
    "skills": pl.String,
    "wants_work": pl.Boolean,
    "employment": pl.String,
    "stays_in_commune": pl.Boolean,
}


def skill_keys(text: str) -> list[str]:
    """Skills written as a comma- or semicolon-separated list, as search keys («Hàn, May» → han, may)."""
    return [key for key in (search_key(part) for part in text.replace(";", ",").split(",")) if key]


def age_at(on: dt.date) -> pl.Expr:
    """Completed years at `on` from the birth date, or the difference of years (ADR 0101)."""
    birthday_passed = (pl.col("birth_date").dt.month() < on.month) | (
        (pl.col("birth_date").dt.month() == on.month) & (pl.col("birth_date").dt.day() <= on.day)
    )
    by_date = on.year - pl.col("birth_date").dt.year() - pl.when(birthday_passed).then(0).otherwise(1)
    return pl.when(pl.col("birth_date").is_not_null()).then(by_date).otherwise(on.year - pl.col("birth_year"))


def current_surveys_for_user(user: Any, *, on: dt.date) -> QuerySet[LabourSurvey]:
    """Each surveyed working-age member's latest survey, in the user's area: the labour register's rows."""
    newer = LabourSurvey.objects.filter(
        Q(surveyed_on__gt=OuterRef("surveyed_on"))
        | Q(surveyed_on=OuterRef("surveyed_on"), pk__gt=OuterRef("pk")),
        member_id=OuterRef("member_id"),
    )
    return LabourSurvey.objects.filter(
        scope_q(user, province="province", commune="commune", village="household__village"),
        working_age_q(on, prefix="member__"),
        ~Exists(newer),
        member__is_active=True,
        household__is_active=True,
    )


def candidates_frame(surveys: QuerySet[LabourSurvey], *, on: dt.date) -> pl.DataFrame:
    """One row per surveyed person, with age at `on` and skills as search keys."""
    rows = surveys.values_list(*CANDIDATE_COLUMNS)
    frame = pl.DataFrame(list(rows), schema=SCHEMA, orient="row")
    return frame.with_columns(
        age=age_at(on),
        skills=pl.col("skills").map_elements(skill_keys, return_dtype=pl.List(pl.String)),
    )


def vacancy_columns(vacancy: Vacancy) -> dict[str, Any]:
    return {
        "vacancy_id": vacancy.pk,
        "v_place_commune_id": vacancy.place.commune_id or vacancy.place_id,
        "v_province_id": vacancy.province_id,
        "v_age_min": vacancy.age_min,
        "v_age_max": vacancy.age_max,
        "v_sex": vacancy.sex,
        "v_qualification": vacancy.qualification,
        "v_skills": skill_keys(vacancy.skills),
    }


def _pairs_with_vacancy(frame: pl.DataFrame, vacancy: Vacancy) -> pl.LazyFrame:
    columns = vacancy_columns(vacancy)
    skills = columns.pop("v_skills")
    return frame.lazy().with_columns(
        *(pl.lit(value).alias(name) for name, value in columns.items()),
        v_skills=pl.lit(pl.Series([skills], dtype=pl.List(pl.String))),
    )


@dataclass(frozen=True)
class Match:
    score: int
    reasons: list[tuple[str, int]]
    member: Member | None = None
    vacancy: Vacancy | None = None


REASONS = {
    "p_distance": lambda p: (
        _("cùng xã với nơi làm việc")
        if p == POINTS["same_commune"]
        else (_("cùng tỉnh") if p else _("khác tỉnh"))
    ),
    "p_qualification": lambda p: _("đủ trình độ yêu cầu") if p else _("chưa đủ trình độ yêu cầu"),
    "p_skills": lambda p: _("có kỹ năng, nghề phù hợp") if p else _("chưa có kỹ năng, nghề yêu cầu"),
    "p_certificate": lambda p: _("có bằng cấp, chứng chỉ") if p else _("chưa có chứng chỉ"),
    "p_wish": lambda p: _("đang tìm việc làm") if p else _("chưa đăng ký tìm việc"),
    "p_priority": lambda p: (
        _("hộ nghèo (ưu tiên)")
        if p == POINTS["poor"]
        else (_("hộ cận nghèo (ưu tiên)") if p else _("không thuộc hộ nghèo, cận nghèo"))
    ),
}


def reasons_of(row: dict[str, Any]) -> list[tuple[str, int]]:
    """The reason of each criterion with its points (the page and the referral show them)."""
    return [(str(REASONS[name](row[name])), int(row[name])) for name in REASONS]


def candidates_for_vacancy(user: Any, vacancy: Vacancy, *, on: dt.date, limit: int = 50) -> list[Match]:
    """The best candidates of the user's area for a vacancy, each with its score and reasons."""
    frame = candidates_frame(current_surveys_for_user(user, on=on), on=on)
    if frame.is_empty():
        return []
    ranked = rank(_pairs_with_vacancy(frame, vacancy), by="member_id", limit=limit)
    members = Member.objects.select_related("household").in_bulk(ranked["member_id"].to_list())
    return [
        Match(score=row["score"], reasons=reasons_of(row), member=members[row["member_id"]])
        for row in ranked.iter_rows(named=True)
    ]


def match_one(user: Any, vacancy: Vacancy, member: Member, *, on: dt.date) -> Match | None:
    """The score of one person for one vacancy, or None when a hard requirement is not met."""
    surveys = current_surveys_for_user(user, on=on).filter(member=member)
    frame = candidates_frame(surveys, on=on)
    if frame.is_empty():
        return None
    ranked = rank(_pairs_with_vacancy(frame, vacancy), by="member_id", limit=1)
    if ranked.is_empty():
        return None
    row = ranked.row(0, named=True)
    return Match(score=row["score"], reasons=reasons_of(row), member=member, vacancy=vacancy)


def vacancies_for_member(user: Any, member: Member, *, on: dt.date, limit: int = 20) -> list[Match]:
    """Open vacancies ranked for one person of the user's area."""
    person = candidates_frame(current_surveys_for_user(user, on=on).filter(member=member), on=on)
    vacancies = list(open_vacancies_for_user(user, on=on).select_related("place"))
    if person.is_empty() or not vacancies:
        return []
    offers = pl.DataFrame(
        [vacancy_columns(vacancy) for vacancy in vacancies],
        schema_overrides={"v_skills": pl.List(pl.String), "v_sex": pl.String},
    )
    ranked = rank(person.lazy().join(offers.lazy(), how="cross"), by="vacancy_id", limit=limit)
    by_id = {vacancy.pk: vacancy for vacancy in vacancies}
    return [
        Match(score=row["score"], reasons=reasons_of(row), member=member, vacancy=by_id[row["vacancy_id"]])
        for row in ranked.iter_rows(named=True)
    ]
