"""Entering a plan on screen: create, header, targets, allocation editor, budget, tasks, calendar, scoping."""

from __future__ import annotations

from decimal import Decimal

import pytest

from giamngheo.accounts.roles import Role
from giamngheo.demo.plans_data import SEED_003_ALLOCATION
from giamngheo.programs.models import Plan, PlanAllocation
from tests.fixtures.people import client_for, make_user
from tests.fixtures.plans import legacy_hue, plan_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(plan_program, province_officer):
    response = client_for(province_officer).post("/ke-hoach/tao/", plan_form(plan_program, legacy_hue()))
    assert response.status_code == 302
    return Plan.objects.get(number="03/KH-UBND")


def test_province_officer_creates_a_plan_of_a_legacy_province_with_its_bases(plan, hue):
    assert plan.unit == legacy_hue()
    assert plan.province == hue
    assert plan.signer == "Phó Chủ tịch Nguyễn Thanh Bình"
    assert plan.issued_on.isoformat() == "2024-01-03"
    assert [basis.title for basis in plan.legal_bases.all()] == [
        "Quyết định 90/QĐ-TTg",
        "Nghị quyết 20/2023/NQ-HĐND",
    ]


def test_bad_period_is_refused_next_to_the_field_and_nothing_is_written(plan_program, province_officer):
    response = client_for(province_officer).post(
        "/ke-hoach/tao/", plan_form(plan_program, legacy_hue(), end_year="2025")
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"end_year": ["Kế hoạch năm chỉ gồm một năm."]}
    assert "Kế hoạch năm chỉ gồm một năm." in response.content.decode()
    assert not Plan.objects.exists()


def test_a_second_plan_with_the_same_number_is_refused(plan, plan_program, province_officer):
    response = client_for(province_officer).post("/ke-hoach/tao/", plan_form(plan_program, legacy_hue()))
    assert response.status_code == 400
    assert "cùng số hiệu" in response.context["form"].errors["number"][0]
    assert Plan.objects.count() == 1


def test_commune_officer_cannot_create_a_province_plan(plan_program, officer_a, commune_a):
    client = client_for(officer_a)
    page = client.get("/ke-hoach/tao/")
    assert page.status_code == 200
    assert list(page.context["form"].fields["unit"].queryset) == [commune_a]
    response = client.post("/ke-hoach/tao/", plan_form(plan_program, legacy_hue()))
    assert response.status_code == 400
    assert "unit" in response.context["form"].errors
    assert not Plan.objects.exists()


def test_commune_officer_creates_and_edits_their_own_commune_plan(plan_program, officer_a, commune_a):
    client = client_for(officer_a)
    form = plan_form(plan_program, commune_a, number="05/KH-UBND", issuer="UBND xã")
    assert client.post("/ke-hoach/tao/", form).status_code == 302
    plan = Plan.objects.get(number="05/KH-UBND")
    assert (plan.commune, plan.managed_at) == (commune_a, commune_a)
    assert client.get(f"/ke-hoach/{plan.pk}/sua/chi-tieu/").status_code == 200


def test_another_commune_neither_sees_nor_edits_a_commune_plan(plan_program, officer_a, officer_b, commune_a):
    client_for(officer_a).post("/ke-hoach/tao/", plan_form(plan_program, commune_a, number="05/KH-UBND"))
    plan = Plan.objects.get(number="05/KH-UBND")
    other = client_for(officer_b)
    assert other.get(f"/ke-hoach/{plan.pk}/").status_code == 404
    assert other.get(f"/ke-hoach/{plan.pk}/sua/").status_code == 404
    assert other.get("/api/v1/plans").json()["items"] == []


def test_commune_officer_cannot_edit_the_province_plan(plan, officer_a):
    response = client_for(officer_a).get(f"/ke-hoach/{plan.pk}/sua/")
    assert response.status_code in {403, 404}


