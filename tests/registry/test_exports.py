"""Registry exports: XLSX and CSV of the user's area, filters, masked IDs, constant queries, sheet splits."""

from __future__ import annotations

import csv
import io
from unittest import mock

import openpyxl
import pytest

from giamngheo.accounts.models import AreaAssignment
from giamngheo.accounts.roles import Role
from giamngheo.core.models import AuditEvent
from giamngheo.registry.services import household_register, member_add
from giamngheo.registry.surveys import survey_submit
from giamngheo.standards.loader import load_ethnicities
from tests.fixtures.people import client_for, make_user
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT, REFERENCE

pytestmark = pytest.mark.django_db


def workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)


def sheet_rows(book, title):
    return [list(row) for row in book[title].iter_rows(values_only=True)]


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def surveyed(officer, household):
    survey_submit(
        actor=officer,
        household=household,
        reference_date=REFERENCE,
        household_values=dict(COMFORTABLE_HOUSEHOLD),
        member_values={m.pk: dict(HEALTHY_ADULT) for m in household.members.filter(is_active=True)},
        version=household.version,
    )
    household.refresh_from_db()
    return household


def test_xlsx_has_households_members_and_assessments_with_masked_ids(officer_a, household):
    surveyed(officer_a, household)
    book = workbook(client_for(officer_a).get("/ho/xuat/", {"kind": "all", "format": "xlsx"}))
    assert book.sheetnames == ["Hộ gia đình", "Thành viên", "Kết quả đánh giá"]
    households = sheet_rows(book, "Hộ gia đình")
    assert households[0][:3] == ["Mã hộ", "Tỉnh", "Xã"]
    row = dict(zip(households[0], households[1], strict=True))
    assert (row["Mã hộ"], row["Xã"], row["Thôn"], row["Chủ hộ"]) == (
        household.code,
        "Xã A Lưới 1",
        "Thôn Ka Vân",
        "Hồ Văn Tâm",
    )
    assert (row["Số nhân khẩu"], row["Hộ dân tộc thiểu số"], row["Kết quả đánh giá gần nhất"]) == (
        3,
        "Có",
        "hộ không nghèo",
    )
    assert row["Ngày đăng ký"].date().isoformat() == "2022-01-01"
    members = sheet_rows(book, "Thành viên")
    assert [r[4] for r in members[1:]] == ["Hồ Văn Tâm", "Kăn Thị Hoa", "Hồ Văn Nam"]
    ethnicity = load_ethnicities()[household.members.get(member_no=1).ethnicity]
    assert members[1][5:11] == ["*********123", None, 1980, "Nam", ethnicity, "Chủ hộ"]
    assessments = sheet_rows(book, "Kết quả đánh giá")
    assert len(assessments) == 2
    assert assessments[1][:7] == [
        household.code,
        "Xã A Lưới 1",
        "Thôn Ka Vân",
        "Hồ Văn Tâm",
        assessments[1][4],
        "2022-2025",
        "hộ không nghèo",
    ]
    assert assessments[1][4].date() == REFERENCE


def test_full_ids_are_shown_when_asked_and_allowed_and_audited(officer_a, household):
    response = client_for(officer_a).get("/ho/xuat/", {"kind": "members", "format": "csv", "full_ids": "1"})
    rows = csv_rows(response)
    assert rows[1][5] == "046080000123"
    event = AuditEvent.objects.get(action="personal_id.view")
    assert event.actor == officer_a
    assert (event.after["kinds"], event.after["purpose"], event.after["count"]) == (["members"], "export", 1)


def test_full_ids_stay_masked_without_the_permission(household, village_a):
    reviewer = make_user("thon", Role.VILLAGE_REVIEWER, village_a)
    response = client_for(reviewer).get("/ho/xuat/", {"kind": "members", "format": "csv", "full_ids": "1"})
    assert csv_rows(response)[1][5] == "*********123"
    assert not AuditEvent.objects.filter(action="personal_id.view").exists()


def test_full_ids_are_shown_only_where_the_permission_holds(household, village_a, commune_b):
    """An officer of commune B who also reviews a village of commune A sees A's IDs masked."""
    user = make_user("hai_vai", Role.COMMUNE_OFFICER, commune_b)
    AreaAssignment.objects.create(user=user, role=Role.VILLAGE_REVIEWER, unit=village_a)
    other = household_register(
        actor=user,
        commune=commune_b,
        village=None,
        head={"full_name": "Lê Văn Bình", "sex": "male", "birth_year": 1990, "personal_id": "046090000777"},
    )
    rows = csv_rows(client_for(user).get("/ho/xuat/", {"kind": "members", "format": "csv", "full_ids": "1"}))
    ids = {row[0]: row[5] for row in rows[1:] if row[3] == "1"}
    assert ids == {household.code: "*********123", other.code: "046090000777"}


