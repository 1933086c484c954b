"""The annual run's workflow: queue it for a province, run it in chunks with progress, count the result.

Every active household with a survey round on or before the reference date is classified under the chosen
standard from its latest round, with the commune's urban/rural area on that date — what the survey form
does for one household (`registry.surveys.survey_submit` through `registry.assess`). A household whose latest
assessment already comes from that round, standard and date is left alone, so a second run with unchanged
facts writes nothing. Each chunk is its own transaction: a run stopped half-way is finished by running it
again. Households without a survey round are counted, not classified.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

import polars as pl
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.audit import AuditAction
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.core.services import audit_record
from giamngheo.geo.models import AdminUnit, AreaType, AttributeKind, UnitAttribute
from giamngheo.registry.annual.facts import province_facts
from giamngheo.registry.annual.write import assessments_frame, write_chunk
from giamngheo.registry.models import Household
from giamngheo.registry.models_annual import AnnualRun, AnnualRunCommune, AnnualRunStatus
from giamngheo.standards.explain import explain_frame
from giamngheo.standards.facts import HOUSEHOLD_SCHEMA
from giamngheo.standards.loader import load_standard
from giamngheo.standards.model import Standard

logger = logging.getLogger(__name__)

CHUNK_HOUSEHOLDS = 20_000  # households explained and written per transaction
CATEGORIES = ("poor", "near_poor", "average", "not_poor")


def commune_areas(province: AdminUnit, on: dt.date) -> dict[int, str]:
    """Urban or rural of each commune of the province on a date (one query; rural when unrecorded)."""
    rows = (
        UnitAttribute.objects.filter(unit__province=province, kind=AttributeKind.AREA_TYPE)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("unit_id", "valid_from")
        .values_list("unit_id", "value")
    )
    return {unit_id: value or AreaType.RURAL for unit_id, value in rows}  # the latest valid_from wins


@transaction.atomic
def annual_run_create(
    *, actor: Any, province: AdminUnit, standard_id: str, reference_date: dt.date
) -> AnnualRun:
    """Queue a run of the province (province officers); the worker runs it."""
    require_permission(actor, Permission.MANAGE_CAMPAIGNS, province)
    load_standard(standard_id)  # an unknown standard fails here, not in the worker
    AdminUnit.objects.select_for_update().filter(pk=province.pk).first()  # one queued run at a time
    busy = AnnualRun.objects.filter(
        province=province, status__in=[AnnualRunStatus.QUEUED, AnnualRunStatus.RUNNING]
    )
    if busy.exists():
        raise AppError(ErrorCode.ANNUAL_RUN_BUSY, ErrorCode.ANNUAL_RUN_BUSY.label)
    run = AnnualRun.objects.create(
        province=province, standard=standard_id, reference_date=reference_date, requested_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.ANNUAL_RUN_QUEUE,
        obj=run,
        after={"standard": standard_id, "reference_date": reference_date.isoformat()},
        unit=province,
    )
    from giamngheo.registry.annual.tasks import run_annual

    transaction.on_commit(lambda: run_annual.enqueue(run.pk))
    return run


def _progress(run: AnnualRun, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(run, name, value)
    AnnualRun.objects.filter(pk=run.pk).update(**fields)


def _explain(
    standard: Standard, households: pl.DataFrame, members: pl.DataFrame, on: dt.date
) -> pl.DataFrame:
    codes = households.get_column("household_code").implode()
    own = members.filter(pl.col("household_code").is_in(codes))
    return explain_frame(standard, households.select(list(HOUSEHOLD_SCHEMA)), own, on)


def _writers() -> int:
    """Connections writing chunks while the next chunk is classified (PostgreSQL; SQLite writes inline)."""
    if connection.vendor != "postgresql":
        return 0
    return int(getattr(settings, "ANNUAL_RUN_WRITERS", 2))


def _write_counted(run_id: int, rows: pl.DataFrame, chunk: pl.DataFrame) -> pl.DataFrame:
    """One chunk in its own transaction, counted in the run's progress."""
    with transaction.atomic():
        written = write_chunk(rows, chunk)
        AnnualRun.objects.filter(pk=run_id).update(
            progress_done=F("progress_done") + chunk.height, assessed=F("assessed") + chunk.height
        )
    return written


def _write_in_thread(run_id: int, rows: pl.DataFrame, chunk: pl.DataFrame) -> pl.DataFrame:
    try:
        return _write_counted(run_id, rows, chunk)
    finally:
        connection.close()  # each writer thread has its own connection


class _Writers:
    """Chunks written inline (no writers) or by a small pool of threads, at most one chunk queued each.

    The database parses, compresses and logs the assessments in its own process while this one classifies
    the next chunk; every chunk is its own transaction either way (a failure stops the run; running it again
    writes only what is missing).
    """

    def __init__(self, run_id: int, writers: int) -> None:
        self.run_id = run_id
        self.pool = ThreadPoolExecutor(max_workers=writers) if writers else None
        self.writers = writers
        self.futures: list[Future[pl.DataFrame]] = []
        self.done: list[pl.DataFrame] = []

    def submit(self, rows: pl.DataFrame, chunk: pl.DataFrame) -> None:
        if self.pool is None:
            self.done.append(_write_counted(self.run_id, rows, chunk))
            return
        self.futures.append(self.pool.submit(_write_in_thread, self.run_id, rows, chunk))
        while sum(not future.done() for future in self.futures) > self.writers:
            wait(self.futures, return_when=FIRST_COMPLETED)
        try:
            for future in [future for future in self.futures if future.done()]:
                self.done.append(future.result())  # raises the writer's error here
                self.futures.remove(future)
        except Exception:
            self.pool.shutdown(wait=True, cancel_futures=True)
            raise

    def finish(self) -> list[pl.DataFrame]:
        if self.pool is not None:
            try:
                self.done.extend(future.result() for future in self.futures)
            finally:
                self.pool.shutdown(wait=True, cancel_futures=True)
        return self.done