def test_officer_of_another_province_gets_404_on_every_edit_page(plan, son_la):
    client = client_for(make_user("tinh_sonla", Role.PROVINCE_OFFICER, son_la))
    for page in (
        "sua/",
        "sua/chi-tieu/",
        "sua/phan-bo/",
        "sua/kinh-phi/",
        "sua/nhiem-vu/",
        "sua/lich-bao-cao/",
    ):
        assert client.get(f"/ke-hoach/{plan.pk}/{page}").status_code == 404
    response = client.post(f"/ke-hoach/{plan.pk}/sua/", {"action": "header", "number": "X"})
    assert response.status_code == 404
    assert client.get(f"/ke-hoach/{plan.pk}/nhap-excel/").status_code == 404


def test_commune_officer_reads_the_plan_but_gets_403_on_its_edit_pages(plan, officer_a):
    client = client_for(officer_a)
    assert client.get(f"/ke-hoach/{plan.pk}/").status_code == 200
    assert client.get(f"/ke-hoach/{plan.pk}/sua/chi-tieu/").status_code == 403


def test_header_is_corrected_and_a_basis_linked_to_the_parent_plan(plan, province_officer, plan_program):
    client = client_for(province_officer)
    data = {
        key: value
        for key, value in plan_form(plan_program, legacy_hue()).items()
        if key not in {"unit", "program"}
    }
    data.update(action="header", signer="Chủ tịch Nguyễn Văn Phương")
    assert client.post(f"/ke-hoach/{plan.pk}/sua/", data).status_code == 302
    plan.refresh_from_db()
    assert plan.signer == "Chủ tịch Nguyễn Văn Phương"
    parent = Plan.objects.create(
        program=plan_program,
        unit=legacy_hue(),
        province=plan.province,
        kind="multi_year",
        start_year=2021,
        end_year=2025,
        number="121/KH-UBND",
        issuer="UBND tỉnh",
        title="Kế hoạch 2021-2025",
    )
    response = client.post(
        f"/ke-hoach/{plan.pk}/sua/",
        {"action": "basis_add", "title": "Kế hoạch 121/KH-UBND", "parent_plan": parent.pk},
    )
    assert response.status_code == 302
    assert plan.legal_bases.get(title="Kế hoạch 121/KH-UBND").parent_plan == parent


def test_target_is_added_corrected_and_removed(plan, province_officer):
    client = client_for(province_officer)
    from giamngheo.programs.models import Indicator

    rate = Indicator.objects.get(code="poverty_rate")
    data = {
        "action": "save",
        "indicator": rate.pk,
        "group": "all",
        "kind": "level",
        "bound": "at_most",
        "value_high": "1,76",
        "target_year": "2024",
        "baseline_value": "2,27",
        "baseline_year": "2023",
        "text": "Tỷ lệ hộ nghèo toàn tỉnh giảm còn 1,76%",
    }
    assert client.post(f"/ke-hoach/{plan.pk}/sua/chi-tieu/", data).status_code == 302
    target = plan.targets.get()
    assert target.value_high == Decimal("1.76")
    assert target.baseline_value == Decimal("2.27")

    data.update(item=target.pk, value_high="1,80")
    assert client.post(f"/ke-hoach/{plan.pk}/sua/chi-tieu/", data).status_code == 302
    target.refresh_from_db()
    assert target.value_high == Decimal("1.80")

    bad = {**data, "bound": "range", "value_low": "", "value_high": "2"}
    response = client.post(f"/ke-hoach/{plan.pk}/sua/chi-tieu/", bad)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "value_high": ["Chỉ tiêu dạng khoảng cần cả giá trị thấp và cao."]
    }
    target.refresh_from_db()
    assert target.bound == "at_most"

    assert (
        client.post(f"/ke-hoach/{plan.pk}/sua/chi-tieu/", {"action": "remove", "item": target.pk}).status_code
        == 302
    )
    assert not plan.targets.exists()


def allocation_post(rows, action="save"):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0", "action": action}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{index}-{key}"] = value
    return data


