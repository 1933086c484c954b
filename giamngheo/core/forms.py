"""Form helpers shared by every app's pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.errors import AppError
from giamngheo.core.numbers import format_vn_number, parse_vn_number

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


class VnNumberInput(forms.TextInput):
    """A text box for a number (the browser refuses «1.200.000» in a number box); digits keypad on phones."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
            return format_vn_number(value)
        shown: str | None = super().format_value(value)
        return shown


class VnIntegerField(forms.IntegerField):
    """A whole number typed the Vietnamese way: «1.200.000», «1200000» or «1 200 000»."""

    widget = VnNumberInput
    default_error_messages = {"invalid": _("Nhập một số nguyên, ví dụ 1.200.000.")}

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        number = parse_vn_number(str(value))
        if number is None or number != number.to_integral_value():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)


class VnDecimalField(forms.DecimalField):
    """A decimal number typed the Vietnamese way: «2,5», «1.200,75» (a dot also works as the point: «2.5»)."""

    widget = VnNumberInput
    default_error_messages = {"invalid": _("Nhập một số, ví dụ 2,5 hoặc 1.200.000.")}

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # stubs: DecimalField is an IntegerField
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        number = parse_vn_number(str(value))
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number
