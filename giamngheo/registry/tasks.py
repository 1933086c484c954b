"""Background tasks of the registry (run by `manage.py db_worker`)."""

from __future__ import annotations

from django.tasks import task


@task()
def run_export(job_id: int) -> str:
    from giamngheo.registry.export_jobs import export_job_run

    return export_job_run(job_id).status
