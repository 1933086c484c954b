"""Loading the indicator catalogue: one row per indicator of the data file, in its order, idempotent."""

from __future__ import annotations

import pytest

from giamngheo.programs.catalogue import indicator_catalogue_load, indicator_entries
from giamngheo.programs.models import Indicator

pytestmark = pytest.mark.django_db


def test_loading_the_catalogue_twice_keeps_one_row_per_indicator_in_file_order():
    entries = indicator_entries()

    first = indicator_catalogue_load()
    second = indicator_catalogue_load()

    assert first == second == len(entries)
    assert list(Indicator.objects.values_list("code", flat=True)) == [entry["code"] for entry in entries]
