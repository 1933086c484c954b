"""What the support pages share: the user's communes, the types they may use, file responses."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.http.response import HttpResponseBase

from giamngheo.accounts.access import units_for_user
from giamngheo.core.errors import NotFound
from giamngheo.core.exports import Sheet, xlsx_workbook_response
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.models import BudgetLine
from giamngheo.support.catalogue import support_types_for_province
from giamngheo.support.exports import Document, document_pdf
from giamngheo.support.models import SupportType


def user_communes(user: Any) -> QuerySet[AdminUnit]:
    return (
        units_for_user(user)
        .filter(level=Level.COMMUNE, tree=Tree.CURRENT, valid_to__isnull=True)
        .order_by("name")
    )


def user_budget_lines(user: Any) -> QuerySet[BudgetLine]:
    """Budget lines of the plans of the provinces of the user's communes (the list form's choice)."""
    provinces = user_communes(user).values("province_id")
    return (
        BudgetLine.objects.filter(plan__province_id__in=provinces)
        .select_related("plan", "project")
        .order_by("-plan__start_year", "plan__number", "project__order", "source", "expenditure", "pk")
    )


def user_support_types(user: Any) -> QuerySet[SupportType]:
    provinces = units_for_user(user).filter(level=Level.PROVINCE, tree=Tree.CURRENT)
    province = provinces.first() if provinces.count() == 1 else None
    return support_types_for_province(province).order_by("order", "code")


def document_response(document: Document, filename: str, file_format: str) -> HttpResponseBase:
    """The document as an attachment: PDF or XLSX (any other format is not found)."""
    if file_format not in {"pdf", "xlsx"}:
        raise NotFound()
    if file_format == "pdf":
        response = HttpResponse(document_pdf(document), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    sheet = Sheet(
        title=document.title[:31],
        header=list(document.header),
        rows=[*document.rows, [], *[[line] for line in document.footer]],
    )
    return xlsx_workbook_response(f"{filename}.xlsx", [sheet])