def test_csv_of_households_has_vietnamese_header_and_dates(officer_a, household):
    rows = csv_rows(client_for(officer_a).get("/ho/xuat/", {"kind": "households", "format": "csv"}))
    assert rows[0][0:8] == ["Mã hộ", "Tỉnh", "Xã", "Thôn", "Địa chỉ", "Cư trú", "Ngày đăng ký", "Chủ hộ"]
    assert rows[1][0] == household.code
    assert rows[1][5:8] == ["Thường trú", "01/01/2022", "Hồ Văn Tâm"]


def test_export_follows_the_list_filters(officer_a, household, commune_a):
    household_register(
        actor=officer_a,
        commune=commune_a,
        village=None,
        head={"full_name": "Nguyễn Văn An", "sex": "male", "birth_year": 1970},
    )
    client = client_for(officer_a)
    everyone = csv_rows(client.get("/ho/xuat/", {"kind": "households", "format": "csv"}))
    found = csv_rows(client.get("/ho/xuat/", {"kind": "households", "format": "csv", "q": "nguyen van"}))
    assert len(everyone) == 3
    assert [row[7] for row in found[1:]] == ["Nguyễn Văn An"]
    members = csv_rows(client.get("/ho/xuat/", {"kind": "members", "format": "csv", "ethnic": "1"}))
    assert {row[0] for row in members[1:]} == {household.code}


def test_another_commune_exports_nothing_of_commune_a(officer_b, officer_a, household):
    surveyed(officer_a, household)
    client = client_for(officer_b)
    book = workbook(client.get("/ho/xuat/", {"kind": "all", "format": "xlsx"}))
    for title in book.sheetnames:
        assert len(sheet_rows(book, title)) == 1, title
    for kind in ("households", "members", "assessments"):
        assert len(csv_rows(client.get("/ho/xuat/", {"kind": kind, "format": "csv"}))) == 1


def add_households(officer, commune, village, count):
    for number in range(count):
        created = household_register(
            actor=officer,
            commune=commune,
            village=village,
            head={"full_name": f"Hộ Thử {number}", "sex": "female", "birth_year": 1960 + number},
        )
        member_add(actor=officer, household=created, full_name="Con", sex="male", birth_year=2010)
        surveyed(officer, created)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_queries_do_not_grow_with_rows(
    officer_a, household, django_assert_max_num_queries, file_format
):
    client = client_for(officer_a)
    kinds = ["households", "members", "assessments"] if file_format == "csv" else ["all"]

    def download():
        for kind in kinds:
            response = client.get("/ho/xuat/", {"kind": kind, "format": file_format, "full_ids": "1"})
            assert len(b"".join(response.streaming_content)) > 0

    # Per request: session, user, assignments, the count that decides whether to export in the background,
    # the count of IDs shown in full and the audit event (members only) and one query per table.
    expected = {"xlsx": 9, "csv": 17}[file_format]
    download()
    with django_assert_max_num_queries(expected):
        download()
    add_households(officer_a, household.commune, household.village, 12)
    with django_assert_max_num_queries(expected):
        download()


def test_long_tables_continue_on_new_sheets(officer_a, household):
    with mock.patch("giamngheo.core.exports.EXCEL_MAX_ROWS", 3):
        book = workbook(client_for(officer_a).get("/ho/xuat/", {"kind": "members", "format": "xlsx"}))
    assert book.sheetnames == ["Thành viên", "Thành viên (2)"]
    first, second = sheet_rows(book, "Thành viên"), sheet_rows(book, "Thành viên (2)")
    assert first[0] == second[0]
    assert [r[4] for r in first[1:] + second[1:]] == ["Hồ Văn Tâm", "Kăn Thị Hoa", "Hồ Văn Nam"]


def test_bad_kind_or_format_is_refused(officer_a):
    client = client_for(officer_a)
    assert client.get("/ho/xuat/", {"kind": "all", "format": "csv"}).status_code == 400
    assert client.get("/ho/xuat/", {"kind": "members", "format": "pdf"}).status_code == 400


def test_list_page_offers_the_export_with_the_current_filters(officer_a, household):
    content = client_for(officer_a).get("/ho/", {"q": "tam", "page": "1"}).content.decode()
    form = content[content.index('data-testid="export"') :]
    assert '<input type="hidden" name="q" value="tam" data-filter>' in form
    assert 'name="page"' not in form[: form.index("</form>")]
    assert "hiện đầy đủ số định danh" in form