SEED = SEED_003_ALLOCATION


def seed_003_rows():
    return [
        {
            "label": label,
            "unit_code": code or "",
            "start_poor": str(poor),
            "start_total": str(total_2023),
            "reduction": str(reduction),
            "projected_total": str(total_2024),
            "stated_start_rate": str(start_rate).replace(".", ","),
            "stated_target_rate": str(target_rate).replace(".", ","),
        }
        for label, code, poor, start_rate, reduction, target_rate, total_2023, total_2024 in SEED
    ]


def test_allocation_editor_computes_the_province_row_and_saves_seed_003(plan, province_officer):
    client = client_for(province_officer)
    rows = [*seed_003_rows(), {"label": "", "start_poor": ""}]
    preview = client.post(f"/ke-hoach/{plan.pk}/sua/phan-bo/", allocation_post(rows, "preview"))
    computed = preview.context["computed"]
    assert (computed.start_poor, computed.reduction, computed.remaining) == (7540, 1595, 5945)
    assert computed.start_rate == Decimal("2.27") and computed.target_rate == Decimal("1.76")
    assert all(row.start_ok and row.target_ok for row in computed.rows)
    assert not PlanAllocation.objects.exists()

    response = client.post(f"/ke-hoach/{plan.pk}/sua/phan-bo/", allocation_post(rows))
    assert response.status_code == 302
    assert plan.allocations.count() == 9
    assert plan.allocations.get(label="Huyện A Lưới").unit.code == "481"
    html = client.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "5.945" in html and "1,76" in html and "15,83" in html


def test_allocation_row_error_is_shown_in_its_row_and_nothing_is_replaced(plan, province_officer):
    client = client_for(province_officer)
    client.post(f"/ke-hoach/{plan.pk}/sua/phan-bo/", allocation_post(seed_003_rows()))
    rows = seed_003_rows()
    rows[2]["reduction"] = "300"  # Hương Trà has 277 poor households
    response = client.post(f"/ke-hoach/{plan.pk}/sua/phan-bo/", allocation_post(rows))
    assert response.status_code == 400
    form = response.context["formset"].forms[2]
    assert form.errors["reduction"] == ["Dòng 3 (Thị xã Hương Trà): số hộ giảm lớn hơn số hộ nghèo đầu kỳ."]
    assert plan.allocations.get(label="Thị xã Hương Trà").reduction == 28

    rows[2]["reduction"] = "không"
    response = client.post(f"/ke-hoach/{plan.pk}/sua/phan-bo/", allocation_post(rows))
    assert response.status_code == 400
    assert "reduction" in response.context["formset"].forms[2].errors
    assert plan.allocations.get(label="Thị xã Hương Trà").reduction == 28


def test_budget_lines_and_stated_totals_of_seed_004_show_differences(plan, province_officer):
    client = client_for(province_officer)
    url = f"/ke-hoach/{plan.pk}/sua/kinh-phi/"
    for source, expenditure, amount in (
        ("central", "investment", "78.650"),
        ("central", "recurrent", "205.669"),
        ("local", "investment", "11.797"),
        ("local", "recurrent", "30.862"),
        ("mobilised", "unspecified", "38.687"),
    ):
        response = client.post(
            url,
            {
                "action": "line_set",
                "project": "",
                "source": source,
                "expenditure": expenditure,
                "amount": amount,
            },
        )
        assert response.status_code == 302
    for group, amount in (("total", "365.665"), ("central", "284.319"), ("local", "42.000")):
        client.post(
            url, {"action": "statement_set", "group": group, "expenditure": "unspecified", "amount": amount}
        )
    page = client.get(url)
    checks = {
        check.label: (check.stated, check.computed, difference)
        for check, _s, difference in page.context["checks"]
    }
    assert checks["Tổng kinh phí"] == (Decimal(365665), Decimal(365665), 0)
    assert checks["Ngân sách trung ương"] == (Decimal(284319), Decimal(284319), 0)
    assert checks["Ngân sách địa phương"] == (Decimal(42000), Decimal(42659), Decimal(659))
    assert 'class="num bad">lệch 659' in page.content.decode()

    response = client.post(
        url,
        {
            "action": "line_set",
            "project": "",
            "source": "central",
            "expenditure": "investment",
            "amount": "-5",
        },
    )
    assert response.status_code == 400
    assert plan.budget_lines.get(source="central", expenditure="investment").amount == Decimal(78650)


