"""A commune officer finds poor members who want work, refers one to a vacancy and records the start."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from giamngheo.accounts.models import User
from giamngheo.demo.accounts import demo_load
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.jobs.services.labour import labour_survey_record
from giamngheo.jobs.services.placements import employer_create, vacancy_create
from giamngheo.programs.catalogue import catalogue_load
from giamngheo.registry.services import household_register, member_add
from giamngheo.registry.status import household_status_change
from giamngheo.support.catalogue import support_catalogue_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def setup_commune() -> None:
    """A poor household of Xã A Lưới 1 whose head wants work, a comfortable one, and a sewing vacancy."""
    demo_load()
    catalogue_load()
    support_catalogue_load()
    officer = User.objects.get(username="xa.aluoi1")
    commune = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.COMMUNE, code="20056")
    village = AdminUnit.objects.get(level=Level.VILLAGE, code="20056.001")
    today = timezone.localdate()
    for name, status in (("Hồ Văn Tâm", "poor"), ("Lê Văn Khá", "none")):
        household = household_register(
            actor=officer, commune=commune, village=village,
            head={"full_name": name, "sex": "male", "birth_year": 1990},
        )  # fmt: skip
        if status == "poor":
            household_status_change(
                actor=None, household=household, to_status="poor", kind=None, effective_on=today
            )
            member_add(
                actor=officer, household=household, full_name="Kăn Thị Hoa", sex="female", birth_year=1992
            )
        labour_survey_record(
            actor=officer, member=household.members.get(member_no=1), surveyed_on=today, today=today,
            answers={"employment": "unemployed", "skills": "may", "wants_work": True},
        )  # fmt: skip
    employer = employer_create(actor=officer, place=commune, name="Công ty May A Lưới", tax_code="3300101234")
    vacancy_create(
        actor=officer, employer=employer, place=commune, position="Công nhân may", openings=10, skills="may",
        wage=6_500_000, deadline=today + dt.timedelta(days=30), today=today,
    )  # fmt: skip


def test_find_match_refer_and_place(page, login, logout, screenshot):
    setup_commune()
    login(page, "xa.aluoi1")
    page.goto(f"{page.base_url}/viec-lam/")
    page.select_option("#f-status", "poor_near_poor")
    page.select_option("#f-wish", "work")
    page.click("button:text-is('Lọc')")
    page.wait_for_selector("text=Hồ Văn Tâm")
    expect(page.locator("text=Lê Văn Khá")).to_have_count(0)
    screenshot(page, "90-jobs-register")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "90-jobs-register-390")
    page.set_viewport_size({"width": 1366, "height": 900})

    with page.expect_navigation():
        page.click("nav.tabs >> text=Tuyển dụng")
    with page.expect_navigation():
        page.click("text=Công nhân may")
    first = page.locator("tbody tr").first
    assert "Hồ Văn Tâm" in first.inner_text()
    assert "hộ nghèo (ưu tiên)" in first.inner_text()
    assert "cùng xã với nơi làm việc" in first.inner_text()
    assert "Lê Văn Khá" in page.locator("tbody tr").nth(1).inner_text()
    screenshot(page, "91-jobs-vacancy-candidates")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "91-jobs-vacancy-candidates-390")
    page.set_viewport_size({"width": 1366, "height": 900})

    with page.expect_navigation():  # each click below loads a new page: act on it only once it is there
        first.locator("button:text-is('Giới thiệu')").click()
    page.wait_for_selector("text=Điểm phù hợp: 95")
    referral_url = page.url
    page.select_option("#id_step", "placement")
    page.fill("#id_on", timezone.localdate().isoformat())
    page.click("button:text-is('Ghi')")
    page.wait_for_selector("p.status >> text=Đã nhận việc")
    screenshot(page, "92-jobs-referral-placed")
    logout(page)

    login(page, "xa.aluoi2")
    response = page.goto(referral_url)
    assert response is not None and response.status == 404
    page.goto(f"{page.base_url}/viec-lam/")
    expect(page.locator("text=Hồ Văn Tâm")).to_have_count(0)


def test_a_job_fair_with_attendees_and_a_referral(page, login, screenshot):
    setup_commune()
    today = timezone.localdate()
    login(page, "xa.aluoi1")
    page.goto(f"{page.base_url}/viec-lam/su-kien/")
    page.select_option("#id_place", label="Xã A Lưới 1")
    page.select_option("#id_kind", "fair")
    page.fill("#id_name", "Ngày hội việc làm A Lưới")
    page.fill("#id_held_on", today.isoformat())
    page.fill("#id_venue", "Nhà văn hóa xã")
    page.fill("#id_organiser", "Trung tâm Dịch vụ việc làm")
    page.check("text=Công nhân may")
    page.click("button:text-is('Ghi')")
    page.wait_for_selector("h1:text-is('Ngày hội việc làm A Lưới')")
    with page.expect_navigation():  # each click below loads a new page: act on it only once it is there
        page.locator("li", has_text="Hồ Văn Tâm").locator("button:text-is('Có tham dự')").click()
    expect(page.locator("#attendees tbody tr", has_text="Hồ Văn Tâm")).to_have_count(1)
    page.fill("#walk-in", "Khách Vãng Lai")
    with page.expect_navigation():
        page.locator("form", has=page.locator("#walk-in")).locator("button").click()
    expect(page.locator("#attendees tbody tr")).to_have_count(2)
    with page.expect_navigation():
        page.locator("#attendees tr", has_text="Hồ Văn Tâm").locator("button:text-is('Giới thiệu')").click()
    page.wait_for_selector("text=Hồ Văn Tâm → Công nhân may")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "93-jobs-fair-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click("text=Hồ Văn Tâm → Công nhân may")
    page.wait_for_selector("text=Điểm phù hợp: 95")
    expect(page.locator("section", has_text="Lịch sử").locator("tbody tr")).to_have_count(1)
    screenshot(page, "94-jobs-referral-history")
    # the training plan page on a phone: the tables scroll inside their cards, the page does not
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/viec-lam/nhu-cau-dao-tao/")
    page.wait_for_selector("#by-commune")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    screenshot(page, "95-jobs-training-needs-390")
