"""The what-if page: a unit's households under another standard, and the support new entrants would need."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from giamngheo.core.exports import Sheet, xlsx_workbook_response
from giamngheo.monitoring.forms_whatif import WhatIfForm
from giamngheo.registry.assess import standard_for
from giamngheo.registry.models import CATEGORY_LABELS
from giamngheo.registry.whatif import (
    CATEGORIES,
    WhatIf,
    by_commune,
    entrant_deprivations,
    entrants,
    transition_matrix,
    whatif_for_unit,
)
from giamngheo.support.catalogue import support_types_for_province


def _labels() -> dict[str, str]:
    labels = {**{key: str(label) for key, label in CATEGORY_LABELS.items()}, "unknown": _("chưa xác định")}
    return {key: label[:1].upper() + label[1:] for key, label in labels.items()}


def _support_for(whatif: WhatIf, province: Any, needs: dict[str, int]) -> list[dict[str, Any]]:
    """Support types of the province's catalogue that address the entrants' deprivations (and income)."""
    rows = []
    entering = entrants(whatif)
    for support in support_types_for_province(province).order_by("order", "name"):
        keys = [key.strip() for key in support.addresses.split(",") if key.strip()]
        households = max(
            [needs.get(key, 0) for key in keys] + ([entering] if "income" in keys else []), default=0
        )
        if households:
            rows.append({"support": support, "addresses": keys, "households": households})
    return sorted(rows, key=lambda row: -row["households"])


def _context(request: HttpRequest, form: WhatIfForm) -> dict[str, Any]:
    unit, target = form.cleaned_data["unit"], form.cleaned_data["target"]
    reference_date = form.cleaned_data["reference_date"]
    baseline = standard_for(reference_date)
    whatif = whatif_for_unit(
        request.user, unit, baseline=baseline, target=target, reference_date=reference_date
    )
    matrix = transition_matrix(whatif)
    labels = _labels()
    present = [category for category in CATEGORIES if any(category in pair for pair in matrix)]
    needs = entrant_deprivations(whatif)
    language = get_language()
    names = target.indicator_names(language)
    province = unit.province if unit.level != "province" else unit
    return {
        "whatif": whatif,
        "unit": unit,
        "labels": labels,
        "matrix_rows": [
            {"label": labels[before], "cells": [matrix.get((before, after), 0) for after in present]}
            for before in present
        ],
        "matrix_columns": [labels[category] for category in present],
        "communes": by_commune(whatif),
        "entrants": entrants(whatif),
        "needs": [{"name": names[key], "households": count} for key, count in needs.items()],
        "support": _support_for(whatif, province, needs),
        "new_indicators": [names[key] for key in target.indicator_keys if key not in baseline.indicator_keys],
        "target_name": target.name(language),
        "baseline_name": baseline.name(language),
    }


@login_required
def whatif_page(request: HttpRequest) -> HttpResponseBase:
    """GET without parameters shows the form; with them, the simulation (nothing is saved)."""
    form = WhatIfForm(request.user, request.GET or None)
    context: dict[str, Any] = {"form": form}
    if request.GET and form.is_valid():
        context |= _context(request, form)
        if request.GET.get("xuat") == "xlsx":
            return _xlsx(context)
    return render(request, "monitoring/whatif.html", context)


def _xlsx(context: dict[str, Any]) -> HttpResponseBase:
    whatif: WhatIf = context["whatif"]
    communes = Sheet(
        _("Theo xã"),
        [_("Xã, phường"), _("Số hộ"), _("Hộ nghèo (hiện hành)"), _("Hộ nghèo (mô phỏng)"),
         _("Hộ cận nghèo (hiện hành)"), _("Hộ cận nghèo (mô phỏng)"), _("Số hộ đổi phân loại")],
        (
            [row["commune"], row["households"], row["poor_before"], row["poor_after"],
             row["near_poor_before"], row["near_poor_after"], row["changed"]]
            for row in context["communes"]
        ),
        number_formats=[None, *["#,##0"] * 6],
    )  # fmt: skip
    matrix = Sheet(
        _("Ma trận chuyển đổi"),
        [_("Hiện hành \\ Mô phỏng"), *context["matrix_columns"]],
        ([row["label"], *row["cells"]] for row in context["matrix_rows"]),
    )
    needs = Sheet(
        _("Thiếu hụt của hộ mới"),
        [_("Chỉ số thiếu hụt"), _("Số hộ mới vào diện nghèo, cận nghèo thiếu hụt")],
        ([row["name"], row["households"]] for row in context["needs"]),
    )
    about = Sheet(
        _("Thông số"),
        [_("Nội dung"), _("Giá trị")],
        iter(
            [
                [_("Địa bàn"), context["unit"].name],
                [_("Chuẩn hiện hành"), context["baseline_name"]],
                [_("Chuẩn mô phỏng"), context["target_name"]],
                [_("Ngày tham chiếu"), whatif.reference_date],
                [_("Số hộ được mô phỏng"), whatif.total],
                [_("Số hộ chưa có kết quả đánh giá (không tính)"), whatif.without_survey],
                [
                    _("Ghi chú"),
                    _("Kết quả mô phỏng, không lưu vào sổ hộ, không thay thế quyết định công nhận."),
                ],
            ]
        ),
        width=40,
    )
    return xlsx_workbook_response("mo-phong-chuan-ngheo.xlsx", [about, communes, matrix, needs])
