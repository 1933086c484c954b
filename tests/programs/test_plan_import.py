"""Import of a plan's tables from Excel: template, row checks, preview, all or nothing, idempotent."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from giamngheo.core.models import AuditEvent
from giamngheo.programs.models import Plan
from giamngheo.programs.selectors import allocation_table, budget_summary
from tests.fixtures.people import client_for
from tests.fixtures.plans import (
    legacy_hue,
    plan_form,
    seed_003_allocation_sheet,
    seed_004_budget_sheet,
    workbook,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(plan_program, province_officer):
    client_for(province_officer).post(
        "/ke-hoach/tao/", plan_form(plan_program, legacy_hue(), number="99/KH-UBND")
    )
    return Plan.objects.get(number="99/KH-UBND")


def upload(client, plan, content, name="ke-hoach.xlsx"):
    return client.post(
        f"/ke-hoach/{plan.pk}/nhap-excel/",
        {"action": "check", "file": SimpleUploadedFile(name, content)},
    )


def confirm(client, plan, response):
    return client.post(
        f"/ke-hoach/{plan.pk}/nhap-excel/", {"action": "apply", "digest": response.context["digest"]}
    )


def test_template_has_the_four_sheets_with_vietnamese_headers(province_officer):
    response = client_for(province_officer).get("/ke-hoach/mau-nhap-ke-hoach.xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["Hướng dẫn", "Chỉ tiêu", "Phân bổ", "Kinh phí", "Nhiệm vụ", "Danh mục"]
    assert book.get_sheet_by_name("Phân bổ").to_python()[0][:3] == [
        "Đơn vị",
        "Mã đơn vị",
        "Số hộ nghèo đầu kỳ",
    ]
    assert b"dataValidation" in _sheet_xml(response.content, 1)  # «Chỉ tiêu»: drop-down lists


def _sheet_xml(content, index):
    import zipfile

    return zipfile.ZipFile(io.BytesIO(content)).read(f"xl/worksheets/sheet{index + 1}.xml")


def test_seed_003_allocation_and_seed_004_budget_import_with_the_seed_totals(plan, province_officer):
    client = client_for(province_officer)
    content = workbook({"Phân bổ": seed_003_allocation_sheet(), "Kinh phí": seed_004_budget_sheet()})
    response = upload(client, plan, content)
    assert response.status_code == 200
    preview = response.context["result"]
    assert (preview.allocation.start_poor, preview.allocation.reduction, preview.allocation.remaining) == (
        7540,
        1595,
        5945,
    )
    assert preview.counts["Phân bổ"]["created"] == 9
    assert not plan.allocations.exists() and not plan.budget_lines.exists()

    assert confirm(client, plan, response).status_code == 302
    table = allocation_table(plan)
    assert (table.start_poor, table.reduction, table.remaining) == (7540, 1595, 5945)
    assert table.start_rate == Decimal("2.27") and table.target_rate == Decimal("1.76")
    assert table.issues == []
    assert plan.allocations.get(label="Huyện A Lưới").unit.code == "481"
    summary = budget_summary(plan)
    assert summary.grand_total == Decimal(365665)
    assert {check.label: (check.stated, check.computed) for check in summary.checks} == {
        "Tổng kinh phí": (Decimal(365665), Decimal(365665)),
        "Ngân sách trung ương": (Decimal(284319), Decimal(284319)),
        "Ngân sách địa phương": (Decimal(42659), Decimal(42659)),
    }
    html = client.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "5.945" in html and "1,76" in html and "365.665" in html


def test_importing_the_same_file_twice_changes_nothing(plan, province_officer):
    client = client_for(province_officer)
    content = workbook({"Phân bổ": seed_003_allocation_sheet(), "Kinh phí": seed_004_budget_sheet()})
    confirm(client, plan, upload(client, plan, content))
    ids = sorted(plan.allocations.values_list("pk", flat=True))
    events = AuditEvent.objects.count()
    again = upload(client, plan, content)
    assert again.context["result"].changes == 0
    assert again.context["result"].counts["Phân bổ"]["unchanged"] == 9
    confirm(client, plan, again)
    assert sorted(plan.allocations.values_list("pk", flat=True)) == ids
    assert AuditEvent.objects.count() == events


def test_errors_name_sheet_row_column_and_value_and_nothing_is_written(plan, province_officer):
    client = client_for(province_officer)
    allocation = seed_003_allocation_sheet()
    allocation[3][4] = "nhiều"  # Hương Trà, Excel row 4
    budget = seed_004_budget_sheet()
    budget[2][2] = "Ngân sách xã hội"  # Excel row 3
    tasks = [["STT", "Nội dung công việc", "Cơ quan chủ trì", "Hạn hoàn thành (ngày/tháng/năm)"]]
    tasks.append(["1", "Xây dựng kế hoạch", "", "31/02/2024"])
    response = upload(client, plan, workbook({"Phân bổ": allocation, "Kinh phí": budget, "Nhiệm vụ": tasks}))
    assert response.status_code == 400
    messages = [str(error) for error in response.context["errors"]]
    assert messages == [
        "ke-hoach.xlsx › Phân bổ, dòng 4, cột «Số hộ giảm trong kỳ», giá trị «nhiều»: không phải là số",
        "ke-hoach.xlsx › Kinh phí, dòng 3, cột «Nguồn vốn», giá trị «Ngân sách xã hội»: "
        "không có trong danh sách chọn",
        "ke-hoach.xlsx › Nhiệm vụ, dòng 2, cột «Cơ quan chủ trì»: cần có giá trị",
        "ke-hoach.xlsx › Nhiệm vụ, dòng 2, cột «Hạn hoàn thành (ngày/tháng/năm)», giá trị «31/02/2024»: "
        "ngày không hợp lệ (ghi dạng 31/12/2025)",
    ]
    assert "digest" not in response.context
    assert not plan.allocations.exists() and not plan.budget_lines.exists() and not plan.tasks.exists()


def test_a_row_refused_by_a_service_rolls_back_the_whole_file(plan, province_officer):
    client = client_for(province_officer)
    allocation = seed_003_allocation_sheet()
    allocation[3][4] = 300  # more than Hương Trà's 277 poor households
    response = upload(client, plan, workbook({"Phân bổ": allocation, "Kinh phí": seed_004_budget_sheet()}))
    assert response.status_code == 400
    assert [str(error) for error in response.context["errors"]] == [
        "ke-hoach.xlsx › Phân bổ, dòng 4, cột «Số hộ giảm trong kỳ», giá trị «300»: "
        "Dòng 3 (Thị xã Hương Trà): số hộ giảm lớn hơn số hộ nghèo đầu kỳ."
    ]
    assert not plan.allocations.exists() and not plan.budget_lines.exists()


def test_targets_and_tasks_sheets_are_imported_and_matched_on_reimport(plan, province_officer):
    client = client_for(province_officer)
    targets = [
        [
            "Nguyên văn chỉ tiêu",
            "Chỉ số",
            "Nhóm đối tượng",
            "Loại chỉ tiêu",
            "Giới hạn",
            "Giá trị cao",
            "Năm phải đạt",
        ]
    ]
    targets.append(
        [
            "Tỷ lệ hộ nghèo toàn tỉnh giảm còn 1,76%",
            "poverty_rate",
            "Toàn địa bàn",
            "Mức đạt cuối kỳ",
            "không quá",
            1.76,
            2024,
        ]
    )
    tasks = [
        [
            "STT",
            "Nội dung công việc",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp (cách nhau bằng ;)",
            "Hạn hoàn thành (ngày/tháng/năm)",
        ]
    ]
    tasks.append(
        [
            "1",
            "Báo cáo kết quả năm 2024",
            "Sở Lao động - Thương binh và Xã hội",
            "UBND cấp huyện; Sở Tài chính",
            "30/11/2024",
        ]
    )
    content = workbook({"Chỉ tiêu": targets, "Nhiệm vụ": tasks})
    confirm(client, plan, upload(client, plan, content))
    target = plan.targets.get()
    assert (target.kind, target.bound, target.value_high) == ("level", "at_most", Decimal("1.76"))
    task = plan.tasks.get()
    assert task.due_date.isoformat() == "2024-11-30"
    assert task.coordinating_agencies.count() == 2
    assert upload(client, plan, content).context["result"].changes == 0
