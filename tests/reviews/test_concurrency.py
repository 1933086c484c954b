"""Two officers at once: row locks let one decide a household; a closed campaign refuses every step."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, transaction

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.models import AuditEvent
from giamngheo.geo.loader import admin_units_load
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import Household, StatusTransition
from giamngheo.reviews.models import (
    CaseEvent,
    Decision,
    Objection,
    ReviewCase,
    Step,
)
from giamngheo.reviews.services import (
    campaign_close,
    campaign_reopen,
    cases_collect_surveys,
    cases_list,
    decision_make,
    meeting_record,
    objection_answer,
    objection_record,
    posting_start,
)
from tests.fixtures.reviews import make_household, minutes

SIGNED = dt.date(2026, 10, 20)
WAIT = 5.0  # seconds a thread may take; the test fails rather than hangs

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (SELECT … FOR UPDATE) need PostgreSQL; SQLite serialises whole-database writes",
)


@pytest.fixture(scope="module")
def reload_units_after_flush(django_db_blocker: Any) -> Iterator[None]:
    """Transactional tests flush the database when they end; load the administrative units again."""
    yield
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock():
            admin_units_load()


@pytest.fixture
def units(transactional_db: Any) -> None:
    """A previous transactional test may have flushed the units: load them before the other fixtures."""
    if not AdminUnit.objects.exists():
        admin_units_load()


def _posted_commune(officer: Any, commune: Any, campaign: Any) -> list[ReviewCase]:
    """Two listed households whose posted results wait for the chair's decision (village-less: no posting)."""
    for name, status in (("Hồ Văn Một", "poor"), ("Hồ Văn Hai", "near_poor")):
        make_household(officer, commune, None, name, status)
    cases_list(actor=officer, campaign=campaign, commune=commune)
    ReviewCase.objects.filter(campaign=campaign).update(step=Step.POSTED, proposed="remains_poor")
    ReviewCase.objects.filter(campaign=campaign, status_before="near_poor").update(
        proposed="near_poor_to_poor"
    )
    return list(ReviewCase.objects.filter(campaign=campaign))


def _in_thread(work: Callable[[], Any], results: dict[str, Any], name: str) -> threading.Thread:
    def run() -> None:
        try:
            results[name] = work()
        except AppError as error:
            results[name] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


def _hold_decision_open(
    chair: Any, campaign: Any, commune: Any, decided: threading.Event, release: threading.Event
):
    """The first chair decides inside a transaction that stays open until told to commit."""

    def work() -> Decision:
        with transaction.atomic():
            decision = decision_make(
                actor=chair, campaign=campaign, commune=commune, number="1/QĐ", signed_on=SIGNED
            )
            decided.set()
            assert release.wait(WAIT)
        return decision

    return work


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_chairs_deciding_the_same_commune_at_once_only_one_decides(
    reload_units_after_flush, units, officer_a, chair_a, commune_a, campaign
):
    cases = _posted_commune(officer_a, commune_a, campaign)
    versions = dict(Household.objects.values_list("status", "version"))
    results: dict[str, Any] = {}
    decided, release = threading.Event(), threading.Event()
    first = _in_thread(_hold_decision_open(chair_a, campaign, commune_a, decided, release), results, "first")
    assert decided.wait(WAIT)
    second = _in_thread(
        lambda: decision_make(
            actor=chair_a, campaign=campaign, commune=commune_a, number="2/QĐ", signed_on=SIGNED
        ),
        results,
        "second",
    )
    second.join(0.5)
    assert second.is_alive(), "the second decision must wait for the first one's row locks"
    release.set()
    first.join(WAIT)
    second.join(WAIT)
    assert isinstance(results["first"], Decision)
    assert isinstance(results["second"], AppError)
    assert "Không có hộ nào chờ quyết định" in str(results["second"])
    assert list(Decision.objects.values_list("number", flat=True)) == ["1/QĐ"]
    assert StatusTransition.objects.count() == 1  # the near-poor household became poor, once
    assert CaseEvent.objects.filter(to_step=Step.DECIDED).count() == len(cases)
    after = {case.status_before: Household.objects.get(pk=case.household_id) for case in cases}
    assert (after["poor"].status, after["poor"].version) == ("poor", versions["poor"])
    assert (after["near_poor"].status, after["near_poor"].version) == ("poor", versions["near_poor"] + 1)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_objection_lodged_while_the_chair_decides_waits_then_is_refused(
    reload_units_after_flush, units, officer_a, chair_a, commune_a, campaign
):
    case = _posted_commune(officer_a, commune_a, campaign)[0]
    results: dict[str, Any] = {}
    decided, release = threading.Event(), threading.Event()
    first = _in_thread(
        _hold_decision_open(chair_a, campaign, commune_a, decided, release), results, "decision"
    )
    assert decided.wait(WAIT)
    second = _in_thread(
        lambda: objection_record(
            actor=officer_a, case=case, lodged_by="Hồ Thị Ba", lodged_on=SIGNED, content="Hộ có xe máy mới"
        ),
        results,
        "objection",
    )
    second.join(0.5)
    assert second.is_alive(), "the objection must wait for the case's row lock"
    release.set()
    first.join(WAIT)
    second.join(WAIT)
    assert isinstance(results["decision"], Decision)
    assert isinstance(results["objection"], AppError)
    assert "Đã có quyết định công nhận" in str(results["objection"])
    assert not Objection.objects.exists()
    assert ReviewCase.objects.get(pk=case.pk).step == Step.DECIDED


