"""Imports of vacancy lists and of a course's trainees: template, preview (nothing written), apply, errors."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.accounts.access import require_permission
from giamngheo.accounts.roles import Permission
from giamngheo.core.exports import xlsx_response
from giamngheo.core.service_calls import call_service
from giamngheo.geo.models import AdminUnit
from giamngheo.jobs import selectors
from giamngheo.jobs.imports import trainees, vacancies
from giamngheo.jobs.imports.base import ListImport
from giamngheo.jobs.views._common import user_communes

Run = Callable[..., ListImport]
ERRORS_KEY = "jobs_list_import_errors"
VACANCY_KEY, TRAINEE_KEY = "jobs_vacancy_import", "jobs_trainee_import"
ERROR_HEADER = [
    gettext_lazy("Tệp"),
    gettext_lazy("Dòng"),
    gettext_lazy("Cột"),
    gettext_lazy("Giá trị"),
    gettext_lazy("Lỗi"),
]


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp Excel hoặc CSV"))


class VacancyUploadForm(UploadForm):
    commune = forms.ModelChoiceField(
        label=gettext_lazy("Xã (nơi làm việc khi cột «Nơi làm việc» để trống)"),
        queryset=AdminUnit.objects.none(),
    )
    field_order = ("commune", "file")


def _preview(
    request: HttpRequest, form: UploadForm, key: str, run: Run, keep: dict[str, int]
) -> ListImport | None:
    """Check the uploaded file (nothing written); a clean file with rows to add is kept for «apply»."""
    upload = form.cleaned_data["file"]
    suffix = Path(upload.name).suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        form.add_error("file", _("Chỉ nhận tệp .xlsx hoặc .csv."))
        return None
    stored = default_storage.save(f"jobs-imports/{uuid.uuid4().hex}{suffix}", upload)
    preview = call_service(
        form, run, path=Path(default_storage.path(stored)), file_name=upload.name, apply=False
    ).value
    errors = preview.errors if preview is not None else []
    request.session[ERRORS_KEY] = [
        [e.file, e.row or "", e.column or "", e.value or "", e.message] for e in errors
    ][:5000]
    if preview is not None and not errors and preview.added:
        request.session[key] = {"stored": stored, "name": upload.name, **keep}
    else:
        default_storage.delete(stored)
    return preview


def _apply(request: HttpRequest, key: str, run: Run) -> ListImport | None:
    """Write the kept file (all rows or none); the file is dropped either way."""
    pending = request.session.pop(key)
    try:
        outcome = call_service(
            request,
            run,
            path=Path(default_storage.path(pending["stored"])),
            file_name=pending["name"],
            apply=True,
        )
    finally:
        default_storage.delete(pending["stored"])
    result = outcome.value
    if result is not None and result.errors:
        for text in result.error_texts[:20]:
            messages.error(request, text)
        return None
    return result


@login_required
def vacancy_import(request: HttpRequest) -> HttpResponse:
    communes = user_communes(request.user)

    def runner(commune: AdminUnit) -> Run:
        return lambda **kwargs: vacancies.vacancy_list_import(
            actor=request.user, commune=commune, places=communes, today=timezone.localdate(), **kwargs
        )

    pending = request.session.get(VACANCY_KEY)
    if request.method == "POST" and request.POST.get("action") == "apply" and pending:
        commune = communes.filter(pk=pending["commune"]).first()
        done = _apply(request, VACANCY_KEY, runner(commune)) if commune is not None else None
        if done is not None:
            messages.success(
                request,
                _("Đã nhập %(added)s vị trí tuyển dụng; %(unchanged)s dòng đã có.")
                % {"added": done.added, "unchanged": done.unchanged},
            )
            return redirect("jobs:vacancies")
        return redirect("jobs:vacancy_import")
    form = VacancyUploadForm(request.POST or None, request.FILES or None)
    form.fields["commune"].queryset = communes  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "form": form,
        "columns": vacancies.COLUMNS.values(),
        "title": _("Nhập danh sách vị trí tuyển dụng"),
        "template_url": "jobs:vacancy_import_template",
    }
    if request.method == "POST" and form.is_valid():
        commune = form.cleaned_data["commune"]
        context["preview"] = _preview(request, form, VACANCY_KEY, runner(commune), {"commune": commune.pk})
    return render(request, "jobs/list_import.html", context)


@login_required
def trainee_import(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_get_for_user(request.user, course_id)
    if request.method == "POST":  # the course is seen province-wide; only its place's officers import
        require_permission(request.user, Permission.MANAGE_JOBS, course.place)
    run: Run = lambda **kwargs: trainees.trainee_list_import(  # noqa: E731
        actor=request.user, course=course, today=timezone.localdate(), **kwargs
    )
    pending = request.session.get(TRAINEE_KEY)
    if request.method == "POST" and request.POST.get("action") == "apply" and pending:
        done = _apply(request, TRAINEE_KEY, run) if pending.get("course") == course.pk else None
        if done is not None:
            messages.success(
                request,
                _("Đã nhập %(added)s học viên; %(unchanged)s dòng không đổi.")
                % {"added": done.added, "unchanged": done.unchanged},
            )
            return redirect("jobs:course", course_id=course.pk)
        return redirect("jobs:trainee_import", course_id=course.pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        "form": form,
        "course": course,
        "columns": trainees.COLUMNS.values(),
        "title": _("Nhập danh sách học viên"),
        "template_url": "jobs:trainee_import_template",
    }
    if request.method == "POST" and form.is_valid():
        context["preview"] = _preview(request, form, TRAINEE_KEY, run, {"course": course.pk})
    return render(request, "jobs/list_import.html", context)


def _template(name: str, columns: dict[str, str], example: list[Any]) -> HttpResponseBase:
    return xlsx_response(name, _("Mẫu nhập"), list(columns.values()), [example])


@login_required
def vacancy_import_template(request: HttpRequest) -> HttpResponseBase:
    return _template("mau-nhap-vi-tri-tuyen-dung.xlsx", vacancies.COLUMNS, vacancies.EXAMPLE)


@login_required
def trainee_import_template(request: HttpRequest) -> HttpResponseBase:
    return _template("mau-nhap-hoc-vien.xlsx", trainees.COLUMNS, trainees.EXAMPLE)


@login_required
def import_errors(request: HttpRequest) -> HttpResponseBase:
    """The errors of the user's last preview as a spreadsheet (file, row, column, value, reason)."""
    rows = request.session.get(ERRORS_KEY, [])
    return xlsx_response("loi-nhap.xlsx", _("Lỗi"), [str(h) for h in ERROR_HEADER], rows)
