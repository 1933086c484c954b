"""Imports of a works list and of a model's households: upload and preview (nothing written), then apply."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.errors import PermissionDenied
from giamngheo.core.exports import csv_response
from giamngheo.core.service_calls import call_service
from giamngheo.works import selectors
from giamngheo.works.columns import PARTICIPANT_COLUMNS, WORK_COLUMNS
from giamngheo.works.forms import ImportForm
from giamngheo.works.imports import participants_import, works_import
from giamngheo.works.views._common import can_manage_works


def _preview_or_apply(
    request: HttpRequest, session_key: str, run: Callable[..., Any], context: dict[str, Any]
) -> Any:
    """Apply the file previewed earlier (its path kept in the session), or preview an upload.

    Returns the applied result, or None after a preview (the preview is put in the context).
    """
    if not can_manage_works(request.user):
        raise PermissionDenied()
    form = ImportForm(request.POST or None, request.FILES or None)
    context["form"] = form
    pending = request.session.get(session_key)
    if request.method == "POST" and request.POST.get("action") == "apply" and pending:
        outcome = call_service(request, run, path=Path(default_storage.path(pending["stored"])),
                               file_name=pending["name"], apply=True)  # fmt: skip
        default_storage.delete(pending["stored"])
        del request.session[session_key]
        if outcome.error is not None:
            context["errors"] = str(outcome.error.details.get("errors", "")).splitlines()
            request.session[f"{session_key}_errors"] = context["errors"][:2000]
        return outcome.value
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in {".xlsx", ".csv"}:
            form.add_error("file", _("Chỉ nhận tệp .xlsx hoặc .csv."))
            return None
        stored = default_storage.save(f"works-imports/{uuid.uuid4().hex}{suffix}", upload)
        outcome = call_service(request, run, path=Path(default_storage.path(stored)), file_name=upload.name,
                               apply=False)  # fmt: skip
        preview = outcome.value
        context["preview"] = preview
        if preview is not None and preview.errors:
            request.session[f"{session_key}_errors"] = preview.errors[:2000]
        if preview is not None and not preview.errors and preview.new:
            request.session[session_key] = {"stored": stored, "name": upload.name}
        else:
            default_storage.delete(stored)
    return None


@login_required
def works_import_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"columns": WORK_COLUMNS.values(), "title": _("Nhập danh sách công trình")}

    def run(**kwargs: Any) -> Any:
        return works_import(actor=request.user, **kwargs)

    done = _preview_or_apply(request, "works_import", run, context)
    if done is not None:
        messages.success(
            request,
            _("Đã nhập %(new)s công trình; %(unchanged)s dòng đã có.")
            % {"new": len(done.new), "unchanged": done.unchanged},
        )
        return redirect("works:works")
    context["error_file"] = reverse("works:works_import_errors")
    return render(request, "works/import.html", context)


@login_required
def participants_import_page(request: HttpRequest, model_id: int) -> HttpResponse:
    item = selectors.model_get_for_user(request.user, model_id)
    context: dict[str, Any] = {
        "columns": PARTICIPANT_COLUMNS.values(),
        "title": _("Nhập hộ tham gia: %(name)s") % {"name": item.name},
        "model": item,
        "error_file": reverse("works:participants_import_errors", args=[item.pk]),
    }

    def run(**kwargs: Any) -> Any:
        return participants_import(actor=request.user, model=item, today=timezone.localdate(), **kwargs)

    done = _preview_or_apply(request, f"works_participants_{item.pk}", run, context)
    if done is not None:
        messages.success(
            request,
            _("Đã thêm %(new)s hộ; %(unchanged)s hộ đã tham gia.")
            % {"new": len(done.new), "unchanged": done.unchanged},
        )
        return redirect("works:model", model_id=item.pk)
    return render(request, "works/import.html", context)


def _error_file(request: HttpRequest, session_key: str, filename: str) -> HttpResponseBase:
    """The errors of the user's last preview or import as a CSV file (one line per problem, in Vietnamese:
    file, row, column, value and reason); kept in the user's own session only."""
    errors = request.session.get(f"{session_key}_errors") or []
    return csv_response(filename, [_("Lỗi")], ([line] for line in errors))


@login_required
def works_import_errors(request: HttpRequest) -> HttpResponseBase:
    return _error_file(request, "works_import", "loi-nhap-cong-trinh.csv")


@login_required
def participants_import_errors(request: HttpRequest, model_id: int) -> HttpResponseBase:
    item = selectors.model_get_for_user(request.user, model_id)
    return _error_file(request, f"works_participants_{item.pk}", f"loi-nhap-ho-{item.pk}.csv")
