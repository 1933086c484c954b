"""PDF helpers: a font with every Vietnamese glyph (Be Vietnam Pro, installed from PyPI) for ReportLab."""

from __future__ import annotations

import functools

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "BeVietnamPro"
FONT_BOLD = "BeVietnamPro-Bold"
FONT_ITALIC = "BeVietnamPro-Italic"
FONT_BOLD_ITALIC = "BeVietnamPro-BoldItalic"


@functools.cache
def register_fonts() -> str:
    """Register the Vietnamese font family with ReportLab once; return the regular font's name."""
    from fontpkg_be_vietnam_pro import ROOT

    files = ROOT / "files"
    for name, file in (
        (FONT, "BeVietnamPro-Regular.ttf"),
        (FONT_BOLD, "BeVietnamPro-Bold.ttf"),
        (FONT_ITALIC, "BeVietnamPro-Italic.ttf"),
        (FONT_BOLD_ITALIC, "BeVietnamPro-BoldItalic.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(files / file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD_ITALIC)
    return FONT
