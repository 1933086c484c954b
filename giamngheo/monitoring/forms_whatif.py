"""The what-if form: which unit, which standard, an optional provincial income line, which reference date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import is_national
from giamngheo.accounts.forms import AreaUnitField
from giamngheo.core.forms import VnIntegerField, VnNumberInput
from giamngheo.geo.models import Level
from giamngheo.standards.loader import StandardDataError, available_standards, load_standard
from giamngheo.standards.model import Standard
from giamngheo.standards.overrides import apply_override

LOCAL_LINE_SOURCE = _("Mức chuẩn thu nhập của tỉnh nhập để mô phỏng (không phải văn bản đã ban hành)")


class WhatIfForm(forms.Form):
    """Read-only simulation parameters (sent by GET: nothing is written)."""

    unit = AreaUnitField(label=_("Địa bàn"))
    standard = forms.ChoiceField(label=_("Chuẩn nghèo mô phỏng"))
    rural_line = VnIntegerField(
        label=_("Chuẩn thu nhập nghèo khu vực nông thôn của tỉnh (đồng/người/tháng)"),
        required=False,
        min_value=1,
        widget=VnNumberInput(attrs={"placeholder": _("theo chuẩn quốc gia")}),
    )
    urban_line = VnIntegerField(
        label=_("Chuẩn thu nhập nghèo khu vực thành thị của tỉnh (đồng/người/tháng)"),
        required=False,
        min_value=1,
        widget=VnNumberInput(attrs={"placeholder": _("theo chuẩn quốc gia")}),
    )
    reference_date = forms.DateField(label=_("Ngày tham chiếu (tính tuổi)"))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [Level.PROVINCE] if is_national(user) else [Level.PROVINCE, Level.COMMUNE]
        self.fields["unit"].limit_to(user, levels)  # type: ignore[attr-defined]
        self.fields["standard"].choices = [  # type: ignore[attr-defined]
            (standard_id, load_standard(standard_id).name(get_language()))
            for standard_id in available_standards()
        ]
        self.fields["standard"].initial = available_standards()[-1]
        self.fields["reference_date"].initial = timezone.localdate()

    def target_standard(self) -> Standard:
        """The chosen standard, with the province's own income lines when given (never below national)."""
        base = load_standard(self.cleaned_data["standard"])
        lines = {
            area: self.cleaned_data[f"{area}_line"]
            for area in ("rural", "urban")
            if self.cleaned_data.get(f"{area}_line")
        }
        if not lines:
            return base
        return apply_override(
            {"base": base.id, "source": str(LOCAL_LINE_SOURCE), "confidence": "U", "income_lines": lines},
            origin="mo-phong",
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("standard"):
            return cleaned
        base = load_standard(cleaned["standard"])
        for area in ("rural", "urban"):
            value = cleaned.get(f"{area}_line")
            national = base.income_lines[area].value
            if value and value < national:
                self.add_error(
                    f"{area}_line",
                    _("Chuẩn của tỉnh chỉ được cao hơn chuẩn quốc gia (%(line)s đồng).")
                    % {"line": f"{national:,.0f}".replace(",", ".")},
                )
        if not self.errors:
            try:
                cleaned["target"] = self.target_standard()
            except StandardDataError:
                self.add_error(
                    None,
                    _(
                        "Chuẩn của tỉnh không hợp lệ: chuẩn nghèo phải thấp hơn chuẩn cận nghèo và các mức "
                        "khác của chuẩn quốc gia đã chọn."
                    ),
                )
        return cleaned
