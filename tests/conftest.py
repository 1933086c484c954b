"""Test session setup: the unit trees loaded once, browser tests last, shared fixtures as plugins.

Builders and fixtures live in `tests/fixtures/` and reach every test through `pytest_plugins`; test modules
never import each other or a conftest.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from giamngheo.geo.loader import admin_units_load
from giamngheo.reviews.count_triggers import expected_triggers, installed_triggers
from tests.fixtures.database import ids_start_high

pytest_plugins = [
    "tests.fixtures.people",
    "tests.fixtures.registry",
    "tests.fixtures.reviews",
    "tests.fixtures.support",
    "tests.fixtures.plans",
    "tests.fixtures.jobs",
    "tests.fixtures.odk_central",
    "tests.fixtures.activities",
    "tests.fixtures.works",
    "tests.fixtures.monitoring",
    "tests.fixtures.household_writer",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Ids from 1.000.001 in every table, then both unit trees and the succession table, once per session
    (the report counts' triggers are installed by `migrate`'s post_migrate receiver, with or without
    migrations)."""
    with django_db_blocker.unblock():
        ids_start_high()
        admin_units_load()
        assert expected_triggers() <= installed_triggers(connection)


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """Run browser tests last: their live server flushes the database when they finish."""
    items.sort(key=lambda item: "tests/browser/" in str(item.fspath).replace("\\", "/"))