def test_project_budget_line_and_task_with_lead_agency(plan, province_officer):
    client = client_for(province_officer)
    url = f"/ke-hoach/{plan.pk}/sua/kinh-phi/"
    response = client.post(
        url,
        {
            "action": "project_add",
            "local_number": "Dự án 1",
            "local_name": "Sinh kế",
            "component_code": "P2",
            "lead_agency": "Sở Nông nghiệp",
            "coordinating_agencies": "UBND huyện; Sở Tài chính",
        },
    )
    assert response.status_code == 302
    client.post(
        url,
        {
            "action": "line_set",
            "project": "Dự án 1",
            "source": "central",
            "expenditure": "recurrent",
            "amount": "1.000",
        },
    )
    assert plan.budget_lines.get().project.local_number == "Dự án 1"

    tasks = f"/ke-hoach/{plan.pk}/sua/nhiem-vu/"
    data = {
        "action": "save",
        "number": "1",
        "content": "Xây dựng kế hoạch năm",
        "lead_agency": "Sở LĐTBXH",
        "coordinating_agencies": "Sở Tài chính; Sở KHĐT",
        "product": "Kế hoạch",
        "due_date": "31/01/2024",
        "project": "Dự án 1",
    }
    assert client.post(tasks, data).status_code == 302
    task = plan.tasks.get()
    assert sorted(a.name for a in task.coordinating_agencies.all()) == ["Sở KHĐT", "Sở Tài chính"]
    assert task.due_date.isoformat() == "2024-01-31"
    response = client.post(tasks, {**data, "item": task.pk, "content": ""})
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.content == "Xây dựng kế hoạch năm"
    client.post(f"/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/", {"status": "in_progress", "note": "Đang soạn"})
    response = client.post(tasks, {"action": "remove", "item": task.pk}, follow=True)
    assert "lịch sử cập nhật" in response.content.decode()
    assert plan.tasks.count() == 1


def test_reporting_calendar_rule_is_added_and_a_bad_date_refused(plan, province_officer):
    client = client_for(province_officer)
    url = f"/ke-hoach/{plan.pk}/sua/lich-bao-cao/"
    data = {
        "action": "save",
        "period": "half_year-1",
        "label": "Báo cáo 6 tháng",
        "reporter_level": "commune",
        "recipient": "Sở Nông nghiệp và Môi trường",
        "due_day": "20",
        "due_month": "6",
    }
    assert client.post(url, data).status_code == 302
    rule = plan.reporting_rules.get()
    assert (rule.period_kind, rule.due_day, rule.due_month, rule.due_year) == ("half_year", 20, 6, None)
    response = client.post(url, {**data, "due_day": "31", "due_month": "6"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"due_day": ["Ngày hạn báo cáo không hợp lệ."]}
    assert plan.reporting_rules.count() == 1


def test_allocation_numbers_typed_with_thousand_dots_are_read_as_shown(plan, province_officer):
    client = client_for(province_officer)
    rows = seed_003_rows()
    for row in rows:
        row["start_total"] = f"{int(row['start_total']):,}".replace(",", ".")
    response = client.post(f"/ke-hoach/{plan.pk}/sua/phan-bo/", allocation_post(rows))
    assert response.status_code == 302
    assert plan.allocations.get(label="Thành phố Huế").start_total == 132162
    editor = client.get(f"/ke-hoach/{plan.pk}/sua/phan-bo/")
    assert 'value="132.162"' in editor.content.decode()
