"""An official document (Decree 30/2020 layout) as a PDF, with ReportLab and a Vietnamese serif font."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    HRFlowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from giamngheo.core.official_document import (
    MOTTO,
    NATION,
    Block,
    Heading,
    OfficialDocument,
    Table,
    Text,
    issuing_lines,
)
from giamngheo.core.pdf import SERIF_BOLD, SERIF_BOLD_ITALIC, SERIF_ITALIC, register_serif_fonts

# Margins of Decree 30/2020, Appendix I: top and bottom 20 mm, left 30 mm, right 15 mm.
MARGINS = {"topMargin": 20 * mm, "bottomMargin": 20 * mm, "leftMargin": 30 * mm, "rightMargin": 15 * mm}


def _styles() -> dict[str, ParagraphStyle]:
    font = register_serif_fonts()
    base = ParagraphStyle("base", fontName=font, fontSize=13, leading=17)
    center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)
    return {
        "parent": ParagraphStyle("parent", parent=center, fontSize=12, leading=15),
        "body_name": ParagraphStyle("body_name", parent=center, fontName=SERIF_BOLD, fontSize=12, leading=15),
        "number": ParagraphStyle("number", parent=center, fontSize=13),
        "nation": ParagraphStyle("nation", parent=center, fontName=SERIF_BOLD, fontSize=12, leading=15),
        "motto": ParagraphStyle("motto", parent=center, fontName=SERIF_BOLD, fontSize=13),
        "date": ParagraphStyle("date", parent=center, fontName=SERIF_ITALIC),
        "form": ParagraphStyle("form", parent=base, fontName=SERIF_ITALIC, fontSize=11, alignment=TA_RIGHT),
        "kind": ParagraphStyle("kind", parent=center, fontName=SERIF_BOLD, fontSize=14, leading=18),
        "subject": ParagraphStyle("subject", parent=center, fontName=SERIF_BOLD),
        "heading": ParagraphStyle("heading", parent=base, fontName=SERIF_BOLD, spaceBefore=6, spaceAfter=2),
        "heading_center": ParagraphStyle(
            "heading_center", parent=center, fontName=SERIF_BOLD, spaceBefore=6, spaceAfter=4
        ),
        "text": ParagraphStyle(
            "text", parent=base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=4
        ),
        "text_italic": ParagraphStyle(
            "text_italic",
            parent=base,
            fontName=SERIF_ITALIC,
            alignment=TA_JUSTIFY,
            firstLineIndent=10 * mm,
            spaceAfter=4,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12, alignment=TA_LEFT),
        "cell_num": ParagraphStyle("cell_num", parent=base, fontSize=9.5, leading=12, alignment=TA_RIGHT),
        "cell_head": ParagraphStyle(
            "cell_head", parent=base, fontName=SERIF_BOLD, fontSize=9.5, leading=12, alignment=TA_CENTER
        ),
        "cell_index": ParagraphStyle(
            "cell_index", parent=base, fontName=SERIF_ITALIC, fontSize=9, leading=11, alignment=TA_CENTER
        ),
        "note": ParagraphStyle("note", parent=base, fontName=SERIF_ITALIC, fontSize=10, leading=13),
        "recipients_head": ParagraphStyle(
            "recipients_head", parent=base, fontName=SERIF_BOLD_ITALIC, fontSize=12, leading=15
        ),
        "recipient": ParagraphStyle("recipient", parent=base, fontSize=11, leading=14),
        "signer": ParagraphStyle("signer", parent=center, fontName=SERIF_BOLD, fontSize=13),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _header(document: OfficialDocument, styles: dict[str, ParagraphStyle], width: float) -> PdfTable:
    left: list[Any] = []
    if document.parent_body:
        left.append(_p(document.parent_body.upper(), styles["parent"]))
    left += [
        _p("\n".join(issuing_lines(document.issuing_body)), styles["body_name"]),
        HRFlowable(
            width="35%", thickness=0.6, color=colors.black, spaceBefore=3, spaceAfter=5, hAlign="CENTER"
        ),
        _p(document.number_line, styles["number"]),
    ]
    right = [
        _p(NATION, styles["nation"]),
        Paragraph(f"<u>{escape(MOTTO)}</u>", styles["motto"]),
        Spacer(1, 5 * mm),
        _p(document.date_line, styles["date"]),
    ]
    table = PdfTable([[left, right]], colWidths=[width * 0.42, width * 0.58])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


WIDE_TABLE = 10  # columns; wider tables are set smaller so header words stay whole


def _small(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_small", parent=style, fontSize=8, leading=10)


def _table(block: Table, styles: dict[str, ParagraphStyle], width: float) -> list[Any]:
    columns = block.columns
    if columns > WIDE_TABLE:
        styles = {
            **styles,
            **{name: _small(styles[name]) for name in ("cell", "cell_num", "cell_head", "cell_index")},
        }
    grid: list[list[Any]] = []
    commands: list[Any] = []
    taken: set[tuple[int, int]] = set()
    for row_index, header_row in enumerate(block.header):
        cells: list[Any] = [""] * columns
        column = 0
        for cell in header_row:
            while (row_index, column) in taken:
                column += 1
            cells[column] = _p(cell.text, styles["cell_head"])
            for r in range(row_index, row_index + cell.rows):
                for c in range(column, column + cell.span):
                    taken.add((r, c))
            if cell.span > 1 or cell.rows > 1:
                commands.append(
                    ("SPAN", (column, row_index), (column + cell.span - 1, row_index + cell.rows - 1))
                )
            column += cell.span
        grid.append(cells)
    heads = len(block.header)
    grid.append([_p(f"({index})", styles["cell_index"]) for index in range(1, columns + 1)])
    for row in block.rows:
        grid.append(
            [
                _p(value, styles["cell_num"] if index in block.numeric else styles["cell"])
                for index, value in enumerate(row)
            ]
        )
    weights = block.widths or tuple(1.0 for _ in range(columns))
    total = sum(weights)
    table = PdfTable(grid, colWidths=[width * w / total for w in weights], repeatRows=heads + 1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, heads - 1), "MIDDLE"),
                ("VALIGN", (0, heads), (-1, -1), "TOP"),
                *commands,
            ]
        )
    )
    flowables: list[Any] = []
    if block.title:
        flowables.append(_p(block.title, styles["heading"]))
    flowables.append(table)
    if block.note:
        flowables += [Spacer(1, 2 * mm), _p(block.note, styles["note"])]
    return flowables


def _blocks(blocks: tuple[Block, ...], styles: dict[str, ParagraphStyle], width: float) -> list[Any]:
    story: list[Any] = []
    for block in blocks:
        if isinstance(block, Heading):
            story.append(_p(block.text, styles["heading_center" if block.center else "heading"]))
        elif isinstance(block, Text):
            style = styles["text_italic" if block.italic else "text"]
            story += [_p(line, style) for line in block.text.splitlines() if line.strip()]
        else:
            story += [Spacer(1, 2 * mm), *_table(block, styles, width), Spacer(1, 3 * mm)]
    return story


def _closing(document: OfficialDocument, styles: dict[str, ParagraphStyle], width: float) -> PdfTable:
    left: list[Any] = [_p("Nơi nhận:", styles["recipients_head"])]
    left += [
        _p(line if line.startswith("-") else f"- {line}", styles["recipient"]) for line in document.recipients
    ]
    signature = document.signature
    right: list[Any] = [_p(line.upper(), styles["signer"]) for line in signature.authority]
    if signature.title:
        right.append(_p(signature.title.upper(), styles["signer"]))
    right += [Spacer(1, 28 * mm), _p(signature.name, styles["signer"])]
    table = PdfTable([[left, right]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _page_number(canvas: Any, document: Any) -> None:
    """Page numbers from the second page on, centred in the top margin (Decree 30, Appendix I)."""
    canvas.saveState()
    canvas.setFont(register_serif_fonts(), 12)
    width, height = document.pagesize
    canvas.drawCentredString(width / 2, height - 12 * mm, str(document.page))
    canvas.restoreState()


def official_pdf(document: OfficialDocument) -> bytes:
    """Render the document: header, title, body, recipients and signature, then any appendix."""
    styles = _styles()
    buffer = io.BytesIO()
    pagesize = landscape(A4) if document.landscape else A4
    template = SimpleDocTemplate(
        buffer, pagesize=pagesize, title=document.title or document.subject, **MARGINS
    )
    width = template.width
    story: list[Any] = []
    if document.form_label:
        story.append(_p(document.form_label, styles["form"]))
    story += [_header(document, styles, width), Spacer(1, 8 * mm)]
    if document.kind:
        story.append(_p(document.kind, styles["kind"]))
    story += [
        _p(document.subject, styles["subject"]),
        HRFlowable(
            width="25%", thickness=0.6, color=colors.black, spaceBefore=3, spaceAfter=8, hAlign="CENTER"
        ),
    ]
    body = _blocks(document.body, styles, width)
    # The signature never stands alone on a page: the body's last paragraphs go with it (Decree 30 practice).
    tail: list[Any] = []
    while body and isinstance(body[-1], Paragraph) and len(tail) < 2:
        tail.insert(0, body.pop())
    story += [*body, KeepTogether([*tail, Spacer(1, 6 * mm), _closing(document, styles, width)])]
    if document.appendix:
        story += [PageBreak(), _p(document.appendix_title, styles["kind"]), Spacer(1, 4 * mm)]
        story += _blocks(document.appendix, styles, width)
    template.build(story, onLaterPages=_page_number)
    return buffer.getvalue()
