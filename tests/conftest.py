"""Shared fixtures: the real administrative units loaded once, and users of each role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from giamngheo.accounts.models import AreaAssignment, User
from giamngheo.accounts.roles import Role
from giamngheo.geo.loader import admin_units_load
from giamngheo.geo.models import AdminUnit, Level, Tree

HUE = "46"
A_LUOI_1 = "20056"
A_LUOI_2 = "20044"
SON_LA = "14"
PASSWORD = "mat-khau-kiem-thu-2026"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Load both unit trees and the succession table once for the whole session."""
    with django_db_blocker.unblock():
        admin_units_load()


def unit(level: str, code: str, tree: str = Tree.CURRENT) -> AdminUnit:
    return AdminUnit.objects.get(tree=tree, level=level, code=code)


@pytest.fixture
def hue() -> AdminUnit:
    return unit(Level.PROVINCE, HUE)


@pytest.fixture
def son_la() -> AdminUnit:
    return unit(Level.PROVINCE, SON_LA)


@pytest.fixture
def commune_a() -> AdminUnit:
    return unit(Level.COMMUNE, A_LUOI_1)


@pytest.fixture
def commune_b() -> AdminUnit:
    return unit(Level.COMMUNE, A_LUOI_2)


def make_user(username: str, role: str, area: AdminUnit | None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username.title())
    AreaAssignment.objects.create(user=user, role=role, unit=area)
    return user


@pytest.fixture
def admin_user(db: Any) -> User:
    return make_user("quantri", Role.SYSTEM_ADMIN, None)


@pytest.fixture
def province_officer(hue: AdminUnit) -> User:
    return make_user("tinh", Role.PROVINCE_OFFICER, hue)


@pytest.fixture
def officer_a(commune_a: AdminUnit) -> User:
    return make_user("xa_a", Role.COMMUNE_OFFICER, commune_a)


@pytest.fixture
def officer_b(commune_b: AdminUnit) -> User:
    return make_user("xa_b", Role.COMMUNE_OFFICER, commune_b)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """Run browser tests last: their live server flushes the database when they finish."""
    items.sort(key=lambda item: "tests/browser/" in str(item.fspath).replace("\\", "/"))
