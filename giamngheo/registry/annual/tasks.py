"""Background task of the annual run (run by `manage.py db_worker`)."""

from __future__ import annotations

from django.tasks import task


@task()
def run_annual(run_id: int) -> str:
    from giamngheo.registry.annual.services import annual_run_execute

    return annual_run_execute(run_id).status
