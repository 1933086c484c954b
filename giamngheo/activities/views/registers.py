"""The pages every register has: list (with year filter), export, create, detail and edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.access import assignments_with_permission
from giamngheo.accounts.roles import Permission
from giamngheo.activities.forms import FromUsersForm
from giamngheo.activities.registers import REGISTERS, Register, shown
from giamngheo.activities.views.oversight import inspection_context
from giamngheo.activities.views.training import course_context
from giamngheo.core.errors import NotFound
from giamngheo.core.exports import csv_response, xlsx_response
from giamngheo.core.service_calls import call_service
from giamngheo.geo.models import Level

MAX_ROWS = 500


def can_manage(user: Any, key: str = "") -> bool:
    """Whether the user records activities somewhere (inspections: at a province, ADR 1701)."""
    held = assignments_with_permission(user, Permission.MANAGE_ACTIVITIES)
    if key == "inspections":
        return any(a.unit is None or a.unit.level == Level.PROVINCE for a in held)
    return bool(held)


def _register(key: str) -> Register:
    register = REGISTERS.get(key)
    if register is None:
        raise NotFound()
    return register


def _year(request: HttpRequest) -> int | None:
    text = request.GET.get("nam", "")
    return int(text) if text.isdigit() and 1990 <= int(text) <= 2100 else None


def _filtered(register: Register, request: HttpRequest) -> models.QuerySet[Any]:
    rows = register.rows(request.user)
    year = _year(request)
    if year is not None and register.date_field:
        rows = rows.filter(**{f"{register.date_field}__year": year})
    return rows


@login_required
def register_list(request: HttpRequest, key: str) -> HttpResponse:
    register = _register(key)
    rows = list(_filtered(register, request)[:MAX_ROWS])
    context = {
        "register": register,
        "headers": [column.label for column in register.columns],
        "rows": [(row, [shown(cell) for cell in register.cells(row)]) for row in rows],
        "year": _year(request),
        "can_edit": can_manage(request.user, key),
        "truncated": len(rows) == MAX_ROWS,
    }
    if key == "officers":
        context["from_users_form"] = FromUsersForm(user=request.user)
    return render(request, "activities/list.html", context)


@login_required
def register_export(request: HttpRequest, key: str, file_format: str) -> HttpResponseBase:
    """The filtered list as XLSX or CSV, written through the shared factories (formula-safe)."""
    register = _register(key)
    header = [str(column.label) for column in register.columns]
    rows = (register.cells(row) for row in _filtered(register, request).iterator(chunk_size=2000))
    if file_format == "csv":
        return csv_response(f"{register.slug}.csv", header, rows)
    return xlsx_response(f"{register.slug}.xlsx", str(register.title)[:31], header, rows)


def _service_kwargs(register: Register, data: dict[str, Any]) -> dict[str, Any]:
    if register.needs_today:
        data["today"] = timezone.localdate()
    return data


@login_required
def register_create(request: HttpRequest, key: str) -> HttpResponse:
    register = _register(key)
    if not can_manage(request.user, key):
        raise NotFound()
    form = register.form(request.POST or None, user=request.user, creating=True)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            form, register.create, actor=request.user, **_service_kwargs(register, dict(form.cleaned_data))
        )
        if outcome.ok and outcome.value is not None:
            messages.success(request, _("Đã ghi %(what)s.") % {"what": register.one})
            return redirect(f"activities:{key}_detail", pk=outcome.value.pk)
    return render(request, "activities/form.html", {"register": register, "form": form, "creating": True})


def fields_of(register: Register, row: models.Model) -> list[tuple[str, str]]:
    """Label and shown value of each field the register's form edits."""
    result = []
    for name in ("unit", *register.form.field_names):
        if name == "unit":
            result.append((str(_("Đơn vị")), (row.commune or row.province).name))  # type: ignore[attr-defined]
            continue
        field: Any = row._meta.get_field(name)
        value = (
            getattr(row, f"get_{name}_display")() if getattr(field, "choices", None) else getattr(row, name)
        )
        result.append((str(field.verbose_name).capitalize(), shown(value)))
    return result


@login_required
def register_detail(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    register = _register(key)
    row = register.get(request.user, pk)
    context: dict[str, Any] = {
        "register": register,
        "row": row,
        "fields": fields_of(register, row),
        "can_edit": can_manage(request.user, key),
        "can_follow_up": can_manage(request.user),
    }
    if key == "inspections":
        context.update(inspection_context(request, row))
    elif key == "courses":
        context.update(course_context(request, row))
    return render(request, "activities/detail.html", context)


@login_required
def register_edit(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    register = _register(key)
    row = register.get(request.user, pk)
    if not can_manage(request.user, key):
        raise NotFound()
    initial = model_to_dict(row, fields=list(register.form.field_names))
    form = register.form(request.POST or None, user=request.user, creating=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = _service_kwargs(register, dict(form.cleaned_data))
        version = request.POST.get("version", "")
        outcome = call_service(
            form,
            register.update,
            actor=request.user,
            version=int(version) if version.isdigit() else None,
            **{register.instance_arg: row},
            **data,
        )
        if outcome.ok:
            messages.success(request, _("Đã lưu."))
            return redirect(f"activities:{key}_detail", pk=row.pk)
    context = {"register": register, "form": form, "creating": False, "row": row}
    return render(request, "activities/form.html", context)
