"""Promises of the repository itself: licences listed, README commands, translations compiled."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def requirement_names(path: Path) -> list[str]:
    names = []
    for raw in path.read_text().splitlines():
        line = raw.split("#")[0].strip()
        if line and not line.startswith("-r"):
            names.append(re.split(r"[\[=<>]", line)[0].lower())
    return names


def test_every_dependency_has_a_licence_notice():
    notices = (ROOT / "THIRD_PARTY_NOTICES.md").read_text().lower()
    missing = [
        name
        for name in requirement_names(ROOT / "requirements.txt")
        + requirement_names(ROOT / "requirements-dev.txt")
        if f"| {name} |" not in notices
    ]
    assert missing == []


def test_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme
    assert "make test" in readme


def test_english_catalog_is_compiled():
    po = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists()
    assert mo.stat().st_size > 1000
