"""Health check: 200 only when the database answers and every migration is applied."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# Set after the first check that found no unapplied migration: the check reads every migration file,
# and a running process cannot gain new migrations, so it is done once per process.
_migrations_applied = False


def pending_migrations() -> int:
    """How many migrations the code has that the database has not applied."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 if the database answers a query and no migration is unapplied, 503 with the reason otherwise."""
    global _migrations_applied  # noqa: PLW0603 — a per-process cache of one fact
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        pending = 0 if _migrations_applied else pending_migrations()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    if pending:
        return JsonResponse(
            {"status": "error", "database": connection.vendor, "migrations_pending": pending}, status=503
        )
    _migrations_applied = True
    return JsonResponse({"status": "ok", "database": connection.vendor})
