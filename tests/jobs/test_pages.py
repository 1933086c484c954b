"""Jobs pages: the register filters poor households' members who want work; ranked candidates show reasons."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from giamngheo.jobs.models import LabourSurvey, Referral
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def test_the_register_finds_poor_members_who_want_work(officer_a, worker, poor_household):
    page = client_for(officer_a).get(reverse("jobs:register"), {"dien": "poor_near_poor", "muon": "work"})
    assert page.status_code == 200
    assert [member.pk for member in page.context["page"]] == [worker.pk]
    everyone = client_for(officer_a).get(reverse("jobs:register"))
    assert len(everyone.context["page"]) == 2  # the head and his wife; their son (born 2012) is a child


def test_another_commune_sees_nobody_of_commune_a(officer_b, worker, vacancy):
    client = client_for(officer_b)
    assert list(client.get(reverse("jobs:register")).context["page"]) == []
    assert client.get(reverse("jobs:member", args=[worker.pk])).status_code == 404
    vacancy_page = client.get(reverse("jobs:vacancy", args=[vacancy.pk]))
    assert vacancy_page.status_code == 200
    assert worker.full_name not in vacancy_page.content.decode()


def test_the_vacancy_page_ranks_with_reasons_and_refers(officer_a, worker, vacancy):
    client = client_for(officer_a)
    page = client.get(reverse("jobs:vacancy", args=[vacancy.pk]))
    text = page.content.decode()
    assert worker.full_name in text
    assert "hộ nghèo (ưu tiên)" in text
    response = client.post(
        reverse("jobs:refer", args=[vacancy.pk]), {"member": worker.pk, "on": "2026-11-30"}
    )
    referral = Referral.objects.get()
    assert response.url == reverse("jobs:referral", args=[referral.pk])
    assert referral.score == 95
    step = client.post(
        reverse("jobs:referral_update", args=[referral.pk]),
        {"step": "placement", "on": "2026-11-30", "version": referral.version},
    )
    assert step.status_code == 302
    referral.refresh_from_db()
    assert referral.placed_on.isoformat() == "2026-11-30"


def test_the_survey_form_records_a_new_round(officer_a, worker):
    response = client_for(officer_a).post(
        reverse("jobs:member_survey", args=[worker.pk]),
        {
            "surveyed_on": "2026-11-25",
            "employment": "wage_contract",
            "qualification": "3",
            "has_certificate": "on",
        },
    )
    assert response.status_code == 302
    latest = LabourSurvey.objects.filter(member=worker).order_by("-surveyed_on").first()
    assert (latest.employment, latest.qualification, latest.has_certificate) == ("wage_contract", 3, True)


def test_the_register_export_is_formula_safe_and_scoped(officer_a, officer_b, poor_household, worker):
    from giamngheo.registry.models import Member

    Member.objects.filter(pk=worker.pk).update(full_name="=HYPERLINK(1)")
    response = client_for(officer_a).get(reverse("jobs:register_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [row[3] for row in sheet.iter_rows(min_row=2)]
    assert [(cell.value, cell.data_type) for cell in cells if cell.value == "=HYPERLINK(1)"] == [
        ("=HYPERLINK(1)", "s")
    ]
    other = client_for(officer_b).get(reverse("jobs:register_export"))
    rows = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(other.streaming_content))).active.iter_rows(min_row=2)
    )
    assert rows == []


def test_pages_answer_for_every_tab(officer_a, worker, vacancy):
    client = client_for(officer_a)
    for name in ("jobs:vacancies", "jobs:referrals", "jobs:courses", "jobs:abroad"):
        assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("jobs:member", args=[worker.pk])).status_code == 200


def test_a_vacancy_is_edited_by_its_place_only(officer_a, officer_b, vacancy):
    body = {"position": "Thợ may", "openings": 8, "wage": 7000000, "age_min": 18, "age_max": 50, "sex": "",
            "skills": "may", "qualification": 1, "deadline": "2026-12-31"}  # fmt: skip
    assert (
        client_for(officer_b).post(reverse("jobs:vacancy_edit", args=[vacancy.pk]), body).status_code == 403
    )
    vacancy.refresh_from_db()
    assert (vacancy.position, vacancy.openings) == ("Công nhân may", 5)
    client = client_for(officer_a)
    assert "Sửa vị trí tuyển dụng" in client.get(reverse("jobs:vacancy", args=[vacancy.pk])).content.decode()
    response = client.post(reverse("jobs:vacancy_edit", args=[vacancy.pk]), body)
    assert response.url == reverse("jobs:vacancy", args=[vacancy.pk])
    vacancy.refresh_from_db()
    assert (vacancy.position, vacancy.openings, vacancy.wage, vacancy.qualification) == (
        "Thợ may",
        8,
        7_000_000,
        1,
    )
    refused = client.post(
        reverse("jobs:vacancy_edit", args=[vacancy.pk]), body | {"age_min": 50, "age_max": 20}
    )
    assert refused.status_code == 200 and refused.context["form"].errors
    vacancy.refresh_from_db()
    assert vacancy.age_min == 18
