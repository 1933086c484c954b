"""Chromium through Playwright, using Debian's browser; skipped with a message where it is absent."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def _live_server_class(*args: Any, connections_override: Any = None, **kwargs: Any) -> WSGIServer:
    """One request at a time when the server's threads would share the test's in-memory SQLite connection.

    Two requests at once on one SQLite connection fail with «bad parameter or other API misuse» (a page's
    lazy fragment still loading while the browser posts a form). On PostgreSQL each thread has its own.
    """
    if connections_override:
        return WSGIServer(*args, **kwargs)
    return ThreadedWSGIServer(*args, connections_override=connections_override, **kwargs)


LiveServerThread.server_class = staticmethod(_live_server_class)  # type: ignore[assignment]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Any:
    """When a browser test fails (an expected failure too), keep what the page said in test-results/:
    its address, the messages and form errors shown, and the main text (an xfail's output is not printed)."""
    report = yield
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if call.when == "call" and call.excinfo is not None and page is not None:
        with contextlib.suppress(Exception):  # a diagnostic must never hide the test's own failure
            said = page.evaluate(
                "() => [...document.querySelectorAll('.flash, .errorlist, [role=alert], main')]"
                ".map(e => e.innerText.slice(0, 2000)).join('\\n---\\n')"
            )
            SCREENSHOTS.mkdir(exist_ok=True)
            name = item.name.replace("/", "_")[:120]
            (SCREENSHOTS / f"failure-{name}.txt").write_text(f"{page.url}\n{call.excinfo.value}\n---\n{said}")
            page.screenshot(path=str(SCREENSHOTS / f"failure-{name}.png"), full_page=True)
    return report


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    # A live-server test empties the database when it ends; reload the unit trees if an earlier one did.
    from giamngheo.geo.loader import admin_units_load
    from giamngheo.geo.models import AdminUnit

    if not AdminUnit.objects.exists():
        admin_units_load()
    context = chromium.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url  # type: ignore[attr-defined]
    yield page
    context.close()


def _screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _login(page: Any, username: str, password: str | None = None) -> None:
    from giamngheo.demo.accounts import DEMO_PASSWORD

    page.goto(f"{page.base_url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector("text=Xin chào")


def _logout(page: Any) -> None:
    page.click("text=Đăng xuất")
    page.wait_for_selector("#login-submit")


@pytest.fixture
def screenshot() -> Callable[[Any, str], None]:
    """`screenshot(page, name)`: a full-page PNG in test-results/."""
    return _screenshot


@pytest.fixture
def login() -> Callable[..., None]:
    """`login(page, username)`: sign in through the form (demo password) and wait for the greeting."""
    return _login


@pytest.fixture
def logout() -> Callable[[Any], None]:
    """`logout(page)`: sign out with the menu's button and wait for the sign-in form."""
    return _logout
