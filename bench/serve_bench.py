"""Production servers side by side: gunicorn (gthread) and granian (WSGI) serving the demo database.

    python -m bench.serve_bench [--seconds 20] [--clients 10] [--rounds 3] [--workers 2]

Each server is started as `make serve` would start it (DEBUG off, static files collected, same worker count),
then `--clients` threads, each logged in as the commune officer of the demo, fetch a mix of pages as fast as
they can for `--seconds`: healthz, the home page, the household list, a household search, a household page and
the API's household list. Rounds alternate the servers (A B A B …) so both see the same machine load; the best
round of each is kept. Results: requests per second, p50/p95 in ms and errors, with the load average before
each round, in bench/results/serve-demo.json and .md. The database is the one `make run` built (var/).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).parent.parent
PORT = 8391
USER = "xa.aluoi1"


def _servers(workers: int) -> dict[str, list[str]]:
    python = sys.executable
    bind = f"127.0.0.1:{PORT}"
    return {
        "gunicorn gthread": [
            python, "-m", "gunicorn", "config.wsgi:application", "-c", "config/gunicorn_settings.py",
            "--bind", bind, "--workers", str(workers), "--access-logfile", "/dev/null",
        ],
        "granian wsgi": [
            python, "-m", "granian", "--interface", "wsgi", "config.wsgi:application", "--host", "127.0.0.1",
            "--port", str(PORT), "--workers", str(workers), "--blocking-threads", "4", "--no-access-log",
        ],
    }  # fmt: skip


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(DEBUG="0", SECURE_HTTPS="0", SECRET_KEY=secrets.token_urlsafe(40), LOG_LEVEL="WARNING")
    return env


def _wait_ready(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(120):
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=30) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise SystemExit("server did not answer /healthz in 60 s")


def _opener(base: str) -> urllib.request.OpenerDirector:
    """A cookie-keeping client logged in as the demo commune officer."""
    from giamngheo.demo.accounts import DEMO_PASSWORD

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base}/tai-khoan/dang-nhap/"
    page = opener.open(login, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": USER, "password": DEMO_PASSWORD}
    ).encode()
    request = urllib.request.Request(login, data=data, headers={"Referer": login})  # noqa: S310
    opener.open(request, timeout=30).read()
    return opener


def _paths(base: str, opener: urllib.request.OpenerDirector) -> list[str]:
    listing = opener.open(f"{base}/ho/", timeout=30).read().decode()
    household = re.search(r'href="(/ho/\d+/)"', listing)
    assert household, "the household list shows no household: is the demo database built (make run)?"
    return ["/healthz", "/", "/ho/", "/ho/?q=nguyen", household.group(1), "/api/v1/households?limit=20"]


def _round(base: str, seconds: float, clients: int) -> dict[str, float]:
    openers = [_opener(base) for _ in range(clients)]
    paths = _paths(base, openers[0])
    timings: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(opener: urllib.request.OpenerDirector, offset: int) -> None:
        nonlocal errors
        mine: list[float] = []
        failed = 0
        index = offset
        while time.perf_counter() < stop:
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                with opener.open(f"{base}{path}", timeout=60) as response:
                    response.read()
                    if response.status != 200:
                        failed += 1
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                failed += 1
            mine.append(time.perf_counter() - started)
        with lock:
            timings.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client, args=(opener, n)) for n, opener in enumerate(openers)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    timings.sort()
    return {
        "requests": len(timings),
        "requests_per_second": round(len(timings) / elapsed, 1),
        "p50_ms": round(statistics.median(timings) * 1000, 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1] * 1000, 1),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    env = _environment()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    base = f"http://127.0.0.1:{PORT}"
    rounds: dict[str, list[dict[str, float]]] = {name: [] for name in _servers(args.workers)}
    for number in range(args.rounds):
        for name, command in _servers(args.workers).items():
            process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
            try:
                _wait_ready(base, process)
                load = os.getloadavg()[0]
                result = _round(base, args.seconds, args.clients) | {"load_average_1min": round(load, 2)}
            finally:
                process.terminate()
                process.wait(timeout=30)
            rounds[name].append(result)
            print(f"round {number + 1} {name}: {result}", flush=True)
    best = {name: max(results, key=lambda r: r["requests_per_second"]) for name, results in rounds.items()}
    reference = best["gunicorn gthread"]["requests_per_second"]
    summary = {
        "clients": args.clients,
        "workers": args.workers,
        "seconds": args.seconds,
        "cpus": os.cpu_count(),
        "best": best,
        "rounds": rounds,
        "throughput_vs_gunicorn": {
            name: round(result["requests_per_second"] / reference, 2) for name, result in best.items()
        },
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "serve-demo.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    lines = [
        f"# Production servers on the demo database ({args.clients} clients, {args.workers} workers, "
        f"best of {args.rounds} alternating rounds of {args.seconds:g} s)",
        "",
        "| server | req/s | × gunicorn | p50 ms | p95 ms | errors | load avg (1 min) before |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, result in best.items():
        lines.append(
            f"| {name} | {result['requests_per_second']} | {summary['throughput_vs_gunicorn'][name]} | "
            f"{result['p50_ms']} | {result['p95_ms']} | {result['errors']} | {result['load_average_1min']} |"
        )
    (RESULTS / "serve-demo.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
