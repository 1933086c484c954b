"""Employers, vacancies and the path of a referral: referral → interview → placement → 3 and 6 months."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.core.updates import model_update
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.jobs.matching import match_one
from giamngheo.jobs.models import Employer, JobEvent, Qualification, Referral, ReferralEvent, Vacancy
from giamngheo.jobs.services._base import actor_or_none, check_not_future, person_columns, require_for_member
from giamngheo.registry.models import Member


def _province_of(place: AdminUnit) -> AdminUnit:
    return place if place.level == Level.PROVINCE else place.province  # type: ignore[return-value]


@transaction.atomic
def employer_create(
    *, actor: Any, place: AdminUnit, name: str, tax_code: str, sector: str = "", address: str = ""
) -> Employer:
    """Add an employer of the place's province; one with the same tax code is found, not duplicated."""
    require_permission(actor, Permission.MANAGE_JOBS, place)
    tax_code = tax_code.strip()
    if not (tax_code.isdigit() and len(tax_code) in (10, 13)) and not (
        len(tax_code) == 14 and tax_code[10] == "-" and (tax_code[:10] + tax_code[11:]).isdigit()
    ):
        raise AppError(
            ErrorCode.INVALID, _("Mã số thuế gồm 10 chữ số (hoặc 10 chữ số - 3 chữ số)."), field="tax_code"
        )
    if not name.strip():
        raise AppError(ErrorCode.REQUIRED, field="name")
    province = _province_of(place)
    existing = Employer.objects.filter(province=province, tax_code=tax_code).first()
    if existing is not None:
        return existing
    employer = Employer.objects.create(
        province=province,
        name=name.strip(),
        tax_code=tax_code,
        sector=sector.strip(),
        address=address.strip(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.EMPLOYER_CREATE,
        obj=employer,
        unit=province,
        after={"name": employer.name, "tax_code": tax_code},
    )
    return employer


def _check_vacancy(
    position: str, openings: int, age_min: int, age_max: int, sex: str, wage: int | None, qualification: int
) -> None:
    """The rules a vacancy's terms follow, when posted and when changed."""
    if not position.strip():
        raise AppError(ErrorCode.REQUIRED, field="position")
    if openings < 1:
        raise AppError(ErrorCode.INVALID, _("Số lượng phải lớn hơn 0."), field="openings")
    if not 15 <= age_min <= age_max <= 65:
        raise AppError(
            ErrorCode.INVALID, _("Độ tuổi phải từ 15 đến 65, «từ» không lớn hơn «đến»."), field="age_min"
        )
    if sex not in ("", "male", "female"):
        raise AppError(ErrorCode.UNKNOWN_CODE, field="sex")
    if wage is not None and wage < 0:
        raise AppError(ErrorCode.NEGATIVE_AMOUNT, field="wage")
    if qualification not in Qualification.values:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="qualification")


@transaction.atomic
def vacancy_create(
    *,
    actor: Any,
    employer: Employer,
    place: AdminUnit,
    position: str,
    openings: int,
    deadline: dt.date,
    wage: int | None = None,
    age_min: int = 18,
    age_max: int = 45,
    sex: str = "",
    skills: str = "",
    qualification: int = Qualification.NONE,
    today: dt.date,
) -> Vacancy:
    """Post a vacancy at a place of the employer's province (the officer must cover the place)."""
    require_permission(actor, Permission.MANAGE_JOBS, place)
    if _province_of(place).pk != employer.province_id:
        raise AppError(
            ErrorCode.INVALID, _("Nơi làm việc không thuộc tỉnh của đơn vị tuyển dụng."), field="place"
        )
    _check_vacancy(position, openings, age_min, age_max, sex, wage, qualification)
    if deadline < today:
        raise AppError(ErrorCode.INVALID, _("Hạn nộp hồ sơ đã qua."), field="deadline")
    vacancy = Vacancy.objects.create(
        employer=employer,
        province_id=employer.province_id,
        place=place,
        position=position.strip(),
        openings=openings,
        wage=wage,
        age_min=age_min,
        age_max=age_max,
        sex=sex,
        skills=skills.strip(),
        qualification=qualification,
        deadline=deadline,
        created_by=actor_or_none(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.VACANCY_CREATE,
        obj=vacancy,
        unit=place,
        after={"position": vacancy.position, "openings": openings, "employer": employer.pk},
    )
    return vacancy


VACANCY_TERMS = (
    "position",
    "openings",
    "wage",
    "age_min",
    "age_max",
    "sex",
    "skills",
    "qualification",
    "deadline",
)


@transaction.atomic
def vacancy_update(*, actor: Any, vacancy: Vacancy, data: dict[str, Any], today: dt.date) -> Vacancy:
    """Change a vacancy's terms (the officer must cover its place); a new deadline cannot be in the past.

    Referrals already made keep the score and reasons they were made with.
    """
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    require_permission(actor, Permission.MANAGE_JOBS, vacancy.place)
    values = {name: data.get(name, getattr(vacancy, name)) for name in VACANCY_TERMS}
    values["position"], values["skills"] = (
        str(values["position"]).strip(),
        str(values["skills"] or "").strip(),
    )
    _check_vacancy(
        values["position"], values["openings"], values["age_min"], values["age_max"], values["sex"],
        values["wage"], values["qualification"],
    )  # fmt: skip
    if values["deadline"] != vacancy.deadline and values["deadline"] < today:
        raise AppError(ErrorCode.INVALID, _("Hạn nộp hồ sơ đã qua."), field="deadline")
    vacancy, _changed = model_update(
        instance=vacancy, fields=VACANCY_TERMS, data=values, actor=actor, action=AuditAction.VACANCY_UPDATE
    )
    return vacancy


@transaction.atomic
def referral_create(
    *,
    actor: Any,
    vacancy: Vacancy,
    member: Member,
    on: dt.date,
    today: dt.date,
    event: JobEvent | None = None,
) -> Referral:
    """Refer a person to a vacancy with the score and reasons of the match (refused on a hard requirement).

    `event`: the job fair or mobile session the referral came from (its vacancy must be offered there).
    """
    require_for_member(actor, member)
    check_not_future(on, today, "referred_on")
    if vacancy.deadline < on:
        raise AppError(ErrorCode.INVALID, _("Vị trí đã hết hạn nộp hồ sơ."), field="vacancy")
    if event is not None and not event.vacancies.filter(pk=vacancy.pk).exists():
        raise AppError(ErrorCode.INVALID, _("Vị trí này không tuyển tại sự kiện."), field="vacancy")
    match = match_one(actor, vacancy, member, on=on)
    if match is None:
        raise AppError(
            ErrorCode.INVALID,
            _(
                "Người này chưa có phiếu khảo sát lao động hoặc không đáp ứng yêu cầu "
                "tuổi, giới tính, nơi làm việc."
            ),
            field="member",
        )
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                vacancy=vacancy,
                **person_columns(member),
                household_status=member.household.status,
                score=match.score,
                reasons=[[text, points] for text, points in match.reasons],
                referred_on=on,
                recorded_by=actor_or_none(actor),
                event=event,
            )
    except IntegrityError as error:  # the unique constraint decides: one referral per person and vacancy
        raise AppError(ErrorCode.JOBS_REFERRAL_EXISTS, field="member") from error
    audit_record(
        actor=actor,
        action=AuditAction.REFERRAL_CREATE,
        obj=referral,
        after={
            "vacancy": vacancy.pk,
            "member": member.pk,
            "score": match.score,
            "event": getattr(event, "pk", None),
        },
    )
    ReferralEvent.objects.create(referral=referral, step="referred", on=on, recorded_by=actor_or_none(actor))
    return referral


