"""Numbers the Vietnamese way: read «1.200.000» and «2,5» from a form, write them back the same way."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

_GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")  # 1.200.000 or 1.200,5: dots group thousands
_COMMA_DECIMAL = re.compile(r"-?\d+(,\d+)?")  # 2,5 or 1200000
_DOT_DECIMAL = re.compile(r"-?\d*\.\d+")  # 2.5 typed on a keypad that has only a dot


def parse_vn_number(text: str) -> Decimal | None:
    """«1.200.000» → 1200000, «2,5» → 2.5, «1 200 000» → 1200000; None for text that is not a number.

    A dot followed by groups of three digits separates thousands (the Vietnamese way); a comma is the
    decimal separator; a lone dot not followed by three digits («2.5») is read as a decimal point.
    """
    cleaned = "".join(text.split()).replace("\u00a0", "")
    if _GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _COMMA_DECIMAL.fullmatch(cleaned):
        cleaned = cleaned.replace(",", ".")
    elif not _DOT_DECIMAL.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def format_vn_number(value: Any) -> str:
    """1200000 → «1.200.000», Decimal("2.50") → «2,5»; other values as text."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return "" if value is None else str(value)
    number = Decimal(str(value))
    if not number.is_finite():
        return str(value)
    text = f"{number.normalize():,f}" if number != number.to_integral_value() else f"{int(number):,}"
    whole, _sep, fraction = text.partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole
