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


SERIF = "IBMPlexSerif"
SERIF_BOLD = "IBMPlexSerif-Bold"
SERIF_ITALIC = "IBMPlexSerif-Italic"
SERIF_BOLD_ITALIC = "IBMPlexSerif-BoldItalic"


@functools.cache
def register_serif_fonts() -> str:
    """Register a serif family with every Vietnamese glyph (IBM Plex Serif, from PyPI) for official documents.

    Decree 30/2020 asks for a Times New Roman-like face; Times New Roman itself cannot be shipped.
    """
    from fontpkg_ibm_plex_serif import ROOT

    files = ROOT / "files"
    for name, file in (
        (SERIF, "IBMPlexSerif-Regular.ttf"),
        (SERIF_BOLD, "IBMPlexSerif-Bold.ttf"),
        (SERIF_ITALIC, "IBMPlexSerif-Italic.ttf"),
        (SERIF_BOLD_ITALIC, "IBMPlexSerif-BoldItalic.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(files / file)))
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    addMapping(SERIF, 1, 1, SERIF_BOLD_ITALIC)
    return SERIF
