"""One validator: the form, the API and the import refuse the same bad value with the same error code."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from giamngheo.accounts.services import api_token_create
from giamngheo.core.errors import AppError
from giamngheo.registry.assess import standard_for
from giamngheo.registry.forms import HouseholdFactsForm, MemberIdentityForm
from giamngheo.registry.imports.reader import read_upload
from giamngheo.registry.imports.validate import validate_upload
from giamngheo.registry.models import Household, Member, SurveyRound
from giamngheo.registry.validation import clean_code, clean_text
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT, REFERENCE
from tests.fixtures.registry_files import HOUSEHOLD_HEADER, MEMBER_HEADER, household_row, member_rows

pytestmark = pytest.mark.django_db

INCOME = "Thu nhập bình quân (đồng/người/tháng)"
AREA = "Diện tích nhà ở (m²)"
# field, bad value, error code, import column (member or household sheet).
BAD_VALUES = [
    ("full_name", "A" * 300, "text_too_long", "Họ và tên"),
    ("full_name", "Kăn\x00Thị Hoa", "invalid_character", "Họ và tên"),
    ("full_name", "Kăn\u202eThị Hoa", "invalid_character", "Họ và tên"),
    ("full_name", "Kăn\u200bThị Hoa", "invalid_character", "Họ và tên"),
    ("birth_year", 1899, "birth_too_early", "Năm sinh"),
    ("birth_year", 2030, "birth_after_reference", "Năm sinh"),
    ("ethnicity", "99", "unknown_code", "Dân tộc"),
    ("income_per_capita", -1, "negative_amount", INCOME),
    ("floor_area_m2", -5, "negative_amount", AREA),
]
MEMBER_FIELDS = {"full_name": 2, "birth_year": 4, "ethnicity": 7}
HOUSEHOLD_FIELDS = {"income_per_capita": INCOME, "floor_area_m2": AREA}


def api(user) -> Client:
    _token, raw = api_token_create(actor=user, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def counts() -> tuple[int, int, int]:
    return Household.objects.count(), Member.objects.count(), SurveyRound.objects.count()


def form_codes(field: str, value: Any) -> list[str]:
    if field in HOUSEHOLD_FIELDS:
        data = {"reference_date": "01/10/2026", "version": 1, "income_per_capita": 4_000_000, field: value}
        form: Any = HouseholdFactsForm(data=data)
    else:
        data = {
            "full_name": "Kăn Thị Hoa",
            "birth_year": 1984,
            "sex": "female",
            "ethnicity": "19",
            "relation": "spouse",
            field: value,
        }
        form = MemberIdentityForm(data=data)
    assert not form.is_valid()
    return [error.code for error in form.errors.as_data()[field]]


def api_error(officer, household, field: str, value: Any) -> dict[str, Any]:
    client = api(officer)
    if field in HOUSEHOLD_FIELDS:
        payload = {
            "reference_date": REFERENCE.isoformat(),
            "version": household.version,
            "household": {**COMFORTABLE_HOUSEHOLD, field: value},
            "members": [{"member_id": m.pk, **HEALTHY_ADULT} for m in household.members.all()],
        }
        response = client.post(
            f"/api/v1/households/{household.pk}/rounds", payload, content_type="application/json"
        )
    else:
        payload = {"full_name": "Hồ Văn C", "sex": "male", "birth_year": 2000, field: value}
        response = client.post(
            f"/api/v1/households/{household.pk}/members", payload, content_type="application/json"
        )
    assert response.status_code == 400
    return response.json()


def import_errors(officer, commune, tmp_path: Path, field: str, value: Any) -> list[tuple[str, str]]:
    members = member_rows("H001", personal_id="")
    households = [household_row("H001")]
    if field in MEMBER_FIELDS:
        members[1][MEMBER_FIELDS[field]] = value
    else:
        households[0][HOUSEHOLD_HEADER.index(HOUSEHOLD_FIELDS[field])] = value
    path, people = tmp_path / "ho.csv", tmp_path / "thanh-vien.csv"
    for target, header, rows in ((path, HOUSEHOLD_HEADER, households), (people, MEMBER_HEADER, members)):
        with target.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *rows])
    raw = read_upload(path, people, "ho.csv")
    plan = validate_upload(raw, scope=commune, standard=standard_for(REFERENCE), reference_date=REFERENCE)
    return [(error.code, error.column or "") for error in plan.errors]


@pytest.mark.parametrize(("field", "value", "code", "column"), BAD_VALUES)
def test_form_api_and_import_refuse_the_same_value_with_the_same_code(
    officer_a, household, commune_a, village_a, tmp_path, field, value, code, column
):
    before = counts()
    if field != "ethnicity":  # the form offers the ethnicity list as choices only
        assert code in form_codes(field, value)
    error = api_error(officer_a, household, field, value)
    assert (error["code"], error["field"]) == (code, field)
    assert (code, column) in import_errors(officer_a, commune_a, tmp_path, field, value)
    assert counts() == before


def test_normal_values_pass_all_three_paths(officer_a, household, commune_a, village_a, tmp_path):
    assert MemberIdentityForm(
        data={"full_name": " Kăn  Thị\tHoa ", "birth_year": 1984, "sex": "female", "ethnicity": "19"}
        | {"relation": "spouse"}
    ).is_valid()
    assert import_errors(officer_a, commune_a, tmp_path, "full_name", "Kăn  Thị Hoa") == []
    response = api(officer_a).post(
        f"/api/v1/households/{household.pk}/members",
        {"full_name": "  Hồ\u00a0Văn   C ", "sex": "male", "birth_year": 2000},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["full_name"]) == (201, "Hồ Văn C")


def test_text_is_nfc_and_whitespace_folded():
    assert clean_text("  Nguye\u0302\u0303n\t\tVa\u0306n  A ", field="full_name") == "Nguyễn Văn A"


@pytest.mark.parametrize("value", ["Đô thị", "đô thị", "Do thi", "DO THI", "Thành thị", "thanh thi", "urban"])
def test_documented_urban_synonyms_are_accepted_without_accents(value):
    assert clean_code(value, field="area", code_list="area") == "urban"


def test_unknown_area_is_refused_naming_the_field():
    with pytest.raises(AppError) as error:
        clean_code("Đô thị loại 1", field="area", code_list="area")
    assert (error.value.code, error.value.field) == ("unknown_code", "area")


def test_import_accepts_do_thi_in_the_area_column(officer_a, commune_a, village_a, tmp_path):
    path = tmp_path / "ho.csv"
    members = tmp_path / "tv.csv"
    header = ",".join(["Mã hộ", "Khu vực", INCOME, "Có nhà ở"])
    path.write_text(f"{header}\nH001,Đô thị,1500000,Có\nH002,Do thi,1500000,Có\n", encoding="utf-8")
    members.write_text(
        "Mã hộ,STT thành viên,Họ và tên,Năm sinh,Giới tính,Quan hệ với chủ hộ\n"
        "H001,1,Hồ Văn Tâm,1980,Nam,Chủ hộ\nH002,1,Hồ Văn Hai,1981,Nam,Chủ hộ\n",
        encoding="utf-8",
    )
    raw = read_upload(path, members, "ho.csv")
    plan = validate_upload(raw, scope=commune_a, standard=standard_for(REFERENCE), reference_date=REFERENCE)
    assert [error for error in plan.errors if error.code == "unknown_code"] == []
    assert plan.households.get_column("area").to_list() == ["urban", "urban"]


def test_survey_refuses_a_member_born_after_the_reference_date(officer_a, household):
    member = household.members.get(full_name="Kăn Thị Hoa")
    Member.objects.filter(pk=member.pk).update(birth_date=dt.date(2026, 11, 1), birth_year=2026)
    before = counts()
    response = api(officer_a).post(
        f"/api/v1/households/{household.pk}/rounds",
        {
            "reference_date": "2026-10-01",
            "version": household.version,
            "household": COMFORTABLE_HOUSEHOLD,
            "members": [{"member_id": m.pk, **HEALTHY_ADULT} for m in household.members.all()],
        },
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"], response.json()["field"]) == (
        400,
        "birth_after_reference",
        "birth_date",
    )
    assert response.json()["message"].startswith("Kăn Thị Hoa — Ngày sinh: ")
    assert counts() == before
