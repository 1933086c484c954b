"""Certificate page: the officer fills in the number, year and date, and gets the PDF to print."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.service_calls import call_service
from giamngheo.registry import selectors
from giamngheo.registry.certificate import CERTIFIED, certificate_issue


class CertificateForm(forms.Form):
    number = forms.CharField(
        label=_("Số giấy chứng nhận"),
        max_length=16,
        required=False,
        help_text=_("Số trong sổ cấp giấy của xã, ví dụ 12. Để trống để ghi tay sau khi in."),
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2016, max_value=2100)
    issued_on = forms.DateField(label=_("Ngày cấp"), help_text=_("Ví dụ 25/3/2026"))
    chair_name = forms.CharField(
        label=_("Họ và tên Chủ tịch UBND xã"),
        max_length=128,
        required=False,
        help_text=_("Để trống để ký, ghi tên bằng tay."),
    )


@login_required
def certificate(request: HttpRequest, household_id: int) -> HttpResponse:
    """GET: the form (or why this household gets no certificate); POST: the PDF, recorded in the audit log."""
    household = selectors.household_get_for_user(request.user, household_id)
    today = timezone.localdate()
    form = CertificateForm(request.POST or None, initial={"year": today.year, "issued_on": today})
    eligible = household.is_active and household.status in CERTIFIED
    if request.method == "POST" and form.is_valid():
        pdf = call_service(
            form, certificate_issue, actor=request.user, household=household, **form.cleaned_data
        ).value
        if pdf is not None:
            response = HttpResponse(pdf, content_type="application/pdf")
            filename = f"giay-chung-nhan-{household.code}-{form.cleaned_data['year']}.pdf"
            response["Content-Disposition"] = f'inline; filename="{filename}"'
            return response
    return render(
        request,
        "registry/certificate.html",
        {"household": household, "form": form, "eligible": eligible},
        status=400 if form.errors else 200,
    )
