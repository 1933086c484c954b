"""What a service-token call costs next to a user-token call: the narrowing and the audit row per call.

    python -m bench.api_token_bench [--calls 200] [--rounds 5] [--database-url postgres://postgres@127.0.0.1:5432]

Creates a fresh PostgreSQL database, migrates, loads the administrative units, creates Huế's province officer
with a user token and a service token bound to the same province (every scope), then calls `GET /api/v1/units`
(a page of 10) and `GET /api/v1/me` through Django's test client, the two tokens alternating round by round
in the same process; each figure is the best round's mean per call. Results go to
bench/results/api-tokens.json and .md, with the machine load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).parent.parent
DATABASE = "giamngheo_bench_api_tokens"
PATHS = {"units": "/api/v1/units?limit=10", "me": "/api/v1/me"}


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _measure(calls: int, rounds: int) -> dict[str, dict[str, float]]:
    """In the child: set up, then time both tokens side by side."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from giamngheo.accounts.models import AreaAssignment, User
    from giamngheo.accounts.services import api_token_create
    from giamngheo.api.scopes import Scope
    from giamngheo.api.tokens import service_token_create
    from giamngheo.geo.models import AdminUnit

    call_command("migrate", verbosity=0)
    call_command("load_admin_units", verbosity=0)
    hue = AdminUnit.objects.get(tree="current", level="province", code="46")
    officer = User.objects.create_user(username="tinh", password=None)
    AreaAssignment.objects.create(user=officer, role="province_officer", unit=hue)
    _token, user_raw = api_token_create(actor=officer, user=officer, name="bench")
    _service, service_raw = service_token_create(
        actor=officer,
        name="bench",
        scopes=list(Scope.values),
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        unit=hue,  # the officer's own province: the same area, so the difference is the token's own cost
    )
    clients = {
        "user token": Client(HTTP_AUTHORIZATION=f"Bearer {user_raw}"),
        "service token": Client(HTTP_AUTHORIZATION=f"Bearer {service_raw}"),
    }
    best: dict[str, dict[str, float]] = {name: {} for name in clients}
    for _round in range(rounds):
        for name, client in clients.items():
            for key, path in PATHS.items():
                started = time.perf_counter()
                for _call in range(calls):
                    assert client.get(path).status_code == 200
                per_call = (time.perf_counter() - started) / calls * 1000
                best[name][key] = round(min(best[name].get(key, per_call), per_call), 2)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.calls, args.rounds)))
        return
    environment = {
        **os.environ,
        "DATABASE_URL": f"{args.database_url}/{DATABASE}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_HTTPS": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    _admin(args.database_url, f"DROP DATABASE IF EXISTS {DATABASE}")
    _admin(args.database_url, f"CREATE DATABASE {DATABASE}")
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    try:
        command = [sys.executable, "-m", "bench.api_token_bench", "--calls", str(args.calls)]
        output = subprocess.run(  # noqa: S603
            [*command, "--rounds", str(args.rounds), "--child"],
            env=environment,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        timings = json.loads(output.strip().splitlines()[-1])
    finally:
        _admin(args.database_url, f"DROP DATABASE IF EXISTS {DATABASE}")
    load_after = Path("/proc/loadavg").read_text().split()[:3]
    result = {
        "calls_per_round": args.calls,
        "rounds": args.rounds,
        "best_round_ms_per_call": timings,
        "loadavg_before": load_before,
        "loadavg_after": load_after,
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "api-tokens.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    lines = [
        f"# API call with a user token vs a service token (PostgreSQL, best of {args.rounds} rounds of "
        f"{args.calls} calls, ms per call)",
        "",
        f"Load average before {' '.join(load_before)}, after {' '.join(load_after)} (2 shared cores).",
        "",
        "| token | " + " | ".join(PATHS) + " |",
        "|---|" + "---:|" * len(PATHS),
        *(f"| {name} | {' | '.join(str(row[key]) for key in PATHS)} |" for name, row in timings.items()),
    ]
    (RESULTS / "api-tokens.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