def annual_run_execute(run_id: int, *, on_phase: Callable[[str, float], None] | None = None) -> AnnualRun:
    """Run a queued run: read, classify and write in chunks, then store the statistics by commune."""
    run = AnnualRun.objects.select_related("province", "requested_by").get(pk=run_id)
    if run.status != AnnualRunStatus.QUEUED:
        return run
    _progress(run, status=AnnualRunStatus.RUNNING, started_at=timezone.now())
    timings: dict[str, float] = {"read": 0.0, "classify": 0.0, "write": 0.0, "statistics": 0.0}

    def phase(name: str, started: float) -> float:
        took = time.perf_counter() - started
        timings[name] += took
        if on_phase:
            on_phase(name, took)
        return time.perf_counter()

    try:
        clock = time.perf_counter()
        standard = load_standard(run.standard)
        areas = commune_areas(run.province, run.reference_date)
        households, members = province_facts(run.province_id, run.reference_date, areas, standard.id)
        done = (
            (pl.col("assessed_round_id") == pl.col("round_id"))
            & (pl.col("assessed_standard") == standard.id)
            & (pl.col("assessed_on") == run.reference_date)
        ).fill_null(value=False)
        households = households.with_columns(done.alias("done"))
        pending = households.filter(~pl.col("done"))
        active = Household.objects.filter(province=run.province, is_active=True).count()
        _progress(
            run,
            households=households.height,
            unchanged=households.height - pending.height,
            without_survey=active - households.height,
            progress_total=pending.height,
        )
        clock = phase("read", clock)
        writes = _Writers(run.pk, _writers())
        for start in range(0, pending.height, CHUNK_HOUSEHOLDS):
            chunk = pending.slice(start, CHUNK_HOUSEHOLDS)
            explained = _explain(standard, chunk, members, run.reference_date)
            rows = assessments_frame(standard, chunk, explained, run.reference_date, run.requested_by)
            clock = phase("classify", clock)
            writes.submit(rows, chunk)  # written meanwhile by another connection when there are writers
            clock = phase("write", clock)
        written = writes.finish()
        run.refresh_from_db(fields=["progress_done", "assessed"])
        clock = phase("write", clock)
        _statistics(run, households, written)
        phase("statistics", clock)
    except Exception as error:
        logger.exception("Annual run %s failed", run.pk, extra={"job_id": run.pk, "job_kind": "annual_run"})
        _progress(
            run, status=AnnualRunStatus.FAILED, message=type(error).__name__, finished_at=timezone.now()
        )
        return run
    with transaction.atomic():
        _progress(
            run,
            status=AnnualRunStatus.DONE,
            timings={name: round(seconds, 3) for name, seconds in timings.items()},
            finished_at=timezone.now(),
        )
        audit_record(
            actor=run.requested_by,
            action=AuditAction.ANNUAL_RUN_FINISH,
            obj=run,
            after={"households": run.households, "assessed": run.assessed, "unchanged": run.unchanged},
            unit=run.province,
        )
    return run


def _statistics(run: AnnualRun, households: pl.DataFrame, written: list[pl.DataFrame]) -> None:
    """Households by category per commune after the run, and how many changed category."""
    new = (
        pl.concat(written).rename({"category": "new_category"})
        if written
        else pl.DataFrame(schema={"household_id": pl.Int64, "new_category": pl.String})
    )
    frame = households.select("household_id", "commune_id", "previous_category").join(
        new, on="household_id", how="left"
    )
    category = pl.coalesce("new_category", "previous_category")
    counts = frame.group_by("commune_id").agg(
        pl.len().alias("households"),
        *((category == name).sum().alias(name) for name in CATEGORIES),
        (~category.is_in(CATEGORIES)).sum().alias("unknown"),
        (
            pl.col("new_category").is_not_null()
            & (pl.col("new_category") != pl.col("previous_category").fill_null(""))
        )
        .sum()
        .alias("changed"),
    )
    with transaction.atomic():
        AnnualRunCommune.objects.filter(run=run).delete()
        AnnualRunCommune.objects.bulk_create(
            AnnualRunCommune(run=run, commune_id=row.pop("commune_id"), **row)
            for row in counts.sort("commune_id").iter_rows(named=True)
        )


def annual_run_now(
    *, province: AdminUnit, standard_id: str, reference_date: dt.date, **options: Any
) -> AnnualRun:
    """Create and run at once, for the management command (an operator at the server, no user)."""
    load_standard(standard_id)
    run = AnnualRun.objects.create(province=province, standard=standard_id, reference_date=reference_date)
    return annual_run_execute(run.pk, **options)
