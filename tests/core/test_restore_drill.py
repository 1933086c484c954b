"""The restore drill of docs/operations.md: migrate, fill, dump, restore, same counts, the app serves."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SEED = """
from giamngheo.accounts.models import AreaAssignment, User
from giamngheo.accounts.roles import Role
from giamngheo.core.services import audit_record
admin = User.objects.create_user(username="drill", password="drill-password-1", full_name="Drill")
AreaAssignment.objects.create(user=admin, role=Role.SYSTEM_ADMIN, unit=None)
for number in range(3):
    audit_record(actor=admin, action="user.update", obj=admin, after={"step": number})
"""
HEALTH = """
import json
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status_code": response.status_code, "body": response.json()}))
"""
REFUSED_UPDATE = "UPDATE core_auditevent SET action = 'rewritten'"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the drill uses pg_dump and pg_restore"),
]


def server() -> dict[str, str]:
    settings = connection.settings_dict
    return {
        "host": settings["HOST"] or "127.0.0.1",
        "port": str(settings["PORT"] or 5432),
        "user": settings["USER"] or "postgres",
    }


def psql(database: str, sql: str, *, check: bool = True) -> subprocess.CompletedProcess[str]:
    db = server()
    command = ["psql", "-h", db["host"], "-p", db["port"], "-U", db["user"], "-d", database, "-XAtqc", sql]
    return subprocess.run(command, capture_output=True, text=True, check=check, env=pg_env())


def pg_env() -> dict[str, str]:
    env = dict(os.environ)
    if connection.settings_dict["PASSWORD"]:
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


def url(database: str) -> str:
    db = server()
    password = f":{connection.settings_dict['PASSWORD']}" if connection.settings_dict["PASSWORD"] else ""
    return f"postgres://{db['user']}{password}@{db['host']}:{db['port']}/{database}"


def manage(database: str, *args: str) -> str:
    env = {**pg_env(), "DATABASE_URL": url(database), "SECRET_KEY": "drill", "ALLOWED_HOSTS": "testserver"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def row_counts(database: str) -> dict[str, int]:
    tables = psql(
        database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).stdout.split()
    union = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tables)
    lines = psql(database, union).stdout.splitlines()
    return {name: int(count) for name, count in (line.split("|") for line in lines)}


@pytest.fixture
def scratch() -> Iterator[tuple[str, str]]:
    suffix = uuid.uuid4().hex[:8]
    source, restored = f"gn_drill_{suffix}", f"gn_drill_{suffix}_restored"
    for name in (source, restored):
        psql("postgres", f'CREATE DATABASE "{name}"')
    yield source, restored
    for name in (source, restored):
        psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_dump_and_restore_give_identical_counts_and_a_serving_app(scratch, tmp_path):
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.fail("pg_dump and pg_restore are needed for the restore drill")
    source, restored = scratch
    db = server()
    # given a migrated database with a small data set (history tables included)
    manage(source, "migrate", "--no-input", "-v0")
    manage(source, "shell", "-c", SEED)
    # when it is dumped and restored into a fresh database, as docs/operations.md says
    dump = tmp_path / "giamngheo.dump"
    connect = ["-h", db["host"], "-p", db["port"], "-U", db["user"]]
    subprocess.run(["pg_dump", *connect, "-Fc", "-f", str(dump), source], check=True, env=pg_env())
    subprocess.run(
        ["pg_restore", *connect, "--no-owner", "--exit-on-error", "-d", restored, str(dump)],
        check=True,
        env=pg_env(),
    )
    # then every table has the same number of rows
    before, after = row_counts(source), row_counts(restored)
    assert after == before
    assert (before["core_auditevent"], before["accounts_user"]) == (3, 1)
    assert before["django_migrations"] > 0
    # and the app serves from the restored database: it answers, and no migration is missing
    health = json.loads(manage(restored, "shell", "-c", HEALTH).strip().splitlines()[-1])
    assert health == {"status_code": 200, "body": {"status": "ok", "database": "postgresql"}}
    # and the restored history is still guarded by its triggers
    refused = psql(restored, REFUSED_UPDATE, check=False)
    assert refused.returncode != 0
    assert "insert-only table core_auditevent" in refused.stderr
    assert row_counts(restored)["core_auditevent"] == 3
