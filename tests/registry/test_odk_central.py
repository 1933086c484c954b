"""Pull from ODK Central: a recorded exchange replayed (no network) into the ordinary import."""

from __future__ import annotations

import json

import pytest

from giamngheo.areas.services import village_create
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.core.models import AuditEvent
from giamngheo.registry.imports import odk_central as central_module
from giamngheo.registry.imports.odk_central import configured_forms, odk_central_pull
from giamngheo.registry.imports.services import import_confirm
from giamngheo.registry.models import Household, ImportBatch, ImportStatus
from tests.fixtures.odk_central import SERVER, recorded
from tests.fixtures.people import client_for
from tests.fixtures.registry import REFERENCE

pytestmark = pytest.mark.django_db


@pytest.fixture
def village_v1(admin_user, commune_a):
    """The village whose code the recorded submissions name (V1)."""
    return village_create(actor=admin_user, commune=commune_a, name="Thôn Ka Vân", code="V1")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """The real transport is never used here: a test that forgot its recorded one fails loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError("a test tried to reach the network")

    monkeypatch.setattr(central_module, "urllib_transport", refuse)


def test_configured_forms_come_from_settings_only(odk_central, settings):
    assert configured_forms() == {"20056": central_module.CentralForm(3, "giamngheo_2022_2025_20056")}
    settings.ODK_CENTRAL_FORMS = "20056=x:form, =3:f, 20044=4:"
    assert configured_forms() == {}
    settings.ODK_CENTRAL_FORMS = "20056=3:f"
    settings.ODK_CENTRAL_URL = "http://odk.example.invalid"  # the password would travel in clear
    assert configured_forms() == {}
    settings.ODK_CENTRAL_URL = ""
    settings.ODK_CENTRAL_FORMS = "20056=3:f"
    assert configured_forms() == {}


def test_a_pull_logs_in_lists_downloads_logs_out_and_queues_the_import(
    odk_central, officer_a, commune_a, village_v1, django_capture_on_commit_callbacks
):
    transport = recorded()

    with django_capture_on_commit_callbacks(execute=True):
        batch = odk_central_pull(
            actor=officer_a, commune=commune_a, reference_date=REFERENCE, transport=transport
        )

    assert [method for method, *_rest in transport.calls] == ["POST", "GET", "GET", "DELETE"]
    login = json.loads(transport.calls[0][3])
    assert login == {"email": "giamngheo@example.invalid", "password": "mat-khau-odk"}
    assert "Authorization" not in transport.calls[0][2]
    assert all(
        headers["Authorization"].startswith("Bearer lSpA") for _m, _u, headers, _b in transport.calls[1:]
    )
    assert all(url.startswith(SERVER) for _m, url, _h, _b in transport.calls)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.VALIDATED, batch.message
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(actor=officer_a, batch=batch)
    households = Household.objects.filter(code__startswith="H-CENTRAL").order_by("code")
    assert [(h.code, h.members.count(), h.village_id) for h in households] == [
        ("H-CENTRAL-1", 2, village_v1.pk),
        ("H-CENTRAL-2", 1, village_v1.pk),
    ]
    assert all(h.latest_category == "poor" for h in households)
    stored = " ".join(f"{e.before} {e.after} {e.object_repr}" for e in AuditEvent.objects.all())
    stored += " ".join(str(values) for values in ImportBatch.objects.values())
    assert "mat-khau-odk" not in stored and "lSpAIeks" not in stored


def test_a_refused_login_stops_before_any_download(odk_central, officer_a, commune_a):
    transport = recorded()
    transport.interactions[0] = {**transport.interactions[0], "status": 401, "json": {"code": 401.2}}

    with pytest.raises(AppError) as error:
        odk_central_pull(actor=officer_a, commune=commune_a, reference_date=REFERENCE, transport=transport)

    assert error.value.code == ErrorCode.ODK_CENTRAL_REFUSED
    assert len(transport.calls) == 1
    assert not ImportBatch.objects.exists()


def test_a_network_failure_during_the_download_is_a_message_and_the_session_is_closed(
    odk_central, officer_a, commune_a
):
    transport = recorded(fail_at=3)

    with pytest.raises(AppError) as error:
        odk_central_pull(actor=officer_a, commune=commune_a, reference_date=REFERENCE, transport=transport)

    assert error.value.code == ErrorCode.ODK_CENTRAL_UNAVAILABLE
    assert [method for method, *_rest in transport.calls] == ["POST", "GET", "GET", "DELETE"]
    assert not ImportBatch.objects.exists()


def test_an_unconfigured_commune_and_another_communes_officer_are_refused(
    odk_central, officer_a, officer_b, commune_a, commune_b
):
    with pytest.raises(AppError) as error:
        odk_central_pull(actor=officer_b, commune=commune_b, reference_date=REFERENCE, transport=recorded())
    assert error.value.code == ErrorCode.ODK_CENTRAL_NOT_CONFIGURED
    transport = recorded()
    with pytest.raises(PermissionDenied):
        odk_central_pull(actor=officer_b, commune=commune_a, reference_date=REFERENCE, transport=transport)
    assert transport.calls == []


def test_the_button_shows_for_configured_communes_and_pulls(
    odk_central, officer_a, officer_b, commune_a, village_v1, monkeypatch, django_capture_on_commit_callbacks
):
    transport = recorded()
    monkeypatch.setattr(central_module, "urllib_transport", transport)
    page = client_for(officer_a).get("/ho/phieu-odk/nhap/").content.decode()
    assert "Lấy bài từ ODK Central" in page
    assert "Lấy bài từ ODK Central" not in client_for(officer_b).get("/ho/phieu-odk/nhap/").content.decode()
    body = {"central-commune": commune_a.pk, "central-reference_date": REFERENCE.strftime("%d/%m/%Y")}

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_a).post("/ho/phieu-odk/lay-tu-odk-central/", body)

    assert response.status_code == 302 and "/ho/nhap/" in response["Location"]
    assert len(transport.calls) == 4
    refused = client_for(officer_b).post("/ho/phieu-odk/lay-tu-odk-central/", body)
    assert refused.status_code == 400
    assert ImportBatch.objects.count() == 1
