"""`migrate` from an empty SQLite file as `make run` does: every migration applies, the triggers are there."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from giamngheo.reviews.count_triggers import expected_triggers

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's migrations run in the restore drill")
def test_every_migration_applies_to_an_empty_sqlite_database(tmp_path):
    path = tmp_path / "fresh.sqlite3"
    environment = dict(os.environ, DATABASE_URL=f"sqlite:///{path}", DEBUG="1", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    with sqlite3.connect(path) as database:
        triggers = {
            row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        columns = {row[1] for row in database.execute("PRAGMA table_info(registry_household)")}
    assert expected_triggers() <= triggers
    assert "search_names" in columns
