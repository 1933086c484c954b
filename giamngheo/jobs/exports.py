"""Excel exports of the jobs app (written through the formula-safe writers of core.exports).

Personal IDs are left out: a job list goes to employers and job centres, who do not need them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.jobs.models import Employment, JobEvent, Qualification, Referral
from giamngheo.jobs.selectors import attendees_for_user, referrals_for_user
from giamngheo.registry.models import HouseholdStatus, Member

REGISTER_HEADER = [
    gettext_lazy("Xã"),
    gettext_lazy("Mã hộ"),
    gettext_lazy("Diện hộ"),
    gettext_lazy("Họ và tên"),
    gettext_lazy("Năm sinh"),
    gettext_lazy("Giới tính"),
    gettext_lazy("Ngày khảo sát"),
    gettext_lazy("Việc làm"),
    gettext_lazy("Trình độ"),
    gettext_lazy("Chứng chỉ"),
    gettext_lazy("Kỹ năng, nghề"),
    gettext_lazy("Muốn tìm việc"),
    gettext_lazy("Muốn học nghề"),
    gettext_lazy("Muốn đi nước ngoài"),
]
REFERRAL_HEADER = [
    gettext_lazy("Xã"),
    gettext_lazy("Mã hộ"),
    gettext_lazy("Họ và tên"),
    gettext_lazy("Vị trí"),
    gettext_lazy("Đơn vị tuyển dụng"),
    gettext_lazy("Điểm phù hợp"),
    gettext_lazy("Ngày giới thiệu"),
    gettext_lazy("Ngày nhận việc"),
    gettext_lazy("Còn làm sau 6 tháng"),
]

EVENT_HEADER = [
    gettext_lazy("Loại"),
    gettext_lazy("Tên"),
    gettext_lazy("Ngày tổ chức"),
    gettext_lazy("Địa bàn"),
    gettext_lazy("Địa điểm"),
    gettext_lazy("Đơn vị tổ chức"),
    gettext_lazy("Đơn vị tuyển dụng"),
    gettext_lazy("Vị trí tuyển dụng"),
    gettext_lazy("Người tham dự"),
    gettext_lazy("Người tham dự thuộc hộ nghèo, cận nghèo"),
    gettext_lazy("Được giới thiệu việc làm"),
]
TRAINEE_HEADER = [
    gettext_lazy("Xã"),
    gettext_lazy("Mã hộ"),
    gettext_lazy("Họ và tên"),
    gettext_lazy("Năm sinh"),
    gettext_lazy("Ngày ghi danh"),
    gettext_lazy("Số buổi có mặt"),
    gettext_lazy("Số buổi học"),
    gettext_lazy("Chuyên cần (%)"),
    gettext_lazy("Ngày hoàn thành"),
    gettext_lazy("Số chứng chỉ"),
]
NEEDS_HEADER = [
    gettext_lazy("Xã"),
    gettext_lazy("Nghề"),
    gettext_lazy("Nhu cầu theo khảo sát lao động"),
    gettext_lazy("Nhu cầu xã ghi"),
    gettext_lazy("Nhu cầu"),
    gettext_lazy("Số khóa học"),
    gettext_lazy("Học viên ghi danh"),
    gettext_lazy("Học viên hoàn thành"),
    gettext_lazy("Nhu cầu được đáp ứng"),
    gettext_lazy("Còn thiếu"),
]


def _yes(value: Any) -> str:
    return _("có") if value else ""


def register_rows(user: Any, members: QuerySet[Member]) -> Iterator[list[Any]]:
    del user  # the queryset is already limited to the user's area
    employment, qualification = dict(Employment.choices), dict(Qualification.choices)
    statuses = dict(HouseholdStatus.choices)
    for member in members.iterator(chunk_size=2000):
        surveyed = getattr(member, "labour_surveyed_on", None)
        yield [
            member.household.commune.name,
            member.household.code,
            str(statuses.get(member.household.status, "")),
            member.full_name,
            member.birth_year,
            member.get_sex_display(),
            surveyed.strftime("%d/%m/%Y") if surveyed else "",
            str(employment.get(getattr(member, "labour_employment", None) or "", "")),
            str(qualification.get(int(getattr(member, "labour_qualification", 0) or 0), ""))
            if surveyed
            else "",
            _yes(getattr(member, "labour_has_certificate", False)),
            getattr(member, "labour_skills", None) or "",
            _yes(getattr(member, "labour_wants_work", False)),
            _yes(getattr(member, "labour_wants_training", False)),
            _yes(getattr(member, "labour_wants_abroad", False)),
        ]


def referral_rows(referrals: QuerySet[Referral]) -> Iterator[list[Any]]:
    for referral in referrals.iterator(chunk_size=2000):
        yield [
            referral.commune.name,
            referral.household.code,
            referral.member.full_name,
            referral.vacancy.position,
            referral.vacancy.employer.name,
            referral.score,
            referral.referred_on.strftime("%d/%m/%Y"),
            referral.placed_on.strftime("%d/%m/%Y") if referral.placed_on else "",
            _yes(referral.kept_6_months),
        ]


def event_rows(user: Any, events: QuerySet[JobEvent]) -> Iterator[list[Any]]:
    """One row per event; attendees and referrals counted only among the people of the user's area."""
    poor = Q(household_status__in=[HouseholdStatus.POOR, HouseholdStatus.NEAR_POOR])
    came = dict(
        attendees_for_user(user).values("event_id").annotate(n=Count("id")).values_list("event_id", "n")
    )
    came_poor = dict(
        attendees_for_user(user).filter(poor).values("event_id").annotate(n=Count("id"))
        .values_list("event_id", "n")
    )  # fmt: skip
    referred = dict(
        referrals_for_user(user).filter(event__isnull=False).values("event_id").annotate(n=Count("id"))
        .values_list("event_id", "n")
    )  # fmt: skip
    events = events.annotate(
        n_employers=Count("employers", distinct=True), n_vacancies=Count("vacancies", distinct=True)
    )
    for event in events.iterator(chunk_size=2000):
        yield [
            event.get_kind_display(),
            event.name,
            event.held_on.strftime("%d/%m/%Y"),
            event.place.name,
            event.venue,
            event.organiser,
            event.n_employers,
            event.n_vacancies,
            came.get(event.pk, 0),
            came_poor.get(event.pk, 0),
            referred.get(event.pk, 0),
        ]


def needs_rows(rows: list[Any]) -> Iterator[list[Any]]:
    """The training plan table: one row per commune and trade (rows of `jobs.needs.needs_table`)."""
    for item in rows:
        yield [
            getattr(item, "commune_name", ""),
            item.trade or _("Chưa rõ nghề"),
            item.surveyed,
            item.entered,
            item.need,
            item.courses,
            item.enrolled,
            item.completed,
            item.met,
            item.gap,
        ]


def trainee_rows(enrolments: list[Any]) -> Iterator[list[Any]]:
    """A course's trainees with their attendance (`e.rate` set by the attendance services)."""
    for enrolment in enrolments:
        rate = enrolment.rate
        yield [
            enrolment.household.commune.name,
            enrolment.household.code,
            enrolment.member.full_name,
            enrolment.member.birth_year,
            enrolment.enrolled_on.strftime("%d/%m/%Y"),
            rate.present,
            rate.sessions,
            "" if rate.percent is None else rate.percent,
            enrolment.completed_on.strftime("%d/%m/%Y") if enrolment.completed_on else "",
            enrolment.certificate_no,
        ]
