"""The form to record a household's review request."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.reviews.models import RequestForm


class ReviewRequestForm(forms.Form):
    household_code = forms.CharField(label=_("Mã hộ"), max_length=32)
    form = forms.ChoiceField(label=_("Mẫu"), choices=RequestForm.choices, initial=RequestForm.FORM_04)
    received_on = forms.DateField(label=_("Ngày nhận"), initial=dt.date.today)
    note = forms.CharField(label=_("Nội dung đề nghị"), max_length=500, required=False)
