"""Imports of communication events and course attendees: hostile files refused whole, errors named by file,
row and column in Vietnamese, preview writes nothing, the same file twice adds nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from giamngheo.activities.imports import attendee_import, communication_import
from giamngheo.activities.models import Attendance, CommunicationItem
from giamngheo.activities.services.training import officer_course_create, officer_create
from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from tests.fixtures.activities import TODAY
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db

HEADER = ["Loại", "Tên", "Ngày", "Kinh phí địa phương", "Số người được tiếp cận", "Số người nghèo"]


def xlsx(rows, header=HEADER) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet()
    for index, row in enumerate([header, *rows]):
        sheet.write_row(index, 0, row)
    book.close()
    return buffer.getvalue()


def write(tmp_path, content: bytes, name="truyen-thong.xlsx"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


GOOD = [
    ["Hội nghị, hội thảo", '=HYPERLINK("http://x")', "02/04/2026", "1,5", "120", "60"],
    ["leaflet", "Tờ rơi chính sách", "2026-03-01", "", "1.200", "300"],
]


def test_a_good_file_is_previewed_then_applied_once(officer_a, commune_a, tmp_path):
    path = write(tmp_path, xlsx(GOOD))
    run = {
        "actor": officer_a,
        "unit": commune_a,
        "path": path,
        "file_name": "truyen-thong.xlsx",
        "today": TODAY,
    }
    preview = communication_import(**run, apply=False)
    assert (len(preview.new), preview.errors) == (2, [])
    assert CommunicationItem.objects.count() == 0
    communication_import(**run, apply=True)
    assert sorted(CommunicationItem.objects.values_list("title", "reach")) == [
        ("=HYPERLINK(\"http://x\")", 120), ("Tờ rơi chính sách", 1200),
    ]  # fmt: skip
    again = communication_import(**run, apply=True)
    assert (len(again.new), again.unchanged) == (0, 2)
    assert CommunicationItem.objects.count() == 2


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (["Pháo hoa", "X", "02/04/2026", "", "1", "0"], "Loại"),
        (["leaflet", "X", "31/02/2026", "", "1", "0"], "Ngày"),
        (["leaflet", "X", "01/01/2099", "", "1", "0"], "Ngày"),
        (["leaflet", "", "01/01/2026", "", "1", "0"], "Tên"),
        (["leaflet", "X", "01/01/2026", "-5", "1", "0"], "Kinh phí địa phương"),
        (["leaflet", "X", "01/01/2026", "", "10", "11"], "Số người nghèo"),
        (["leaflet", "X", "01/01/2026", "", "1,5", "0"], "Số người được tiếp cận"),
        (["leaflet", "X" * 300, "01/01/2026", "", "1", "0"], "Tên"),
    ],
)
def test_a_bad_row_refuses_the_whole_file_naming_row_and_column(officer_a, commune_a, tmp_path, row, column):
    path = write(tmp_path, xlsx([GOOD[1], row]))
    run = {"actor": officer_a, "unit": commune_a, "path": path, "file_name": "tt.xlsx", "today": TODAY}
    preview = communication_import(**run, apply=False)
    assert len(preview.errors) == 1
    assert preview.errors[0].startswith(f"tt.xlsx, dòng 3, cột «{column}»")
    with pytest.raises(AppError) as error:
        communication_import(**run, apply=True)
    assert error.value.code == ErrorCode.ACTIVITIES_IMPORT_INVALID
    assert CommunicationItem.objects.count() == 0


def test_unreadable_or_headless_files_are_named(officer_a, commune_a, tmp_path):
    garbage = write(tmp_path, b"PK\x03\x04 not a workbook", "hong.xlsx")
    result = communication_import(
        actor=officer_a, unit=commune_a, path=garbage, file_name="hong.xlsx", apply=False, today=TODAY
    )
    assert result.errors[0].startswith("hong.xlsx: không đọc được tệp")
    headless = write(tmp_path, xlsx([["a", "b"]], header=["Tên", "Cột lạ"]), "thieu.xlsx")
    result = communication_import(
        actor=officer_a, unit=commune_a, path=headless, file_name="thieu.xlsx", apply=False, today=TODAY
    )
    assert any("«Loại»" in error and "thiếu cột bắt buộc" in error for error in result.errors)


def test_another_communes_officer_cannot_import_here(officer_b, commune_a, tmp_path):
    with pytest.raises(PermissionDenied):
        communication_import(
            actor=officer_b, unit=commune_a, path=write(tmp_path, xlsx(GOOD)), file_name="x.xlsx",
            apply=False, today=TODAY,
        )  # fmt: skip


def test_the_page_previews_and_applies(officer_a, commune_a):
    client = client_for(officer_a)
    url = reverse("activities:communication_import")
    upload = SimpleUploadedFile("tt.xlsx", xlsx(GOOD))
    page = client.post(url, {"unit": commune_a.pk, "file": upload, "action": "preview"})
    assert len(page.context["preview"].new) == 2
    assert CommunicationItem.objects.count() == 0
    client.post(url, {"action": "apply"})
    assert CommunicationItem.objects.filter(commune=commune_a).count() == 2


def test_attendees_match_the_register_and_reimport_changes_nothing(
    province_officer, commune_a, commune_b, hue, tmp_path
):
    course = officer_course_create(
        actor=province_officer, unit=hue, title="Tập huấn", starts_on=dt.date(2026, 5, 1),
        ends_on=dt.date(2026, 5, 2), organiser="Sở", level="province",
    )  # fmt: skip
    officer_create(actor=province_officer, unit=commune_a, full_name="Hồ Thị Lan")
    officer_create(actor=province_officer, unit=commune_b, full_name="Hồ Thị Lan")
    header = ["Họ và tên", "Mã xã", "Có tham dự", "Hoàn thành"]
    rows = [["HỒ THỊ LAN", commune_a.code, "x", "có"], ["Hồ Thị Lan", commune_b.code, "có", ""]]
    run = {"actor": province_officer, "course": course, "file_name": "hv.xlsx"}
    path = write(tmp_path, xlsx(rows, header), "hv.xlsx")
    attendee_import(**run, path=path, apply=True)
    assert sorted(Attendance.objects.values_list("officer__commune__code", "completed")) == sorted(
        [(commune_a.code, True), (commune_b.code, False)]
    )
    again = attendee_import(**run, path=path, apply=True)
    assert (len(again.new), len(again.changed), again.unchanged) == (0, 0, 2)
    unknown = write(tmp_path, xlsx([["Người Lạ", commune_a.code, "x", ""]], header), "la.xlsx")
    result = attendee_import(**run, path=unknown, apply=False)
    assert result.errors == [
        "hv.xlsx, dòng 2, cột «Họ và tên» «Người Lạ»: không có cán bộ này trong danh sách cán bộ giảm nghèo"
        " của đơn vị"
    ]
