"""Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane) instead of Django's 100 MiB and 8 lanes."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id at the OWASP Password Storage Cheat Sheet's first configuration (m=19 MiB, t=2, p=1).

    Django's defaults (m=100 MiB, t=2, p=8) took 0.25-0.3 s of both cores per login and 100 MiB each: at the
    start of a working day 50 officers logging in at once would ask 5 GiB of a province's server, and in the
    100-officer load test a login waited 1.7 s (docs/accounts.md). Same algorithm name: hashes made with the
    old parameters still verify and are rewritten with these at the next login (Django's `must_update`).
    """

    time_cost = 2
    memory_cost = 19_456  # KiB
    parallelism = 1
