"""Referral history (insert-only) and course attendance with the completion rule."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from giamngheo.core.db import install_sql
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.jobs.models import Attendance, Enrolment, ReferralEvent
from giamngheo.jobs.services.attendance import attendance_record, session_add
from giamngheo.jobs.services.placements import referral_create, referral_step
from giamngheo.jobs.services.training import enrolment_complete, enrolment_create
from tests.fixtures.jobs import TODAY
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db
LATER = dt.date(2027, 7, 1)


def test_each_referral_step_is_kept_in_the_history(officer_a, worker, vacancy):
    referral = referral_create(actor=officer_a, vacancy=vacancy, member=worker, on=TODAY, today=TODAY)
    for step, on, kept in (
        ("interview", dt.date(2026, 11, 22), None),
        ("placement", dt.date(2026, 11, 25), None),
        ("follow_up_3", dt.date(2027, 2, 25), True),
        ("follow_up_6", dt.date(2027, 5, 25), False),
    ):
        referral = referral_step(actor=officer_a, referral=referral, step=step, on=on, kept=kept, today=LATER)
    # the same step with the same values again adds nothing; a correction is kept as a new row
    referral_step(actor=officer_a, referral=referral, step="follow_up_6", on=dt.date(2027, 5, 25), kept=False,
                  today=LATER)  # fmt: skip
    referral_step(actor=officer_a, referral=referral, step="interview", on=dt.date(2026, 11, 23), today=LATER)
    history = list(ReferralEvent.objects.filter(referral=referral).order_by("id").values_list("step", "kept"))
    assert history == [
        ("referred", None),
        ("interview", None),
        ("placement", None),
        ("follow_up_3", True),
        ("follow_up_6", False),
        ("interview", None),
    ]
    page = client_for(officer_a).get(reverse("jobs:referral", args=[referral.pk])).content.decode()
    assert page.count("Phỏng vấn") >= 2 and "Theo dõi sau 6 tháng" in page


def test_a_refused_step_writes_no_history(officer_a, worker, vacancy):
    referral = referral_create(actor=officer_a, vacancy=vacancy, member=worker, on=TODAY, today=TODAY)
    with pytest.raises(AppError):
        referral_step(
            actor=officer_a, referral=referral, step="follow_up_3", on=LATER, kept=True, today=LATER
        )
    assert ReferralEvent.objects.filter(referral=referral).count() == 1


def test_the_history_refuses_raw_updates(officer_a, worker, vacancy):
    referral_create(actor=officer_a, vacancy=vacancy, member=worker, on=TODAY, today=TODAY)
    for statement in install_sql(connection.vendor, ReferralEvent._meta.db_table):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE \"{ReferralEvent._meta.db_table}\" SET step = 'close'")
    assert ReferralEvent.objects.get().step == "referred"


def _sessions(officer, course, days):
    return [
        session_add(actor=officer, course=course, held_on=dt.date(2026, 11, d), today=TODAY) for d in days
    ]


def test_completion_needs_the_course_attendance(officer_a, worker, course, poor_household):
    spouse = poor_household.members.get(member_no=2)
    first = enrolment_create(
        actor=officer_a, course=course, member=worker, on=dt.date(2026, 11, 1), today=TODAY
    )
    second = enrolment_create(
        actor=officer_a, course=course, member=spouse, on=dt.date(2026, 11, 1), today=TODAY
    )
    sessions = _sessions(officer_a, course, (2, 3, 4, 5, 6))
    for index, session in enumerate(sessions):
        present = {first.pk} | ({second.pk} if index < 3 else set())  # 100 % and 60 %
        attendance_record(actor=officer_a, session=session, enrolments=[first, second], present=present)
    with pytest.raises(AppError) as error:
        enrolment_complete(actor=officer_a, enrolment=second, on=dt.date(2026, 11, 10), today=TODAY)
    assert error.value.code == ErrorCode.JOBS_ATTENDANCE_LOW
    assert "60%" in error.value.message
    done = enrolment_complete(actor=officer_a, enrolment=first, on=dt.date(2026, 11, 10), today=TODAY)
    assert done.completed_on == dt.date(2026, 11, 10)
    # marking the fourth session present brings her to 80 %: the threshold itself completes
    attendance_record(actor=officer_a, session=sessions[3], enrolments=[second], present={second.pk})
    assert enrolment_complete(
        actor=officer_a, enrolment=second, on=dt.date(2026, 11, 10), today=TODAY
    ).completed_on


def test_sessions_are_within_the_course_and_once_a_day(officer_a, course):
    _sessions(officer_a, course, (2,))
    for day in (dt.date(2026, 11, 2), dt.date(2026, 10, 31)):
        with pytest.raises(AppError):
            session_add(actor=officer_a, course=course, held_on=day, today=TODAY)
    with pytest.raises(AppError):  # not in the future
        session_add(actor=officer_a, course=course, held_on=dt.date(2026, 11, 25), today=TODAY)


def test_another_commune_cannot_mark_attendance(officer_a, officer_b, worker, course):
    enrolment = enrolment_create(
        actor=officer_a, course=course, member=worker, on=dt.date(2026, 11, 1), today=TODAY
    )
    (session,) = _sessions(officer_a, course, (2,))
    with pytest.raises(PermissionDenied):
        session_add(actor=officer_b, course=course, held_on=dt.date(2026, 11, 3), today=TODAY)
    with pytest.raises(PermissionDenied):
        attendance_record(actor=officer_b, session=session, enrolments=[enrolment], present={enrolment.pk})
    assert not Attendance.objects.exists()
    # the roll of another commune's officer lists nobody of commune A and writes nothing
    client = client_for(officer_b)
    url = reverse("jobs:session", args=[course.pk, session.pk])
    assert worker.full_name not in client.get(url).content.decode()
    client.post(url, {"present": str(enrolment.pk)})
    assert not Attendance.objects.exists()


def test_the_roll_page_and_completing_by_attendance(officer_a, worker, course):
    enrolment = enrolment_create(
        actor=officer_a, course=course, member=worker, on=dt.date(2026, 11, 1), today=TODAY
    )
    client = client_for(officer_a)
    response = client.post(reverse("jobs:session_create", args=[course.pk]), {"held_on": "2026-11-02"})
    session = course.sessions.get()
    assert response.url == reverse("jobs:session", args=[course.pk, session.pk])
    assert worker.full_name in client.get(response.url).content.decode()
    client.post(response.url, {"present": [str(enrolment.pk), "999999", "x"]})
    assert Attendance.objects.get().present is True
    page = client.get(reverse("jobs:course", args=[course.pk])).content.decode()
    assert "100% (1/1)" in page
    client.post(reverse("jobs:complete_by_attendance", args=[course.pk]), {"completed_on": "2026-11-30"})
    assert Enrolment.objects.get().completed_on == dt.date(2026, 11, 30)


def test_the_trainee_export_has_the_attendance_of_the_area_only(officer_a, officer_b, worker, course):
    enrolment = enrolment_create(
        actor=officer_a, course=course, member=worker, on=dt.date(2026, 11, 1), today=TODAY
    )
    first, _second = _sessions(officer_a, course, (2, 3))
    attendance_record(actor=officer_a, session=first, enrolments=[enrolment], present={enrolment.pk})
    url = reverse("jobs:trainees_export", args=[course.pk])
    rows = list(
        openpyxl.load_workbook(
            io.BytesIO(b"".join(client_for(officer_a).get(url).streaming_content))
        ).active.values
    )
    assert rows[1][2:] == (worker.full_name, worker.birth_year, "01/11/2026", 1, 2, 50, None, None)
    theirs = openpyxl.load_workbook(
        io.BytesIO(b"".join(client_for(officer_b).get(url).streaming_content))
    ).active
    assert theirs.max_row == 1  # the header only
