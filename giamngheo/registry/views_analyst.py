"""The analysts' download page: a unit's registry as of a date, as Parquet or CSV, without names or IDs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import units_for_user
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.registry.analyst_export import analyst_export


class AnalystForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Địa bàn"), coerce=int)
    on = forms.DateField(label=_("Số liệu tại ngày"))
    file_format = forms.ChoiceField(
        label=_("Định dạng"), choices=[("parquet", _("Parquet")), ("csv", _("CSV"))], initial="parquet"
    )
    pseudonymise = forms.BooleanField(
        label=_("Thay số định danh cá nhân bằng mã giả danh (mặc định: bỏ hẳn)"), required=False
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_for_user(user).filter(tree=Tree.CURRENT, level__in=[Level.PROVINCE, Level.COMMUNE])
        ordered = sorted(units.only("pk", "name", "level"), key=lambda u: (u.level != Level.PROVINCE, u.name))
        self.units = {unit.pk: unit for unit in ordered}
        self.fields["unit"].choices = [(pk, unit.name) for pk, unit in self.units.items()]  # type: ignore[attr-defined]
        self.fields["on"].initial = timezone.localdate()

    def clean_unit(self) -> AdminUnit:
        return self.units[self.cleaned_data["unit"]]


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
