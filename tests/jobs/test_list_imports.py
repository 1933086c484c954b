"""Vacancy and trainee list imports: preview writes nothing, errors name file/row/column, all or nothing."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from giamngheo.core.errors import PermissionDenied
from giamngheo.jobs.imports.trainees import trainee_list_import
from giamngheo.jobs.imports.vacancies import vacancy_list_import
from giamngheo.jobs.models import Employer, Enrolment, Vacancy
from giamngheo.jobs.services.attendance import session_add
from giamngheo.jobs.views._common import user_communes
from tests.fixtures.jobs import TODAY
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db

VACANCY_HEADER = ["Mã số thuế", "Tên đơn vị", "Vị trí", "Số lượng", "Lương (đồng/tháng)", "Giới tính",
                  "Hạn nộp hồ sơ"]  # fmt: skip
TRAINEE_HEADER = ["Mã hộ", "Họ và tên", "Năm sinh", "Ngày ghi danh", "Ngày hoàn thành", "Số chứng chỉ"]


def xlsx(tmp_path, header, *rows, name="danh-sach.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("'="):
                cell.value, cell.data_type = (
                    cell.value[1:],
                    "s",
                )  # formula text kept as text, as a user types it
    path = tmp_path / name
    book.save(path)
    return path


def vacancies(officer, commune, path, apply):
    return vacancy_list_import(
        actor=officer, commune=commune, places=user_communes(officer), path=path, file_name="tuyen-dung.xlsx",
        apply=apply, today=TODAY,
    )  # fmt: skip


def trainees(officer, course, path, apply):
    return trainee_list_import(
        actor=officer, course=course, path=path, file_name="hoc-vien.xlsx", apply=apply, today=TODAY
    )


def test_a_vacancy_list_previews_applies_and_adds_nothing_twice(tmp_path, officer_a, commune_a, employer):
    path = xlsx(
        tmp_path, VACANCY_HEADER,
        ["3300101234", "", "Công nhân may", 10, "6.500.000", "nữ", "31/12/2026"],
        ["3300555555", "Công ty Mới", "Thợ hàn", "3", None, "", dt.date(2026, 12, 15)],
        ["", "công ty may a lưới", "Thợ cắt", 2, None, "Nam", "2026-12-20"],
    )  # fmt: skip
    preview = vacancies(officer_a, commune_a, path, apply=False)
    assert (preview.added, preview.unchanged, preview.errors) == (3, 0, [])
    assert Vacancy.objects.count() == 0 and Employer.objects.count() == 1  # the preview wrote nothing
    vacancies(officer_a, commune_a, path, apply=True)
    sewing = Vacancy.objects.get(position="Công nhân may")
    assert (sewing.employer, sewing.wage, sewing.sex, sewing.place) == (
        employer,
        6_500_000,
        "female",
        commune_a,
    )
    assert Employer.objects.get(tax_code="3300555555").name == "Công ty Mới"
    assert Vacancy.objects.get(position="Thợ cắt").employer == employer  # found by name, accents ignored
    again = vacancies(officer_a, commune_a, path, apply=True)
    assert (again.added, again.unchanged) == (0, 3)
    assert Vacancy.objects.count() == 3


def test_a_hostile_vacancy_list_is_refused_whole(tmp_path, officer_a, commune_a, employer):
    path = xlsx(
        tmp_path, VACANCY_HEADER,
        ["3300101234", "", "Công nhân may", 10, None, "", "31/12/2026"],
        ["3300101234", "", "'=HYPERLINK(\"http://x\")", 1, None, "", "31/12/2026"],
        ["3300101234", "", "Thợ hàn", 1, None, "", "31/02/2026"],
        ["3300101234", "", "Công nhân may", 10, None, "", "31/12/2026"],
        ["3300101234", "", "Bảo vệ", "mười", None, "", "31/12/2026"],
        ["", "Không Ai Biết", "Bảo vệ", 1, None, "", "31/12/2026"],
        ["3300101234", "", "Kế toán", 1, None, "khác", "31/12/2026"],
    )  # fmt: skip
    result = vacancies(officer_a, commune_a, path, apply=True)
    texts = result.error_texts
    assert len(texts) == 6
    assert texts[0].startswith("tuyen-dung.xlsx, dòng 3, cột «Vị trí»") and "công thức" in texts[0]
    assert "dòng 4, cột «Hạn nộp hồ sơ» «31/02/2026»" in texts[1]
    assert "dòng 5" in texts[2] and "trùng với dòng 2" in texts[2]
    assert "dòng 6, cột «Số lượng»" in texts[3]
    assert "dòng 7, cột «Tên đơn vị»" in texts[4]
    assert "dòng 8, cột «Giới tính»" in texts[5]
    assert not Vacancy.objects.exists()  # the good first row was not written either


def test_wrong_columns_and_another_commune(tmp_path, officer_a, officer_b, commune_a):
    path = xlsx(tmp_path, ["Tên", "Số"], ["x", 1])
    result = vacancies(officer_a, commune_a, path, apply=False)
    assert [e.column for e in result.errors] == ["Vị trí", "Số lượng", "Hạn nộp hồ sơ"]
    assert "thiếu cột bắt buộc" in result.error_texts[0]
    with pytest.raises(PermissionDenied):
        vacancies(officer_b, commune_a, path, apply=False)


def test_a_trainee_list_enrols_and_completes_once(tmp_path, officer_a, course, poor_household, worker):
    spouse = poor_household.members.get(member_no=2)
    code = poor_household.code
    path = xlsx(
        tmp_path, TRAINEE_HEADER,
        [code, worker.full_name.upper(), None, "01/11/2026", "15/11/2026", "CC-01"],
        [code, spouse.full_name, spouse.birth_year, "02/11/2026", None, None],
    )  # fmt: skip
    preview = trainees(officer_a, course, path, apply=False)
    assert (preview.added, preview.errors) == (2, [])
    assert not Enrolment.objects.exists()
    trainees(officer_a, course, path, apply=True)
    head = Enrolment.objects.get(member=worker)
    assert (head.completed_on, head.certificate_no) == (dt.date(2026, 11, 15), "CC-01")
    assert head.support_record is not None  # completion went through the training services
    assert Enrolment.objects.get(member=spouse).completed_on is None
    again = trainees(officer_a, course, path, apply=True)
    assert (again.added, again.unchanged) == (0, 2)


def test_a_hostile_trainee_list_is_refused_whole(
    tmp_path, officer_a, officer_b, course, poor_household, worker, household_b
):
    code = poor_household.code
    path = xlsx(
        tmp_path, TRAINEE_HEADER,
        [code, worker.full_name, None, "01/11/2026", None, None],
        [household_b.code, "Bùi Văn Khác", None, "01/11/2026", None, None],
        [code, "Người Lạ", None, "01/11/2026", None, None],
        [code, worker.full_name, None, "01/11/2026", None, None],
        [code, worker.full_name, None, "hôm qua", None, None],
        [code, poor_household.members.get(member_no=2).full_name, None, "01/11/2026", None, "@SUM(1)"],
    )  # fmt: skip
    texts = trainees(officer_a, course, path, apply=True).error_texts
    assert len(texts) == 5
    assert "dòng 3, cột «Mã hộ»" in texts[0] and "không thuộc địa bàn của bạn" in texts[0]
    assert "dòng 4, cột «Họ và tên» «Người Lạ»" in texts[1]
    assert "dòng 5" in texts[2] and "trùng với dòng 2" in texts[2]
    assert "dòng 6, cột «Ngày ghi danh» «hôm qua»" in texts[3]
    assert "dòng 7, cột «Số chứng chỉ»" in texts[4]
    assert not Enrolment.objects.exists()


def test_a_completion_below_the_attendance_rule_is_a_row_error(
    tmp_path, officer_a, course, poor_household, worker
):
    session_add(actor=officer_a, course=course, held_on=dt.date(2026, 11, 2), today=TODAY)  # nobody marked
    path = xlsx(
        tmp_path, TRAINEE_HEADER, [poor_household.code, worker.full_name, None, "01/11/2026", "15/11/2026"]
    )
    texts = trainees(officer_a, course, path, apply=True).error_texts
    assert len(texts) == 1 and "dòng 2, cột «Ngày hoàn thành»" in texts[0] and "0%" in texts[0]
    assert not Enrolment.objects.exists()


def test_the_import_pages_preview_apply_and_give_the_error_file(
    tmp_path, officer_a, officer_b, course, worker
):
    client = client_for(officer_a)
    url = reverse("jobs:trainee_import", args=[course.pk])
    good = xlsx(tmp_path, TRAINEE_HEADER, [worker.household.code, worker.full_name, None, "01/11/2026"])
    with good.open("rb") as handle:
        page = client.post(url, {"file": handle, "action": "preview"})
    assert page.context["preview"].added == 1 and not Enrolment.objects.exists()
    assert client.post(url, {"action": "apply"}).url == reverse("jobs:course", args=[course.pk])
    assert Enrolment.objects.count() == 1
    bad = xlsx(tmp_path, TRAINEE_HEADER, ["X-1", "Ai", None, "01/11/2026"], name="loi.xlsx")
    with bad.open("rb") as handle:
        client.post(url, {"file": handle, "action": "preview"})
    errors = client.get(reverse("jobs:import_errors"))
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(errors.streaming_content))).active.values)
    assert rows[1][:3] == ("loi.xlsx", 2, "Mã hộ")
    template = client.get(reverse("jobs:trainee_import_template"))
    header = next(openpyxl.load_workbook(io.BytesIO(b"".join(template.streaming_content))).active.values)
    assert "Ngày ghi danh" in header
    # another commune's officer reads the course but may not import into it
    with good.open("rb") as handle:
        assert client_for(officer_b).post(url, {"file": handle, "action": "preview"}).status_code == 403
