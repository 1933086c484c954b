"""Excel exports of the jobs app (written through the formula-safe writers of core.exports).

Personal IDs are left out: a job list goes to employers and job centres, who do not need them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.jobs.models import Employment, Qualification, Referral
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
