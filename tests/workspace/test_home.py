"""Home pages per role: each one's work queue, the area's figures and charts, scoped, under 20 queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from giamngheo.accounts.models import AreaAssignment
from giamngheo.accounts.roles import Role
from giamngheo.areas.services import village_create
from giamngheo.core.services import period_get_or_create
from giamngheo.monitoring import services as monitoring
from giamngheo.programs.catalogue import indicator_catalogue_load
from giamngheo.programs.models import Program
from giamngheo.programs.services import plan_create, task_add
from giamngheo.reviews.services import cases_list
from giamngheo.reviews.services.campaigns import review_request_record
from tests.fixtures.people import client_for, make_user
from tests.fixtures.reviews import make_household

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


@pytest.fixture
def area(admin_user, officer_a, officer_b, commune_a, commune_b, campaign):
    """Two households in commune A (one poor, one near-poor) and a poor one in commune B; A listed."""
    village = village_create(actor=admin_user, commune=commune_a, name="Thôn Ka Vân")
    other_village = village_create(actor=admin_user, commune=commune_a, name="Thôn A Đớt")
    village_b = village_create(actor=admin_user, commune=commune_b, name="Thôn Bên Kia")
    poor = make_household(officer_a, commune_a, village, "Hồ Văn Nghèo", "poor")
    near = make_household(officer_a, commune_a, other_village, "Kăn Thị Cận", "near_poor")
    foreign = make_household(officer_b, commune_b, village_b, "Người Xã Khác", "poor")
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    review_request_record(
        actor=officer_a, household=poor, form="04", received_on=timezone.localdate() - dt.timedelta(days=20)
    )
    review_request_record(
        actor=officer_b, household=foreign, form="04", received_on=timezone.localdate() - dt.timedelta(days=3)
    )
    return {
        "village": village,
        "other_village": other_village,
        "poor": poor,
        "near": near,
        "foreign": foreign,
    }


def _home(user, django_assert_max_num_queries):
    client = client_for(user)
    client.get("/")  # sessions, caches
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _section(content: str, name: str) -> str:
    match = re.search(rf'data-testid="section-{name}">(.*?)</section>', content, re.S)
    assert match, f"no section {name}"
    return match.group(1)


def test_commune_officer_sees_her_queue_and_nothing_of_another_commune(
    officer_a, area, django_assert_max_num_queries
):
    content = _home(officer_a, django_assert_max_num_queries)
    campaign = _section(content, "campaign")
    assert "Xã A Lưới 1" in campaign
    assert "chưa có phiếu rà soát, chấm điểm" in campaign and "Xã A Lưới 2" not in campaign
    survey = _section(content, "survey")
    assert "Hồ Văn Nghèo" in survey and "Kăn Thị Cận" in survey
    requests = _section(content, "requests")
    assert "Hồ Văn Nghèo" in requests and "quá hạn 5 ngày" in requests
    assert "1 giấy đề nghị quá hạn 15 ngày." in requests
    assert "hộ nghèo chưa có kế hoạch hỗ trợ" in _section(content, "support")
    assert 'hx-get="/bang/chat-luong-du-lieu/"' in content
    assert "Người Xã Khác" not in content and "Thôn Bên Kia" not in content


def test_commune_officer_figures_and_charts_are_by_village(officer_a, area, django_assert_max_num_queries):
    content = _home(officer_a, django_assert_max_num_queries)
    kpis = re.search(r'data-testid="kpis">(.*?)</section>', content, re.S).group(1)
    assert re.sub(r"\s+", " ", kpis).count("kpi-value") == 3
    assert ">2<" in kpis and "50,00%" in kpis  # 2 households, 1 poor (50,00%), 1 near-poor
    assert content.count("<svg") == 3
    places = re.search(r'id="chart-places">(.*?)</figure>', content, re.S).group(1)
    assert "Thôn Ka Vân" in places and "Thôn A Đớt" in places and "Thôn Bên Kia" not in places
    # the table alternative repeats the numbers for screen readers, Vietnamese style
    assert re.search(r'<th scope="row">Thôn Ka Vân</th><td class="num">100,00%</td>', places)
    assert f'<th scope="row">{timezone.localdate().year}</th>' in content


def test_chair_sees_the_decision_waiting_with_a_summary(chair_a, area, django_assert_max_num_queries):
    content = _home(chair_a, django_assert_max_num_queries)
    decisions = _section(content, "decisions")
    assert "Xã A Lưới 1" in decisions and "Xã A Lưới 2" not in decisions
    assert "Còn 2 hộ chưa đủ bước, chưa thể ký." in decisions
    assert "/ra-soat/" in decisions
    assert "section-campaign" not in content  # the officer's queue is not the chair's


def test_village_reviewer_sees_only_her_village_households_and_her_menus(
    commune_a, area, django_assert_max_num_queries
):
    reviewer = make_user("thon", Role.VILLAGE_REVIEWER, area["village"])
    content = _home(reviewer, django_assert_max_num_queries)
    survey = _section(content, "survey")
    assert "Hồ Văn Nghèo" in survey and f"/ho/{area['poor'].pk}/phieu/" in survey
    assert "Kăn Thị Cận" not in content and "Người Xã Khác" not in content
    menu = re.search(r'<nav class="mainnav".*?</nav>', content, re.S).group(0)
    assert re.findall(r">([^<>]+)</a>", menu) == ["Trang chủ", "Hộ gia đình", "Rà soát"]


def test_province_sees_communes_progress_charts_and_reports(
    province_officer, hue, area, django_assert_max_num_queries
):
    indicator_catalogue_load()
    program = Program.objects.create(code="MTQG-GN", name="Chương trình", start_year=2026, end_year=2030)
    plan = plan_create(
        actor=province_officer,
        program=program,
        unit=hue,
        kind="annual",
        start_year=2026,
        end_year=2026,
        number="1/KH-UBND",
        issuer="UBND tỉnh",
        title="Kế hoạch giảm nghèo 2026",
    )
    task_add(
        actor=province_officer,
        plan=plan,
        number="1",
        content="Rà soát hộ nghèo",
        lead_agency="Sở Y tế",
        due_date=dt.date(2026, 3, 1),
    )
    monitoring.round_open(
        actor=province_officer,
        province=hue,
        period=period_get_or_create(year=2026, kind="half_year", number=1),
        commune_due=dt.date(2026, 6, 20),
        province_due=dt.date(2026, 6, 25),
    )
    content = _home(province_officer, django_assert_max_num_queries)
    progress = _section(content, "progress")
    assert 'id="chart-progress"' in progress and "15 xã chậm nhất trên 40 xã của đợt." in progress
    assert "Không có xã nào chậm tiến độ." in progress
    assert f'hx-get="/giam-sat/ke-hoach/{plan.pk}/ket-qua/?tom-tat=1"' in _section(content, "targets")
    assert "báo cáo quá hạn" in _section(content, "reports")
    tasks = _section(content, "tasks")
    assert "Rà soát hộ nghèo" in tasks and "1 nhiệm vụ quá hạn." in tasks
    places = re.search(r'id="chart-places">(.*?)</figure>', content, re.S).group(1)
    assert "Xã A Lưới 1" in places and "Xã A Lưới 2" in places
    assert content.count("<svg") == 4


def test_a_user_with_two_roles_sees_the_sections_of_each(officer_a, commune_a, area):
    AreaAssignment.objects.create(user=officer_a, role=Role.COMMUNE_CHAIR, unit=commune_a)
    content = client_for(officer_a).get("/").content.decode()
    assert 'data-testid="section-campaign"' in content and 'data-testid="section-decisions"' in content
    assert content.count('data-testid="section-requests"') == 1


def test_oversight_home_is_read_only(hue, area, django_assert_max_num_queries):
    viewer = make_user("giamsat", Role.OVERSIGHT_VIEWER, hue)
    content = _home(viewer, django_assert_max_num_queries)
    assert 'data-testid="section-progress"' in content
    main = content.split("<main", 1)[1]
    assert 'method="post"' not in main


def test_quality_panel_counts_the_communes_problems_only(officer_a, area, django_assert_max_num_queries):
    client = client_for(officer_a)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/bang/chat-luong-du-lieu/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
