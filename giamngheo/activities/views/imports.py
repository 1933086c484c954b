"""Import pages: upload and preview (nothing written), then apply the same stored file all or nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.activities import selectors
from giamngheo.activities.forms import ImportForm, UnitImportForm
from giamngheo.activities.imports import (
    ATTENDEE_COLUMNS,
    COMMUNICATION_COLUMNS,
    ImportResult,
    attendee_import,
    communication_import,
)
from giamngheo.activities.views.registers import can_manage
from giamngheo.core.errors import NotFound
from giamngheo.core.service_calls import call_service

ALLOWED = {".xlsx", ".csv"}


def _pipeline(
    request: HttpRequest,
    form: Any,
    session_key: str,
    run: Callable[..., Any],
    target: dict[str, Any],
    context: dict[str, Any],
    extra: dict[str, Any] | None = None,
) -> HttpResponse | None:
    """Preview an upload (kept in storage and the session when it can be applied), or apply the kept file.

    Returns a redirect once applied, else None (the page is shown with the preview)."""
    pending = request.session.get(session_key)
    if request.method == "POST" and request.POST.get("action") == "apply" and pending:
        outcome = call_service(
            request, run, path=Path(default_storage.path(pending["stored"])), file_name=pending["name"],
            apply=True, **target,
        )  # fmt: skip
        default_storage.delete(pending["stored"])
        del request.session[session_key]
        if outcome.ok and outcome.value is not None:
            result: ImportResult = outcome.value
            messages.success(
                request,
                _("Đã nhập %(new)s dòng mới, %(changed)s dòng sửa; %(unchanged)s dòng không đổi.")
                % {"new": len(result.new), "changed": len(result.changed), "unchanged": result.unchanged},
            )
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in ALLOWED:
            form.add_error("file", _("Chỉ nhận tệp .xlsx hoặc .csv."))
            return None
        stored = default_storage.save(f"activities-imports/{uuid.uuid4().hex}{suffix}", upload)
        outcome = call_service(
            request, run, path=Path(default_storage.path(stored)), file_name=Path(upload.name).name[:100],
            apply=False, **target,
        )  # fmt: skip
        if outcome.value is not None:
            context["preview"] = outcome.value
            if not outcome.value.errors and (outcome.value.new or outcome.value.changed):
                request.session[session_key] = {
                    "stored": stored, "name": Path(upload.name).name[:100], **(extra or {})
                }  # fmt: skip
                return None
        default_storage.delete(stored)
    return None


@login_required
def communication_import_page(request: HttpRequest) -> HttpResponse:
    if not can_manage(request.user):
        raise NotFound()
    form = UnitImportForm(request.POST or None, request.FILES or None, user=request.user)
    context: dict[str, Any] = {
        "form": form, "columns": COMMUNICATION_COLUMNS.values(), "title": _("Nhập hoạt động truyền thông"),
        "back": ("activities:communication_list", None),
    }  # fmt: skip
    target: dict[str, Any] = {"actor": request.user, "today": timezone.localdate()}
    key = "activities_communication_import"
    pending = request.session.get(key)
    if request.method == "POST" and request.POST.get("action") == "apply" and pending:
        unit = form.fields["unit"].units.get(pending.get("unit"))  # type: ignore[attr-defined]
        if unit is None:
            raise NotFound()
        target["unit"] = unit
    elif request.method == "POST" and form.is_valid():
        target["unit"] = form.cleaned_data["unit"]
    if "unit" in target:
        extra = {"unit": target["unit"].pk}
        done = _pipeline(request, form, key, communication_import, target, context, extra)
        if done is not None:
            return done
    return render(request, "activities/import.html", context)


@login_required
def attendee_import_page(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get_for_user(request.user, pk)
    if not can_manage(request.user):
        raise NotFound()
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        "form": form, "columns": ATTENDEE_COLUMNS.values(), "title": _("Nhập danh sách học viên"),
        "back": ("activities:courses_detail", course.pk), "course": course,
    }  # fmt: skip
    key = f"activities_attendee_import_{course.pk}"
    done = _pipeline(request, form, key, attendee_import, {"actor": request.user, "course": course}, context)
    return done or render(request, "activities/import.html", context)
