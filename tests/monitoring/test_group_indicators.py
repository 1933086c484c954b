"""Registry indicators for every target group of the seeds, with designations carried to the new communes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from giamngheo.core.services import period_get_or_create
from giamngheo.geo.designations import communes_designated
from giamngheo.geo.models import AdminUnit, Level, Succession, Tree, UnitAttribute
from giamngheo.monitoring.computations import compute
from giamngheo.monitoring.groups import high_poverty_communes
from giamngheo.registry.models import Household
from giamngheo.registry.services import household_register
from tests.fixtures.people import make_user

pytestmark = pytest.mark.django_db

GROUPS = (
    "all",
    "poor_near_poor",
    "ethnic_minority",
    "merit_households",
    "rural",
    "urban",
    "mountainous",
    "poor_district",
    "coastal_difficult",
    "high_poverty_communes",
)


def coastal_commune() -> AdminUnit:
    """The current unit (a ward) that took over Xã Phong Chương (coastal, Decision 353/QĐ-TTg)."""
    return Succession.objects.get(predecessor__tree=Tree.LEGACY, predecessor__code="19837").successor


def ward(hue: AdminUnit) -> AdminUnit:
    return (
        AdminUnit.objects.filter(tree=Tree.CURRENT, level=Level.COMMUNE, province=hue, division_type="Phường")
        .order_by("code")
        .first()
    )


def households(actor, commune, statuses, **flags):
    for number, status in enumerate(statuses):
        household = household_register(
            actor=actor,
            commune=commune,
            village=None,
            head={"full_name": f"Chủ hộ {number}", "sex": "male", "birth_year": 1970},
        )
        Household.objects.filter(pk=household.pk).update(status=status, **flags)


@pytest.fixture
def registry(province_officer, hue, commune_a, commune_b, settings):
    settings.SUPPORT_LEGACY_DESIGNATIONS_UNTIL = "2099-12-31"
    UnitAttribute.objects.create(unit=commune_a, kind="ethnic_mountainous", value="yes", source="kiểm thử")
    households(province_officer, commune_a, ["poor", "near_poor"], is_ethnic_minority=True)
    households(province_officer, commune_a, ["none"])
    households(province_officer, commune_b, ["poor", "none", "none"])
    households(province_officer, commune_b, ["none"], has_merit_member=True)
    households(province_officer, coastal_commune(), ["near_poor", "none"])
    households(province_officer, ward(hue), ["poor"])


def test_every_group_of_the_seeds_has_a_value(registry, hue):
    today = timezone.localdate()
    period = period_get_or_create(year=today.year, kind="month", number=today.month)
    rates = {group: compute("registry_poverty_rate", hue, period, group).value for group in GROUPS}
    counts = {group: compute("registry_poor_households", hue, period, group).value for group in GROUPS}
    assert rates == {
        "all": Decimal("30.00"),  # 3 poor of 10 households
        "poor_near_poor": Decimal("60.00"),  # 3 poor of 5 poor or near-poor
        "ethnic_minority": Decimal("50.00"),
        "merit_households": Decimal("0.00"),
        "rural": Decimal("28.57"),  # A Lưới 1 and A Lưới 2: 2 of 7
        "urban": Decimal("33.33"),  # the ward and the coastal unit, now a ward too: 1 of 3
        "mountainous": Decimal("33.33"),
        "poor_district": Decimal("28.57"),  # both A Lưới communes, from the former district: 2 of 7
        "coastal_difficult": Decimal("0.00"),
        "high_poverty_communes": Decimal("50.00"),  # A Lưới 1 (1 of 3) and the ward (1 of 1): 2 of 4
    }
    assert counts["poor_near_poor"] == Decimal(3)
    assert compute("registry_near_poor_households", hue, period, "poor_near_poor").value == Decimal(2)
    assert compute("registry_near_poor_households", hue, period, "coastal_difficult").value == Decimal(1)


def test_an_unknown_group_says_why(registry, hue):
    today = timezone.localdate()
    period = period_get_or_create(year=today.year, kind="month", number=today.month)
    result = compute("registry_poverty_rate", hue, period, "islands")
    assert (result.value, result.message) == (None, "Chưa có dữ liệu sổ hộ theo nhóm này.")


def test_designations_pass_to_successor_communes_until_the_legacy_program_ends(commune_a, commune_b):
    until = dt.date(2026, 12, 31)
    during = communes_designated("poor_district", "yes", dt.date(2026, 6, 1), carry_legacy_until=until)
    after = communes_designated("poor_district", "yes", dt.date(2027, 1, 1), carry_legacy_until=until)
    assert {commune_a.pk, commune_b.pk} <= during
    assert all(AdminUnit.objects.get(pk=pk).tree == Tree.CURRENT for pk in during)
    assert after == set()


def test_communes_above_25_percent_are_looked_for_in_the_area_asked_only(
    registry, hue, son_la, commune_a, commune_b, django_assert_num_queries
):
    far = AdminUnit.objects.filter(tree=Tree.CURRENT, level=Level.COMMUNE, province=son_la).order_by("code")[
        0
    ]
    households(make_user("tinh_sonla", "province_officer", son_la), far, ["poor"])
    hue_ward = ward(hue)

    with django_assert_num_queries(1):
        in_hue = high_poverty_communes(hue)
    with django_assert_num_queries(1):
        in_commune_b = high_poverty_communes(commune_b)

    assert in_hue == {commune_a.pk, hue_ward.pk}
    assert in_commune_b == set()
    assert high_poverty_communes(commune_a) == {commune_a.pk}
    assert far.pk in high_poverty_communes()
