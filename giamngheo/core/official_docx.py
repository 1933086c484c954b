"""An official document (Decree 30/2020 layout) as a Word file that officers edit before signing."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

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

FONT = (
    "Times New Roman"  # Decree 30/2020, Appendix I: Vietnamese characters in a Unicode Times New Roman face
)
WIDE_TABLE = 10  # columns
CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def _write(
    container: Any,
    text: str,
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: Any = None,
    indent: bool = False,
    first: bool = False,
) -> Any:
    """Add a paragraph (or fill the first, empty one of a cell) with one run of text."""
    paragraph = container.paragraphs[0] if first and container.paragraphs else container.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(0)
    fmt.space_before = Pt(0)
    if indent:
        fmt.first_line_indent = Mm(10)
        fmt.space_after = Pt(6)
    return paragraph


def _rule(container: Any, indent_mm: float) -> None:
    """A short centred line (a bottom border on an empty, indented paragraph) under a name or a title."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(indent_mm)
    fmt.space_after = Pt(4)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _page_numbers(section: Any) -> None:
    """A PAGE field centred in the header of every page but the first (Decree 30, Appendix I)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fix_widths(table: Any, widths_mm: list[float], *, margins: bool = True) -> None:
    """Fixed column widths that Word and LibreOffice both keep: the grid, the table and every cell.

    python-docx sets only the cells' widths; LibreOffice lays a table out from its grid (`w:tblGrid`), which
    python-docx leaves at equal columns, so a Biểu's unit names were squeezed into narrow columns."""
    twips = [round(width * 1440 / 25.4) for width in widths_mm]
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    table_width = properties.find(qn("w:tblW"))
    if table_width is None:
        table_width = OxmlElement("w:tblW")
        properties.append(table_width)
    table_width.set(qn("w:w"), str(sum(twips)))
    table_width.set(qn("w:type"), "dxa")
    if not margins:
        cell_margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), "0")
            margin.set(qn("w:type"), "dxa")
            cell_margins.append(margin)
        properties.append(cell_margins)
    for column, twip in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        column.set(qn("w:w"), str(twip))
    for row in table.rows:
        for cell, millimetres in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(millimetres)


def _two_columns(document: Any, widths: tuple[float, float]) -> tuple[Any, Any]:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fix_widths(table, list(widths), margins=False)
    left, right = table.rows[0].cells
    return left, right


def _no_split(cell: Any) -> None:
    """The row holding a cell is not broken across pages (the recipients and the signature block)."""
    row = cell._tc.getparent()
    properties = row.find(qn("w:trPr"))
    if properties is None:
        properties = OxmlElement("w:trPr")
        row.insert(0, properties)
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _repeat_header(row: Any) -> None:
    """The header rows of a long table are printed again at the top of every page."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _grid(document: Any, block: Table, width_mm: float) -> None:
    columns = block.columns
    size = 11 if columns <= WIDE_TABLE else 9.5  # a Biểu with many columns keeps its words whole
    heads = len(block.header)
    table = document.add_table(rows=heads + 1 + len(block.rows), cols=columns)
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    weights = block.widths or tuple(1.0 for _ in range(columns))
    total = sum(weights)
    _fix_widths(table, [width_mm * weight / total for weight in weights])
    for row in table.rows[: heads + 1]:
        _repeat_header(row)
    taken: set[tuple[int, int]] = set()
    for row_index, header_row in enumerate(block.header):
        column = 0
        for cell in header_row:
            while (row_index, column) in taken:
                column += 1
            target = table.cell(row_index, column)
            if cell.span > 1 or cell.rows > 1:
                target = target.merge(table.cell(row_index + cell.rows - 1, column + cell.span - 1))
            _write(target, cell.text, size=size, bold=True, align=CENTER, first=True)
            for r in range(row_index, row_index + cell.rows):
                for c in range(column, column + cell.span):
                    taken.add((r, c))
            column += cell.span
    for index in range(columns):
        _write(table.cell(heads, index), f"({index + 1})", size=10, italic=True, align=CENTER, first=True)
    for row_index, row in enumerate(block.rows, start=heads + 1):
        for index, value in enumerate(row):
            align = RIGHT if index in block.numeric else None
            _write(table.cell(row_index, index), value, size=size, align=align, first=True)


def _blocks(document: Any, blocks: tuple[Block, ...], width_mm: float) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            paragraph = _write(document, block.text, bold=True, align=CENTER if block.center else None)
            paragraph.paragraph_format.space_before = Pt(6)
        elif isinstance(block, Text):
            for line in block.text.splitlines():
                if line.strip():
                    _write(document, line, italic=block.italic, align=JUSTIFY, indent=True)
        else:
            if block.title:
                _write(document, block.title, bold=True)
            _grid(document, block, width_mm)
            if block.note:
                _write(document, block.note, size=11, italic=True)
            _write(document, "")


def _heading(word: Any, document: OfficialDocument, width_mm: float) -> None:
    """Issuing body, number; national title, motto, place and date (Decree 30, Appendix I)."""
    left, right = _two_columns(word, (width_mm * 0.4, width_mm * 0.6))
    first = True
    if document.parent_body:
        _write(left, document.parent_body.upper(), size=12, align=CENTER, first=True)
        first = False
    for index, line in enumerate(issuing_lines(document.issuing_body)):
        _write(left, line, size=12, bold=True, align=CENTER, first=first and index == 0)
    _rule(left, width_mm * 0.4 * 0.32)
    _write(left, document.number_line, align=CENTER)
    _write(right, NATION, size=12, bold=True, align=CENTER, first=True)
    _write(right, MOTTO, bold=True, underline=True, align=CENTER)
    _write(right, "")
    _write(right, document.date_line, italic=True, align=CENTER)


def _closing(word: Any, document: OfficialDocument, width_mm: float) -> None:
    """«Nơi nhận:» and the signature block, in one row that is not split across pages."""
    left, right = _two_columns(word, (width_mm * 0.45, width_mm * 0.55))
    _no_split(left)
    _write(left, "Nơi nhận:", size=12, bold=True, italic=True, first=True)
    for line in document.recipients:
        _write(left, line if line.startswith("-") else f"- {line}", size=11)
    signature = document.signature
    head = [*signature.authority, *([signature.title] if signature.title else [])]
    for index, line in enumerate(head):
        _write(right, line.upper(), bold=True, align=CENTER, first=index == 0)
    for _blank in range(4):
        _write(right, "")
    _write(right, signature.name, bold=True, align=CENTER, first=not head)


def official_docx(document: OfficialDocument) -> bytes:
    """Render the document as .docx: the same parts as the PDF, in Times New Roman, A4, Decree 30 margins."""
    word = Document()
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    width_mm = (297 if document.landscape else 210) - 45
    _page_numbers(section)
    if document.form_label:
        _write(word, document.form_label, size=11, italic=True, align=RIGHT, first=True)
    _heading(word, document, width_mm)
    _write(word, "")
    if document.kind:
        _write(word, document.kind, size=14, bold=True, align=CENTER)
    _write(word, document.subject, bold=True, align=CENTER)
    _rule(word, width_mm * 0.38)
    _blocks(word, document.body, width_mm)
    for paragraph in word.paragraphs[-2:]:
        paragraph.paragraph_format.keep_with_next = True  # the signature never stands alone on a page
    spacer = _write(word, "")
    spacer.paragraph_format.keep_with_next = True
    _closing(word, document, width_mm)
    if document.appendix:
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _write(word, document.appendix_title, size=14, bold=True, align=CENTER)
        _blocks(word, document.appendix, width_mm)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
