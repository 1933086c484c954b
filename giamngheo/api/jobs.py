"""API endpoints for jobs: vacancies, courses and job fairs for partner job centres, referrals of the area.

Reads go through `jobs.selectors` (vacancies and courses of the caller's provinces; referrals of their area);
the one write, a referral, goes through the jobs services (role, area, score and reasons checked there).
"""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from giamngheo.api.schemas import ERRORS, Id, InSchema, Pagination
from giamngheo.api.schemas import lazy_text as gettext_lazy
from giamngheo.jobs import selectors
from giamngheo.jobs.matching import candidates_for_vacancy
from giamngheo.jobs.models import JobEvent, Referral, Vacancy
from giamngheo.jobs.services.placements import referral_create

router = Router(tags=["jobs"])


class VacancyOut(Schema):
    id: int
    employer: str
    employer_tax_code: str
    place_id: int
    position: str
    openings: int
    wage: int | None
    age_min: int
    age_max: int
    sex: str
    skills: str
    qualification: int
    deadline: datetime.date

    @staticmethod
    def resolve_employer(vacancy: Vacancy) -> str:
        return vacancy.employer.name

    @staticmethod
    def resolve_employer_tax_code(vacancy: Vacancy) -> str:
        return vacancy.employer.tax_code


class CourseOut(Schema):
    id: int
    name: str
    provider: str
    trade: str
    level: int
    place_id: int
    starts_on: datetime.date
    ends_on: datetime.date
    funding_source: str


class JobEventOut(Schema):
    id: int
    kind: str
    name: str
    held_on: datetime.date
    place_id: int
    venue: str
    organiser: str
    vacancy_ids: list[int]

    @staticmethod
    def resolve_vacancy_ids(event: JobEvent) -> list[int]:
        return [vacancy.pk for vacancy in event.vacancies.all()]


class CandidateOut(Schema):
    member_id: int
    household_id: int
    score: int
    reasons: list[tuple[str, int]]


class ReferralOut(Schema):
    id: int
    vacancy_id: int
    member_id: int
    household_id: int
    commune_id: int
    household_status: str
    score: int
    reasons: list[tuple[str, int]]
    referred_on: datetime.date
    interviewed_on: datetime.date | None
    placed_on: datetime.date | None
    kept_3_months: bool | None
    kept_6_months: bool | None
    event_id: int | None


class ReferralIn(InSchema):
    member_id: Id
    on: datetime.date


@router.get(
    "/jobs/vacancies", response={200: list[VacancyOut], **ERRORS}, summary=gettext_lazy("Vị trí tuyển dụng")
)
@paginate(Pagination)
def vacancy_list(request: HttpRequest, open_only: bool = True) -> Any:
    found = selectors.vacancies_for_user(request.user).order_by("-deadline", "-id")
    return found.filter(deadline__gte=timezone.localdate()) if open_only else found


@router.get(
    "/jobs/vacancies/{vacancy_id}/candidates",
    response={200: list[CandidateOut], **ERRORS},
    summary=gettext_lazy("Ứng viên phù hợp trong địa bàn, có lý do"),
)
def vacancy_candidates(request: HttpRequest, vacancy_id: Id) -> list[dict[str, Any]]:
    vacancy = selectors.vacancy_get_for_user(request.user, vacancy_id)
    matches = candidates_for_vacancy(request.user, vacancy, on=timezone.localdate())
    return [
        {
            "member_id": m.member.pk,
            "household_id": m.member.household_id,
            "score": m.score,
            "reasons": m.reasons,
        }
        for m in matches
        if m.member is not None
    ]


@router.get(
    "/jobs/courses", response={200: list[CourseOut], **ERRORS}, summary=gettext_lazy("Khóa đào tạo nghề")
)
@paginate(Pagination)
def course_list(request: HttpRequest) -> Any:
    return selectors.courses_for_user(request.user).order_by("-starts_on", "-id")


@router.get(
    "/jobs/events",
    response={200: list[JobEventOut], **ERRORS},
    summary=gettext_lazy("Ngày hội việc làm, phiên giao dịch việc làm lưu động"),
)
@paginate(Pagination)
def job_event_list(request: HttpRequest) -> Any:
    return (
        selectors.job_events_for_user(request.user).prefetch_related("vacancies").order_by("-held_on", "-id")
    )


@router.get(
    "/jobs/referrals",
    response={200: list[ReferralOut], **ERRORS},
    summary=gettext_lazy("Giới thiệu việc làm"),
)
@paginate(Pagination)
def referral_list(request: HttpRequest) -> Any:
    return selectors.referrals_for_user(request.user).order_by("-referred_on", "-id")


@router.post(
    "/jobs/vacancies/{vacancy_id}/referrals",
    response={200: ReferralOut, **ERRORS},
    summary=gettext_lazy("Giới thiệu người lao động vào vị trí"),
)
def referral_create_api(request: HttpRequest, vacancy_id: Id, body: ReferralIn) -> Referral:
    vacancy = selectors.vacancy_get_for_user(request.user, vacancy_id)
    member = selectors.member_get_for_user(request.user, body.member_id)
    return referral_create(
        actor=request.user, vacancy=vacancy, member=member, on=body.on, today=timezone.localdate()
    )
