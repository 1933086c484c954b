"""What-if under another standard: same facts, both standards, nothing written, only the user's area."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import timezone

from giamngheo.registry.models import Assessment, Household
from giamngheo.registry.services import household_register
from giamngheo.registry.surveys import survey_submit
from tests.fixtures.people import client_for
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD, HEALTHY_ADULT

pytestmark = pytest.mark.django_db


def surveyed(officer, commune, name: str, income: int) -> Household:
    household = household_register(
        actor=officer,
        commune=commune,
        village=None,
        head={"full_name": name, "sex": "male", "birth_year": 1980},
    )
    household.refresh_from_db()
    head = household.members.get()
    survey_submit(
        actor=officer,
        household=household,
        reference_date=timezone.localdate(),
        household_values=dict(COMFORTABLE_HOUSEHOLD, income_per_capita=income),
        member_values={head.pk: dict(HEALTHY_ADULT)},
        version=household.version,
    )
    household.refresh_from_db()
    return household


@pytest.fixture
def three_households(officer_a, commune_a):
    # Rural lines: 2022-2025 poor/near-poor 1.500.000, average 2.250.000; 2027-2030 poor/near-poor 2.200.000.
    return {
        "low": surveyed(officer_a, commune_a, "Thấp", 1_400_000),
        "middle": surveyed(officer_a, commune_a, "Giữa", 1_800_000),
        "high": surveyed(officer_a, commune_a, "Cao", 5_000_000),
    }


def _simulate(client, unit, **extra):
    params = {
        "unit": unit.pk,
        "standard": "2027-2030",
        "reference_date": timezone.localdate().strftime("%d/%m/%Y"),
    }
    return client.get("/giam-sat/mo-phong-chuan/", params | extra)


def test_households_are_reclassified_under_the_chosen_standard_and_nothing_is_written(
    three_households, province_officer, commune_a
):
    assessments = Assessment.objects.count()
    categories = dict(Household.objects.values_list("pk", "latest_category"))
    response = _simulate(client_for(province_officer), commune_a)
    assert response.status_code == 200
    context = response.context
    assert context["whatif"].total == 3
    rows = {row["label"]: row["cells"] for row in context["matrix_rows"]}
    columns = context["matrix_columns"]
    # The middle household (1,8 million) is of average living standard today and near-poor under 2027-2030.
    assert rows["Hộ có mức sống trung bình"][columns.index("Hộ cận nghèo")] == 1
    assert rows["Hộ cận nghèo"][columns.index("Hộ cận nghèo")] == 1
    assert context["entrants"] == 1
    assert Assessment.objects.count() == assessments
    assert dict(Household.objects.values_list("pk", "latest_category")) == categories


def test_a_provincial_line_is_applied_and_may_not_be_below_the_national_one(
    three_households, province_officer, commune_a
):
    client = client_for(province_officer)
    refused = _simulate(client, commune_a, rural_line="1.000.000")
    assert "whatif" not in refused.context
    assert "chỉ được cao hơn chuẩn quốc gia (2.200.000 đồng)" in refused.content.decode()
    accepted = _simulate(client, commune_a, rural_line="2.500.000")
    assert accepted.status_code == 200
    target = accepted.context["whatif"].target
    assert target.income_lines["rural"].value == 2_500_000
    assert target.income_lines["urban"].value == 2_800_000  # national, not given
    assert "Chuẩn thu nhập của tỉnh nhập để mô phỏng" in accepted.content.decode()


def test_another_commune_can_neither_choose_nor_see_the_commune(
    three_households, officer_b, commune_a, commune_b
):
    client = client_for(officer_b)
    response = _simulate(client, commune_a)
    assert "whatif" not in response.context
    assert "Giữa" not in response.content.decode()
    own = _simulate(client, commune_b)
    assert own.context["whatif"].total == 0


def test_the_page_stays_within_a_bounded_number_of_queries(
    three_households, province_officer, commune_a, django_assert_max_num_queries
):
    client = client_for(province_officer)
    client.get("/giam-sat/mo-phong-chuan/")
    with django_assert_max_num_queries(20):
        assert _simulate(client, commune_a).status_code == 200


def test_the_simulation_downloads_as_xlsx(three_households, province_officer, commune_a):
    response = _simulate(client_for(province_officer), commune_a, xuat="xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Thông số", "Theo xã", "Ma trận chuyển đổi", "Thiếu hụt của hộ mới"]
    communes = workbook["Theo xã"]
    assert communes["A2"].value == commune_a.name
    assert communes["B2"].value == 3


def test_the_bulk_reader_gives_the_engine_what_each_survey_gave_it(officer_a, officer_b, commune_a, commune_b,
                                                                   province_officer, hue):  # fmt: skip
    """Under the standard in force on the survey's date, what-if reproduces every stored assessment: the
    facts read in bulk (households, members, booleans, dates, blanks) are those the survey form classified."""
    from giamngheo.registry import whatif
    from giamngheo.standards.loader import load_standard
    from tests.fixtures.surveyed import CASES, STANDARD, SURVEYED_ON, surveyed

    households = [
        surveyed(officer_a if index % 2 else officer_b, commune_a if index % 2 else commune_b, index, *case)
        for index, case in enumerate(CASES)
    ]
    standard = load_standard(STANDARD)
    result = whatif.whatif_for_unit(
        province_officer, hue, baseline=standard, target=standard, reference_date=SURVEYED_ON
    )
    by_id = {row["household_id"]: row for row in result.households.iter_rows(named=True)}
    assert len(by_id) == len(CASES)
    categories = set()
    for household in households:
        stored, row = household.latest_assessment, by_id[household.pk]
        assert (row["before"], row["after"]) == (stored.category, stored.category)
        assert row["deprivation_count"] == stored.deprivation_count
        deprived = {key for key in standard.indicator_keys if row[f"deprived_{key}"]}
        assert deprived == set(stored.deprived_keys)
        assert row["commune_id"] == household.commune_id
        categories.add(stored.category)
    assert {"poor", "near_poor"} <= categories
