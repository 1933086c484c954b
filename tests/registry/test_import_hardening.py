"""Import hardening: dead jobs swept, apply all or nothing with its audit event, lost updates refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from giamngheo.core.errors import AppError
from giamngheo.core.models import AuditEvent
from giamngheo.registry.imports import apply as apply_module
from giamngheo.registry.imports import services as services_module
from giamngheo.registry.imports.services import import_apply, import_sweep, import_upload
from giamngheo.registry.models import (
    Assessment,
    Household,
    ImportBatch,
    ImportBatchHousehold,
    ImportStatus,
    Member,
    SurveyRound,
)
from giamngheo.registry.services import household_register
from tests.registry.conftest import REFERENCE
from tests.registry.test_import import confirm, household_row, member_rows, upload, workbook

pytestmark = pytest.mark.django_db

SWEPT = "Quá trình nhập bị gián đoạn, hãy tải lên lại."


def _counts() -> tuple[int, int, int, int]:
    return (
        Household.objects.count(),
        Member.objects.count(),
        SurveyRound.objects.count(),
        Assessment.objects.count(),
    )


def _actions(batch: ImportBatch) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="registry.importbatch", object_id=str(batch.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def _validated(officer, commune, capture, rows=None) -> ImportBatch:
    households, members = rows or ([household_row("H001")], member_rows("H001"))
    batch = upload(officer, commune, workbook(households, members), capture)
    assert batch.status == ImportStatus.VALIDATED, batch.message
    return batch


def test_sweep_fails_jobs_whose_heartbeat_stopped(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    # given a batch left «applying» by a dead worker and one whose job is alive
    dead = _validated(officer_a, commune_a, django_capture_on_commit_callbacks)
    alive = _validated(officer_a, commune_a, django_capture_on_commit_callbacks)
    long_ago = timezone.now() - dt.timedelta(hours=2)
    ImportBatch.objects.filter(pk=dead.pk).update(status=ImportStatus.APPLYING, heartbeat_at=long_ago)
    ImportBatch.objects.filter(pk=alive.pk).update(status=ImportStatus.APPLYING, heartbeat_at=timezone.now())
    # when the sweep runs (as the management command)
    call_command("import_sweep", stdout=None)
    # then only the dead one failed, with the message to upload again
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, dead.message) == (ImportStatus.FAILED, SWEPT)
    assert (alive.status, alive.message) == (ImportStatus.APPLYING, "")


def test_a_job_started_after_the_sweep_does_nothing(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    # given a confirmed batch whose queue waited longer than the threshold and was swept
    batch = _validated(officer_a, commune_a, django_capture_on_commit_callbacks)
    long_ago = timezone.now() - dt.timedelta(hours=2)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.APPLYING, heartbeat_at=long_ago)
    assert import_sweep() == 1
    # when its apply task finally runs
    result = import_apply(batch.pk)
    # then nothing is written and the batch stays failed
    assert (result.status, result.message) == (ImportStatus.FAILED, SWEPT)
    assert _counts() == (0, 0, 0, 0)
    assert "import.apply" not in _actions(batch)


def test_sweep_on_the_batch_page_shows_a_dead_job_as_failed(
    client, officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    # given a batch «validating» with an old heartbeat
    batch = _validated(officer_a, commune_a, django_capture_on_commit_callbacks)
    long_ago = timezone.now() - dt.timedelta(hours=2)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.VALIDATING, heartbeat_at=long_ago)
    client.force_login(officer_a)
    # when its page is opened
    response = client.get(reverse("registry:import_batch", args=[batch.pk]))
    # then it shows failed with the message
    assert response.status_code == 200
    assert 'data-status="failed"' in response.text and SWEPT in response.text


def test_an_exception_mid_apply_writes_nothing_and_fails_the_batch(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks, monkeypatch
):
    # given a validated file, and a database that fails after the households and members are inserted
    batch = _validated(officer_a, commune_a, django_capture_on_commit_callbacks)
    real_insert = apply_module.insert_rows

    def failing_insert(model, frame):
        if model is SurveyRound:
            raise RuntimeError("disk full")
        real_insert(model, frame)

    monkeypatch.setattr(apply_module, "insert_rows", failing_insert)
    # when it is confirmed and applied
    batch = confirm(officer_a, batch, django_capture_on_commit_callbacks)
    # then nothing was written, the batch failed, and the audit log has the confirmation but no apply
    assert (batch.status, batch.message) == (
        ImportStatus.FAILED,
        "Lỗi hệ thống khi nhập; không có gì được ghi.",
    )
    assert batch.heartbeat_at is None
    assert _counts() == (0, 0, 0, 0)
    assert _actions(batch) == ["import.upload", "import.confirm"]


def test_the_audit_event_is_written_with_the_data(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks, monkeypatch
):
    # given a validated file, and an audit log that fails when the apply is recorded
    batch = _validated(officer_a, commune_a, django_capture_on_commit_callbacks)
    real_record = services_module.audit_record

    def failing_record(*, action, **kwargs):
        if action == "import.apply":
            raise RuntimeError("audit log unavailable")
        return real_record(action=action, **kwargs)

    monkeypatch.setattr(services_module, "audit_record", failing_record)
    # when it is applied
    batch = confirm(officer_a, batch, django_capture_on_commit_callbacks)
    # then the data went away with the audit event: one transaction
    assert (batch.status, batch.applied_at) == (ImportStatus.FAILED, None)
    assert _counts() == (0, 0, 0, 0)


def test_an_applied_import_has_its_status_and_audit_event(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    # given a validated file
    batch = _validated(officer_a, commune_a, django_capture_on_commit_callbacks)
    # when it is applied
    batch = confirm(officer_a, batch, django_capture_on_commit_callbacks)
    # then the status, the data and the audit event are all there
    assert (batch.status, batch.heartbeat_at) == (ImportStatus.APPLIED, None)
    assert _counts() == (1, 2, 1, 1)
    assert _actions(batch) == ["import.upload", "import.confirm", "import.apply"]


def test_a_household_edited_after_upload_stops_the_import(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    # given H001 in the registry, and a checked file that changes it and adds H002
    confirm(
        officer_a,
        _validated(officer_a, commune_a, django_capture_on_commit_callbacks),
        django_capture_on_commit_callbacks,
    )
    rows = (
        [household_row("H001", income=6_000_000), household_row("H002")],
        member_rows("H001") + member_rows("H002", personal_id=""),
    )
    batch = _validated(officer_a, commune_a, django_capture_on_commit_callbacks, rows)
    household = Household.objects.get(code="H001")
    assert list(ImportBatchHousehold.objects.filter(batch=batch).values_list("household_id", "version")) == [
        (household.pk, household.version)
    ]
    # when someone edits H001 before the file is confirmed
    Household.objects.filter(pk=household.pk).update(version=F("version") + 1, address="Sửa tay")
    before = _counts()
    batch = confirm(officer_a, batch, django_capture_on_commit_callbacks)
    # then nothing is imported and the message names the household
    assert batch.status == ImportStatus.INVALID
    assert batch.message.startswith(
        "Không nhập gì: 1 hộ trong tệp đã được sửa trong sổ hộ sau khi tải tệp lên"
    )
    assert "Hộ H001: đã được sửa lúc " in batch.message
    assert _counts() == before
    assert Household.objects.get(pk=household.pk).address == "Sửa tay"
    assert not Household.objects.filter(code="H002").exists()


def test_a_household_registered_after_upload_stops_the_import(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    # given a checked file with a new household H001
    batch = _validated(officer_a, commune_a, django_capture_on_commit_callbacks)
    # when someone registers H001 by hand before the file is confirmed
    other = household_register(
        actor=officer_a,
        commune=commune_a,
        village=village_a,
        address="",
        head={"full_name": "Người Khác", "sex": "male", "birth_year": 1970},
        registered_on=REFERENCE,
    )
    Household.objects.filter(pk=other.pk).update(code="H001")  # as another import would have numbered it
    before = _counts()
    batch = confirm(officer_a, batch, django_capture_on_commit_callbacks)
    # then the file is refused and the household keeps its data
    assert batch.status == ImportStatus.INVALID
    assert "Hộ H001: được tạo lúc " in batch.message
    assert _counts() == before
    assert Household.objects.get(code="H001").head_name == "Người Khác"


def test_a_file_above_the_upload_limit_is_refused_at_upload(officer_a, commune_a, village_a, settings):
    # given an upload limit of 1 KB and a 6 KB workbook
    settings.IMPORT_LIMITS = {**settings.IMPORT_LIMITS, "upload_bytes": 1024}
    file = workbook([household_row("H001")], member_rows("H001"))
    # when it is uploaded
    with pytest.raises(AppError) as refused:
        import_upload(actor=officer_a, scope=commune_a, upload=file, reference_date=REFERENCE)
    # then it is refused, naming the file and the limit, and nothing is stored
    assert refused.value.message.startswith("Tệp danh-sach.xlsx có ")
    assert refused.value.message.endswith(" MB, vượt giới hạn 1 MB; hãy chia nhỏ tệp theo xã.")
    assert not ImportBatch.objects.exists()


def test_the_upload_page_states_the_limits(client, officer_a, settings):
    # given limits of 20 MB, 100,000 rows and 40 columns
    settings.IMPORT_LIMITS = {
        **settings.IMPORT_LIMITS,
        "upload_bytes": 20 * 1024 * 1024,
        "rows": 100_000,
        "columns": 40,
    }
    client.force_login(officer_a)
    # when the upload page is opened
    response = client.get(reverse("registry:import"))
    # then its help text states them
    assert response.status_code == 200
    assert "mỗi tệp tối đa 20 MB; mỗi trang tính (hoặc tệp CSV) tối đa 100.000 dòng dữ liệu và 40 cột" in (
        response.text
    )
