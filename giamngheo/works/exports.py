"""Excel and CSV exports of works, models and participants (written through core.exports, formula-safe).

The columns of the works list and of a model's participants are those their imports read, so an exported
file can be edited and imported again. Personal IDs are not exported: a household is named by its code.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http.response import HttpResponseBase

from giamngheo.core.exports import Sheet, csv_response, xlsx_workbook_response
from giamngheo.programs.models import BudgetSource
from giamngheo.works.columns import MODEL_COLUMNS, PARTICIPANT_COLUMNS, WORK_COLUMNS
from giamngheo.works.models import LivelihoodModel, Participant, Work, WorkCapital


def work_header() -> list[str]:
    return list(WORK_COLUMNS.values())


def work_rows(works: QuerySet[Work]) -> Iterator[list[Any]]:
    capital = Prefetch("capital", queryset=WorkCapital.objects.all())
    for work in works.select_related("commune", "investor").prefetch_related(capital).order_by("pk"):
        amounts = {row.source: row.amount for row in work.capital.all()}
        yield [
            work.pk,
            work.name,
            work.get_kind_display(),
            work.commune.code,
            work.commune.name,
            work.investor.name if work.investor else "",
            work.started_on,
            work.planned_completion_on,
            work.completed_on,
            work.handed_over_on,
            work.progress,
            work.status_label,
            work.latitude,
            work.longitude,
            *[amounts.get(source) for source in BudgetSource.values],
        ]


def model_header() -> list[str]:
    return list(MODEL_COLUMNS.values())


def model_rows(models: QuerySet[LivelihoodModel]) -> Iterator[list[Any]]:
    for model in models.prefetch_related("communes", "budget").order_by("pk"):
        yield [
            model.pk,
            model.name,
            model.get_kind_display(),
            ", ".join(commune.name for commune in model.communes.all()),
            str(model.lead_agency) if model.lead_agency else "",
            model.partner,
            model.started_on,
            model.ended_on,
            model.households,  # type: ignore[attr-defined]
            model.poor,  # type: ignore[attr-defined]
            model.near_poor,  # type: ignore[attr-defined]
            sum((row.amount for row in model.budget.all()), start=0),
        ]


def participant_header() -> list[str]:
    return list(PARTICIPANT_COLUMNS.values())


def participant_rows(participants: QuerySet[Participant]) -> Iterator[list[Any]]:
    for row in participants:
        yield [
            row.household.code,
            row.household.head_name,
            row.commune.name,
            row.status_label,
            row.joined_on,
            row.labour_days,
            row.money,
            row.in_kind,
        ]


def table_response(
    file_format: str, filename: str, title: str, header: Sequence[str], rows: Iterator[list[Any]]
) -> HttpResponseBase:
    """A CSV download when asked for one, else XLSX."""
    if file_format == "csv":
        return csv_response(f"{filename}.csv", header, rows)
    return xlsx_workbook_response(f"{filename}.xlsx", [Sheet(title[:31], header, rows)])
