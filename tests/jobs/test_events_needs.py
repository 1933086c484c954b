"""Job fairs and mobile sessions (attendees, referrals, indicators) and training needs against courses."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from giamngheo.core.errors import AppError, PermissionDenied
from giamngheo.core.services import period_get_or_create
from giamngheo.jobs.models import EventAttendee, Referral, TrainingNeed
from giamngheo.jobs.needs import by_trade, needs_table
from giamngheo.jobs.services.events import event_attend, event_refer, job_event_create
from giamngheo.jobs.services.needs import training_need_set
from giamngheo.jobs.services.placements import vacancy_create
from giamngheo.jobs.services.training import enrolment_create
from giamngheo.monitoring.computations import compute
from tests.fixtures.jobs import TODAY, survey
from tests.fixtures.people import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(officer_a, commune_a, vacancy):
    return job_event_create(
        actor=officer_a, place=commune_a, kind="fair", name="Ngày hội việc làm A Lưới 2026",
        held_on=dt.date(2026, 11, 15), venue="Nhà văn hóa xã", organiser="Trung tâm Dịch vụ việc làm",
        vacancies=[vacancy],
    )  # fmt: skip


def test_a_fair_records_who_came_and_the_referrals_made_there(officer_a, worker, fair, vacancy, commune_a):
    assert list(fair.employers.all()) == [vacancy.employer]  # the vacancy's employer takes part
    first = event_attend(actor=officer_a, event=fair, member=worker, today=TODAY)
    assert event_attend(actor=officer_a, event=fair, member=worker, today=TODAY) == first  # once per person
    event_attend(actor=officer_a, event=fair, walk_in_name="Lê Văn Khách", today=TODAY)
    assert first.household_status == "poor"
    referral = event_refer(actor=officer_a, event=fair, vacancy=vacancy, member=worker, today=TODAY)
    assert (referral.event, referral.referred_on) == (fair, fair.held_on)
    period = period_get_or_create(year=2026, kind="year", number=1)
    assert compute("jobs_events_held", commune_a, period, "all").value == 1
    assert compute("jobs_event_attendees", commune_a, period, "all").value == 2  # with the walk-in
    assert compute("jobs_event_attendees", commune_a, period, "poor_near_poor").value == 1
    assert compute("jobs_event_attendees_poor_share", commune_a, period, "all").value == Decimal("100.00")
    assert compute("jobs_event_referrals", commune_a, period, "all").value == 1
    assert compute("jobs_events_held", commune_a, period, "poor_near_poor").value is None


def test_event_referrals_need_an_attendee_and_an_offered_vacancy(
    officer_a, worker, fair, employer, commune_a
):
    with pytest.raises(AppError):  # did not come
        event_refer(actor=officer_a, event=fair, vacancy=fair.vacancies.get(), member=worker, today=TODAY)
    event_attend(actor=officer_a, event=fair, member=worker, today=TODAY)
    other = vacancy_create(
        actor=officer_a, employer=employer, place=commune_a, position="Thợ hàn", openings=1,
        deadline=dt.date(2026, 12, 31), today=TODAY,
    )  # fmt: skip
    with pytest.raises(AppError):  # not offered at the fair
        event_refer(actor=officer_a, event=fair, vacancy=other, member=worker, today=TODAY)
    assert not Referral.objects.exists()


def test_attendance_is_refused_before_the_day_and_across_communes(
    officer_a, officer_b, worker, worker_b, fair
):
    with pytest.raises(AppError):
        event_attend(actor=officer_a, event=fair, member=worker, today=dt.date(2026, 11, 14))
    with pytest.raises(PermissionDenied):  # commune B's officer records neither A's people nor walk-ins at A
        event_attend(actor=officer_b, event=fair, member=worker, today=TODAY)
    with pytest.raises(PermissionDenied):
        event_attend(actor=officer_b, event=fair, walk_in_name="Ai Đó", today=TODAY)
    # commune B's worker at a fair in commune A is recorded by commune B's officer
    event_attend(actor=officer_b, event=fair, member=worker_b, today=TODAY)
    assert EventAttendee.objects.count() == 1


def test_the_event_page_shows_each_commune_only_its_people(
    officer_a, officer_b, worker, worker_b, fair, son_la
):
    event_attend(actor=officer_a, event=fair, member=worker, today=TODAY)
    event_attend(actor=officer_a, event=fair, walk_in_name="Lê Văn Khách", today=TODAY)
    event_attend(actor=officer_b, event=fair, member=worker_b, today=TODAY)
    mine = client_for(officer_a).get(reverse("jobs:event", args=[fair.pk])).content.decode()
    assert worker.full_name in mine and "Lê Văn Khách" in mine and worker_b.full_name not in mine
    theirs = client_for(officer_b).get(reverse("jobs:event", args=[fair.pk])).content.decode()
    assert worker_b.full_name in theirs and worker.full_name not in theirs and "Lê Văn Khách" not in theirs
    assert 'id="walk-in"' in mine and 'id="walk-in"' not in theirs  # walk-ins by the event's commune only
    outsider = make_user("tinh_sonla", "province_officer", son_la)
    assert client_for(outsider).get(reverse("jobs:event", args=[fair.pk])).status_code == 404
    export = client_for(officer_b).get(reverse("jobs:events_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "Ngày hội việc làm A Lưới 2026"
    assert rows[1][8:] == (1, 0, 0)  # commune B counts its own attendee only


def test_the_event_pages_create_attend_and_refer(officer_a, worker, vacancy, commune_a):
    client = client_for(officer_a)
    response = client.post(
        reverse("jobs:events"),
        {"place": commune_a.pk, "kind": "mobile", "name": "Phiên lưu động", "held_on": "2026-11-20",
         "venue": "Chợ xã", "organiser": "Trung tâm", "vacancies": [vacancy.pk]},
    )  # fmt: skip
    event_id = int(response.url.rstrip("/").split("/")[-1])
    client.post(reverse("jobs:event_attend", args=[event_id]), {"member": worker.pk})
    client.post(reverse("jobs:event_refer", args=[event_id]), {"member": worker.pk, "vacancy": vacancy.pk})
    assert Referral.objects.get().event_id == event_id


def test_needs_take_the_larger_of_survey_and_entry_and_trainees_meet_them(
    officer_a, worker, poor_household, course, commune_a
):
    spouse = poor_household.members.get(member_no=2)
    survey(officer_a, worker, training_trade="May")
    survey(officer_a, spouse, training_trade="")
    training_need_set(actor=officer_a, commune=commune_a, year=2026, trade="may", people=3)
    training_need_set(actor=officer_a, commune=commune_a, year=2026, trade="Hàn", people=1)
    training_need_set(actor=officer_a, commune=commune_a, year=2026, trade="MAY", people=2)  # the same trade
    assert TrainingNeed.objects.count() == 2
    enrolment_create(actor=officer_a, course=course, member=worker, on=dt.date(2026, 11, 1), today=TODAY)
    enrolment_create(actor=officer_a, course=course, member=spouse, on=dt.date(2026, 11, 1), today=TODAY)
    rows = {row.trade_key: row for row in needs_table([commune_a.pk], 2026)}
    sewing, welding, unknown = rows["may"], rows["han"], rows[""]
    assert (sewing.surveyed, sewing.entered, sewing.need, sewing.courses, sewing.enrolled) == (1, 2, 2, 1, 2)
    assert (sewing.met, sewing.gap) == (2, 0)
    assert (welding.need, welding.met, welding.gap) == (1, 0, 1)
    assert (unknown.need, unknown.met) == (1, 0)  # no trainee left over for the need without a trade
    assert sum(row.need for row in by_trade(list(rows.values()))) == 4
    period = period_get_or_create(year=2026, kind="year", number=1)
    assert compute("jobs_training_needs_met", commune_a, period, "all").value == Decimal("50.00")


def test_a_need_is_refused_for_another_commune_and_bad_values(officer_a, officer_b, commune_a):
    with pytest.raises(PermissionDenied):
        training_need_set(actor=officer_b, commune=commune_a, year=2026, trade="May", people=3)
    for trade, people in (("", 3), ("May", -1)):
        with pytest.raises(AppError):
            training_need_set(actor=officer_a, commune=commune_a, year=2026, trade=trade, people=people)
    response = client_for(officer_b).post(
        reverse("jobs:training_needs"), {"commune": commune_a.pk, "year": 2026, "trade": "May", "people": 3}
    )
    assert response.status_code == 200 and "commune" in response.context["form"].errors
    assert not TrainingNeed.objects.exists()


def test_the_training_plan_page_and_export(officer_a, officer_b, worker, commune_a, course):
    survey(officer_a, worker, training_trade="May")
    client = client_for(officer_a)
    client.post(reverse("jobs:training_needs"), {"commune": commune_a.pk, "year": 2026, "trade": "Hàn",
                                                 "people": 4})  # fmt: skip
    page = client.get(reverse("jobs:training_needs"), {"nam": "2026"})
    assert page.context["need"] == 5 and page.context["met"] == 0
    export = client.get(reverse("jobs:training_needs_export"), {"nam": "2026"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = sorted(list(sheet.iter_rows(values_only=True))[1:], key=lambda row: row[1])
    assert rows == [
        (commune_a.name, "Hàn", 0, 4, 4, 0, 0, 0, 0, 4),
        (commune_a.name, "May", 1, 0, 1, 1, 0, 0, 0, 1),
    ]
    assert client_for(officer_b).get(reverse("jobs:training_needs"), {"nam": "2026"}).context["need"] == 0
