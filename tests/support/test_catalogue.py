from __future__ import annotations

import pytest

from giamngheo.support.catalogue import support_catalogue_load, support_type_find
from giamngheo.support.models import SupportType

pytestmark = pytest.mark.django_db


def test_catalogue_loads_every_type_with_a_source_and_is_idempotent(catalogue, hue):
    count = SupportType.objects.count()
    assert count == support_catalogue_load()
    assert SupportType.objects.count() == count
    assert not SupportType.objects.filter(legal_basis="").exists()
    assert set(SupportType.objects.values_list("confidence", flat=True)) <= {"C", "S", "U"}
    housing = SupportType.objects.get(code="da5-nha-xay-moi")
    assert housing.component.code == "P5"
    assert sorted(t.code for t in housing.excludes.all()) == [
        "ct26-nha-o-xa-ngheo",
        "da5-nha-sua-chua",
        "hue-xoa-nha-tam",
    ]
    assert SupportType.objects.get(code="hue-xoa-nha-tam").province == hue


def test_a_local_policy_is_found_only_in_its_province(catalogue, hue, son_la):
    assert support_type_find(hue, "hue-xoa-nha-tam").province == hue
    assert support_type_find(son_la, "bhyt-ho-ngheo").province is None
