"""The demo loader creates Huế's line agencies and their demo officers (Sở Y tế, Sở Xây dựng), once."""

from __future__ import annotations

import pytest

from giamngheo.demo.accounts import demo_load
from giamngheo.demo.agencies import DEMO_AGENCIES
from giamngheo.programs.models import Agency, AgencyMember

pytestmark = pytest.mark.django_db


def test_the_demo_agencies_are_loaded_once_with_their_kinds(hue):
    demo_load()
    again = demo_load()

    assert again == []
    assert Agency.objects.filter(province=hue).count() == len(DEMO_AGENCIES)
    assert Agency.objects.get(province=hue, name="Sở Xây dựng").kind == "construction"
    members = AgencyMember.objects.order_by("user__username")
    assert list(members.values_list("user__username", "agency__name", "agency__kind")) == [
        ("nganh.xaydung", "Sở Xây dựng", "construction"),
        ("nganh.yte", "Sở Y tế", "health"),
    ]
