"""Forms of the unit pages: villages and unit attributes."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.areas.services import VILLAGE_TYPES
from giamngheo.geo.models import ATTRIBUTE_VALUES, VALUE_LABELS, AttributeKind


class VillageForm(forms.Form):
    division_type = forms.ChoiceField(label=_("Loại"), choices=[(t, t) for t in VILLAGE_TYPES])
    name = forms.CharField(label=_("Tên"), max_length=128)
    code = forms.CharField(label=_("Mã (để trống để hệ thống tự đặt)"), max_length=16, required=False)


class VillageCloseForm(forms.Form):
    valid_to = forms.DateField(label=_("Ngày hết hiệu lực"), initial=datetime.date.today)


class AttributeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Thuộc tính"), choices=AttributeKind.choices)
    value = forms.ChoiceField(
        label=_("Giá trị"),
        choices=[
            (value, VALUE_LABELS[value])
            for value in dict.fromkeys(v for vs in ATTRIBUTE_VALUES.values() for v in vs)
        ],
    )
    valid_from = forms.DateField(label=_("Hiệu lực từ ngày"), help_text=_("Ví dụ: 1/1/2026"))
    source = forms.CharField(
        label=_("Căn cứ"), max_length=255, help_text=_("Số, ngày của văn bản quyết định")
    )
