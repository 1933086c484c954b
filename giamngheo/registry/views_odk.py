"""ODK Collect / KoboCollect: the survey form (XLSForm) per commune and standard, and its submissions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import units_for_user
from giamngheo.accounts.forms import AreaUnitField
from giamngheo.core.service_calls import call_service
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.registry.assess import standard_for
from giamngheo.registry.imports.odk_central import configured_forms, odk_central_pull, odk_submissions_import
from giamngheo.registry.selectors import households_for_user
from giamngheo.registry.xlsform import FormPlace, build_xlsform
from giamngheo.standards.loader import available_standards, load_standard

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class XlsFormForm(forms.Form):
    """Which commune, which standard, and whether to put the commune's households in the form."""

    commune = AreaUnitField(label=_("Xã, phường"))
    standard = forms.ChoiceField(label=_("Chuẩn nghèo"))
    with_households = forms.BooleanField(
        label=_("Đưa danh sách hộ của xã vào phiếu (rà soát viên chọn hộ, không phải gõ mã hộ)"),
        required=False,
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].limit_to(user, [Level.COMMUNE])  # type: ignore[attr-defined]
        language = get_language() or "vi"
        self.fields["standard"].choices = [  # type: ignore[attr-defined]
            (standard_id, load_standard(standard_id).name(language)) for standard_id in available_standards()
        ]
        self.fields["standard"].initial = standard_for(timezone.localdate()).id


def _place(user: Any, commune: AdminUnit, *, with_households: bool) -> FormPlace:
    villages = units_for_user(user).filter(level=Level.VILLAGE, parent=commune, valid_to__isnull=True)
    village_rows = list(villages.order_by("code").values_list("pk", "code", "name"))
    households = None
    if with_households:
        codes = {pk: code for pk, code, _name in village_rows}
        rows = households_for_user(user).filter(commune=commune, is_active=True).order_by("code")
        households = [
            (code, f"{code} — {head}" if head else code, codes.get(village_id, ""))
            for code, head, village_id in rows.values_list("code", "head_name", "village_id")
        ]
    return FormPlace(
        commune_code=commune.code,
        commune_name=commune.name,
        villages=[(code, name) for _pk, code, name in village_rows],
        households=households,
    )


@login_required
def xlsform_download(request: HttpRequest) -> HttpResponseBase:
    """The form page; with its fields filled (GET), the XLSForm file of that commune and standard."""
    form = XlsFormForm(request.user, request.GET or None)
    if request.GET and form.is_valid():
        commune = form.cleaned_data["commune"]
        standard = load_standard(form.cleaned_data["standard"])
        place = _place(request.user, commune, with_households=form.cleaned_data["with_households"])
        content = build_xlsform(standard, place, version=timezone.localtime().strftime("%Y%m%d%H%M"))
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="phieu-ra-soat-{commune.code}-{standard.id}.xlsx"'
        )
        return response
    return render(request, "registry/xlsform.html", {"form": form})


class SubmissionsForm(forms.Form):
    """An ODK Central «CSV (zip)» or KoboToolbox «XLS» export of the generated form, for one commune."""

    commune = AreaUnitField(label=_("Xã, phường"))
    file = forms.FileField(label=_("Tệp xuất phiếu: .zip (CSV của ODK Central) hoặc .xlsx (KoboToolbox)"))
    reference_date = forms.DateField(label=_("Ngày tham chiếu (tính tuổi, chọn chuẩn nghèo)"))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].limit_to(user, [Level.COMMUNE])  # type: ignore[attr-defined]
        self.fields["reference_date"].initial = timezone.localdate()


def _import_submissions(*, actor: Any, commune: AdminUnit, upload: Any, reference_date: Any) -> Any:
    """Convert the uploaded export into the two CSV files and queue the ordinary import."""
    return odk_submissions_import(
        actor=actor,
        commune=commune,
        data=upload.read(),
        name=upload.name or "",
        reference_date=reference_date,
    )


class CentralPullForm(forms.Form):
    """A commune configured for ODK Central (settings), and the reference date of its submissions."""

    commune = AreaUnitField(label=_("Xã, phường"))
    reference_date = forms.DateField(label=_("Ngày tham chiếu (tính tuổi, chọn chuẩn nghèo)"))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["commune"]
        field.limit_to(user, [Level.COMMUNE])  # type: ignore[attr-defined]
        configured = configured_forms()
        field.units = {pk: unit for pk, unit in field.units.items() if unit.code in configured}  # type: ignore[attr-defined]
        field.choices = [(pk, unit.name) for pk, unit in field.units.items()]  # type: ignore[attr-defined]
        self.fields["reference_date"].initial = timezone.localdate()


@login_required
def odk_import(request: HttpRequest) -> HttpResponse:
    """Upload an export of submissions; it becomes an import batch to preview and confirm."""
    form = SubmissionsForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = call_service(
            form,
            _import_submissions,
            actor=request.user,
            commune=form.cleaned_data["commune"],
            upload=form.cleaned_data["file"],
            reference_date=form.cleaned_data["reference_date"],
        ).value
        if batch is not None:
            return redirect("registry:import_batch", batch_id=batch.pk)
    central = CentralPullForm(request.user, prefix="central")
    return render(
        request,
        "registry/odk_import.html",
        {"form": form, "central": central if central.fields["commune"].units else None},  # type: ignore[attr-defined]
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def odk_central_pull_view(request: HttpRequest) -> HttpResponse:
    """«Lấy bài từ ODK Central»: download the commune's submissions and queue them as an import batch."""
    central = CentralPullForm(request.user, request.POST, prefix="central")
    if central.is_valid():
        batch = call_service(
            central,
            odk_central_pull,
            actor=request.user,
            commune=central.cleaned_data["commune"],
            reference_date=central.cleaned_data["reference_date"],
        ).value
        if batch is not None:
            return redirect("registry:import_batch", batch_id=batch.pk)
    form = SubmissionsForm(request.user)
    return render(request, "registry/odk_import.html", {"form": form, "central": central}, status=400)
