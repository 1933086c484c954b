from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.fixtures.people import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_is_vietnamese_and_login_works(officer_a):
    client = Client()
    page = client.get("/tai-khoan/dang-nhap/")
    assert "Đăng nhập" in page.content.decode()
    response = client.post("/tai-khoan/dang-nhap/", {"username": "xa_a", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_pages_need_login(db):
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_repeated_failures_lock_the_login(officer_a):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/tai-khoan/dang-nhap/", {"username": "xa_a", "password": "sai"})
    locked = client.post("/tai-khoan/dang-nhap/", {"username": "xa_a", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()


def test_production_settings_hash_with_argon2_and_secure_sessions():
    import importlib

    import config.settings as production

    importlib.reload(production)
    assert production.PASSWORD_HASHERS[0].endswith("OwaspArgon2PasswordHasher")
    assert production.SESSION_COOKIE_HTTPONLY
    assert production.X_FRAME_OPTIONS == "DENY"
    assert "*" not in production.ALLOWED_HOSTS


def test_owasp_argon2_verifies_old_django_hashes_and_upgrades_them():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from giamngheo.accounts.hashers import OwaspArgon2PasswordHasher

    new, old = OwaspArgon2PasswordHasher(), Argon2PasswordHasher()
    encoded = new.encode("mật khẩu dài hơn 10", new.salt())
    assert "$m=19456,t=2,p=1$" in encoded and new.verify("mật khẩu dài hơn 10", encoded)
    assert not new.verify("sai mật khẩu", encoded)
    before = old.encode("mật khẩu dài hơn 10", old.salt())
    assert new.verify("mật khẩu dài hơn 10", before)  # a hash made before still logs in ...
    assert new.must_update(before) and not new.must_update(encoded)  # ... and is rewritten at that login
