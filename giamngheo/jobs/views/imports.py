"""Import of labour surveys from a file: upload and preview (nothing written), then apply the same file."""

from __future__ import annotations

import uuid
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.core.service_calls import call_service
from giamngheo.geo.models import AdminUnit
from giamngheo.jobs.survey_import import COLUMNS, labour_survey_import
from giamngheo.jobs.views._common import user_communes

SESSION_KEY = "jobs_survey_import"


class SurveyImportForm(forms.Form):
    commune = forms.ModelChoiceField(label=gettext_lazy("Xã"), queryset=AdminUnit.objects.none())
    file = forms.FileField(label=gettext_lazy("Tệp Excel hoặc CSV"))


def _run(request: HttpRequest, commune: AdminUnit, stored: str, name: str, *, apply: bool):  # type: ignore[no-untyped-def]
    return call_service(
        request, labour_survey_import, actor=request.user, commune=commune,
        path=Path(default_storage.path(stored)), file_name=name,
        apply=apply, today=timezone.localdate(),
    )  # fmt: skip


@login_required
def survey_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview with every error named by file, row and column → apply (all or nothing)."""
    communes = user_communes(request.user)
    form = SurveyImportForm(request.POST or None, request.FILES or None)
    form.fields["commune"].queryset = communes  # type: ignore[attr-defined]
    context: dict[str, object] = {"form": form, "columns": COLUMNS.values()}
    pending = request.session.get(SESSION_KEY)
    if request.method == "POST" and request.POST.get("action") == "apply" and pending:
        commune = communes.filter(pk=pending["commune"]).first()
        if commune is not None:
            outcome = _run(request, commune, pending["stored"], pending["name"], apply=True)
            if outcome.ok and outcome.value is not None:
                default_storage.delete(pending["stored"])
                del request.session[SESSION_KEY]
                messages.success(
                    request,
                    _("Đã nhập %(new)s phiếu khảo sát; %(unchanged)s dòng không đổi.")
                    % {"new": len(outcome.value.new), "unchanged": outcome.value.unchanged},
                )
                return redirect("jobs:register")
        return redirect("jobs:survey_import")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in {".xlsx", ".csv"}:
            form.add_error("file", _("Chỉ nhận tệp .xlsx hoặc .csv."))
        else:
            stored = default_storage.save(f"jobs-imports/{uuid.uuid4().hex}{suffix}", upload)
            commune = form.cleaned_data["commune"]
            outcome = _run(request, commune, stored, upload.name, apply=False)
            if outcome.value is not None:
                context["preview"] = outcome.value
                if not outcome.value.errors and outcome.value.new:
                    request.session[SESSION_KEY] = {
                        "commune": commune.pk,
                        "stored": stored,
                        "name": upload.name,
                    }
                else:
                    default_storage.delete(stored)
    return render(request, "jobs/survey_import.html", context)
