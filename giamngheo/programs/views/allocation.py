"""The allocation editor of a plan: rows typed on screen, the computed table, and checks against targets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from giamngheo.core.errors import AppError, PermissionDenied
from giamngheo.programs import services
from giamngheo.programs.forms import (
    AllocationFormSet,
)
from giamngheo.programs.models import Plan, TargetGroup, TargetKind
from giamngheo.programs.selectors import AllocationTable, allocation_totals
from giamngheo.programs.templatetags.plan_tags import vn_number
from giamngheo.programs.unit_choices import unit_by_code, units_of_provinces
from giamngheo.programs.views.entry import managed_plan, section_page


def _number(value: Decimal | int | None) -> str:
    return "—" if value is None else vn_number(value)


def target_checks(
    plan: Plan, table: AllocationTable[services.AllocationRow]
) -> list[tuple[str, str, str, bool]]:
    """How the whole-unit row compares with the plan's targets of poverty rate and households escaping."""
    checks = []
    for target in plan.targets.filter(group=TargetGroup.ALL, target_unit__isnull=True).select_related(
        "indicator"
    ):
        code, kind, value = target.indicator.code, target.kind, target.value
        if value is None:
            continue
        if code == "poverty_rate" and kind == TargetKind.LEVEL:
            actual: Decimal | int | None = table.target_rate
        elif code == "poor_households" and kind == TargetKind.CHANGE_OVER_PERIOD:
            actual = table.reduction
        else:
            continue
        ok = actual is not None and Decimal(actual) == value
        checks.append((target.text, _number(value), _number(actual), ok))
    return checks


def _allocation_rows(
    plan: Plan, formset: Any, prefer_tree: str
) -> tuple[list[services.AllocationRow], list[forms.Form]]:
    units = units_of_provinces([plan.province_id], include_provinces=False)
    rows, row_forms = [], []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or form.errors or form.is_blank():
            continue
        data = form.cleaned_data
        unit = None
        if data["unit_code"]:
            unit = unit_by_code(data["unit_code"].split("—")[0], units, prefer_tree)
            if unit is None:
                form.add_error("unit_code", _("Không có đơn vị mã này trong tỉnh của kế hoạch."))
                continue
        rows.append(
            services.AllocationRow(
                label=data["label"],
                unit=unit,
                start_poor=data["start_poor"],
                start_total=data["start_total"],
                reduction=data["reduction"],
                projected_total=data["projected_total"],
                stated_start_rate=data["stated_start_rate"],
                stated_target_rate=data["stated_target_rate"],
                note=data["note"],
            )
        )
        row_forms.append(form)
    return rows, row_forms


BLANK_ROWS = 3


def _stored_rows(plan: Plan) -> list[services.AllocationRow]:
    return [
        services.AllocationRow(
            label=row.label,
            unit=row.unit,
            start_poor=row.start_poor,
            start_total=row.start_total,
            reduction=row.reduction,
            projected_total=row.projected_total,
            stated_start_rate=row.stated_start_rate,
            stated_target_rate=row.stated_target_rate,
            note=row.note,
        )
        for row in plan.allocations.select_related("unit")
    ]


def _allocation_save(
    request: HttpRequest, plan: Plan, rows: list[services.AllocationRow], row_forms: list[forms.Form]
) -> str:
    """Save the table; a refused row gets the message in its cell, anything else is returned."""
    try:
        services.plan_allocation_set(actor=request.user, plan=plan, rows=rows)
    except PermissionDenied:
        raise
    except AppError as refusal:
        number = refusal.details.get("row")
        if number and refusal.field in row_forms[number - 1].fields:
            row_forms[number - 1].add_error(refusal.field, refusal.message)
            return _("Bảng còn lỗi; chưa lưu gì. Sửa các ô có ghi chú đỏ rồi lưu lại.")
        return refusal.message
    return ""


@login_required
def plan_allocation(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The allocation table editor: one row per sub-unit, computed remaining and rates, the sum check."""
    plan = managed_plan(request, plan_id)
    action = request.POST.get("action", "")
    error = ""
    if request.method == "POST":
        data = request.POST.copy()
        if action == "add_rows":
            data["form-TOTAL_FORMS"] = str(int(data.get("form-TOTAL_FORMS", "0") or 0) + BLANK_ROWS)
        formset = AllocationFormSet(data)
        formset.is_valid()
        rows, row_forms = _allocation_rows(plan, formset, plan.unit.tree)
        if action == "save":
            if any(form.errors for form in formset.forms) or formset.non_form_errors():
                error = _("Bảng còn lỗi; chưa lưu gì. Sửa các ô có ghi chú đỏ rồi lưu lại.")
            else:
                error = _allocation_save(request, plan, rows, row_forms)
                if not error:
                    messages.success(
                        request, _("Đã lưu bảng phân bổ chỉ tiêu (%(rows)s đơn vị).") % {"rows": len(rows)}
                    )
                    return redirect(reverse("programs:detail", args=[plan.pk]) + "#phan-bo")
    else:
        rows = _stored_rows(plan)
        initial = [{**row.__dict__, "unit_code": row.unit.code if row.unit else ""} for row in rows]
        formset = AllocationFormSet(initial=initial + [{}] * BLANK_ROWS)
    computed = allocation_totals(rows)
    context = {
        "formset": formset,
        "computed": computed,
        "checks": target_checks(plan, computed),
        "error": error,
        "units": units_of_provinces([plan.province_id], include_provinces=False),
    }
    response = section_page(request, plan, "allocation", "programs/edit_allocation.html", context)
    response.status_code = 400 if error else 200
    return response
