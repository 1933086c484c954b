"""The analysts' download page: a unit's registry as of a date, as Parquet or CSV, without names or IDs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.forms import AreaUnitField
from giamngheo.geo.models import Level
from giamngheo.registry.analyst_export import analyst_export


class AnalystForm(forms.Form):
    unit = AreaUnitField(label=_("Địa bàn"))
    on = forms.DateField(label=_("Số liệu tại ngày"))
    file_format = forms.ChoiceField(
        label=_("Định dạng"), choices=[("parquet", _("Parquet")), ("csv", _("CSV"))], initial="parquet"
    )
    pseudonymise = forms.BooleanField(
        label=_("Thay số định danh cá nhân bằng mã giả danh (mặc định: bỏ hẳn)"), required=False
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].limit_to(user, [Level.PROVINCE, Level.COMMUNE])  # type: ignore[attr-defined]
        self.fields["on"].initial = timezone.localdate()


@login_required
def analyst_download(request: HttpRequest) -> HttpResponseBase:
    """The form; with its fields filled (GET), the zip of households, members and assessments."""
    form = AnalystForm(request.user, request.GET or None)
    if request.GET and form.is_valid():
        unit, on = form.cleaned_data["unit"], form.cleaned_data["on"]
        file_format = form.cleaned_data["file_format"]
        content = analyst_export(
            actor=request.user,
            unit=unit,
            on=on,
            file_format=file_format,
            pseudonymise=form.cleaned_data["pseudonymise"],
        )
        response = HttpResponse(content, content_type="application/zip")
        filename = f"so-ho-{unit.code}-{on:%Y%m%d}-{file_format}.zip"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "registry/analyst.html", {"form": form})
