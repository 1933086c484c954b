"""Lost updates and duplicates: member versions, one-time form tokens, unique races and lock order."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, transaction

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.models import AuditEvent, IdempotencyKey
from giamngheo.geo.loader import admin_units_load
from giamngheo.geo.models import AdminUnit
from giamngheo.registry.models import Household, Member
from giamngheo.registry.services import household_merge, household_register, member_add, member_update
from tests.fixtures.people import client_for
from tests.fixtures.registry import REFERENCE

WAIT = 10.0  # seconds a thread may take; the test fails rather than hangs
ID_HOA = "046184000777"

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and unique-index waits need PostgreSQL; SQLite serialises whole-database writes",
)


def _head(name: str, personal_id: str = "") -> dict[str, Any]:
    return {"full_name": name, "sex": "female", "birth_year": 1984, "personal_id": personal_id}


def _member_form(member: Member, **changes: Any) -> dict[str, Any]:
    data = {
        "full_name": member.full_name,
        "personal_id": member.personal_id,
        "birth_year": member.birth_year,
        "sex": member.sex,
        "ethnicity": member.ethnicity,
        "relation": member.relation,
        "version": member.version,
    }
    data.update(changes)
    return data


def _register_form(key: str) -> dict[str, Any]:
    return {
        "residence": "permanent",
        "registered_on": "1/10/2026",
        "full_name": "Hồ Thị Mới",
        "birth_year": 1990,
        "sex": "female",
        "ethnicity": "01",
        "idempotency_key": key,
    }


# --- member version (any database) ---------------------------------------------------------------


@pytest.mark.django_db
def test_stale_member_edit_is_refused_and_nothing_is_written(officer_a, household):
    member = household.members.get(full_name="Kăn Thị Hoa")
    opened = member.version
    member_update(actor=officer_a, member=member, full_name="Kăn Thị Hoa Mai", version=opened)
    events, household_version = AuditEvent.objects.count(), Household.objects.get(pk=household.pk).version
    with pytest.raises(AppError) as error:
        member_update(actor=officer_a, member=member, full_name="Kăn Thị Hòa", version=opened)
    assert error.value.code == "conflict"
    assert "Thông tin thành viên đã được người khác sửa" in error.value.message
    stored = Member.objects.get(pk=member.pk)
    assert (stored.full_name, stored.version) == ("Kăn Thị Hoa Mai", opened + 1)
    assert AuditEvent.objects.count() == events
    assert Household.objects.get(pk=household.pk).version == household_version


@pytest.mark.django_db
def test_second_of_two_open_member_forms_is_refused_on_the_page(officer_a, household):
    member = household.members.get(full_name="Kăn Thị Hoa")
    client = client_for(officer_a)
    url = f"/ho/{household.pk}/thanh-vien/{member.pk}/"
    page = client.get(url).content.decode()
    assert re.search(rf'name="version" value="{member.version}"', page)
    first = client.post(url, _member_form(member, full_name="Kăn Thị Hoa Mai"))
    assert first.status_code == 302
    second = client.post(url, _member_form(member, full_name="Kăn Thị Hòa"))
    assert second.status_code == 400
    assert "Thông tin thành viên đã được người khác sửa" in second.content.decode()
    assert Member.objects.get(pk=member.pk).full_name == "Kăn Thị Hoa Mai"


@pytest.mark.django_db
def test_member_edit_without_a_version_is_refused(officer_a, household):
    member = household.members.get(full_name="Kăn Thị Hoa")
    data = _member_form(member, full_name="Khác")
    del data["version"]
    response = client_for(officer_a).post(f"/ho/{household.pk}/thanh-vien/{member.pk}/", data)
    assert response.status_code == 400
    assert Member.objects.get(pk=member.pk).full_name == "Kăn Thị Hoa"


@pytest.mark.django_db
def test_a_member_leaving_makes_an_open_edit_form_stale(officer_a, household):
    member = household.members.get(full_name="Kăn Thị Hoa")
    client = client_for(officer_a)
    client.post(
        f"/ho/{household.pk}/thanh-vien/{member.pk}/ra-khoi-ho/", {"reason": "moved_out", "on": "1/10/2026"}
    )
    assert Member.objects.get(pk=member.pk).version == member.version + 1


# --- one-time form tokens (any database) ---------------------------------------------------------


@pytest.mark.django_db
def test_double_submit_of_the_register_form_makes_one_household(officer_a, commune_a):
    client = client_for(officer_a)
    url = f"/ho/dang-ky/{commune_a.pk}/"
    key = re.search(r'name="idempotency_key" value="([^"]+)"', client.get(url).content.decode())
    assert key is not None
    first = client.post(url, _register_form(key.group(1)))
    second = client.post(url, _register_form(key.group(1)))
    household = Household.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/ho/{household.pk}/"
    assert Member.objects.count() == 1
    assert AuditEvent.objects.filter(action="household.register").count() == 1


@pytest.mark.django_db
def test_each_register_form_gets_a_new_token(officer_a, commune_a):
    client = client_for(officer_a)
    url = f"/ho/dang-ky/{commune_a.pk}/"
    pattern = r'name="idempotency_key" value="([^"]+)"'
    keys = {re.search(pattern, client.get(url).content.decode()).group(1) for _ in range(2)}  # type: ignore[union-attr]
    assert len(keys) == 2
    for key in keys:
        assert client.post(url, _register_form(key)).status_code == 302
    assert Household.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_register_does_not_use_up_its_token(officer_a, commune_a):
    client = client_for(officer_a)
    url = f"/ho/dang-ky/{commune_a.pk}/"
    bad = _register_form("token-1") | {"personal_id": "123"}
    assert client.post(url, bad).status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert client.post(url, _register_form("token-1")).status_code == 302
    assert Household.objects.count() == 1


@pytest.mark.django_db
def test_double_submit_of_the_member_add_form_adds_one_member(officer_a, household):
    client = client_for(officer_a)
    url = f"/ho/{household.pk}/thanh-vien/them/"
    count = household.members.count()
    data = {
        "full_name": "Hồ Văn Út",
        "birth_year": 2015,
        "sex": "male",
        "ethnicity": "01",
        "relation": "child",
    }
    data["idempotency_key"] = "nut-bam-hai-lan"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert household.members.count() == count + 1


@pytest.mark.django_db
def test_tokens_belong_to_one_user(officer_a, province_officer, commune_a):
    first = household_register(
        actor=officer_a, commune=commune_a, village=None, head=_head("A"), idempotency_key="k"
    )
    second = household_register(
        actor=province_officer, commune=commune_a, village=None, head=_head("B"), idempotency_key="k"
    )
    assert first.pk != second.pk
    assert Household.objects.count() == 2


@pytest.mark.django_db
def test_merging_a_household_that_was_already_merged_is_refused(officer_a, household, commune_a):
    other = household_register(actor=officer_a, commune=commune_a, village=None, head=_head("Hồ Thị Lan"))
    household_merge(actor=officer_a, source=other, target=household, on=REFERENCE)
    members = list(Member.objects.values_list("pk", "household_id", "is_active").order_by("pk"))
    with pytest.raises(AppError) as error:
        household_merge(actor=officer_a, source=other, target=household, on=REFERENCE)
    assert error.value.code == "conflict"
    assert list(Member.objects.values_list("pk", "household_id", "is_active").order_by("pk")) == members


# --- real races on PostgreSQL --------------------------------------------------------------------


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


def _run(work: Callable[[], Any], results: dict[str, Any], name: str) -> threading.Thread:
    def run() -> None:
        try:
            results[name] = work()
        except Exception as error:  # the test inspects what each thread ended with
            results[name] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


def _held(work: Callable[[], Any], done: threading.Event, release: threading.Event) -> Callable[[], Any]:
    """Do the work in a transaction that stays open until told to commit."""

    def held() -> Any:
        with transaction.atomic():
            result = work()
            done.set()
            assert release.wait(WAIT)
        return result

    return held


def _race(first: Callable[[], Any], second: Callable[[], Any]) -> dict[str, Any]:
    """Run `first` and keep its transaction open; start `second`, check it waits, then let `first` commit."""
    results: dict[str, Any] = {}
    done, release = threading.Event(), threading.Event()
    one = _run(_held(first, done, release), results, "first")
    assert done.wait(WAIT)
    two = _run(second, results, "second")
    two.join(0.5)
    assert two.is_alive(), "the second must wait for the first one's lock"
    release.set()
    one.join(WAIT)
    two.join(WAIT)
    assert not one.is_alive() and not two.is_alive()
    return results


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_double_click_on_register_makes_one_household(reload_units_after_flush, units, officer_a, commune_a):
    def register() -> Household:
        return household_register(
            actor=officer_a, commune=commune_a, village=None, head=_head("Hồ Thị Mới"), idempotency_key="k1"
        )

    results = _race(register, register)
    assert isinstance(results["first"], Household)
    assert isinstance(results["second"], Household)
    assert results["first"].pk == results["second"].pk
    assert Household.objects.count() == 1
    assert Member.objects.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_three_clicks_at_once_make_one_household_and_no_error(
    reload_units_after_flush, units, officer_a, commune_a
):
    results: dict[str, Any] = {}
    start = threading.Barrier(3)

    def register() -> Household:
        start.wait(WAIT)
        return household_register(
            actor=officer_a, commune=commune_a, village=None, head=_head("Hồ Thị Mới"), idempotency_key="k3"
        )

    threads = [_run(register, results, f"click{n}") for n in range(3)]
    for thread in threads:
        thread.join(WAIT)
    assert all(isinstance(result, Household) for result in results.values()), results
    assert len({result.pk for result in results.values()}) == 1
    assert Household.objects.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_registers_at_once_in_one_commune_get_consecutive_codes(
    reload_units_after_flush, units, officer_a, commune_a
):
    results = _race(
        lambda: household_register(actor=officer_a, commune=commune_a, village=None, head=_head("Một")),
        lambda: household_register(actor=officer_a, commune=commune_a, village=None, head=_head("Hai")),
    )
    codes = sorted(Household.objects.values_list("code", flat=True))
    assert codes == [f"{commune_a.code}-000001", f"{commune_a.code}-000002"]
    assert {results["first"].code, results["second"].code} == set(codes)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_same_personal_id_added_at_once_to_two_households_gets_the_validator_message(
    reload_units_after_flush, units, officer_a, commune_a
):
    one = household_register(actor=officer_a, commune=commune_a, village=None, head=_head("Một"))
    two = household_register(actor=officer_a, commune=commune_a, village=None, head=_head("Hai"))

    def add(household: Household) -> Callable[[], Member]:
        return lambda: member_add(
            actor=officer_a,
            household=household,
            full_name="Kăn Thị Hoa",
            sex="female",
            birth_year=1984,
            personal_id=ID_HOA,
            relation="spouse",
        )

    results = _race(add(one), add(two))
    assert isinstance(results["first"], Member)
    assert isinstance(results["second"], AppError)
    assert results["second"].field == "personal_id"
    assert results["second"].code == ErrorCode.PERSONAL_ID_TAKEN
    assert list(Member.objects.filter(personal_id=ID_HOA).values_list("household_id", flat=True)) == [one.pk]
    assert Household.objects.get(pk=two.pk).version == two.version


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_members_added_at_once_to_one_household_get_the_next_numbers(
    reload_units_after_flush, units, officer_a, commune_a
):
    household = household_register(actor=officer_a, commune=commune_a, village=None, head=_head("Một"))

    def add(name: str) -> Callable[[], Member]:
        return lambda: member_add(
            actor=officer_a, household=household, full_name=name, sex="male", birth_year=2010
        )

    results = _race(add("Con Một"), add("Con Hai"))
    assert isinstance(results["first"], Member) and isinstance(results["second"], Member)
    assert sorted(household.members.values_list("member_no", flat=True)) == [1, 2, 3]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_opposite_merges_at_once_do_not_deadlock(reload_units_after_flush, units, officer_a, commune_a):
    a = household_register(actor=officer_a, commune=commune_a, village=None, head=_head("Hộ A"))
    b = household_register(actor=officer_a, commune=commune_a, village=None, head=_head("Hộ B"))
    results = _race(
        lambda: household_merge(actor=officer_a, source=a, target=b, on=REFERENCE),
        lambda: household_merge(actor=officer_a, source=b, target=a, on=REFERENCE),
    )
    assert isinstance(results["first"], Household)
    assert isinstance(results["second"], AppError), results["second"]
    assert results["second"].code == "conflict"
    assert list(Household.objects.filter(is_active=True).values_list("pk", flat=True)) == [b.pk]
    assert sorted(Member.objects.filter(is_active=True).values_list("household_id", flat=True)) == [
        b.pk,
        b.pk,
    ]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_opposite_merges_started_together_never_end_in_a_database_error(
    reload_units_after_flush, units, officer_a, commune_a
):
    for round_no in range(3):
        a = household_register(actor=officer_a, commune=commune_a, village=None, head=_head(f"A{round_no}"))
        b = household_register(actor=officer_a, commune=commune_a, village=None, head=_head(f"B{round_no}"))
        start = threading.Barrier(2)
        results: dict[str, Any] = {}

        def merge(
            source: Household, target: Household, start: threading.Barrier = start
        ) -> Callable[[], Household]:
            def work() -> Household:
                start.wait(WAIT)
                return household_merge(actor=officer_a, source=source, target=target, on=REFERENCE)

            return work

        threads = [_run(merge(a, b), results, "ab"), _run(merge(b, a), results, "ba")]
        for thread in threads:
            thread.join(WAIT)
        outcomes = sorted(type(result).__name__ for result in results.values())
        assert outcomes == ["AppError", "Household"], results
        assert Household.objects.filter(pk__in=[a.pk, b.pk], is_active=True).count() == 1
