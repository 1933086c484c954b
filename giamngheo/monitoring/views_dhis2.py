"""The DHIS2 exchange page: download data values and organisation units, upload data values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from giamngheo.accounts.forms import AreaUnitField
from giamngheo.core.service_calls import call_service
from giamngheo.geo.models import Level
from giamngheo.monitoring.dhis2 import (
    data_value_set_csv,
    data_value_set_import,
    data_value_set_json,
    organisation_units,
)
from giamngheo.monitoring.selectors import indicator_value_list

FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


class ExportForm(forms.Form):
    unit = AreaUnitField(label=gettext_lazy("Địa bàn"))
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2016, max_value=2100)
    file_format = forms.ChoiceField(
        label=gettext_lazy("Định dạng"),
        choices=[("json", gettext_lazy("JSON")), ("csv", gettext_lazy("CSV"))],
        initial="json",
        required=False,
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].limit_to(user, [Level.PROVINCE, Level.COMMUNE])  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp dataValueSets của DHIS2 (.json hoặc .csv)"))


def _download(content: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def dhis2_page(request: HttpRequest) -> HttpResponseBase:
    """GET with parameters downloads; POST imports (all or nothing, each problem with its row)."""
    export = ExportForm(request.user, request.GET or None)
    upload = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"export": export, "upload": upload}
    if request.GET and export.is_valid():
        unit, year = export.cleaned_data["unit"], export.cleaned_data["year"]
        if request.GET.get("don_vi") == "1":
            province = unit if unit.level == Level.PROVINCE else unit.province
            return _download(
                organisation_units(request.user, province), "organisationUnits.json", FORMATS["json"]
            )
        values = indicator_value_list(request.user, year=year)
        values = values.filter(province=unit) if unit.level == Level.PROVINCE else values.filter(commune=unit)
        file_format = export.cleaned_data["file_format"] or "json"
        content = data_value_set_json(values) if file_format == "json" else data_value_set_csv(values)
        return _download(content, f"dataValueSets-{unit.code}-{year}.{file_format}", FORMATS[file_format])
    if request.method == "POST" and upload.is_valid():
        file = upload.cleaned_data["file"]
        result = call_service(
            upload, data_value_set_import, actor=request.user, data=file.read(), name=file.name or ""
        ).value
        if result is not None:
            context["result"] = result
            context["file_name"] = file.name
    status = 400 if upload.errors or (context.get("result") and context["result"].problems) else 200
    return render(request, "monitoring/dhis2.html", context, status=status)
