"""Pages of the annual run: a province officer queues it and reads its figures; nobody else reaches them."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.accounts.roles import Role
from giamngheo.core.models import AuditEvent
from giamngheo.registry.models import AnnualRun, Assessment, Household
from giamngheo.registry.services import household_register
from giamngheo.registry.surveys import survey_submit
from tests.fixtures.people import client_for, make_user
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT

pytestmark = pytest.mark.django_db

RUN_ON = dt.date(2026, 12, 1)


@pytest.fixture
def surveyed(officer_a, commune_a):
    household = household_register(
        actor=officer_a,
        commune=commune_a,
        village=None,
        head={"full_name": "Hồ Văn Tâm", "sex": "male", "birth_year": 1980},
    )
    household.refresh_from_db()
    survey_submit(
        actor=officer_a,
        household=household,
        reference_date=dt.date(2025, 10, 1),
        household_values=dict(COMFORTABLE_HOUSEHOLD, income_per_capita=1_200_000),
        member_values={household.members.get().pk: dict(HEALTHY_ADULT)},
        version=household.version,
    )
    return household


def _post(client, unit, **extra):
    return client.post(
        "/ho/phan-loai-lai/",
        {
            "province": unit.pk,
            "standard": "2022-2025",
            "reference_date": RUN_ON.strftime("%d/%m/%Y"),
            **extra,
        },
    )


def test_a_province_officer_queues_a_run_and_follows_it_to_its_figures(
    surveyed, province_officer, hue, django_capture_on_commit_callbacks
):
    client = client_for(province_officer)
    assert b'data-testid="annual-runs-link"' in client.get("/ho/").content
    page = client.get("/ho/phan-loai-lai/")
    assert page.status_code == 200
    assert b'data-testid="annual-form"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, hue)
    run = AnnualRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ho/phan-loai-lai/{run.pk}/"
    run.refresh_from_db()
    assert (run.status, run.assessed, run.requested_by) == ("done", 1, province_officer)
    assert AuditEvent.objects.filter(action="annual_run.queue", object_id=str(run.pk)).exists()
    assert AuditEvent.objects.filter(action="annual_run.finish", object_id=str(run.pk)).exists()
    surveyed.refresh_from_db()
    assert surveyed.latest_assessment.reference_date == RUN_ON
    assert surveyed.latest_assessment.assessed_by == province_officer
    detail = client.get(f"/ho/phan-loai-lai/{run.pk}/")
    assert detail.status_code == 200
    assert b'data-testid="annual-communes"' in detail.content
    assert b'data-testid="annual-assessed">1<' in detail.content
    assert "Xã A Lưới 1" in detail.content.decode()


def test_a_running_run_polls_and_shows_its_progress(province_officer, hue):
    run = AnnualRun.objects.create(
        province=hue,
        standard="2022-2025",
        reference_date=RUN_ON,
        status="running",
        progress_total=200,
        progress_done=50,
    )
    response = client_for(province_officer).get(f"/ho/phan-loai-lai/{run.pk}/", HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert 'hx-trigger="every 2s"' in content
    assert 'aria-valuenow="25"' in content


def test_a_commune_officer_neither_runs_nor_reads_a_province_run(surveyed, officer_a, hue):
    client = client_for(officer_a)
    assert b'data-testid="annual-runs-link"' not in client.get("/ho/").content
    run = AnnualRun.objects.create(province=hue, standard="2022-2025", reference_date=RUN_ON, status="done")
    assert client.get(f"/ho/phan-loai-lai/{run.pk}/").status_code == 404
    page = client.get("/ho/phan-loai-lai/")
    assert b'data-testid="annual-form"' not in page.content
    assessments = Assessment.objects.count()
    response = _post(client, hue)
    assert response.status_code == 200  # Huế is not a choice of a commune officer's form
    assert AnnualRun.objects.count() == 1
    assert Assessment.objects.count() == assessments


def test_another_provinces_officer_cannot_run_or_read_this_province(surveyed, son_la, hue):
    outsider = make_user("tinh_sonla", Role.PROVINCE_OFFICER, son_la)
    client = client_for(outsider)
    run = AnnualRun.objects.create(province=hue, standard="2022-2025", reference_date=RUN_ON, status="done")
    assert client.get(f"/ho/phan-loai-lai/{run.pk}/").status_code == 404
    response = _post(client, hue)
    assert response.status_code == 200
    assert "province" in response.context["form"].errors
    assert AnnualRun.objects.count() == 1
    assert Household.objects.get(pk=surveyed.pk).latest_assessment.reference_date != RUN_ON


def test_a_second_request_while_one_runs_is_refused_with_a_message(province_officer, hue):
    AnnualRun.objects.create(province=hue, standard="2022-2025", reference_date=RUN_ON, status="queued")
    response = _post(client_for(province_officer), hue)
    assert response.status_code == 400
    assert "đang có một lần phân loại lại" in response.content.decode()
    assert AnnualRun.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"), [("reference_date", "31/02/2026"), ("standard", "1999-2000"), ("province", "x")]
)
def test_hostile_form_values_are_refused(province_officer, hue, field, value):
    response = _post(client_for(province_officer), hue, **{field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not AnnualRun.objects.exists()
