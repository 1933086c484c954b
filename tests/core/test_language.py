from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_vietnamese_even_for_an_english_browser():
    response = Client().get("/tai-khoan/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_the_chosen_language_is_kept():
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/tai-khoan/dang-nhap/")
    assert response["Content-Language"] == "en"


def test_api_docs_use_local_assets_only():
    content = Client().get("/api/v1/docs").content.decode()
    assert "cdn" not in content.lower()
    assert "/static/" in content
