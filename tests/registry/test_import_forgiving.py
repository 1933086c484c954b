"""The import accepts what officers type (accents or not, any case) and says clearly what it refuses.

Hostile files too: wrong columns, blanks, huge values, formulas; the error file lists every error, the
serious ones first.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from giamngheo.registry.imports.template import build_template
from giamngheo.registry.models import Household, ImportStatus, Member
from tests.fixtures.registry_files import confirm, household_row, member_rows, upload, workbook

pytestmark = pytest.mark.django_db


def child(code, **changes):
    """A five-year-old (born 2021, reference 1/10/2026) with the employment cell left blank."""
    row = [code, 3, "Hồ Bé Na", "", 2021, "nu", "con", "Taoi", "", "Không có khả năng lao động"]
    row += ["Không khuyết tật", "có", "Chưa đi học/chưa tốt nghiệp tiểu học", "co", "", "khong"]
    for index, value in changes.items():
        row[int(index.removeprefix("c"))] = value
    return row


def test_codes_without_accents_in_any_case_and_a_childs_blank_employment_are_accepted(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    people = member_rows("H001")
    people[1][5], people[1][7] = "NỮ", "ta oi"  # upper case, no accent, a space
    file = workbook([household_row("H001", latrine="khong co nha tieu")], [*people, child("H001")])
    batch = upload(officer_a, commune_a, file, capture)
    assert batch.status == ImportStatus.VALIDATED, batch.message
    confirm(officer_a, batch, capture)
    kid = Member.objects.get(household__code="H001", member_no=3)
    assert (kid.sex, kid.ethnicity, kid.relation) == ("female", "31", "child")
    assert Member.objects.get(household__code="H001", member_no=2).sex == "female"


def test_an_adults_blank_employment_is_refused_with_the_column_and_row(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    adult = child("H001", c4=1990)  # same row, born 1990: of working age
    file = workbook([household_row("H001")], [*member_rows("H001"), adult])
    batch = upload(officer_a, commune_a, file, django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.INVALID
    assert "dòng 4" in batch.message and "«Việc làm»: thiếu giá trị bắt buộc" in batch.message
    assert not Household.objects.exists()


def test_unknown_code_message_lists_vietnamese_labels_never_english_codes(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    people = member_rows("H001")
    people[0][5] = "đực"
    batch = upload(
        officer_a, commune_a, workbook([household_row("H001")], people), django_capture_on_commit_callbacks
    )
    assert "chọn một trong: «Nam»; «Nữ»" in batch.message
    assert "female" not in batch.message and "male" not in batch.message


def test_error_file_lists_every_error_serious_ones_first(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    households = [household_row(f"H{n:03}", income=10**15) for n in range(30)]  # 30 «too large»
    people = [row for n in range(30) for row in member_rows(f"H{n:03}", personal_id="")[:1]]
    people[5][5] = ""  # one blank required cell (sex): serious, listed before the others
    batch = upload(officer_a, commune_a, workbook(households, people), django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.INVALID and batch.error_count == 31
    assert batch.message.splitlines()[0].endswith("thiếu giá trị bắt buộc")
    book = load_workbook(io.BytesIO(batch.error_file.read()))
    every = list(book["Tất cả lỗi"].iter_rows(min_row=2, values_only=True))
    assert len(every) == 31
    assert every[0][0] == "Thiếu hoặc không đọc được" and every[1][0] == "Sai quy tắc"


def test_wrong_columns_come_first_and_nothing_is_written(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    from tests.fixtures import registry_files

    row = [*household_row("H001", income="abc"), "x"]
    original = registry_files.HOUSEHOLD_HEADER
    registry_files.HOUSEHOLD_HEADER = [*original, "Cột lạ"]
    try:
        file = workbook([row], member_rows("H001"))
    finally:
        registry_files.HOUSEHOLD_HEADER = original
    batch = upload(officer_a, commune_a, file, django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.INVALID
    assert "Cột lạ" in batch.message.splitlines()[0]
    assert not Household.objects.exists()


def test_a_formula_cell_is_never_evaluated_and_is_reported_by_row_and_column(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    people = member_rows("H001")
    people[1][2] = '=HYPERLINK("http://x.example","Hoa")'  # openpyxl writes it as a formula
    batch = upload(
        officer_a, commune_a, workbook([household_row("H001")], people), django_capture_on_commit_callbacks
    )
    assert batch.status == ImportStatus.INVALID
    assert "dòng 3, cột «Họ và tên»: thiếu họ và tên" in batch.message
    assert not Member.objects.exists()


def test_template_instructions_name_the_required_cells_and_the_child_exception():
    guide = [
        row[0] for row in load_workbook(io.BytesIO(build_template()))["Hướng dẫn"].iter_rows(values_only=True)
    ]
    text = "\n".join(line or "" for line in guide)
    assert "KHÔNG được để trống" in text and "«Giới tính»" in text
    assert "«Việc làm» được để trống cho người ngoài tuổi lao động (dưới 15 tuổi" in text
    assert "taoi" in text


def test_error_file_copies_only_the_rows_in_error(
    officer_a, commune_a, village_a, django_capture_on_commit_callbacks
):
    households = [household_row(f"H{n:03}") for n in range(20)]
    households[7] = household_row("H007", income="khoảng 1 triệu")  # Excel row 9
    people = [row for n in range(20) for row in member_rows(f"H{n:03}", personal_id="")[:1]]
    batch = upload(officer_a, commune_a, workbook(households, people), django_capture_on_commit_callbacks)
    assert batch.status == ImportStatus.INVALID
    book = load_workbook(io.BytesIO(batch.error_file.read()))
    assert book.sheetnames == ["Tất cả lỗi", "Hộ gia đình"]  # the members sheet had no error
    rows = list(book["Hộ gia đình"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[2]) for row in rows] == [(9, "H007")]
    assert "khoảng 1 triệu" in rows[0][1]