STEPS = ("interview", "placement", "follow_up_3", "follow_up_6", "close")


def _step_values(referral: Referral, step: str, on: dt.date, kept: bool | None) -> dict[str, Any]:
    """The fields a step sets, checked against the steps before it."""
    order = _("Bước này chưa làm được: hãy ghi bước trước.")
    if step == "interview":
        if on < referral.referred_on:
            raise AppError(ErrorCode.INVALID, _("Ngày phỏng vấn trước ngày giới thiệu."), field="on")
        return {"interviewed_on": on}
    if step == "placement":
        if on < referral.referred_on or (referral.interviewed_on and on < referral.interviewed_on):
            raise AppError(
                ErrorCode.INVALID, _("Ngày nhận việc trước ngày giới thiệu hoặc phỏng vấn."), field="on"
            )
        return {"placed_on": on}
    if referral.placed_on is None:
        raise AppError(ErrorCode.JOBS_STEP_ORDER, order)
    if step == "close":
        if on < referral.placed_on:
            raise AppError(ErrorCode.INVALID, _("Ngày kết thúc trước ngày nhận việc."), field="on")
        return {"closed_on": on}
    months = 3 if step == "follow_up_3" else 6
    if kept is None:
        raise AppError(ErrorCode.REQUIRED, field="kept")
    due = referral.placed_on + dt.timedelta(days=30 * months)
    if on < due:
        raise AppError(
            ErrorCode.INVALID,
            _("Chỉ theo dõi sau %(months)s tháng từ ngày nhận việc (từ %(due)s).")
            % {"months": months, "due": due.strftime("%d/%m/%Y")},
            field="on",
        )
    if months == 6 and referral.kept_3_months is None:
        raise AppError(ErrorCode.JOBS_STEP_ORDER, order)
    if months == 6 and kept and not referral.kept_3_months:
        raise AppError(ErrorCode.INVALID, _("Đã nghỉ việc ở lần theo dõi 3 tháng."), field="kept")
    return {"kept_3_months": kept} if months == 3 else {"kept_6_months": kept}


@transaction.atomic
def referral_step(
    *,
    actor: Any,
    referral: Referral,
    step: str,
    on: dt.date,
    kept: bool | None = None,
    today: dt.date,
    version: int | None = None,
) -> Referral:
    """Record the next step of a referral (the interview, the placement, a follow-up, the end)."""
    referral = Referral.objects.select_for_update().select_related("household").get(pk=referral.pk)
    require_for_member(actor, referral.member)
    if version is not None and version != referral.version:
        raise AppError(ErrorCode.CONFLICT)
    if step not in STEPS:
        raise AppError(ErrorCode.UNKNOWN_CODE, field="step")
    check_not_future(on, today, "on")
    values = _step_values(referral, step, on, kept)
    referral, changed = model_update(
        instance=referral, fields=list(values), data=values, actor=actor, action=AuditAction.REFERRAL_UPDATE
    )
    if not changed:  # the same step with the same values again: nothing new to keep
        return referral
    # The history keeps every step as recorded, also a later correction of the same step.
    ReferralEvent.objects.create(
        referral=referral,
        step=step,
        on=on,
        kept=kept if step.startswith("follow_up") else None,
        recorded_by=actor_or_none(actor),
    )
    return referral
