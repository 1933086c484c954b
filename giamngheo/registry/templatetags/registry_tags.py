"""Template filters for registry codes (relation, materials…), years without separators, explanations."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from giamngheo.standards.formatting import split_tags
from giamngheo.standards.loader import load_codes
from giamngheo.standards.model import Confidence

register = template.Library()


@register.filter
def code_label(value: str, code_list: str) -> str:
    """The Vietnamese label of a code: "head"|code_label:"relation" → "Chủ hộ"."""
    return load_codes().get(code_list, {}).get(str(value), str(value or ""))


@register.filter
def year(value: int | None) -> str:
    """A year without a thousands separator (1980, not 1.980)."""
    return "" if value is None else str(value)


ROUND_SOURCES = {"form": _("phiếu nhập trên giao diện"), "import": _("nhập từ tệp"), "api": "API"}


@register.filter
def round_source(value: str) -> str:
    """Where a survey round came from, in Vietnamese."""
    return str(ROUND_SOURCES.get(value, value))


CONFIDENCE_WORDS = {
    Confidence.CONFIRMED: _("đã đối chiếu văn bản"),
    Confidence.SECONDARY: _("theo nguồn thứ cấp, chưa đối chiếu văn bản gốc"),
    Confidence.UNCONFIRMED: _("chưa xác minh"),
}


@register.filter
def explanation_parts(text: str | None) -> dict[str, object]:
    """An explanation without its confidence codes, and its legal bases as (confidence in words, source)."""
    plain, bases = split_tags(text or "")
    return {"text": plain, "bases": [(CONFIDENCE_WORDS[confidence], source) for confidence, source in bases]}
