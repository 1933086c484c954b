"""CI: start `make serve-app` (DEBUG off, gunicorn) on a small database and fetch the main pages as a user.

    python .ci/serve_check.py

Builds a SQLite database under a temporary GIAMNGHEO_VAR_DIR (migrations, administrative units, demo
accounts), starts the production server exactly as `make serve` does, then checks /healthz, the login page,
a hashed static file, login as the demo commune officer, the home page, the household list, the plan list,
the support pages, the API and its schema: every answer 200, no debug page, security headers present.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
BASE = "http://127.0.0.1:8000"
PAGES = ["/", "/ho/", "/ra-soat/", "/ke-hoach/", "/ho-tro/", "/api/v1/me", "/api/v1/openapi.json"]


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env | {"DEBUG": "1"}, check=True)  # noqa: S603


def _fetch(opener: urllib.request.OpenerDirector, path: str, data: bytes | None = None) -> tuple[int, str]:
    request = urllib.request.Request(f"{BASE}{path}", data=data, headers={"Referer": f"{BASE}{path}"})  # noqa: S310
    with opener.open(request, timeout=60) as response:
        return response.status, response.read().decode("utf-8", "replace")


def _wait(process: subprocess.Popen[bytes]) -> None:
    for _ in range(120):
        if process.poll() is not None:
            sys.exit(f"make serve-app exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{BASE}/healthz", timeout=30) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
    sys.exit("the server did not answer /healthz within 2 minutes")


def _check(opener: urllib.request.OpenerDirector) -> None:
    status, login = _fetch(opener, "/tai-khoan/dang-nhap/")
    assert status == 200, status
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', login)
    hashed = stylesheet and re.search(r"\.[0-9a-f]{12}\.css$", stylesheet.group(1))
    assert stylesheet and hashed, "static files are not hashed (collectstatic with the manifest storage)"
    assert _fetch(opener, stylesheet.group(1))[0] == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login)
    assert token, "no CSRF token on the login page"
    form = {"csrfmiddlewaretoken": token.group(1), "username": "xa.aluoi1", "password": "giamngheo@2026"}
    status, home = _fetch(opener, "/tai-khoan/dang-nhap/", urllib.parse.urlencode(form).encode())
    assert status == 200 and "Xin chào" in home, "login failed"
    for path in PAGES:
        status, body = _fetch(opener, path)
        assert status == 200, f"{path}: {status}"
        assert "Traceback" not in body and "DEBUG = True" not in body, f"{path}: a debug page"
        print(f"  200 {path}")
    with opener.open(f"{BASE}/ho/", timeout=60) as response:
        assert response.headers.get("Content-Security-Policy"), "no Content-Security-Policy header"
        assert response.headers.get("X-Frame-Options") == "DENY"


def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="giamngheo-serve-")
    env = dict(os.environ, GIAMNGHEO_VAR_DIR=var_dir)
    env.pop("DATABASE_URL", None)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "load_admin_units")
    _manage(env, "load_demo")
    command = ["make", "--no-print-directory", "serve-app"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    try:
        _wait(process)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        _check(opener)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    print("make serve-app: every page answered 200 with DEBUG off")


if __name__ == "__main__":
    main()
