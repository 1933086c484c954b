"""Agency scope: an agency officer sees, across the province, only the support of their agencies' kinds."""

from __future__ import annotations

import pytest

from giamngheo.core.errors import NotFound, PermissionDenied
from giamngheo.support import selectors
from giamngheo.support.models import SupportRecord, SupportType
from giamngheo.support.services.records import support_record_add
from tests.fixtures.people import client_for, make_user
from tests.fixtures.support import TODAY, join_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_records(officer_a, poor_household):
    loan = support_record_add(
        actor=officer_a, household=poor_household, member=None,
        support_type=SupportType.objects.get(code="vay-ho-ngheo"), on=TODAY, amount=50_000_000, today=TODAY,
    )  # fmt: skip
    electricity = support_record_add(
        actor=officer_a, household=poor_household, member=None,
        support_type=SupportType.objects.get(code="tien-dien-ho-ngheo"), on=TODAY, amount=180_000,
        today=TODAY,
    )  # fmt: skip
    return loan, electricity


def test_an_agency_officer_sees_only_the_records_of_their_agency_kind(agency_officer, two_records):
    loan, electricity = two_records
    join_agency(agency_officer, "Ngân hàng Chính sách xã hội", "social_policy_bank")

    seen = list(selectors.records_for_user(agency_officer).values_list("pk", flat=True))

    assert seen == [loan.pk]
    assert selectors.record_get_for_user(agency_officer, loan.pk) == loan
    with pytest.raises(NotFound):
        selectors.record_get_for_user(agency_officer, electricity.pk)


def test_an_agency_officer_of_no_agency_sees_no_support(agency_officer, two_records):
    assert selectors.records_for_user(agency_officer).count() == 0
    assert selectors.lists_for_user(agency_officer).count() == 0
    assert selectors.housing_cases_for_user(agency_officer).count() == 0


def test_an_agency_of_another_province_gives_nothing_in_hue(son_la, two_records):
    officer = make_user("nganh_sonla", "agency_officer", son_la)
    join_agency(officer, "Ngân hàng Chính sách xã hội", "social_policy_bank")

    assert selectors.records_for_user(officer).count() == 0


def test_the_record_page_is_404_for_another_agency_and_200_for_the_lead_agency(agency_officer, two_records):
    loan, electricity = two_records
    join_agency(agency_officer, "Sở Công Thương", "industry")
    client = client_for(agency_officer)

    assert client.get(f"/ho-tro/so-theo-doi/{loan.pk}/").status_code == 404
    assert client.get(f"/ho-tro/so-theo-doi/{electricity.pk}/").status_code == 200


def test_commune_and_province_officers_keep_their_whole_area(
    officer_a, province_officer, officer_b, two_records
):
    assert selectors.records_for_user(officer_a).count() == 2
    assert selectors.records_for_user(province_officer).count() == 2
    assert selectors.records_for_user(officer_b).count() == 0


@pytest.fixture
def support_objects(officer_a, province_officer, commune_a, two_records):
    from giamngheo.support.models import HousingCase
    from giamngheo.support.services.lists import beneficiary_list_propose

    loan, _electricity = two_records
    health_list = beneficiary_list_propose(
        actor=officer_a, support_type=SupportType.objects.get(code="bhyt-ho-ngheo"), commune=commune_a,
        year=2026, reference_date=TODAY,
    )  # fmt: skip
    housing = HousingCase.objects.create(
        household=loan.household, commune=commune_a, province=loan.province,
        support_type=SupportType.objects.get(code="da5-nha-xay-moi"), work="new", year=2026,
        eligibility_note="Thử", stage="proposed",
    )  # fmt: skip
    return {"list": health_list, "record": loan, "housing": housing}


# Every support route naming one list, record or housing case: GET must be 404 for another agency.
ROUTES = [
    ("/ho-tro/danh-sach/{list}/", "list"),
    ("/ho-tro/so-theo-doi/{record}/", "record"),
    ("/ho-tro/nha-o/{housing}/", "housing"),
]


@pytest.mark.parametrize(("route", "key"), ROUTES)
def test_every_support_route_is_404_for_an_officer_of_another_agency(
    agency_officer, support_objects, route, key
):
    join_agency(agency_officer, "Sở Công Thương", "industry")

    response = client_for(agency_officer).get(route.format(**{key: support_objects[key].pk}))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("kind", "route", "key"),
    [
        ("social_insurance", "/ho-tro/danh-sach/{list}/", "list"),
        ("social_policy_bank", "/ho-tro/so-theo-doi/{record}/", "record"),
        ("construction", "/ho-tro/nha-o/{housing}/", "housing"),
    ],
)
def test_the_lead_agency_reads_its_own_support(agency_officer, support_objects, kind, route, key):
    join_agency(agency_officer, f"Cơ quan {kind}", kind)

    response = client_for(agency_officer).get(route.format(**{key: support_objects[key].pk}))

    assert response.status_code == 200


def test_an_agency_officer_records_only_their_agencys_support_and_nothing_else_is_written(
    agency_officer, poor_household
):
    join_agency(agency_officer, "Ngân hàng Chính sách xã hội", "social_policy_bank")

    loan = support_record_add(
        actor=agency_officer, household=poor_household, member=None,
        support_type=SupportType.objects.get(code="vay-ho-ngheo"), on=TODAY, amount=30_000_000, today=TODAY,
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        support_record_add(
            actor=agency_officer, household=poor_household, member=None,
            support_type=SupportType.objects.get(code="tien-dien-ho-ngheo"), on=TODAY, amount=180_000,
            today=TODAY,
        )  # fmt: skip

    assert list(SupportRecord.objects.values_list("pk", flat=True)) == [loan.pk]
