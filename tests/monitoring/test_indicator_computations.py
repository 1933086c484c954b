"""The indicator catalogue (owned by programs) names only computations that monitoring has registered."""

from __future__ import annotations

from giamngheo.monitoring.computations import COMPUTATIONS
from giamngheo.programs.catalogue import indicator_entries


def test_every_computed_indicator_names_a_registered_computation():
    computed = [entry for entry in indicator_entries() if entry["source"] == "computed"]

    unknown = [entry["code"] for entry in computed if entry.get("computation", "") not in COMPUTATIONS]

    assert len(computed) > 0
    assert unknown == []
