"""Numbers typed and shown the Vietnamese way: «1.200.000», «2,5»."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms

from giamngheo.core.forms import VnDecimalField, VnIntegerField
from giamngheo.core.numbers import format_vn_number, parse_vn_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.200.000", Decimal(1200000)),
        ("1200000", Decimal(1200000)),
        ("1 200 000", Decimal(1200000)),
        ("2,5", Decimal("2.5")),
        ("2.5", Decimal("2.5")),
        ("1.200,75", Decimal("1200.75")),
        ("-3.000", Decimal(-3000)),
        ("0,25", Decimal("0.25")),
        ("năm triệu", None),
        ("1.2.3", None),
        ("1,2,3", None),
        ("", None),
    ],
)
def test_parse(text, number):
    assert parse_vn_number(text) == number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3760000, "3.760.000"),
        (Decimal("2.50"), "2,5"),
        (Decimal("1200000.5"), "1.200.000,5"),
        (Decimal("1E+3"), "1.000"),
        (0, "0"),
        (None, ""),
        (True, "True"),
    ],
)
def test_format(value, text):
    assert format_vn_number(value) == text


class MoneyForm(forms.Form):
    income = VnIntegerField(min_value=0)
    area = VnDecimalField(max_digits=7, decimal_places=1, required=False)


def test_form_accepts_vietnamese_numbers_and_shows_them_back():
    form = MoneyForm({"income": "1.200.000", "area": "2,5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"income": 1200000, "area": Decimal("2.5")}
    html = str(MoneyForm(initial={"income": 3760000, "area": Decimal("12.5")}))
    assert 'value="3.760.000"' in html and 'value="12,5"' in html
    assert 'type="text"' in html and 'inputmode="decimal"' in html and 'type="number"' not in html


def test_form_refuses_text_and_fractions_of_a_dong():
    form = MoneyForm({"income": "1.200.000,5", "area": "hai"})
    assert not form.is_valid()
    assert form.errors["income"] == ["Nhập một số nguyên, ví dụ 1.200.000."]
    assert form.errors["area"] == ["Nhập một số, ví dụ 2,5 hoặc 1.200.000."]
