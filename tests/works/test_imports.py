"""Works and participants imports: preview writes nothing, errors name file/row/column, all or nothing,
idempotent, the export reads back in; hostile files are refused whole."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.works.imports import participants_import, works_import
from giamngheo.works.models import Participant, Work, WorkCapital
from tests.fixtures.people import client_for
from tests.fixtures.works import TODAY

pytestmark = pytest.mark.django_db

WORKS_HEADER = (
    "Tên công trình,Loại công trình,Mã xã,Ngày khởi công,Vĩ độ,Kinh độ,"
    "Vốn ngân sách trung ương (triệu đồng)\n"
)


def write(tmp_path, name: str, header: str, *rows: str):
    path = tmp_path / name
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_works_preview_apply_and_again_adds_nothing(tmp_path, province_officer, commune_a, commune_b):
    path = write(
        tmp_path,
        "cong-trinh.csv",
        WORKS_HEADER,
        f'Đường thôn 2,Đường giao thông,{commune_a.code},01/03/2026,16.2,107.3,"1.500,5"',
        f"Cầu tràn,bridge,{commune_b.code},,,,",
    )
    preview = works_import(actor=province_officer, path=path, file_name="cong-trinh.csv", apply=False)
    assert (len(preview.new), preview.unchanged, preview.errors) == (2, 0, [])
    assert Work.objects.count() == 0
    works_import(actor=province_officer, path=path, file_name="cong-trinh.csv", apply=True)
    road = Work.objects.get(name="Đường thôn 2")
    assert (road.kind, road.started_on, road.latitude) == ("road", dt.date(2026, 3, 1), Decimal("16.2"))
    assert WorkCapital.objects.get(work=road).amount == Decimal("1500.5")
    again = works_import(actor=province_officer, path=path, file_name="cong-trinh.csv", apply=True)
    assert (len(again.new), again.unchanged, Work.objects.count()) == (0, 2, 2)


def test_the_works_export_imports_back_unchanged(tmp_path, province_officer, road):
    client = client_for(province_officer)
    response = client.get(reverse("works:works_export"), {"format": "csv"})
    path = tmp_path / "xuat.csv"
    path.write_bytes(b"".join(response.streaming_content))
    result = works_import(actor=province_officer, path=path, file_name="xuat.csv", apply=False)
    assert (len(result.new), result.unchanged, result.errors) == (0, 1, [])
    xlsx = client.get(reverse("works:works_export"))
    path = tmp_path / "xuat.xlsx"
    path.write_bytes(b"".join(xlsx.streaming_content))
    assert works_import(actor=province_officer, path=path, file_name="xuat.xlsx", apply=False).unchanged == 1


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("Cầu,spaceport,{a},,,,", "Loại công trình", "danh mục"),
        ("Cầu,bridge,99999,,,,", "Mã xã", "địa bàn"),
        ("Cầu,bridge,{b},,,,", "Mã xã", "địa bàn"),  # another commune's code: outside officer A's area
        ("Cầu,bridge,{a},31/02/2026,,,", "Ngày khởi công", "ngày"),
        ("Cầu,bridge,{a},,16.2,,", "Vĩ độ", "kinh độ"),
        ("Cầu,bridge,{a},,95,107,", "Vĩ độ", "90"),
        ("Cầu,bridge,{a},,,,-5", "Vốn ngân sách trung ương (triệu đồng)", "âm"),
        ("Cầu,bridge,{a},,,,1e400", "Vốn ngân sách trung ương (triệu đồng)", ""),
        ('=HYPERLINK("x"),bridge,{a},,,,0.0001', "Vốn ngân sách trung ương (triệu đồng)", "số"),
    ],
)
def test_a_bad_row_refuses_the_whole_file_naming_row_and_column(
    tmp_path, officer_a, commune_a, commune_b, row, column, message
):
    good = f"Đường tốt,road,{commune_a.code},,,,"
    path = write(tmp_path, "x.csv", WORKS_HEADER, good, row.format(a=commune_a.code, b=commune_b.code))
    with pytest.raises(AppError) as error:
        works_import(actor=officer_a, path=path, file_name="x.csv", apply=True)
    assert error.value.code == ErrorCode.WORKS_IMPORT_INVALID
    text = error.value.details["errors"]
    assert text.startswith("x.csv, dòng 3") and f"«{column}»" in text and message in text
    assert Work.objects.count() == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02 not a spreadsheet", b"PK\x03\x04broken zip", "Tên,Loại\nA,B\n".encode()],
)
def test_unreadable_or_headerless_files_are_refused(tmp_path, officer_a, content):
    path = tmp_path / ("x.xlsx" if content.startswith(b"PK") else "x.csv")
    path.write_bytes(content)
    result = works_import(actor=officer_a, path=path, file_name=path.name, apply=False)
    assert result.errors and result.new == []


PARTICIPANTS_HEADER = "Mã hộ,Chủ hộ,Ngày tham gia,Ngày công,Tiền (đồng),Hiện vật\n"


def test_participants_import_all_or_nothing_and_idempotent(tmp_path, officer_a, goat_model, poor_household):
    code = poor_household.code
    bad = write(
        tmp_path,
        "ho.csv",
        PARTICIPANTS_HEADER,
        f"{code},Hồ Văn Tâm,15/03/2026,10,1.500.000,chuồng",
        "MAU.KHONG-CO,,15/03/2026,,,",
    )
    with pytest.raises(AppError) as error:
        participants_import(
            actor=officer_a, model=goat_model, path=bad, file_name="ho.csv", apply=True, today=TODAY
        )
    assert "dòng 3" in error.value.details["errors"] and "«Mã hộ»" in error.value.details["errors"]
    assert Participant.objects.count() == 0
    good = write(tmp_path, "ho.csv", PARTICIPANTS_HEADER, f"{code},Hồ Văn Tâm,15/03/2026,10,1.500.000,chuồng")
    participants_import(
        actor=officer_a, model=goat_model, path=good, file_name="ho.csv", apply=True, today=TODAY
    )
    joined = Participant.objects.get()
    assert (joined.status_at_joining, joined.labour_days, joined.money) == ("poor", Decimal("10"), 1_500_000)
    again = participants_import(
        actor=officer_a, model=goat_model, path=good, file_name="ho.csv", apply=True, today=TODAY
    )
    assert (len(again.new), again.unchanged, Participant.objects.count()) == (0, 1, 1)


def test_a_wrong_head_name_or_a_future_date_is_refused(tmp_path, officer_a, goat_model, poor_household):
    code = poor_household.code
    for row, column in (
        (f"{code},Người Khác,15/03/2026,,,", "Chủ hộ"),
        (f"{code},,15/03/2030,,,", "Ngày tham gia"),
    ):
        path = write(tmp_path, "ho.csv", PARTICIPANTS_HEADER, row)
        with pytest.raises(AppError) as error:
            participants_import(
                actor=officer_a, model=goat_model, path=path, file_name="ho.csv", apply=True, today=TODAY
            )
        assert f"«{column}»" in error.value.details["errors"]
    assert Participant.objects.count() == 0


def test_the_import_page_previews_then_applies(officer_a, commune_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(officer_a)
    upload = SimpleUploadedFile("ct.csv", (WORKS_HEADER + f"Đường mới,road,{commune_a.code},,,,\n").encode())
    page = client.post(reverse("works:works_import"), {"file": upload, "action": "preview"}).content.decode()
    assert "1 dòng mới, 0 dòng đã có." in page
    assert Work.objects.count() == 0
    response = client.post(reverse("works:works_import"), {"action": "apply"})
    assert response.status_code == 302
    assert Work.objects.get().name == "Đường mới"


def test_the_preview_errors_download_as_a_file(officer_a, commune_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(officer_a)
    upload = SimpleUploadedFile("ct.csv", (WORKS_HEADER + f"Đường,ufo,{commune_a.code},,,,\n").encode())
    page = client.post(reverse("works:works_import"), {"file": upload, "action": "preview"}).content.decode()
    assert "Tải tệp lỗi" in page
    response = client.get(reverse("works:works_import_errors"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[1].startswith('"ct.csv, dòng 2, cột «Loại công trình» «ufo»: ')
    assert Work.objects.count() == 0
