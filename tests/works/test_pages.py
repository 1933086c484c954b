"""Works pages: create, list, progress, households, evaluation, exports; scope of commune and agency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from giamngheo.works.models import Evaluation, Participant, Work, WorkProgress
from giamngheo.works.services.works import work_create
from tests.fixtures.people import client_for, make_user
from tests.fixtures.support import join_agency

pytestmark = pytest.mark.django_db


def test_a_province_officer_creates_a_road_and_records_progress(province_officer, commune_a):
    client = client_for(province_officer)
    response = client.post(
        reverse("works:work_create"),
        {
            "name": "Đường Hồng Thủy",
            "kind": "road",
            "commune": commune_a.pk,
            "capital_central": "1234.5",
            "latitude": "16.2",
            "longitude": "107.3",
            "started_on": "2026-03-01",
        },
    )
    work = Work.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("works:work", args=[work.pk])
    response = client.post(
        reverse("works:work_progress", args=[work.pk]), {"on": "2026-06-01", "percent": 100}
    )
    assert response.status_code == 302
    work.refresh_from_db()
    assert (work.progress, work.completed_on) == (100, dt.date(2026, 6, 1))
    page = client.get(reverse("works:works"), {"status": "completed"}).content.decode()
    assert "Đường Hồng Thủy" in page
    assert "Đường giao thông: 1 (1 hoàn thành)" in page
    assert "Đường Hồng Thủy" not in client.get(reverse("works:works"), {"status": "planned"}).content.decode()
    assert "Đường Hồng Thủy" in client.get(reverse("works:map")).content.decode()


def test_the_list_is_one_query_count_whatever_the_rows(officer_a, commune_a, django_assert_max_num_queries):
    for number in range(5):
        work_create(actor=officer_a, commune=commune_a, name=f"Cầu {number}", kind="bridge")
    client = client_for(officer_a)
    client.get(reverse("works:works"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("works:works"))
    assert response.content.decode().count("Cầu ") >= 5


def test_another_commune_gets_404_for_the_work_model_and_export(officer_b, road, goat_model):
    client = client_for(officer_b)
    for name, pk in (
        ("works:work", road.pk),
        ("works:work_edit", road.pk),
        ("works:model", goat_model.pk),
        ("works:participants_export", goat_model.pk),
        ("works:model_edit", goat_model.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    assert road.name not in client.get(reverse("works:works")).content.decode()
    assert goat_model.name not in client.get(reverse("works:models")).content.decode()
    export = client.get(reverse("works:works_export"), {"format": "csv"})
    assert road.name not in b"".join(export.streaming_content).decode()
    response = client.post(
        reverse("works:work_progress", args=[road.pk]), {"on": "2026-06-01", "percent": 10}
    )
    assert response.status_code == 404
    assert WorkProgress.objects.count() == 0


def test_an_agency_sees_only_the_works_and_models_of_its_agency(
    agency_officer, officer_a, commune_a, road, goat_model, construction, agriculture
):
    client = client_for(agency_officer)
    assert client.get(reverse("works:work", args=[road.pk])).status_code == 404
    join_agency(agency_officer, construction.name, construction.kind)
    school = work_create(
        actor=officer_a, commune=commune_a, name="Trường A Lưới", kind="school", investor=construction
    )
    assert client.get(reverse("works:work", args=[school.pk])).status_code == 200
    assert client.get(reverse("works:work", args=[road.pk])).status_code == 404
    assert client.get(reverse("works:model", args=[goat_model.pk])).status_code == 404
    page = client.get(reverse("works:works")).content.decode()
    assert "Trường A Lưới" in page and road.name not in page


def test_an_agency_of_another_province_sees_nothing(son_la, road, construction):
    outsider = make_user("so_sonla", "agency_officer", son_la)
    join_agency(outsider, construction.name, construction.kind)  # even a member of the Huế agency
    assert client_for(outsider).get(reverse("works:work", args=[road.pk])).status_code == 404


def test_participants_are_searched_in_the_models_communes_and_added(
    officer_a, goat_model, poor_household, household_b
):
    client = client_for(officer_a)
    page = client.get(reverse("works:model", args=[goat_model.pk]), {"q": "Hồ Văn"}).content.decode()
    assert poor_household.code in page
    assert (
        household_b.code
        not in client.get(reverse("works:model", args=[goat_model.pk]), {"q": "Bùi Văn"}).content.decode()
    )
    client.post(
        reverse("works:participant_add", args=[goat_model.pk]),
        {"household": poor_household.pk, "joined_on": "2026-04-01", "labour_days": "5", "money": "200000"},
    )
    assert Participant.objects.get().status_at_joining == "poor"
    page = client.get(reverse("works:model", args=[goat_model.pk])).content.decode()
    assert "1 hộ, trong đó 1 hộ nghèo, 0 hộ cận nghèo" in page
    response = client.post(
        reverse("works:participant_add", args=[goat_model.pk]),
        {"household": household_b.pk, "joined_on": "2026-04-01"},
    )
    assert response.status_code == 404  # commune B's household is outside officer A's area
    assert Participant.objects.count() == 1


def test_an_evaluation_is_recorded_from_the_model_page(officer_a, goat_model):
    client = client_for(officer_a)
    client.post(
        reverse("works:model_evaluate", args=[goat_model.pk]),
        {
            "evaluated_on": "2026-11-01",
            "evaluator": "UBND xã",
            "economic": "Lãi",
            "social": "Tốt",
            "environmental": "Không ô nhiễm",
            "result": "effective",
        },
    )
    assert Evaluation.objects.get().result == "effective"
    assert (
        "Hiệu quả, nên nhân rộng" in client.get(reverse("works:model", args=[goat_model.pk])).content.decode()
    )


def test_a_viewer_reads_but_cannot_write(hue, road):
    viewer = make_user("mttq", "oversight_viewer", hue)
    client = client_for(viewer)
    assert client.get(reverse("works:work", args=[road.pk])).status_code == 200
    response = client.post(
        reverse("works:work_progress", args=[road.pk]), {"on": "2026-06-01", "percent": 10}
    )
    assert response.status_code == 403
    assert WorkProgress.objects.count() == 0


def test_the_model_form_creates_a_model_with_budget(province_officer, commune_a, commune_b):
    client = client_for(province_officer)
    response = client.post(
        reverse("works:model_create"),
        {
            "name": "Trồng dược liệu",
            "kind": "production",
            "communes": [commune_a.pk, commune_b.pk],
            "started_on": "2026-02-01",
            "budget_central": "300",
            "budget_mobilised": "20.5",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Trồng dược liệu" in page and "320,5" in page


def test_pages_answer_in_english(province_officer, road, goat_model):
    client = client_for(province_officer)
    client.cookies["django_language"] = "en"
    for name, args in (
        ("works:works", []),
        ("works:models", []),
        ("works:map", []),
        ("works:work", [road.pk]),
        ("works:model", [goat_model.pk]),
    ):
        assert client.get(reverse(name, args=args), HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def test_the_models_list_and_api_do_not_grow_queries_with_rows(
    officer_a, commune_a, django_assert_max_num_queries
):
    from giamngheo.works.services.livelihood import model_create

    for number in range(6):
        model_create(
            actor=officer_a,
            communes=[commune_a],
            name=f"Mô hình {number}",
            kind="model",
            started_on=dt.date(2026, 1, 1),
        )
    client = client_for(officer_a)
    client.get(reverse("works:models"))
    with django_assert_max_num_queries(14):
        page = client.get(reverse("works:models")).content.decode()
    assert page.count("Mô hình ") >= 6
    with django_assert_max_num_queries(10):
        listed = client.get("/api/v1/livelihood-models").json()
    assert listed["count"] == 6
