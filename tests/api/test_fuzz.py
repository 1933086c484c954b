"""API fuzzing: every operation of /api/v1/openapi.json never answers 5xx, as a commune officer with data,
as the province's officer and as a scoped service token of that commune.

Schemathesis generates valid and invalid requests from the published schema and calls the Django app
through WSGI (no network); each response must be no server error, have a documented status code and
content type, and conform to the documented schema. Path ids are sometimes replaced with the ids of
real rows of the officer's commune, so the services behind the routes are reached too. The operations
are enumerated from the schema, so operations added later are fuzzed without touching this file; the run
is bounded by the examples per operation (EXAMPLES, SERVICE_EXAMPLES).
"""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from giamngheo.accounts.roles import Role
from giamngheo.accounts.services import api_token_create
from giamngheo.activities.services.oversight import inspection_create, recommendation_add
from giamngheo.api.scopes import Scope
from giamngheo.api.tokens import service_token_create
from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring.models import Report
from giamngheo.monitoring.services import round_open
from giamngheo.programs.catalogue import indicator_catalogue_load
from giamngheo.registry.surveys import survey_submit
from giamngheo.reviews.models import Objection, ReviewCase
from giamngheo.reviews.services import cases_list, review_request_record
from tests.fixtures.people import make_user
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT, REFERENCE

pytestmark = pytest.mark.django_db

EXAMPLES = 30
SERVICE_EXAMPLES = 12  # the province user's and the service token's runs: fewer examples, same operations
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def wsgi_app():
    """The project's WSGI app, keeping the test's database connection open as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def review_ids(officer_a, household, commune_a, village_a, campaign, province_officer, hue):
    """A case of the officer's commune (the household asked to be reviewed), a request and a report."""
    request = review_request_record(
        actor=officer_a, household=household, form="01", received_on=dt.date(2026, 9, 5)
    )
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    case = ReviewCase.objects.get(household=household)
    objection = Objection.objects.create(
        case=case, lodged_by="Hồ Thị Ba", lodged_on=dt.date(2026, 10, 1), content="X", recorded_by=officer_a
    )
    indicator_catalogue_load()
    reporting_round = round_open(
        actor=province_officer,
        province=hue,
        period=period_get_or_create(year=2026, kind="half_year", number=1),
        commune_due=dt.date(2026, 6, 20),
        province_due=dt.date(2026, 6, 25),
    )
    return {
        "campaign_id": campaign.pk,
        "village_id": village_a.pk,
        "review_case_id": case.pk,
        "objection_id": objection.pk,
        "review_request_id": request.pk,
        "reporting_round_id": reporting_round.pk,
        "report_id": Report.objects.get(round=reporting_round, unit=commune_a).pk,
    }


@pytest.fixture
def real_ids(officer_a, household, commune_a, review_ids, road, goat_model):
    survey, assessment = survey_submit(
        actor=officer_a,
        household=household,
        reference_date=REFERENCE,
        household_values=dict(COMFORTABLE_HOUSEHOLD),
        member_values={member.pk: dict(HEALTHY_ADULT) for member in household.members.all()},
        version=household.version,
    )
    return {
        "household_id": household.pk,
        "member_id": household.members.order_by("pk").first().pk,
        "round_id": survey.pk,
        "assessment_id": assessment.pk,
        "unit_id": commune_a.pk,
        "plan_id": 1,
        "commune_id": commune_a.pk,
        # Support rows need a poor household; the support API's own tests reach the services behind them.
        "support_plan_id": 1,
        "list_id": 1,
        "entry_id": 1,
        "record_id": 1,
        "case_id": 1,
        "vacancy_id": 1,  # the jobs API's own tests reach the vacancies and referrals behind it
        **_activity_ids(officer_a, commune_a),
        **review_ids,
        "work_id": road.pk,
        "model_id": goat_model.pk,
    }


def _activity_ids(officer, commune) -> dict[str, int]:
    """A real inspection of the officer's commune with a recommendation, so its detail is checked too."""
    province = make_user("tinh_fuzz", Role.PROVINCE_OFFICER, commune.province)
    inspection = inspection_create(
        actor=province, unit=commune, kind="ad_hoc", method="supervision", title="Giám sát", body="HĐND xã",
        starts_on=REFERENCE, ends_on=REFERENCE,
    )  # fmt: skip
    recommendation = recommendation_add(
        actor=province, inspection=inspection, content="Bổ sung", due_on=REFERENCE
    )
    return {"inspection_id": inspection.pk, "recommendation_id": recommendation.pk}


def _fuzz(headers: dict[str, str], real_ids: dict[str, int], wsgi_app, examples: int) -> int:
    """Fuzz every operation of the published schema with these headers; returns how many were fuzzed."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
        )

        @given(case=cases, real=st.booleans())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case, real):
            if real and case.path_parameters:
                case.path_parameters = {
                    name: real_ids.get(name, 1) for name in case.path_parameters
                }  # an id name added later without a real row: 1
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS, headers=headers)

        run()
    return len(operations)


def test_no_operation_answers_a_server_error_or_outside_its_schema(officer_a, real_ids, wsgi_app):
    _token, raw = api_token_create(actor=officer_a, user=officer_a, name="fuzz")
    assert _fuzz({"Authorization": f"Bearer {raw}"}, real_ids, wsgi_app, EXAMPLES) >= 15


def test_a_province_user_gets_no_server_error_either(province_officer, real_ids, wsgi_app):
    """The province's view of the same rows: wider lists, the province's own write rules."""
    _token, raw = api_token_create(actor=province_officer, user=province_officer, name="fuzz")
    assert _fuzz({"Authorization": f"Bearer {raw}"}, real_ids, wsgi_app, SERVICE_EXAMPLES) >= 15


def test_a_scoped_service_token_gets_no_server_error_either(province_officer, commune_a, real_ids, wsgi_app):
    """Every scope but one write scope: the operations of that scope answer the documented 403."""
    _token, raw = service_token_create(
        actor=province_officer,
        name="fuzz",
        scopes=[scope for scope in Scope.values if scope != Scope.HOUSEHOLDS_WRITE],
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        unit=commune_a,
    )
    assert _fuzz({"Authorization": f"Bearer {raw}"}, real_ids, wsgi_app, SERVICE_EXAMPLES) >= 15
