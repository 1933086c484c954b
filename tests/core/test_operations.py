"""Operations: health check with migrations, Vietnamese error pages, JSON 500 on the API, CSP, JSON logs."""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

import pytest
from django.core.exceptions import SuspiciousOperation
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.template import loader
from django.test import Client
from django.urls import path

import giamngheo
from config.urls import urlpatterns as project_urlpatterns
from giamngheo.core import views as core_views
from giamngheo.core.log_format import JsonLinesFormatter
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def boom(request):
    raise RuntimeError("kaboom")


def suspicious(request):
    raise SuspiciousOperation("bad input")


urlpatterns = [path("test-boom/", boom), path("test-suspicious/", suspicious), *project_urlpatterns]


@pytest.fixture
def real_migrations(settings, monkeypatch):
    """The suite runs without migrations; here the health check reads the project's real ones."""
    settings.MIGRATION_MODULES = {}
    monkeypatch.setattr(core_views, "_migrations_applied", False)


def test_healthz_answers_503_naming_the_unapplied_migrations(real_migrations):
    expected = len(MigrationLoader(connection).graph.leaf_nodes())
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["database"]) == ("error", connection.vendor)
    assert body["migrations_pending"] >= expected > 0
    assert core_views._migrations_applied is False


def test_healthz_answers_200_once_every_migration_is_applied_then_checks_only_the_database(
    real_migrations, django_assert_num_queries
):
    # given the migrations table (absent without migrations; created in the test transaction) filled in
    postgres = connection.vendor == "postgresql"
    key = "bigserial PRIMARY KEY" if postgres else "integer PRIMARY KEY AUTOINCREMENT"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS django_migrations (id {key}, app varchar(255) NOT NULL, "
            "name varchar(255) NOT NULL, applied timestamp with time zone NOT NULL)"
        )
    recorder = MigrationRecorder(connection)
    for app_label, name in MigrationLoader(connection).graph.nodes:
        recorder.record_applied(app_label, name)
    first = Client().get("/healthz")
    assert (first.status_code, first.json()) == (200, {"status": "ok", "database": connection.vendor})
    with django_assert_num_queries(1):
        second = Client().get("/healthz")
    assert second.status_code == 200


def test_500_page_is_vietnamese_and_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Lỗi hệ thống" in html
    assert 'lang="vi"' in html


@pytest.mark.urls(__name__)
def test_an_unhandled_error_answers_the_vietnamese_500_page_and_is_logged(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/test-boom/")
    assert response.status_code == 500
    assert 'data-testid="error-500"' in response.content.decode()
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [(r.levelname, r.status_code, r.exc_info[0]) for r in records] == [("ERROR", 500, RuntimeError)]


@pytest.mark.urls(__name__)
def test_a_bad_request_answers_the_vietnamese_400_page():
    response = Client().get("/test-suspicious/")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_api_answers_json_500_and_logs_the_traceback(officer_a, monkeypatch, caplog):
    def broken(user):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("giamngheo.api.me.assignments_of", broken)
    with caplog.at_level(logging.ERROR, logger="giamngheo.api.urls"):
        response = client_for(officer_a).get("/api/v1/me")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "server_error"
    assert response.json()["message"]
    records = [r for r in caplog.records if r.name == "giamngheo.api.urls"]
    assert [(r.levelname, r.path, r.status_code, r.exc_info[0]) for r in records] == [
        ("ERROR", "/api/v1/me", 500, RuntimeError)
    ]


def test_pages_and_the_api_docs_carry_the_content_security_policy(officer_a):
    client = client_for(officer_a)
    for url in ("/", "/tai-khoan/dang-nhap/", "/api/v1/docs", "/healthz"):
        response = client.get(url)
        assert (url, response["Content-Security-Policy"]) == (url, POLICY)


def test_templates_hold_no_inline_script_style_or_event_handler():
    # The policy allows only files from this site: inline code would be blocked in the browser.
    root = Path(giamngheo.__file__).parent
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)
    offenders = [
        f"{template.relative_to(root)}: {match.group(0).strip()}"
        for template in sorted(root.rglob("*.html"))
        for match in inline.finditer(template.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_json_lines_formatter_writes_one_object_with_extras_and_traceback():
    try:
        raise ValueError("bad")
    except ValueError:
        record = logging.LogRecord("giamngheo.x", logging.ERROR, __file__, 1, "job %s", (7,), sys.exc_info())
    record.job_id = 7
    line = JsonLinesFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert (entry["level"], entry["logger"], entry["message"], entry["job_id"]) == (
        "ERROR",
        "giamngheo.x",
        "job 7",
        7,
    )
    assert entry["exception"].endswith("ValueError: bad")
    assert entry["time"].endswith("+00:00")
