"""Submissions of the generated form from ODK Central (CSV zip) and KoboToolbox (xlsx) through the import."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from giamngheo.core.errors import AppError
from giamngheo.registry.imports.odk import odk_convert
from giamngheo.registry.imports.services import import_confirm, import_upload
from giamngheo.registry.models import Household, ImportStatus, SurveyRound
from tests.fixtures.registry import REFERENCE

ODK_META = ["SubmissionDate", "start", "end", "today", "village"]
ODK_TAIL = ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "ReviewState", "FormVersion"]
FACTS = {
    "income_per_capita": "1200000", "has_house": "true", "foundation_material": "brick_stone",
    "walls_material": "brick_stone", "roof_material": "tile", "floor_area_m2": "5",
    "water_source": "unprotected_dug_well", "latrine": "none", "internet_use": "true", "phone_use": "true",
    "has_television": "true", "has_smartphone": "true", "has_radio": "false", "has_computer": "false",
    "loudspeaker_access": "true",
}  # fmt: skip
MEMBER = {
    "full_name": "Hồ Văn Tâm", "personal_id": "", "birth_year": "1980", "sex": "male", "relation": "head",
    "ethnicity": "01", "employment": "self_employed", "working_capacity": "full", "disability": "none",
    "health_insurance": "true", "education": "lower_secondary", "in_school": "false",
    "nutrition": "not_measured", "social_allowance": "false", "ill_untreated": "false",
}  # fmt: skip


def _csv(header: list[str], rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def odk_central_zip(submissions: list[tuple[str, str, str, list[str]]]) -> bytes:
    """A recorded ODK Central «CSV (zip)» export: (key, submitted at, household code, member names)."""
    main_header = [*ODK_META, "household_code", *FACTS, *ODK_TAIL]
    member_header = ["member_no", *(f"members-{name}" for name in MEMBER), "PARENT_KEY", "KEY"]
    mains, members = [], []
    for key, when, code, names in submissions:
        mains.append({"SubmissionDate": when, "village": "V1", "household_code": code, **FACTS, "KEY": key,
                      "meta-instanceID": key, "ReviewState": "", "FormVersion": "202612011200"})  # fmt: skip
        for number, name in enumerate(names, start=1):
            member = {f"members-{field}": value for field, value in MEMBER.items()} | {
                "members-full_name": name
            }
            members.append(
                {"member_no": str(number), **member, "PARENT_KEY": key, "KEY": f"{key}/members[{number}]"}
            )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("giamngheo_2022_2025_19999.csv", _csv(main_header, mains))
        zipped.writestr("giamngheo_2022_2025_19999-members.csv", _csv(member_header, members))
    return archive.getvalue()


def test_the_latest_submission_of_a_household_counts_with_its_own_members():
    data = odk_central_zip(
        [
            ("uuid:1", "2026-11-02T08:00:00Z", "H-ODK", ["Cũ Một", "Cũ Hai"]),
            ("uuid:2", "2026-11-03T08:00:00Z", "H-ODK", ["Mới Một"]),
            ("uuid:3", "2026-11-02T09:00:00Z", "H-ODK2", ["Khác"]),
        ]
    )
    converted = odk_convert(data, "export.zip", {"V1": "Thôn Ka Vân"})
    assert (converted.submissions, converted.households) == (3, 2)
    households = list(csv.DictReader(io.StringIO(converted.households_csv.decode("utf-8-sig"))))
    members = list(csv.DictReader(io.StringIO(converted.members_csv.decode("utf-8-sig"))))
    assert [row["Mã hộ"] for row in households] == ["H-ODK", "H-ODK2"]
    assert households[0]["Thôn, tổ dân phố"] == "Thôn Ka Vân"
    assert [(row["Mã hộ"], row["Họ và tên"]) for row in members] == [("H-ODK", "Mới Một"), ("H-ODK2", "Khác")]


def test_a_kobo_xlsx_export_is_read_the_same_way():
    book = openpyxl.Workbook()
    main = book.active
    main.title = "giamngheo"
    main.append(["household_code", "village", *FACTS, "_index", "_submission_time"])
    main.append(["H-KOBO", "V1", *FACTS.values(), 1, "2026-11-02T08:00:00"])
    repeat = book.create_sheet("members")
    repeat.append(["members/member_no", *(f"members/{name}" for name in MEMBER), "_parent_index"])
    repeat.append([1, *MEMBER.values(), 1])
    buffer = io.BytesIO()
    book.save(buffer)
    converted = odk_convert(buffer.getvalue(), "kobo.xlsx")
    members = list(csv.DictReader(io.StringIO(converted.members_csv.decode("utf-8-sig"))))
    assert [(row["Mã hộ"], row["STT thành viên"], row["Họ và tên"]) for row in members] == [
        ("H-KOBO", "1", "Hồ Văn Tâm")
    ]


@pytest.mark.parametrize(
    ("name", "data"),
    [("phieu.csv", b"a,b\n"), ("phieu.zip", b"not a zip"), ("phieu.zip", b"PK\x05\x06" + b"\x00" * 18)],
)
def test_files_that_are_not_an_export_are_refused_in_vietnamese(name, data):
    with pytest.raises((AppError, zipfile.BadZipFile)) as error:
        odk_convert(data, name)
    if isinstance(error.value, AppError):
        assert "ODK" in error.value.message or "Chọn tệp" in error.value.message


@pytest.mark.django_db
def test_submissions_go_through_the_import_and_are_surveyed(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    converted = odk_convert(
        odk_central_zip([("uuid:9", "2026-11-02T08:00:00Z", "H-ODK", ["Hồ Văn Tâm"])]),
        "export.zip",
        {"V1": village_a.name},
    )
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_upload(
            actor=officer_a,
            scope=commune_a,
            upload=SimpleUploadedFile("odk-ho.csv", converted.households_csv),
            members_upload=SimpleUploadedFile("odk-thanh-vien.csv", converted.members_csv),
            reference_date=REFERENCE,
        )
    batch.refresh_from_db()
    assert batch.status == ImportStatus.VALIDATED, batch.message
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(actor=officer_a, batch=batch)
    household = Household.objects.get(code="H-ODK")
    assert household.village == village_a
    assert SurveyRound.objects.filter(household=household, source="import").count() == 1
    assert household.latest_category == "poor"


@pytest.mark.django_db
def test_the_upload_page_queues_an_import_of_the_users_commune_only(
    officer_a, officer_b, commune_a, village_a, django_capture_on_commit_callbacks
):
    from tests.fixtures.people import client_for

    data = odk_central_zip([("uuid:9", "2026-11-02T08:00:00Z", "H-ODK", ["Hồ Văn Tâm"])])
    form = {"commune": commune_a.pk, "reference_date": REFERENCE.strftime("%d/%m/%Y")}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_a).post(
            "/ho/phieu-odk/nhap/", form | {"file": SimpleUploadedFile("export.zip", data)}
        )
    assert response.status_code == 302 and "/ho/nhap/" in response["Location"]
    refused = client_for(officer_b).post(
        "/ho/phieu-odk/nhap/", form | {"file": SimpleUploadedFile("export.zip", data)}
    )
    assert refused.status_code == 400
    assert not Household.objects.exists()
