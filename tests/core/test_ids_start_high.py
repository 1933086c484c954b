"""The test databases number rows from 1.000.001 (tests/conftest.py), so a localised id in a page shows up."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from giamngheo.accounts.models import User
from giamngheo.geo.models import AdminUnit
from tests.fixtures.database import FIRST_ID

pytestmark = pytest.mark.django_db


def test_every_table_numbers_from_a_million():
    assert AdminUnit.objects.order_by("pk").values_list("pk", flat=True).first() >= FIRST_ID
    assert User.objects.create_user(username="moi", password="x").pk >= FIRST_ID


def test_an_id_in_a_page_keeps_its_digits_only_when_unlocalised():
    with translation.override("vi"):
        rendered = Template("{% load l10n %}{{ pk }} {{ pk|unlocalize }}").render(Context({"pk": FIRST_ID}))
    assert rendered == "1.000.001 1000001"
