"""Service tokens: scope per operation, binding to a unit or an agency, expiry, revocation, audit of calls."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from giamngheo.accounts.models import AreaAssignment
from giamngheo.api.models import ServiceToken
from giamngheo.api.scopes import OPERATION_SCOPES, Scope
from giamngheo.api.tokens import service_token_create, service_token_revoke
from giamngheo.api.urls import api
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.models import AuditEvent
from giamngheo.support.models import SupportType
from giamngheo.support.services.records import support_record_add
from tests.fixtures.people import make_user
from tests.fixtures.support import TODAY, join_agency

pytestmark = pytest.mark.django_db

IN_A_MONTH = timezone.localdate() + dt.timedelta(days=30)
ALL_SCOPES = list(Scope.values)


def make_token(actor, *, scopes=ALL_SCOPES, unit=None, agency=None, expires_on=IN_A_MONTH):
    return service_token_create(
        actor=actor, name="Hệ thống đối tác", scopes=scopes, expires_on=expires_on, unit=unit, agency=agency
    )


def call(raw: str, path: str, method: str = "get", **body):
    client = Client()
    send = getattr(client, method)
    kwargs = {"content_type": "application/json", "data": body} if method != "get" else {}
    return send(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {raw}", **kwargs)


def _operations():
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            yield from path_view.operations


def test_every_operation_of_the_schema_has_exactly_one_scope():
    schema = api.get_openapi_schema()
    operations = {d["operationId"] for methods in schema["paths"].values() for d in methods.values()}

    assert operations - set(OPERATION_SCOPES) == set(), "operations without a scope"
    # An entry of a mounted module names an operation that exists (a renamed view must be renamed here).
    modules = {f"{op.view_func.__module__.replace('.', '_')}_" for op in _operations()}
    stale = {name for name in set(OPERATION_SCOPES) - operations if name.startswith(tuple(modules))}
    assert stale == set(), "scopes of operations that no longer exist"
    assert all(isinstance(scope, Scope) for scope in OPERATION_SCOPES.values())
    published = {
        d["operationId"]: d["x-service-token-scope"] for m in schema["paths"].values() for d in m.values()
    }
    assert published == {operation: OPERATION_SCOPES[operation].value for operation in published}


def test_a_commune_token_reads_its_commune_and_gets_404_for_another_communes_household(
    province_officer, household, commune_a, commune_b
):
    _own, raw_a = make_token(province_officer, unit=commune_a)
    _other, raw_b = make_token(province_officer, unit=commune_b)

    assert call(raw_a, f"/households/{household.pk}").status_code == 200
    refused = call(raw_b, f"/households/{household.pk}")
    listed = call(raw_b, "/households").json()

    assert refused.status_code == 404
    assert refused.json()["code"] == "not_found"
    assert listed["count"] == 0


def test_a_token_never_sees_more_than_its_creator(province_officer, son_la):
    with pytest.raises(PermissionDenied):
        make_token(province_officer, unit=son_la)


def test_only_user_managers_create_tokens(officer_a, commune_a):
    with pytest.raises(PermissionDenied):
        make_token(officer_a, unit=commune_a)
    assert ServiceToken.objects.count() == 0


@pytest.mark.parametrize("days", [0, -1, 366])
def test_the_expiry_is_required_and_at_most_a_year(province_officer, commune_a, days):
    with pytest.raises(AppError) as error:
        make_token(
            province_officer, unit=commune_a, expires_on=timezone.localdate() + dt.timedelta(days=days)
        )
    assert error.value.code == ErrorCode.SERVICE_TOKEN_EXPIRY
    assert ServiceToken.objects.count() == 0


def test_the_maximum_validity_is_configurable(province_officer, commune_a, settings):
    settings.SERVICE_TOKEN_MAX_DAYS = 10
    with pytest.raises(AppError):
        make_token(province_officer, unit=commune_a)
    token, _raw = make_token(
        province_officer, unit=commune_a, expires_on=timezone.localdate() + dt.timedelta(10)
    )
    assert token.pk


@pytest.mark.parametrize("scopes", [[], ["households:read", "everything:write"], ["admin"]])
def test_unknown_or_no_scopes_are_refused(province_officer, commune_a, scopes):
    with pytest.raises(AppError) as error:
        make_token(province_officer, unit=commune_a, scopes=scopes)
    assert error.value.code == ErrorCode.SERVICE_TOKEN_SCOPES


def test_an_expired_token_gets_401(province_officer, commune_a):
    token, raw = make_token(province_officer, unit=commune_a)
    past = timezone.now() - dt.timedelta(days=2)
    ServiceToken.objects.filter(pk=token.pk).update(created_at=past - dt.timedelta(days=1), expires_at=past)

    response = call(raw, "/units")

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_a_revoked_token_gets_401(province_officer, commune_a):
    token, raw = make_token(province_officer, unit=commune_a)
    assert call(raw, "/units").status_code == 200

    service_token_revoke(actor=province_officer, token=token)

    response = call(raw, "/units")
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message"}


def test_an_unknown_token_gets_401():
    assert call("gns_not-a-real-token", "/units").status_code == 401


def test_a_token_whose_creator_lost_the_province_gets_401(province_officer, commune_a):
    _token, raw = make_token(province_officer, unit=commune_a)
    AreaAssignment.objects.filter(user=province_officer).update(is_active=False)

    assert call(raw, "/units").status_code == 401


def test_an_operation_outside_the_scope_gets_403_in_the_same_error_shape(
    province_officer, commune_a, household
):
    _token, raw = make_token(province_officer, unit=commune_a, scopes=[Scope.UNITS_READ])

    refused = call(raw, f"/households/{household.pk}")
    write = call(raw, "/households", method="post", address="x")

    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    assert set(refused.json()) == {"code", "message"}
    assert write.status_code == 403
    assert call(raw, "/units").status_code == 200


def test_a_read_scope_does_not_allow_the_write(province_officer, commune_a, household):
    _token, raw = make_token(province_officer, unit=commune_a, scopes=[Scope.HOUSEHOLDS_READ])

    response = call(raw, f"/households/{household.pk}", method="patch", address="Thôn mới", version=1)

    assert response.status_code == 403
    household.refresh_from_db()
    assert household.address != "Thôn mới"


@pytest.fixture
def two_records(officer_a, poor_household):
    loan = support_record_add(
        actor=officer_a, household=poor_household, member=None,
        support_type=SupportType.objects.get(code="vay-ho-ngheo"), on=TODAY, amount=50_000_000, today=TODAY,
    )  # fmt: skip
    electricity = support_record_add(
        actor=officer_a, household=poor_household, member=None,
        support_type=SupportType.objects.get(code="tien-dien-ho-ngheo"), on=TODAY, amount=180_000,
        today=TODAY,
    )  # fmt: skip
    return loan, electricity


def test_an_agency_token_sees_only_its_agencys_records(province_officer, two_records):
    loan, electricity = two_records
    bank = join_agency(make_user("nhtm", "agency_officer", province_officer.assignments.get().unit),
                       "Ngân hàng Chính sách xã hội", "social_policy_bank")  # fmt: skip
    _token, raw = make_token(province_officer, agency=bank, scopes=[Scope.SUPPORT_READ])

    listed = call(raw, "/support/records").json()

    assert [item["id"] for item in listed["items"]] == [loan.pk]
    assert call(raw, f"/support/records/{loan.pk}").status_code == 200
    assert call(raw, f"/support/records/{electricity.pk}").status_code == 404


def test_an_agency_token_cannot_write_a_record_even_with_the_scope(province_officer, two_records):
    loan, _electricity = two_records
    bank = join_agency(province_officer, "Ngân hàng Chính sách xã hội", "social_policy_bank")
    _token, raw = make_token(province_officer, agency=bank, scopes=[Scope.SUPPORT_WRITE])

    response = call(raw, f"/support/records/{loan.pk}/cancel", method="post", reason="x")

    assert response.status_code in (400, 403, 404, 422)


def test_every_call_is_audited_once_without_personal_data(province_officer, commune_a, household):
    token, raw = make_token(province_officer, unit=commune_a, scopes=[Scope.HOUSEHOLDS_READ])
    call(raw, f"/households/{household.pk}")
    call(raw, "/households?q=046080000123")
    call(raw, "/units")  # outside the scope: refused, still audited

    events = list(AuditEvent.objects.filter(action="service_token.call").order_by("pk"))
    assert len(events) == 3  # one per call (the search by personal ID also writes its own event)
    assert [(e.after["operation"], e.after["status"]) for e in events] == [
        ("giamngheo_api_registry_household_detail", 200),
        ("giamngheo_api_registry_household_list", 200),
        ("giamngheo_api_units_unit_list", 403),
    ]
    assert {e.object_id for e in events} == {str(token.pk)}
    assert {e.unit_id for e in events} == {commune_a.pk}
    text = " ".join(f"{e.object_repr} {e.before} {e.after}" for e in events)
    assert "046080000123" not in text
    assert "Hồ Văn Tâm" not in text
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_tokens_refused_call_is_audited(province_officer, commune_a):
    token, raw = make_token(province_officer, unit=commune_a)
    service_token_revoke(actor=province_officer, token=token)

    call(raw, "/units")

    event = AuditEvent.objects.filter(action="service_token.call").get()
    assert event.after["status"] == 401


def test_a_user_token_and_the_session_are_not_audited_per_call(officer_a):
    from giamngheo.accounts.services import api_token_create

    _token, raw = api_token_create(actor=officer_a, user=officer_a, name="x")
    assert call(raw, "/units").status_code == 200
    assert not AuditEvent.objects.filter(action="service_token.call").exists()


def test_me_shows_the_tokens_narrowed_area(province_officer, commune_a):
    _token, raw = make_token(province_officer, unit=commune_a, scopes=[Scope.ME_READ])

    me = call(raw, "/me").json()
    assignments = me["assignments"]

    assert me["full_name"] == "Hệ thống đối tác" and me["email"] == "" and me["username"].startswith("gns_")
    assert province_officer.username not in str(me)

    assert [(a["id"], a["role"], a["unit"]["id"]) for a in assignments] == [
        (None, "commune_officer", commune_a.pk)
    ]


def test_personal_ids_come_masked_unless_the_token_has_personal_ids_read(
    province_officer, commune_a, household
):
    _plain, raw_plain = make_token(province_officer, unit=commune_a, scopes=[Scope.HOUSEHOLDS_READ])
    _full, raw_full = make_token(
        province_officer, unit=commune_a, scopes=[Scope.HOUSEHOLDS_READ, Scope.PERSONAL_IDS_READ]
    )

    masked = call(raw_plain, f"/households/{household.pk}/members").content.decode()
    before = AuditEvent.objects.filter(action="personal_id.view").count()
    full = call(raw_full, f"/households/{household.pk}/members").content.decode()

    assert "046080000123" not in masked
    assert "046080000123" in full
    assert AuditEvent.objects.filter(action="personal_id.view").count() == before + 1
