"""The training plan page: needs by commune and trade against the year's courses and trainees (the gap)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.core.exports import xlsx_response
from giamngheo.core.service_calls import call_service
from giamngheo.geo.models import AdminUnit
from giamngheo.jobs.exports import NEEDS_HEADER, needs_rows
from giamngheo.jobs.needs import NeedRow, by_trade, needs_table
from giamngheo.jobs.services.needs import training_need_set
from giamngheo.jobs.views._common import can_manage_jobs, user_communes


class TrainingNeedForm(forms.Form):
    commune = forms.ModelChoiceField(label=gettext_lazy("Xã"), queryset=AdminUnit.objects.none())
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    trade = forms.CharField(label=gettext_lazy("Nghề"), max_length=128)
    people = forms.IntegerField(label=gettext_lazy("Số người có nhu cầu"), min_value=0, max_value=1_000_000)
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=255, required=False)


def _choice(request: HttpRequest) -> tuple[int, list[AdminUnit], Any]:
    """The year and communes asked for (only among the user's communes)."""
    year_text = request.GET.get("nam", "")
    year = (
        int(year_text)
        if year_text.isdigit() and 2000 <= int(year_text) <= 2100
        else timezone.localdate().year
    )
    communes = user_communes(request.user)
    chosen = request.GET.get("xa", "")
    selected = communes.filter(pk=int(chosen)) if chosen.isdigit() else communes
    return year, list(selected), communes


def _table(year: int, communes: list[AdminUnit]) -> list[NeedRow]:
    names = {c.pk: c.name for c in communes}
    rows = needs_table(list(names), year)
    for item in rows:
        item.commune_name = names.get(item.commune_id, "")  # type: ignore[attr-defined]
    return rows


@login_required
def training_needs(request: HttpRequest) -> HttpResponse:
    year, selected, communes = _choice(request)
    form = TrainingNeedForm(request.POST or None, initial={"year": year})
    form.fields["commune"].queryset = communes  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        outcome = call_service(form, training_need_set, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Đã ghi nhu cầu đào tạo."))
            return redirect(f"{request.path}?nam={form.cleaned_data['year']}")
    rows = _table(year, selected)
    trades = by_trade(rows)
    need = sum(r.need for r in rows)
    met = sum(r.met for r in rows)
    context = {
        "year": year,
        "communes": communes,
        "chosen": request.GET.get("xa", ""),
        "rows": rows,
        "trades": trades,
        "need": need,
        "met": met,
        "met_rate": round(met * 100 / need, 1) if need else None,
        "form": form,
        "can_edit": can_manage_jobs(request.user),
        "query_string": request.GET.urlencode(),
    }
    return render(request, "jobs/training_needs.html", context)


@login_required
def training_needs_export(request: HttpRequest) -> HttpResponseBase:
    year, selected, _communes = _choice(request)
    rows = needs_rows(_table(year, selected))
    return xlsx_response(
        f"nhu-cau-dao-tao-{year}.xlsx", _("Nhu cầu đào tạo"), [str(h) for h in NEEDS_HEADER], rows
    )
