"""Activity pages: each register lists, creates, shows and edits; another commune or agency gets 404."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from giamngheo.activities.models import CommunicationItem, FollowUp, Inspection
from giamngheo.activities.registers import REGISTERS
from giamngheo.activities.services.registers import communication_create
from tests.fixtures.activities import TODAY
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_a(officer_a, commune_a):
    return communication_create(
        actor=officer_a, unit=commune_a, today=TODAY, kind="conference", title="Hội nghị đối thoại =cmd",
        held_on=dt.date(2026, 4, 2), reach=120, reach_poor=60,
    )  # fmt: skip


def test_every_list_opens_for_a_province_officer(
    province_officer, event_a, inspection_a, django_assert_max_num_queries
):
    client = client_for(province_officer)
    for key in REGISTERS:
        with django_assert_max_num_queries(25):
            page = client.get(reverse(f"activities:{key}_list"))
        assert page.status_code == 200, key
        assert client.get(reverse(f"activities:{key}_create")).status_code == 200, key
    assert client.get(reverse("activities:overview")).status_code == 200


def test_a_commune_creates_and_edits_an_event(officer_a, commune_a):
    client = client_for(officer_a)
    response = client.post(
        reverse("activities:communication_create"),
        {"unit": commune_a.pk, "kind": "leaflet", "title": "Tờ rơi chính sách", "held_on": "2026-03-01",
         "cost_local": "1,5", "reach": "1.200", "reach_poor": "300"},
    )  # fmt: skip
    item = CommunicationItem.objects.get()
    assert response.url == reverse("activities:communication_detail", args=[item.pk])
    assert (item.reach, str(item.cost_local)) == (1200, "1.500")
    edit = client.post(
        reverse("activities:communication_edit", args=[item.pk]),
        {"kind": "leaflet", "title": "Tờ rơi chính sách 2026", "held_on": "2026-03-01", "reach": "1200",
         "reach_poor": "300", "version": item.version},
    )  # fmt: skip
    assert edit.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.version) == ("Tờ rơi chính sách 2026", 2)


def test_another_commune_gets_404_and_sees_nothing(officer_b, event_a, inspection_a):
    client = client_for(officer_b)
    assert client.get(reverse("activities:communication_detail", args=[event_a.pk])).status_code == 404
    assert client.get(reverse("activities:communication_edit", args=[event_a.pk])).status_code == 404
    assert client.get(reverse("activities:inspections_detail", args=[inspection_a.pk])).status_code == 404
    assert event_a.title not in client.get(reverse("activities:communication_list")).content.decode()
    export = client.get(reverse("activities:communication_export_csv"))
    assert event_a.title not in b"".join(export.streaming_content).decode("utf-8-sig")
    recommendation = inspection_a.recommendations.first()
    response = client.post(
        reverse("activities:follow_up", args=[recommendation.pk]),
        {"on": "2026-11-01", "action": "X", "new_status": "done"},
    )
    assert response.status_code == 404
    assert FollowUp.objects.count() == 0


def test_an_agency_sees_the_inspections_it_must_act_on_only(
    inspection_a, culture_officer, health_agency, hue
):
    from giamngheo.accounts.roles import Role
    from giamngheo.programs.models import AgencyMember
    from tests.fixtures.people import make_user

    health = make_user("yte", Role.AGENCY_OFFICER, hue)
    AgencyMember.objects.create(agency=health_agency, user=health)
    url = reverse("activities:inspections_detail", args=[inspection_a.pk])
    assert client_for(health).get(url).status_code == 200
    assert client_for(culture_officer).get(url).status_code == 404


def test_the_export_neutralises_formulas(province_officer, event_a):
    client = client_for(province_officer)
    response = client.get(reverse("activities:communication_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    titles = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["Hội nghị đối thoại =cmd"]
    csv = b"".join(client.get(reverse("activities:communication_export_csv")).streaming_content).decode(
        "utf-8-sig"
    )
    assert "Hội nghị đối thoại =cmd" in csv


def test_the_inspection_page_highlights_the_overdue_recommendation(province_officer, inspection_a):
    page = client_for(province_officer).get(reverse("activities:inspections_detail", args=[inspection_a.pk]))
    text = page.content.decode()
    overdue = [r.number for r in page.context["recommendations"] if r.overdue]
    assert overdue == [1]  # due 30/9/2026; the second is due 31/12/2030
    assert "Quá hạn" in text


def test_recommendation_and_follow_up_through_the_pages(province_officer, inspection_a):
    client = client_for(province_officer)
    client.post(
        reverse("activities:recommendation_add", args=[inspection_a.pk]),
        {"content": "Bổ sung hồ sơ minh chứng", "due_on": "2027-01-31"},
    )
    third = inspection_a.recommendations.get(number=3)
    client.post(
        reverse("activities:follow_up", args=[third.pk]),
        {"on": TODAY.isoformat(), "action": "Đã bổ sung", "evidence": "Công văn 5", "new_status": "done"},
    )
    third.refresh_from_db()
    assert third.status == "done"
    assert Inspection.objects.count() == 1


@pytest.fixture
def one_of_each(officer_a, commune_a, event_a, inspection_a):
    """A row of every register at commune A (the inspection is the province's, of commune A)."""
    from giamngheo.activities.services.registers import donation_create
    from giamngheo.activities.services.training import officer_course_create, officer_create

    place = {"actor": officer_a, "unit": commune_a}
    return {
        "communication": event_a,
        "officers": officer_create(**place, full_name="Hồ Thị Lan", position="Công chức"),
        "courses": officer_course_create(
            **place,
            title="Tập huấn",
            starts_on=dt.date(2026, 3, 1),
            ends_on=dt.date(2026, 3, 1),
            organiser="UBND xã",
            level="commune",
        ),
        "inspections": inspection_a,
        "donations": donation_create(
            **place, today=TODAY, donor="Nhà hảo tâm", donated_on=TODAY, amount=1_000
        ),
    }


def _posted(form) -> dict[str, str]:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    return data


def test_every_register_edit_form_round_trips_unchanged(officer_a, one_of_each):
    client = client_for(officer_a)
    for key, row in one_of_each.items():
        if key == "inspections":
            continue  # the province's inspection: the commune may read, not edit
        page = client.get(reverse(f"activities:{key}_edit", args=[row.pk]))
        assert page.status_code == 200, key
        data = _posted(page.context["form"]) | {"version": str(row.version)}
        response = client.post(reverse(f"activities:{key}_edit", args=[row.pk]), data)
        assert response.status_code == 302, (key, response.context and response.context["form"].errors)
        assert type(row).objects.get(pk=row.pk).version == row.version, key  # nothing changed, no new version
        assert client.get(reverse(f"activities:{key}_detail", args=[row.pk])).status_code == 200, key


def test_the_commune_cannot_edit_the_provinces_inspection(officer_a, inspection_a):
    client = client_for(officer_a)
    url = reverse("activities:inspections_edit", args=[inspection_a.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"title": "Sửa trái phép", "kind": "planned", "method": "inspection"})
    assert response.status_code == 404
    assert Inspection.objects.get().title == inspection_a.title
    page = client.get(reverse("activities:inspections_detail", args=[inspection_a.pk]))
    assert (page.context["can_edit"], page.context["can_follow_up"]) == (False, True)


def test_the_recommendations_export_flags_the_overdue(province_officer, officer_b, inspection_a):
    response = client_for(province_officer).get(reverse("activities:recommendations_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[2], row[-2]) for row in rows] == [(1, "Có"), (2, "Không")]
    empty = client_for(officer_b).get(reverse("activities:recommendations_export"))
    assert len(list(openpyxl.load_workbook(io.BytesIO(b"".join(empty.streaming_content))).active.rows)) == 1


def test_an_agency_lists_only_what_it_leads_and_a_village_reviewer_nothing(
    province_officer, culture_officer, culture_agency, health_agency, hue, commune_a, event_a
):
    from giamngheo.accounts.roles import Role
    from tests.fixtures.people import make_user

    own = communication_create(
        actor=province_officer, unit=hue, today=TODAY, kind="article", title="Bài báo của Sở Văn hóa",
        held_on=dt.date(2026, 5, 1), lead_agency=culture_agency,
    )  # fmt: skip
    other = communication_create(
        actor=province_officer, unit=hue, today=TODAY, kind="article", title="Bài báo của Sở Y tế",
        held_on=dt.date(2026, 5, 2), lead_agency=health_agency,
    )  # fmt: skip
    page = client_for(culture_officer).get(reverse("activities:communication_list"))
    assert [row.pk for row, _cells in page.context["rows"]] == [own.pk]
    assert (
        client_for(culture_officer)
        .get(reverse("activities:communication_detail", args=[other.pk]))
        .status_code
        == 404
    )
    reviewer = make_user("thon", Role.VILLAGE_REVIEWER, commune_a)
    assert client_for(reviewer).get(reverse("activities:communication_list")).context["rows"] == []
    assert (
        client_for(reviewer).get(reverse("activities:communication_detail", args=[event_a.pk])).status_code
        == 404
    )
