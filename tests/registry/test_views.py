"""Registry pages: list with search and filters, household page, registration, members, survey entry."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.registry.models import Assessment, ExportJob, Household
from giamngheo.registry.services import household_register
from tests.fixtures.people import client_for
from tests.fixtures.registry import survey_post

pytestmark = pytest.mark.django_db


def table(response) -> str:
    content = response.content.decode()
    return content[content.index('data-testid="households"') :]


def test_list_finds_by_accent_free_name_personal_id_and_code(officer_a, household):
    client = client_for(officer_a)
    for query in ("ho van tam", "kan thi hoa", "046080000123", household.code):
        assert household.code in table(client.get("/ho/", {"q": query})), query
    assert household.code not in table(client.get("/ho/", {"q": "nguyen"}))


def test_list_filters_ethnic_minority_and_children(officer_a, household):
    client = client_for(officer_a)
    assert household.code in table(client.get("/ho/", {"ethnic": "1"}))
    assert household.code not in table(client.get("/ho/", {"under5": "1"}))


def test_list_of_another_commune_shows_nothing(officer_b, household):
    assert household.code not in table(client_for(officer_b).get("/ho/", {"q": household.code}))


def test_list_query_count_does_not_grow_with_rows(officer_a, household, django_assert_max_num_queries):
    client = client_for(officer_a)
    client.get("/ho/")
    with django_assert_max_num_queries(14):
        assert client.get("/ho/").status_code == 200


def test_household_page_masks_ids_for_village_reviewers(household, village_a):
    from giamngheo.accounts.roles import Role
    from tests.fixtures.people import make_user

    reviewer = make_user("thon", Role.VILLAGE_REVIEWER, village_a)
    content = client_for(reviewer).get(f"/ho/{household.pk}/").content.decode()
    assert "046080000123" not in content
    assert "*********123" in content


def test_household_page_of_another_commune_is_404(officer_b, household):
    assert client_for(officer_b).get(f"/ho/{household.pk}/").status_code == 404
    assert client_for(officer_b).get(f"/ho/{household.pk}/phieu/").status_code == 404


def test_register_form_creates_a_household(officer_a, commune_a, village_a):
    response = client_for(officer_a).post(
        f"/ho/dang-ky/{commune_a.pk}/",
        {
            "village": village_a.pk,
            "address": "Thôn Ka Vân",
            "residence": "permanent",
            "registered_on": "1/10/2026",
            "full_name": "Hồ Văn Mới",
            "personal_id": "",
            "birth_year": 1990,
            "sex": "male",
            "ethnicity": "19",
        },
    )
    assert response.status_code == 302
    created = Household.objects.get(head_name="Hồ Văn Mới")
    assert (created.village, created.commune) == (village_a, commune_a)


def test_live_preview_classifies_without_saving(officer_a, household):
    data = survey_post(
        household,
        **{
            "h-income_per_capita": "1200000",
            "h-latrine": "none",
            "h-water_source": "unprotected_dug_well",
            "h-floor_area_m2": "10",
        },
    )
    data["action"] = "preview"
    content = (
        client_for(officer_a)
        .post(f"/ho/{household.pk}/phieu/", data, HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "Hộ nghèo" in content
    assert not Assessment.objects.exists()


def test_survey_save_records_assessment(officer_a, household):
    response = client_for(officer_a).post(f"/ho/{household.pk}/phieu/", survey_post(household))
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.latest_category == "not_poor"
    page = client_for(officer_a).get(f"/ho/{household.pk}/").content.decode()
    assert "Hộ không nghèo" in page


def test_second_survey_shows_what_changed(officer_a, household):
    client = client_for(officer_a)
    client.post(f"/ho/{household.pk}/phieu/", survey_post(household))
    household.refresh_from_db()
    client.post(f"/ho/{household.pk}/phieu/", survey_post(household, **{"h-latrine": "none"}))
    page = client.get(f"/ho/{household.pk}/").content.decode()
    assert "Loại nhà tiêu" in page


def test_stale_survey_is_refused(officer_a, household):
    data = survey_post(household)
    data["h-version"] = household.version - 1
    response = client_for(officer_a).post(f"/ho/{household.pk}/phieu/", data)
    assert response.status_code == 400
    assert "người khác thay đổi" in response.content.decode()


def test_member_add_form_reports_bad_personal_id(officer_a, household):
    response = client_for(officer_a).post(
        f"/ho/{household.pk}/thanh-vien/them/",
        {
            "full_name": "Hồ Văn C",
            "personal_id": "123",
            "birth_year": 2000,
            "sex": "male",
            "ethnicity": "19",
            "relation": "child",
        },
    )
    assert response.status_code == 400
    assert "12 chữ số" in response.content.decode()


def test_split_page_creates_a_new_household(officer_a, household, village_a):
    spouse, child = household.members.get(member_no=2), household.members.get(member_no=3)
    response = client_for(officer_a).post(
        f"/ho/{household.pk}/tach-ho/",
        {
            "members": [spouse.pk, child.pk],
            "new_head": spouse.pk,
            "village": village_a.pk,
            "address": "",
            "on": "1/10/2026",
            "version": household.version,
        },
    )
    assert response.status_code == 302
    new = Household.objects.exclude(pk=household.pk).get()
    assert new.head_name == "Kăn Thị Hoa"


def test_merge_page_needs_a_household_of_the_area(officer_a, officer_b, household, commune_b):
    from giamngheo.registry.services import household_register

    other = household_register(
        actor=officer_b,
        commune=commune_b,
        village=None,
        head={"full_name": "Pả Văn B", "sex": "male", "birth_year": 1970},
    )
    response = client_for(officer_a).post(
        f"/ho/{household.pk}/nhap-ho/", {"target_code": other.code, "on": "1/10/2026"}
    )
    assert response.status_code == 400
    assert "Không tìm thấy hộ có mã này" in response.content.decode()
    household.refresh_from_db()
    assert household.is_active


def test_another_households_member_is_a_404_and_changes_nothing(officer_a, household, commune_a, village_a):
    other = household_register(
        actor=officer_a,
        commune=commune_a,
        village=village_a,
        address="Thôn Ka Vân",
        head={"full_name": "Hồ Văn Khác", "sex": "male", "birth_year": 1970, "ethnicity": "19"},
        registered_on=dt.date(2022, 1, 1),
    )
    stranger = other.members.get()
    client = client_for(officer_a)
    edit = client.get(f"/ho/{household.pk}/thanh-vien/{stranger.pk}/")
    leave = client.post(
        f"/ho/{household.pk}/thanh-vien/{stranger.pk}/ra-khoi-ho/", {"reason": "died", "on": "02/01/2026"}
    )
    stranger.refresh_from_db()
    assert (edit.status_code, leave.status_code) == (404, 404)
    assert (stranger.is_active, stranger.left_on, household.members.count()) == (True, None, 3)


def test_another_users_export_job_is_a_404(officer_a, officer_b, household):
    job = ExportJob.objects.create(requested_by=officer_a, filters={}, kinds="households", file_format="xlsx")
    owner = client_for(officer_a).get(f"/ho/xuat/{job.pk}/")
    stranger = client_for(officer_b).get(f"/ho/xuat/{job.pk}/")
    assert (owner.status_code, stranger.status_code) == (200, 404)


def test_a_household_without_a_village_has_a_page(officer_a, commune_a):
    household = household_register(
        actor=officer_a,
        commune=commune_a,
        village=None,
        head={"full_name": "Lê Văn Không Thôn", "sex": "male", "birth_year": 1975},
    )
    response = client_for(officer_a).get(f"/ho/{household.pk}/")
    assert response.status_code == 200
    assert "Lê Văn Không Thôn" in response.content.decode()


def test_choosing_a_commune_brings_its_villages_and_drops_a_village_of_another(
    province_officer, admin_user, household, village_a, commune_b
):
    from giamngheo.areas.services import village_create

    other = village_create(actor=admin_user, commune=commune_b, name="Thôn Khác")
    client = client_for(province_officer)
    response = client.get("/ho/", {"commune": household.commune_id}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    oob = content[content.index('id="village-filter"') : content.index("</span>")]
    assert 'hx-swap-oob="true"' in oob
    assert f'<option value="{village_a.pk}"' in oob  # never «1.000.123»
    assert f'value="{other.pk}"' not in oob
    assert household.code in table(response)
    stale = client.get("/ho/", {"commune": household.commune_id, "village": other.pk}, HTTP_HX_REQUEST="true")
    assert household.code in table(stale)  # the village of the commune chosen before no longer filters
    assert 'id="village-filter"' not in table(client.get("/ho/", {"commune": household.commune_id}))
