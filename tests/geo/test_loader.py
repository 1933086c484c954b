from __future__ import annotations

import pytest

from giamngheo.geo.loader import admin_units_load
from giamngheo.geo.models import AdminUnit, AttributeKind, Level, Succession, Tree, UnitAttribute

pytestmark = pytest.mark.django_db


def count(tree: str, level: str) -> int:
    return AdminUnit.objects.filter(tree=tree, level=level).count()


def test_current_tree_has_34_provinces_and_3321_communes_without_districts():
    assert count(Tree.CURRENT, Level.PROVINCE) == 34
    assert count(Tree.CURRENT, Level.COMMUNE) == 3321
    assert count(Tree.CURRENT, Level.DISTRICT) == 0


def test_legacy_tree_has_63_provinces_with_districts_and_communes():
    assert count(Tree.LEGACY, Level.PROVINCE) == 63
    assert count(Tree.LEGACY, Level.DISTRICT) == 696
    assert count(Tree.LEGACY, Level.COMMUNE) == 10051


def test_every_unit_points_to_its_ancestors_and_itself():
    commune = AdminUnit.objects.select_related("province", "parent").get(tree=Tree.CURRENT, code="20056")
    assert commune.name == "Xã A Lưới 1"
    assert commune.parent == commune.province
    assert commune.province.code == "46"
    assert commune.commune_id == commune.pk
    legacy = AdminUnit.objects.select_related("district", "province").get(tree=Tree.LEGACY, code="19837")
    assert (legacy.district.name, legacy.province.code, legacy.parent_id) == (
        "Thị xã Phong Điền",
        "46",
        legacy.district_id,
    )


def test_loading_again_changes_nothing():
    before = (AdminUnit.objects.count(), Succession.objects.count(), UnitAttribute.objects.count())
    report = admin_units_load()
    assert sum(report.created.values()) == 0
    assert sum(report.updated.values()) == 0
    assert (AdminUnit.objects.count(), Succession.objects.count(), UnitAttribute.objects.count()) == before


def test_reloading_keeps_an_edited_attribute():
    commune = AdminUnit.objects.get(tree=Tree.CURRENT, code="20056")
    UnitAttribute.objects.filter(unit=commune, kind=AttributeKind.AREA_TYPE).update(
        value="urban", is_default=False
    )
    admin_units_load()
    assert UnitAttribute.objects.get(unit=commune, kind=AttributeKind.AREA_TYPE).value == "urban"


def test_a_split_commune_has_several_successors_and_exactly_one_primary():
    split = (
        Succession.objects.filter(is_partial=True).values_list("predecessor_id", flat=True).distinct().first()
    )
    rows = Succession.objects.filter(predecessor_id=split)
    assert rows.count() >= 2
    assert rows.filter(is_primary=True).count() == 1


def test_old_provinces_pass_into_the_new_ones():
    thua_thien_hue = AdminUnit.objects.get(tree=Tree.LEGACY, level=Level.PROVINCE, code="46")
    assert [s.successor.name for s in thua_thien_hue.successions.all()] == ["Thành phố Huế"]
    ha_giang = AdminUnit.objects.get(tree=Tree.LEGACY, level=Level.PROVINCE, name="Tỉnh Hà Giang")
    assert ha_giang.successions.get().successor.name == "Tỉnh Tuyên Quang"


def test_every_current_commune_has_a_predecessor():
    orphans = AdminUnit.objects.filter(tree=Tree.CURRENT, level=Level.COMMUNE, predecessions__isnull=True)
    assert orphans.count() == 0


def test_wards_default_to_urban_and_communes_to_rural():
    ward = AdminUnit.objects.get(tree=Tree.CURRENT, code="19753")  # Phường Phú Xuân
    commune = AdminUnit.objects.get(tree=Tree.CURRENT, code="20056")  # Xã A Lưới 1
    area = AttributeKind.AREA_TYPE
    assert UnitAttribute.objects.get(unit=ward, kind=area).value == "urban"
    rural = UnitAttribute.objects.get(unit=commune, kind=area)
    assert (rural.value, rural.is_default) == ("rural", True)


def test_seed_designations_are_loaded_with_their_source():
    a_luoi = AdminUnit.objects.get(tree=Tree.LEGACY, level=Level.DISTRICT, code="481")
    designation = UnitAttribute.objects.get(unit=a_luoi, kind=AttributeKind.POOR_DISTRICT)
    assert designation.value == "yes"
    assert "353/QĐ-TTg" in designation.source
    coastal = UnitAttribute.objects.filter(kind=AttributeKind.COASTAL_DIFFICULT, value="yes")
    assert sorted(coastal.values_list("unit__name", flat=True)) == [
        "Xã Giang Hải",
        "Xã Lộc Bình",
        "Xã Lộc Vĩnh",
        "Xã Phong Chương",
        "Xã Phú Diên",
        "Xã Phú Gia",
    ]
