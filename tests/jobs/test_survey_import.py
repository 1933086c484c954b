"""Labour survey import: preview writes nothing, errors name file/row/column, all or nothing, idempotent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from giamngheo.core.errors import AppError, ErrorCode, PermissionDenied
from giamngheo.jobs.models import LabourSurvey
from giamngheo.jobs.survey_import import labour_survey_import
from tests.fixtures.jobs import TODAY
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db

HEADER = (
    "Mã hộ,Số thứ tự thành viên,Họ và tên,Ngày khảo sát,Việc làm,Trình độ,Chứng chỉ,Muốn tìm việc,"
    "Kỹ năng, nghề\n"
)


def write(tmp_path, household, *rows: str):
    path = tmp_path / "khao-sat.csv"
    lines = [HEADER.replace("Kỹ năng, nghề", '"Kỹ năng, nghề"')]
    lines += [row.replace("{code}", household.code) + "\n" for row in rows]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def run(officer, commune, path, apply):
    return labour_survey_import(
        actor=officer, commune=commune, path=path, file_name="khao-sat.csv", apply=apply, today=TODAY
    )


def test_preview_then_apply_then_again_adds_nothing(tmp_path, officer_a, commune_a, poor_household):
    path = write(
        tmp_path, poor_household,
        "{code},1,Hồ Văn Tâm,01/10/2026,Không có việc làm,Sơ cấp,có,x,may",
        "{code},2,,2026-10-01,self_employed,,,,",
    )  # fmt: skip
    preview = run(officer_a, commune_a, path, apply=False)
    assert (len(preview.new), preview.unchanged, preview.errors) == (2, 0, [])
    assert not LabourSurvey.objects.exists()
    run(officer_a, commune_a, path, apply=True)
    head = LabourSurvey.objects.get(member__member_no=1)
    assert (head.employment, head.qualification, head.has_certificate, head.wants_work, head.skills) == (
        "unemployed", 2, True, True, "may",
    )  # fmt: skip
    again = run(officer_a, commune_a, path, apply=True)
    assert (len(again.new), again.unchanged) == (0, 2)
    assert LabourSurvey.objects.count() == 2


def test_one_bad_row_refuses_the_file_naming_row_and_column(tmp_path, officer_a, commune_a, poor_household):
    path = write(
        tmp_path, poor_household,
        "{code},1,,01/10/2026,Không có việc làm,,,,",
        "{code},2,,01/10/2026,đi săn,,,,",
        "{code},3,,01/10/2026,Không có việc làm,,,,",
    )  # fmt: skip
    with pytest.raises(AppError) as error:
        run(officer_a, commune_a, path, apply=True)
    assert error.value.code == ErrorCode.JOBS_IMPORT_INVALID
    lines = error.value.details["errors"].splitlines()
    assert lines == [
        "khao-sat.csv, dòng 3, cột «Việc làm» «đi săn»: giá trị không có trong danh mục",
        "khao-sat.csv, dòng 4, cột «Số thứ tự thành viên» «Hồ Văn Nam»: không trong độ tuổi lao động",
    ]
    assert not LabourSurvey.objects.exists()


def test_another_commune_cannot_import_or_reach_commune_a(
    tmp_path, officer_b, commune_a, commune_b, poor_household
):
    path = write(tmp_path, poor_household, "{code},1,,01/10/2026,Không có việc làm,,,,")
    with pytest.raises(PermissionDenied):
        run(officer_b, commune_a, path, apply=True)
    preview = run(officer_b, commune_b, path, apply=False)
    assert preview.new == [] and "không có thành viên này" in preview.errors[0]


def test_the_page_previews_then_applies(tmp_path, officer_a, commune_a, poor_household):
    path = write(tmp_path, poor_household, "{code},1,,01/10/2026,Không có việc làm,,,x,")
    client = client_for(officer_a)
    with path.open("rb") as handle:
        page = client.post(
            reverse("jobs:survey_import"), {"commune": commune_a.pk, "file": handle, "action": "preview"}
        )
    assert page.status_code == 200 and len(page.context["preview"].new) == 1
    assert not LabourSurvey.objects.exists()
    applied = client.post(reverse("jobs:survey_import"), {"action": "apply"})
    assert applied.url == reverse("jobs:register")
    assert LabourSurvey.objects.get().wants_work is True
