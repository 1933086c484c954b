from __future__ import annotations

import datetime

import pytest

from giamngheo.areas.services import unit_attribute_set, village_close, village_create, village_update
from giamngheo.core.errors import AppError, PermissionDenied
from giamngheo.core.models import AuditEvent
from giamngheo.geo.models import AdminUnit, AttributeKind, Level, Tree, UnitAttribute

pytestmark = pytest.mark.django_db


def test_village_create_numbers_codes_and_audits(officer_a, commune_a):
    first = village_create(actor=officer_a, commune=commune_a, name="  Thôn   Ka Vân ")
    second = village_create(actor=officer_a, commune=commune_a, name="Thôn A Tin", division_type="Bản")
    assert (first.name, first.code, second.code) == ("Thôn Ka Vân", "20056.001", "20056.002")
    assert (first.province_id, first.commune_id, first.parent_id) == (
        commune_a.province_id,
        commune_a.pk,
        commune_a.pk,
    )
    event = AuditEvent.objects.get(action="village.create", object_id=str(first.pk))
    assert event.actor == officer_a
    assert event.after["name"] == "Thôn Ka Vân"


def test_village_names_are_unique_per_commune_without_accents(officer_a, commune_a):
    village_create(actor=officer_a, commune=commune_a, name="Thôn Ka Vân")
    with pytest.raises(AppError) as error:
        village_create(actor=officer_a, commune=commune_a, name="thon ka van")
    assert error.value.code == "village_duplicate"
    assert AdminUnit.objects.filter(level=Level.VILLAGE, parent=commune_a).count() == 1


def test_village_create_in_another_commune_is_refused_and_writes_nothing(officer_a, commune_b):
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        village_create(actor=officer_a, commune=commune_b, name="Thôn 9")
    assert not AdminUnit.objects.filter(level=Level.VILLAGE, parent=commune_b).exists()
    assert AuditEvent.objects.count() == events


def test_village_cannot_hang_under_a_legacy_commune(admin_user):
    legacy = AdminUnit.objects.get(tree=Tree.LEGACY, code="19837")
    with pytest.raises(AppError) as error:
        village_create(actor=admin_user, commune=legacy, name="Thôn 1")
    assert error.value.code == "village_parent_invalid"


def test_village_rename_and_close_keep_history(officer_a, commune_a):
    village = village_create(
        actor=officer_a, commune=commune_a, name="Thôn 1", valid_from=datetime.date(2025, 7, 1)
    )
    village_update(actor=officer_a, village=village, name="Thôn Pa Ring", division_type="Thôn")
    village_close(actor=officer_a, village=village, valid_to=datetime.date(2026, 6, 30))
    village.refresh_from_db()
    assert (village.name, village.valid_to) == ("Thôn Pa Ring", datetime.date(2026, 6, 30))
    actions = list(
        AuditEvent.objects.filter(object_id=str(village.pk)).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["village.create", "village.update", "village.close"]


def test_attribute_change_closes_the_previous_value_the_day_before(province_officer, commune_a):
    attribute = unit_attribute_set(
        actor=province_officer,
        unit=commune_a,
        kind=AttributeKind.ETHNIC_MOUNTAINOUS,
        value="yes",
        valid_from=datetime.date(2025, 7, 1),
        source="QĐ 1/QĐ-UBND",
    )
    unit_attribute_set(
        actor=province_officer,
        unit=commune_a,
        kind=AttributeKind.ETHNIC_MOUNTAINOUS,
        value="no",
        valid_from=datetime.date(2026, 1, 1),
        source="QĐ 2/QĐ-UBND",
    )
    attribute.refresh_from_db()
    rows = UnitAttribute.objects.filter(unit=commune_a, kind=AttributeKind.ETHNIC_MOUNTAINOUS).order_by(
        "valid_from"
    )
    assert [(row.value, row.valid_from, row.valid_to) for row in rows] == [
        ("yes", datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)),
        ("no", datetime.date(2026, 1, 1), None),
    ]


def test_attribute_change_needs_a_later_date_and_a_source(province_officer, commune_a):
    area = AttributeKind.AREA_TYPE
    with pytest.raises(AppError) as no_source:
        unit_attribute_set(
            actor=province_officer,
            unit=commune_a,
            kind=area,
            value="urban",
            valid_from=datetime.date(2026, 1, 1),
            source="  ",
        )
    with pytest.raises(AppError) as too_early:
        unit_attribute_set(
            actor=province_officer,
            unit=commune_a,
            kind=area,
            value="urban",
            valid_from=datetime.date(2025, 7, 1),
            source="QĐ 3",
        )
    assert (no_source.value.field, too_early.value.field) == ("source", "valid_from")
    assert UnitAttribute.objects.get(unit=commune_a, kind=area, valid_to__isnull=True).value == "rural"


def test_commune_officer_cannot_edit_attributes(officer_a, commune_a):
    with pytest.raises(PermissionDenied):
        unit_attribute_set(
            actor=officer_a,
            unit=commune_a,
            kind=AttributeKind.AREA_TYPE,
            value="urban",
            valid_from=datetime.date(2026, 1, 1),
            source="QĐ",
        )


def test_attribute_on_a_legacy_unit_stays_within_its_life(province_officer):
    a_luoi = AdminUnit.objects.get(tree=Tree.LEGACY, level=Level.DISTRICT, code="481")
    with pytest.raises(AppError):
        unit_attribute_set(
            actor=province_officer,
            unit=a_luoi,
            kind=AttributeKind.POOR_DISTRICT,
            value="no",
            valid_from=datetime.date(2025, 8, 1),
            source="QĐ",
        )
    row = unit_attribute_set(
        actor=province_officer,
        unit=a_luoi,
        kind=AttributeKind.ETHNIC_MOUNTAINOUS,
        value="yes",
        valid_from=datetime.date(2022, 1, 1),
        source="QĐ 861/QĐ-TTg",
    )
    assert row.valid_to == datetime.date(2025, 6, 30)
