"""Pages importing a plan's tables from Excel: the template, the upload with its preview, the confirmation."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.programs.imports import (
    COLUMNS,
    build_template,
    plan_import_apply,
    plan_import_check,
    read_workbook,
)
from giamngheo.programs.views.entry import managed_plan, section_page

MAX_BYTES = 5 * 1024 * 1024
SESSION_KEY = "plan_import_{plan}"
OUTCOMES = (
    ("created", gettext_lazy("thêm mới")),
    ("updated", gettext_lazy("sửa")),
    ("unchanged", gettext_lazy("không đổi")),
)


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp Excel theo mẫu (.xlsx)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp lớn quá 5 MB."))
        return upload


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    """The Excel template of a plan's tables, with instructions and drop-down lists."""
    response = HttpResponse(
        build_template(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ke-hoach.xlsx"'
    return response


def _rows(result: Any) -> list[tuple[str, list[int]]]:
    return [
        (sheet, [result.counts[sheet][key] for key, _label in OUTCOMES])
        for sheet in COLUMNS
        if sheet in result.counts
    ]


@login_required
def plan_import(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Upload → every row checked → preview of what changes and the computed tables → apply all or nothing."""
    plan = managed_plan(request, plan_id)
    key = SESSION_KEY.format(plan=plan.pk)
    action = request.POST.get("action")
    form = ImportForm(
        request.POST if action == "check" else None, request.FILES if action == "check" else None
    )
    context: dict[str, Any] = {"form": form, "outcomes": [label for _key, label in OUTCOMES]}
    if action == "check" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        parsed = read_workbook(content, upload.name, plan)
        context["file_name"] = upload.name
        if parsed.errors:
            context["errors"] = parsed.errors
        else:
            result = plan_import_check(actor=request.user, plan=plan, parsed=parsed, file=upload.name)
            context.update(result=result, rows=_rows(result), errors=result.errors)
            if not result.errors:
                digest = hashlib.sha256(content).hexdigest()
                request.session[key] = {
                    "name": upload.name,
                    "digest": digest,
                    "content": base64.b64encode(content).decode(),
                }
                context["digest"] = digest
    elif action == "apply":
        stored = request.session.get(key)
        if not stored or stored["digest"] != request.POST.get("digest"):
            messages.error(request, _("Tệp đã kiểm tra không còn trong phiên làm việc; hãy tải tệp lên lại."))
            return redirect("programs:import", plan_id=plan.pk)
        content = base64.b64decode(stored["content"])
        parsed = read_workbook(content, stored["name"], plan)
        result = plan_import_apply(actor=request.user, plan=plan, parsed=parsed, file=stored["name"])
        if not result.errors:
            del request.session[key]
            messages.success(
                request,
                _("Đã nhập tệp %(name)s: %(changes)s dòng thêm mới hoặc sửa.")
                % {"name": stored["name"], "changes": result.changes},
            )
            return redirect(reverse("programs:detail", args=[plan.pk]))
        context.update(errors=result.errors, file_name=stored["name"])
    response = section_page(request, plan, "import", "programs/edit_import.html", context)
    if context.get("errors"):
        response.status_code = 400
    return response
