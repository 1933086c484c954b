"""A year (2026) of jobs work for the Huế demo registry, through the jobs services, consistent with seed 003.

Seed 003 targets ~2.050 workers abroad under contract over the plan; the demo registry holds a tenth of Huế's
households (`demo.registry.DEFAULT_SCALE`), so the demo records ~205 departures, most from poor and
near-poor households, each with the Project 4.2 support when the household qualifies. In the demo communes
(A Lưới 1 and 2) every working-age member has a labour survey; employers post vacancies, the best-ranked
candidates are referred, most start work and are followed up at 3 and 6 months; courses train members who
asked for training, with a roll of ten sessions, those present at 80 % of them completing (the support
record written through the support services); each commune enters training needs by trade; a job fair and
a mobile job session record who came and the referrals made there.
Running it again changes nothing once the demo employers exist.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from giamngheo.core.errors import AppError
from giamngheo.demo.accounts import DEMO_COMMUNES
from giamngheo.demo.registry import CODE_PREFIX, DEFAULT_SCALE, PROVINCE, _actor
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.jobs.matching import candidates_for_vacancy
from giamngheo.jobs.models import (
    AbroadWorker,
    Course,
    Employer,
    Employment,
    Enrolment,
    EventAttendee,
    LabourSurvey,
    Referral,
    Vacancy,
)
from giamngheo.jobs.selectors import working_age_q
from giamngheo.jobs.services.abroad import abroad_worker_register
from giamngheo.jobs.services.attendance import attendance_record, completable, session_add
from giamngheo.jobs.services.events import event_attend, event_refer, job_event_create
from giamngheo.jobs.services.needs import training_need_set
from giamngheo.jobs.services.placements import employer_create, referral_create, referral_step, vacancy_create
from giamngheo.jobs.services.training import course_create, enrolment_complete, enrolment_create
from giamngheo.registry.models import Member
from giamngheo.support.models import SupportType

SEED = 12
ABROAD_TARGET = 2_050  # seed 003
SKILLS = ("may", "hàn", "điện", "mộc", "xây dựng", "nấu ăn", "lái xe", "trồng trọt")
EMPLOYERS = (
    ("Công ty TNHH May mặc Phú Bài", "3301000001", "May mặc", "may"),
    ("Công ty CP Xây dựng Thừa Thiên", "3301000002", "Xây dựng", "xây dựng, hàn"),
    ("Hợp tác xã Nông nghiệp A Lưới", "3301000003", "Nông nghiệp", "trồng trọt"),
    ("Công ty TNHH Du lịch Lăng Cô", "3301000004", "Du lịch, nhà hàng", "nấu ăn"),
    ("Công ty CP Điện cơ Huế", "3301000005", "Điện, cơ khí", "điện, hàn"),
    ("Công ty TNHH Gỗ Hương Trà", "3301000006", "Chế biến gỗ", "mộc"),
)
TRADES = ("May công nghiệp", "Nấu ăn", "Điện dân dụng", "Trồng trọt", "Hàn điện", "")
COUNTRIES = (("Nhật Bản", "Chế biến thực phẩm"), ("Hàn Quốc", "Nông nghiệp"), ("Đài Loan", "Cơ khí"))


@dataclass(frozen=True)
class JobsDemoResult:
    created: bool
    surveys: int
    referrals: int
    enrolments: int
    workers_abroad: int
    event_attendees: int = 0
    seconds: float = 0.0


def _counts(created: bool, started: float) -> JobsDemoResult:
    demo = {"household__code__startswith": CODE_PREFIX}
    return JobsDemoResult(
        created=created,
        surveys=LabourSurvey.objects.filter(**demo).count(),
        referrals=Referral.objects.filter(**demo).count(),
        enrolments=Enrolment.objects.filter(**demo).count(),
        workers_abroad=AbroadWorker.objects.filter(**demo).count(),
        event_attendees=EventAttendee.objects.filter(event__name__endswith=DEMO_EVENT_SUFFIX).count(),
        seconds=time.perf_counter() - started,
    )


def _surveys(communes: list[AdminUnit], on: dt.date, rng: random.Random) -> None:
    """A labour survey for every working-age member of the demo communes (written in bulk, insert-only)."""
    members = Member.objects.filter(
        working_age_q(on),
        household__commune__in=communes,
        household__is_active=True,
        is_active=True,
        household__code__startswith=CODE_PREFIX,
    ).select_related("household")
    employment = [
        Employment.UNEMPLOYED,
        Employment.SELF_EMPLOYED,
        Employment.WAGE_NO_CONTRACT,
        Employment.WAGE_CONTRACT,
    ]
    rows = []
    for member in members:
        job = rng.choices(employment, weights=(3, 4, 2, 1))[0]
        level = rng.choices(range(6), weights=(55, 18, 12, 8, 4, 3))[0]
        rows.append(
            LabourSurvey(
                member=member,
                household=member.household,
                commune_id=member.household.commune_id,
                province_id=member.household.province_id,
                surveyed_on=on,
                source="import",
                employment=job,
                qualification=level,
                has_certificate=level >= 2 and rng.random() < 0.7,
                skills=", ".join(rng.sample(SKILLS, rng.randint(0, 2))),
                wants_work=job != Employment.WAGE_CONTRACT and rng.random() < 0.6,
                wants_training=(training := rng.random() < 0.35),
                training_trade=rng.choice(TRADES) if training else "",
                wants_abroad=rng.random() < 0.1,
                stays_in_commune=rng.random() < 0.2,
            )
        )
    LabourSurvey.objects.bulk_create(rows, batch_size=2000)


def _placements(actor: object, communes: list[AdminUnit], today: dt.date, rng: random.Random) -> None:
    """Vacancies at the demo communes; the best five candidates referred; most start and are followed up."""
    referred_on = dt.date(today.year, 2, 10)
    for index, (name, tax_code, sector, skills) in enumerate(EMPLOYERS):
        place = communes[index % len(communes)]
        employer = employer_create(actor=actor, place=place, name=name, tax_code=tax_code, sector=sector)
        vacancy = vacancy_create(
            actor=actor,
            employer=employer,
            place=place,
            position=f"Lao động {sector.lower()}",
            openings=rng.randint(5, 20),
            wage=rng.choice((5_500_000, 6_500_000, 7_500_000)),
            skills=skills,
            age_max=50,
            deadline=today + dt.timedelta(days=60),
            today=today,
        )
        for match in candidates_for_vacancy(actor, vacancy, on=referred_on, limit=5):
            if match.member is None:
                continue
            referral = referral_create(
                actor=actor, vacancy=vacancy, member=match.member, on=referred_on, today=today
            )
            if rng.random() < 0.3:
                continue
            placed = referred_on + dt.timedelta(days=14)
            for step, on, kept in (
                ("interview", referred_on + dt.timedelta(days=5), None),
                ("placement", placed, None),
                ("follow_up_3", placed + dt.timedelta(days=92), rng.random() < 0.9),
                ("follow_up_6", placed + dt.timedelta(days=184), rng.random() < 0.85),
            ):
                if on > today or (step == "follow_up_6" and not referral.kept_3_months):
                    break
                referral = referral_step(
                    actor=actor, referral=referral, step=step, on=on, kept=kept, today=today
                )


def _training(actor: object, communes: list[AdminUnit], today: dt.date, rng: random.Random) -> None:
    """Four courses of members who asked for training, each with a roll (80 % present completes)."""
    training = SupportType.objects.get(code="da4-dao-tao-nghe", province__isnull=True)
    starts = dt.date(today.year, 3, 1)
    for index, trade in enumerate(TRADES[:4]):
        place = communes[index % len(communes)]
        course = course_create(
            actor=actor,
            place=place,
            name=f"{trade} khóa 1/{today.year}",
            provider="Trung tâm GDNN - GDTX A Lưới",
            trade=trade,
            level=1,
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=75),
            support_type=training,
        )
        wanting = LabourSurvey.objects.filter(
            commune=place, wants_training=True, household__code__startswith=CODE_PREFIX
        ).select_related("member", "member__household")[index * 12 : index * 12 + 12]
        enrolments = []
        for survey in wanting:
            try:
                enrolments.append(
                    enrolment_create(actor=actor, course=course, member=survey.member, on=starts, today=today)
                )
            except AppError:  # e.g. no longer of working age
                continue
        _roll(actor, course, enrolments, today, rng)


def _roll(
    actor: object, course: Course, enrolments: list[Enrolment], today: dt.date, rng: random.Random
) -> None:
    """Ten weekly sessions; each trainee comes with their own diligence; those at 80 % or more complete."""
    diligence = {e.pk: rng.choice((0.95, 0.95, 0.9, 0.85, 0.6)) for e in enrolments}
    for week in range(10):
        held_on = course.starts_on + dt.timedelta(days=7 * week)
        if held_on > min(today, course.ends_on):
            break
        session = session_add(actor=actor, course=course, held_on=held_on, today=today)
        present = {e.pk for e in enrolments if rng.random() < diligence[e.pk]}
        attendance_record(actor=actor, session=session, enrolments=enrolments, present=present)
    if course.ends_on > today:
        return
    for enrolment in completable(course, enrolments):
        try:
            enrolment_complete(
                actor=actor, enrolment=enrolment, on=course.ends_on, today=today,
                certificate_no=f"CC-{course.pk}-{enrolment.pk}" if rng.random() < 0.8 else "",
            )  # fmt: skip
        except AppError:  # e.g. trained less than 12 months ago under the same support type
            continue


def _needs(actor: object, communes: list[AdminUnit], year: int, rng: random.Random) -> None:
    """Each demo commune enters its training needs by trade for the year."""
    for commune in communes:
        for trade in TRADES[:5]:
            training_need_set(
                actor=actor, commune=commune, year=year, trade=trade, people=rng.randint(5, 25),
                note="Tổng hợp từ họp thôn",
            )  # fmt: skip


DEMO_EVENT_SUFFIX = "(dữ liệu mẫu)"


def _events(actor: object, communes: list[AdminUnit], today: dt.date, rng: random.Random) -> None:
    """A job fair in the first commune and a mobile session in the second; who came, referrals made there."""
    vacancies = list(Vacancy.objects.filter(employer__tax_code__in=[e[1] for e in EMPLOYERS]).order_by("pk"))
    held = dt.date(today.year, 4, 20)
    if held > today:
        return
    for kind, place, name in (
        ("fair", communes[0], "Ngày hội việc làm"),
        ("mobile", communes[-1], "Phiên giao dịch việc làm lưu động"),
    ):
        event = job_event_create(
            actor=actor, place=place, kind=kind, name=f"{name} {place.name} {DEMO_EVENT_SUFFIX}",
            held_on=held, venue="Nhà văn hóa xã", organiser="Trung tâm Dịch vụ việc làm tỉnh",
            vacancies=vacancies,
        )  # fmt: skip
        seekers = LabourSurvey.objects.filter(
            commune=place, wants_work=True, household__code__startswith=CODE_PREFIX
        ).select_related(
            "member", "member__household", "member__household__commune", "member__household__province"
        )
        for survey in seekers[:40]:
            event_attend(actor=actor, event=event, member=survey.member, today=today)
            if rng.random() < 0.25:
                try:
                    event_refer(
                        actor=actor,
                        event=event,
                        vacancy=rng.choice(vacancies),
                        member=survey.member,
                        today=today,
                    )
                except AppError:  # already referred, or a hard requirement (age, sex, place) not met
                    continue
        for number in range(rng.randint(3, 8)):
            event_attend(actor=actor, event=event, walk_in_name=f"Khách vãng lai {number + 1}", today=today)


def _abroad(actor: object, today: dt.date, rng: random.Random) -> None:
    """~205 departures (seed 003's 2.050 × the demo scale), mostly from poor and near-poor households."""
    target = round(ABROAD_TARGET * DEFAULT_SCALE)
    support = SupportType.objects.get(code="da4-lao-dong-nuoc-ngoai", province__isnull=True)
    year_start = dt.date(today.year - 2, 1, 1)
    candidates = list(
        Member.objects.filter(
            working_age_q(today),
            household__code__startswith=CODE_PREFIX,
            household__is_active=True,
            is_active=True,
            birth_year__range=(today.year - 40, today.year - 20),
            household__status__in=("poor", "near_poor"),
        )
        .select_related("household", "household__commune", "household__province")
        .order_by("pk")[: target * 3]
    )
    for member in rng.sample(candidates, min(target, len(candidates))):
        country, sector = rng.choice(COUNTRIES)
        departed = year_start + dt.timedelta(days=rng.randint(0, (today - year_start).days))
        try:
            abroad_worker_register(
                actor=actor,
                member=member,
                country=country,
                sector=sector,
                company="Công ty CP Cung ứng nhân lực",
                departed_on=departed,
                contract_ends_on=departed + dt.timedelta(days=3 * 365),
                pre_departure_training=True,
                support_type=support,
                support_amount=rng.choice((3_000_000, 5_000_000)),
                today=today,
            )
        except AppError:  # the household no longer qualifies on that day: recorded without the support
            abroad_worker_register(
                actor=actor,
                member=member,
                country=country,
                sector=sector,
                departed_on=departed,
                contract_ends_on=departed + dt.timedelta(days=3 * 365),
                today=today,
            )


def jobs_demo_load(*, seed: int = SEED) -> JobsDemoResult:
    """Write the demo year of jobs work unless the demo employers exist; running it again changes nothing."""
    started = time.perf_counter()
    if Employer.objects.filter(tax_code=EMPLOYERS[0][1]).exists():
        return _counts(False, started)
    rng = random.Random(seed)  # noqa: S311 — a reproducible demo, not a secret
    today = timezone.localdate()
    with transaction.atomic():
        actor = _actor()
        communes = list(
            AdminUnit.objects.filter(
                tree=Tree.CURRENT, level=Level.COMMUNE, code__in=DEMO_COMMUNES, province__code=PROVINCE
            )
            .select_related("province")
            .order_by("code")
        )
        _surveys(communes, dt.date(today.year, 1, 15), rng)
        _placements(actor, communes, today, rng)
        _training(actor, communes, today, rng)
        _needs(actor, communes, today.year, rng)
        _events(actor, communes, today, rng)
        _abroad(actor, today, rng)
    return _counts(True, started)
