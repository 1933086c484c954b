"""The annual run's form: which province, which standard, which reference date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.forms import AreaUnitField
from giamngheo.geo.models import Level
from giamngheo.standards.loader import available_standards, load_standard, standard_for_year


class AnnualRunForm(forms.Form):
    province = AreaUnitField(label=_("Tỉnh"))
    standard = forms.ChoiceField(label=_("Chuẩn nghèo"))
    reference_date = forms.DateField(label=_("Ngày tham chiếu"))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].limit_to(user, [Level.PROVINCE])  # type: ignore[attr-defined]
        self.fields["standard"].choices = [  # type: ignore[attr-defined]
            (standard_id, load_standard(standard_id).name(get_language()))
            for standard_id in available_standards()
        ]
        today = timezone.localdate()
        self.fields["standard"].initial = standard_for_year(today.year).id
        self.fields["reference_date"].initial = today
