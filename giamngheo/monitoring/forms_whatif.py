"""The what-if form: which unit, which standard, an optional provincial income line, which reference date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.access import is_national, units_for_user
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.standards.loader import StandardDataError, available_standards, load_standard
from giamngheo.standards.model import Standard
from giamngheo.standards.overrides import apply_override

LOCAL_LINE_SOURCE = _("Mức chuẩn thu nhập của tỉnh nhập để mô phỏng (không phải văn bản đã ban hành)")


class WhatIfForm(forms.Form):
    """Read-only simulation parameters (sent by GET: nothing is written)."""

    unit = forms.TypedChoiceField(label=_("Địa bàn"), coerce=int)
    standard = forms.ChoiceField(label=_("Chuẩn nghèo mô phỏng"))
    rural_line = forms.IntegerField(
        label=_("Chuẩn thu nhập nghèo khu vực nông thôn của tỉnh (đồng/người/tháng)"),
        required=False,
        localize=True,
        min_value=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": _("theo chuẩn quốc gia")}),
    )
    urban_line = forms.IntegerField(
        label=_("Chuẩn thu nhập nghèo khu vực thành thị của tỉnh (đồng/người/tháng)"),
        required=False,
        localize=True,
        min_value=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": _("theo chuẩn quốc gia")}),
    )
    reference_date = forms.DateField(label=_("Ngày tham chiếu (tính tuổi)"))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [Level.PROVINCE] if is_national(user) else [Level.PROVINCE, Level.COMMUNE]
        units = units_for_user(user).filter(tree=Tree.CURRENT, level__in=levels).only("pk", "name", "level")
        # Provinces first (the widest area is the default), then communes by name.
        ordered = sorted(units, key=lambda unit: (unit.level != Level.PROVINCE, unit.name))
        self.units = {unit.pk: unit for unit in ordered}
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            (pk, unit.name) for pk, unit in self.units.items()
        ]
        self.fields["standard"].choices = [  # type: ignore[attr-defined]
            (standard_id, load_standard(standard_id).name(get_language()))
            for standard_id in available_standards()
        ]
        self.fields["standard"].initial = available_standards()[-1]
        self.fields["reference_date"].initial = timezone.localdate()

    def clean_unit(self) -> AdminUnit:
        return self.units[self.cleaned_data["unit"]]

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
