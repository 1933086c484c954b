"""Form helpers shared by every app's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.errors import AppError

# The reporting periods of the poverty program, as "kind-number" choices (kinds of core.models.PeriodKind).
REPORTING_PERIODS = [
    ("half_year-1", _("6 tháng đầu năm")),
    ("nine_months-1", _("9 tháng")),
    ("year-1", _("Cả năm")),
    ("half_year-2", _("6 tháng cuối năm")),
]


def reporting_period_split(choice: str) -> tuple[str, int]:
    """Split a reporting-period choice such as "half_year-2" into its kind and number."""
    kind, _sep, number = choice.partition("-")
    return kind, int(number or 1)


def add_app_error(form: forms.BaseForm, error: AppError) -> None:
    """Show a service's error next to the field it names, or above the form when it names none."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
