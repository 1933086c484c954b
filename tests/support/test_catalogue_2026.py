"""The 2026–2035 program's support types: linked to its components, labelled, «xã nghèo» where required."""

from __future__ import annotations

import datetime as dt

import pytest

from giamngheo.geo.designations import commune_designations_on, communes_designated
from giamngheo.geo.models import UnitAttribute
from giamngheo.support.eligibility import commune_facts, judge
from giamngheo.support.models import SupportType
from tests.fixtures.support import SURVEYED_ON

pytestmark = pytest.mark.django_db

CARRY_UNTIL = dt.date(2026, 12, 31)


def verdict(code, household, on=SURVEYED_ON):
    support_type = SupportType.objects.get(code=code)
    return judge(support_type, household, None, commune_facts(household.commune, [household], on))


def designate_poor_commune(commune, **extra):
    return UnitAttribute.objects.create(
        unit=commune, kind="poor_commune", value="yes", source="Quyết định thử số 1/QĐ-TTg", **extra
    )


def test_every_2026_type_belongs_to_a_component_of_the_merged_program_and_is_labelled(catalogue):
    types = SupportType.objects.filter(program__code="ntm-gnbv-dtts-2026-2035").select_related("component")
    assert {t.code for t in types} == {
        "ct26-sinh-ke-xa-ngheo",
        "ct26-nha-o-xa-ngheo",
        "ct26-viec-lam-ben-vung",
        "ct26-sinh-ke-dtts",
        "ct26-nhan-luc-dtts",
        "ct26-dan-toc-kho-khan",
    }
    for support_type in types:
        assert support_type.component.program_id == support_type.program_id
        assert support_type.component.code.startswith("HP")
        assert support_type.confidence in {"S", "U"}
        assert "Nghị quyết 257/2025/QH15" in support_type.legal_basis
        assert support_type.note
    assert SupportType.objects.get(code="ct26-sinh-ke-xa-ngheo").designations == ["poor_commune"]


def test_2026_housing_excludes_every_earlier_housing_support(catalogue):
    housing = SupportType.objects.get(code="ct26-nha-o-xa-ngheo")
    assert sorted(t.code for t in housing.excludes.all()) == [
        "da5-nha-sua-chua",
        "da5-nha-xay-moi",
        "hue-xoa-nha-tam",
    ]


def test_a_household_outside_a_poor_commune_is_refused_2026_livelihood_support(poor_household):
    result = verdict("ct26-sinh-ke-xa-ngheo", poor_household)
    assert not result.eligible
    assert result.reasons[-1] == "Xã không thuộc địa bàn được hỗ trợ"


def test_a_household_of_a_designated_poor_commune_qualifies_with_the_designation_named(poor_household):
    designate_poor_commune(poor_household.commune, valid_from=dt.date(2026, 3, 1))
    result = verdict("ct26-sinh-ke-xa-ngheo", poor_household)
    assert result.eligible
    assert result.reasons[1] == f"Địa bàn: {poor_household.commune.name}: Quyết định thử số 1/QĐ-TTg"
    assert not verdict("ct26-sinh-ke-xa-ngheo", poor_household, on=dt.date(2026, 2, 1)).eligible


def test_the_poor_commune_designation_counts_after_the_legacy_carry_over_ends(poor_household):
    designate_poor_commune(poor_household.commune)
    later = dt.date(2027, 3, 1)
    assert verdict("ct26-sinh-ke-xa-ngheo", poor_household, on=later).eligible
    assert not verdict("da5-nha-xay-moi", poor_household, on=later).eligible


def test_a_poor_commune_is_never_inherited_from_a_former_unit(commune_a):
    predecessor = commune_a.predecessions.first().predecessor
    UnitAttribute.objects.create(unit=predecessor, kind="poor_commune", value="yes", source="thử")
    assert "poor_commune" not in commune_designations_on(
        commune_a, SURVEYED_ON, carry_legacy_until=CARRY_UNTIL
    )
    assert commune_a.pk not in communes_designated(
        "poor_commune", "yes", SURVEYED_ON, carry_legacy_until=CARRY_UNTIL
    )


def test_2026_ethnic_minority_support_needs_an_ethnic_minority_household(poor_household):
    designate_poor_commune(poor_household.commune)
    poor_household.is_ethnic_minority = True
    assert verdict("ct26-sinh-ke-dtts", poor_household).eligible
    poor_household.is_ethnic_minority = False
    result = verdict("ct26-sinh-ke-dtts", poor_household)
    assert not result.eligible
    assert result.reasons[-1] == "Không phải hộ dân tộc thiểu số"
