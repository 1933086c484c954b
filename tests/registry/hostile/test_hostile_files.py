"""Hostile uploads: each is refused (or accepted where harmless) with a message naming the file, quickly,
by the task run in-process as the worker runs it, and nothing is written; a child killed by its memory
limit leaves the parent working."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from giamngheo.registry.imports.guard import ImportLimits, number
from giamngheo.registry.imports.isolation import ReadFailed, read_isolated
from giamngheo.registry.imports.services import import_upload
from giamngheo.registry.models import Household, ImportBatch, ImportBatchHousehold, ImportStatus, Member
from tests.fixtures.registry import REFERENCE
from tests.registry.hostile import builder

pytestmark = pytest.mark.django_db

LIMITS = ImportLimits.from_settings()
TOO_MANY_ROWS = f"có 1.048.576 dòng, vượt giới hạn {number(LIMITS.rows)} dòng"
REFUSED: list[tuple[Callable[[Path], object], str]] = [
    (builder.dimension_bomb, f"Tệp kich-thuoc-gia.xlsx, trang tính «Hộ gia đình» {TOO_MANY_ROWS}"),
    (builder.million_rows_declared, f"Tệp trieu-dong.xlsx, trang tính «Hộ gia đình» {TOO_MANY_ROWS}"),
    (
        builder.zip_bomb,
        "Tệp bom-nen.xlsx bị nén bất thường (phần xl/worksheets/sheet1.xml giải nén ra 200 MB)",
    ),
    (builder.not_a_zip, "Tệp khong-phai-excel.xlsx không phải tệp Excel (.xlsx) hợp lệ"),
    (builder.ole_renamed, "Tệp excel-cu.xlsx là tệp Excel cũ (.xls) hoặc đã đặt mật khẩu"),
    (builder.empty_workbook, "trong.xlsx: không có trang tính «Thành viên»"),
    (builder.without_code_column, "Tệp thieu-ma-ho.xlsx › Hộ gia đình không có cột «Mã hộ»"),
    (builder.csv_with_nul, "Tệp ho-nul.csv có ký tự rỗng (NUL) ở dòng 2"),
    (builder.csv_utf16, "Tệp ho-utf16.csv được lưu bằng mã UTF-16"),
    (
        builder.formula_cell,
        "cong-thuc.xlsx › Hộ gia đình, dòng 2, cột «Thu nhập bình quân (đồng/người/tháng)»",
    ),
    (builder.merged_header, "gop-o.xlsx › Hộ gia đình, dòng 1, cột «column_2»"),
]


def _upload(built: object, actor, scope, capture) -> ImportBatch:
    """Upload like the page does; the immediate task backend runs the check in this process, as the worker."""
    households, members = built if isinstance(built, tuple) else (built, None)
    assert isinstance(households, Path)
    with capture(execute=True):
        batch = import_upload(
            actor=actor,
            scope=scope,
            upload=SimpleUploadedFile(households.name, households.read_bytes()),
            members_upload=SimpleUploadedFile(members.name, members.read_bytes()) if members else None,
            reference_date=REFERENCE,
        )
    batch.refresh_from_db()
    return batch


def _nothing_written() -> bool:
    return not (
        Household.objects.exists() or Member.objects.exists() or ImportBatchHousehold.objects.exists()
    )


@pytest.mark.parametrize(("build", "message"), REFUSED, ids=[build.__name__ for build, _ in REFUSED])
def test_hostile_file_is_refused_with_a_message_naming_it(
    build, message, officer_a, commune_a, village_a, tmp_path, django_capture_on_commit_callbacks
):
    # given a hostile file
    built = build(tmp_path)
    started = time.monotonic()
    # when it is uploaded and checked by the task
    batch = _upload(built, officer_a, commune_a, django_capture_on_commit_callbacks)
    # then it is refused, the message names the file (and the row and column where relevant)
    assert time.monotonic() - started < 60
    assert batch.status == ImportStatus.INVALID
    assert message in batch.message, batch.message
    assert batch.error_count >= 1 and batch.heartbeat_at is None
    assert _nothing_written()


def test_a_huge_cell_is_harmless(
    officer_a, commune_a, village_a, tmp_path, django_capture_on_commit_callbacks
):
    # given an address of 32,767 characters, the most one Excel cell holds
    path = builder.huge_cell(tmp_path)
    # when the file is checked
    batch = _upload(path, officer_a, commune_a, django_capture_on_commit_callbacks)
    # then it is accepted, or refused at that cell, never a crash; nothing is written before confirmation
    assert batch.status in (ImportStatus.VALIDATED, ImportStatus.INVALID)
    if batch.status == ImportStatus.INVALID:
        assert "o-rat-dai.xlsx › Hộ gia đình, dòng 2, cột «Địa chỉ»" in batch.message
    assert not Household.objects.exists()


def test_a_read_killed_by_the_memory_limit_fails_the_batch_and_the_worker_goes_on(
    officer_a, commune_a, village_a, tmp_path, settings, django_capture_on_commit_callbacks
):
    # given a sheet of 200 MB of rows the guard lets through (ratio limit raised) and 512 MB to read it
    settings.IMPORT_LIMITS = {**settings.IMPORT_LIMITS, "compression_ratio": 1_000_000}
    settings.IMPORT_LIMITS["read_memory_bytes"] = 512 * 1024 * 1024
    path = builder.zip_bomb(tmp_path)
    # when it is checked
    batch = _upload(path, officer_a, commune_a, django_capture_on_commit_callbacks)
    # then the batch failed with the reason, and the next file is read normally by the same process
    assert batch.status == ImportStatus.FAILED
    assert batch.message.startswith("Đọc tệp bom-nen.xlsx cần nhiều hơn 512 MB bộ nhớ")
    assert _nothing_written()
    good = tmp_path / "tot.xlsx"
    good.write_bytes(builder.good_workbook())
    after = _upload(good, officer_a, commune_a, django_capture_on_commit_callbacks)
    assert (after.status, after.households_new, after.members_total) == (ImportStatus.VALIDATED, 1, 2), (
        after.message
    )


def test_the_child_read_is_stopped_at_its_time_limit(tmp_path):
    # given a sheet of 200 MB of rows and one second to read it
    path = builder.zip_bomb(tmp_path)
    # when it is read in the child
    with pytest.raises(ReadFailed) as refused:
        read_isolated(path, None, "bom-nen.xlsx", memory_bytes=LIMITS.read_memory_bytes, seconds=1)
    # then the read is stopped with a message naming the file
    assert refused.value.message.startswith("Đọc tệp bom-nen.xlsx quá 1 giây nên đã dừng")


def test_the_child_read_returns_the_frames_and_errors(tmp_path):
    # given a good workbook
    path = tmp_path / "tot.xlsx"
    path.write_bytes(builder.good_workbook())
    # when it is read in the child
    raw = read_isolated(path, None, "tot.xlsx", memory_bytes=LIMITS.read_memory_bytes, seconds=60)
    # then the frames come back with Excel's row numbers and the sheet names
    assert (raw.households.height, raw.members.height) == (1, 2)
    assert raw.households.get_column("Mã hộ").to_list() == ["H001"]
    assert raw.members.get_column("_row").to_list() == [2, 3]
    assert (raw.households_name, raw.members_name, raw.errors) == (
        "tot.xlsx › Hộ gia đình",
        "tot.xlsx › Thành viên",
        (),
    )