@pytest.mark.django_db
def test_closed_campaign_refuses_every_step_until_reopened_with_a_reason(
    officer_a, chair_a, province_officer, commune_a, village_a, campaign
):
    make_household(officer_a, commune_a, village_a, "Hồ Văn Nghèo", "poor")
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    case = ReviewCase.objects.get(campaign=campaign)
    # The rows an objection to a posted result leaves behind.
    ReviewCase.objects.filter(pk=case.pk).update(step=Step.OBJECTED, proposed="remains_poor")
    objection = Objection.objects.create(
        case=case, lodged_by="Hồ Thị Ba", lodged_on=SIGNED, content="Xem lại", recorded_by=officer_a
    )
    campaign_close(actor=province_officer, campaign=campaign)
    events_before = CaseEvent.objects.count()
    steps: dict[str, Callable[[], Any]] = {
        "list": lambda: cases_list(actor=officer_a, campaign=campaign, commune=commune_a),
        "survey": lambda: cases_collect_surveys(actor=officer_a, campaign=campaign, commune=commune_a),
        "meeting": lambda: meeting_record(
            actor=officer_a,
            campaign=campaign,
            village=village_a,
            held_on=dt.date(2026, 10, 5),
            attendees=10,
            chaired_by="Trưởng thôn",
            secretary="Thư ký",
            minutes=minutes(),
            votes={case.pk: 8},
        ),
        "posting": lambda: posting_start(
            actor=officer_a, campaign=campaign, village=village_a, starts_on=dt.date(2026, 10, 8)
        ),
        "objection": lambda: objection_record(
            actor=officer_a, case=case, lodged_by="Hồ Văn Bốn", lodged_on=SIGNED, content="Khiếu nại"
        ),
        "answer": lambda: objection_answer(
            actor=officer_a, objection=objection, answer="Giữ kết quả", answered_on=SIGNED, resurvey=False
        ),
        "decision": lambda: decision_make(
            actor=chair_a, campaign=campaign, commune=commune_a, number="9/QĐ", signed_on=SIGNED
        ),
    }
    for name, step in steps.items():
        with pytest.raises(AppError) as refused:
            step()
        assert refused.value.code == ErrorCode.CAMPAIGN_CLOSED, name
    assert CaseEvent.objects.count() == events_before
    assert not Decision.objects.exists()
    assert Objection.objects.get(pk=objection.pk).answer == ""
    with pytest.raises(AppError):
        campaign_reopen(actor=province_officer, campaign=campaign, reason="  ")
    campaign.refresh_from_db()
    assert campaign.is_closed
    campaign_reopen(actor=province_officer, campaign=campaign, reason="Bổ sung hộ bị sót")
    assert AuditEvent.objects.filter(action="campaign.reopen").count() == 1
    steps["answer"]()
    decision = steps["decision"]()
    assert decision.number == "9/QĐ"
