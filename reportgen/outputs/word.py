"""The report as a Word file (.docx) that a clerk can keep editing.

The .docx is made from the rendered HTML, so it has the same paragraphs: headings stay
headings, tables stay tables, bold and italic stay. Its typography is the PDF's, declared once
in templates/kieu-chu.toml (word_styles.py); Word has Times New Roman, which the decree asks
for, and the bundled Liberation Serif has the same metrics. The chart is left out (the table
beside it holds the same numbers). Tables are word_tables.py, runs of text word_text.py.
"""

import datetime as dt
import io
from pathlib import Path

import lxml.html

from reportgen.declared.settings import ReportSettings
from reportgen.declared.typography import Page, Typography, percent, points
from reportgen.declared.units import Province
from reportgen.outputs.word_styles import (
    alignment,
    child,
    length,
    look_of,
    mark_size,
    page_of,
    qn,
    set_up,
    typography_for,
)
from reportgen.outputs.word_tables import add_table
from reportgen.outputs.word_text import SKIP, add_runs, classes, is_block, text_of, tidy
from reportgen.outputs.write import pin_zip

_OWN_NUMBERS = "own-numbers"  # the class of a Phụ lục numbered on its own (the official form)
# What the OOXML schema orders before w:pgNumType in a sectPr, and before w:pBdr in a pPr.
_BEFORE_PGNUM = ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
                 "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType")  # fmt: skip
_BEFORE_PBDR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
                "w:widowControl", "w:numPr", "w:suppressLineNumbers")  # fmt: skip


def render_docx(
    html: str,
    style: str,
    settings: ReportSettings,
    province: Province,
    dirs: list[Path] | None = None,
) -> bytes:
    """Return the .docx bytes of a rendered report; the same input gives the same bytes.

    dirs: the template search path the HTML was rendered from, whose kieu-chu.toml gives the
    typography (the built-in templates when None).
    """
    import docx  # python-docx: imported only when a .docx is wanted

    from reportgen.report.render import template_dirs

    typography = typography_for(dirs or template_dirs())
    document = docx.Document()
    set_up(document, typography, style)
    root = lxml.html.document_fromstring(html)
    section = document.sections[0]
    room = section.page_width - section.left_margin - section.right_margin
    _Walk(typography, page_of(typography, style)).blocks(document, root.find("body"), False, room)
    _end(document)
    title = root.findtext(".//title") or ""
    _properties(document, title, settings.author or province.committee, settings.date)
    buffer = io.BytesIO()
    document.save(buffer)
    return pin_zip(buffer.getvalue(), settings.date)


class _Walk:
    """Add HTML blocks to the document with one style's typography."""

    def __init__(self, typography: Typography, page: Page):
        self.typography = typography
        self.page = page
        self.size = points(page.size)

    def blocks(self, container, el, in_cell: bool, width: int) -> None:
        """Add the block children of an element to a document or a table cell (width in EMU)."""
        for node in el:
            if not isinstance(node.tag, str):
                continue
            tag = node.tag
            if tag == "hr" and "rule" in classes(node):
                self.rule(container, width)
            if tag in SKIP:
                continue
            if tag in ("h1", "h2", "h3", "h4"):
                self.heading(container, node, int(tag[1]))
            elif tag == "p":
                self.paragraph(container, node, in_cell)
            elif tag in ("ul", "ol"):
                for item in node.iter("li"):
                    paragraph = container.add_paragraph(style="List Bullet")
                    add_runs(paragraph, item, {})
                    tidy(paragraph)
            elif tag == "table":
                add_table(container, node, width, self.typography.table, self.cell)
            elif "appendix" in classes(node) and hasattr(container, "add_section"):
                _appendix_section(container, restart=_OWN_NUMBERS in classes(node))
                self.blocks(container, node, in_cell, width)
            elif any(is_block(c) for c in node):
                self.blocks(container, node, in_cell, width)
            elif text_of(node):
                self.paragraph(container, node, in_cell)

    def cell(self, cell, el, width: int) -> None:
        self.blocks(cell, el, True, width)

    def heading(self, container, el, level: int) -> None:
        """Add a heading: its Heading style gives the look of h1, h2…; its classes add to it."""
        paragraph = container.add_heading("", level=level)
        fmt = self.look(paragraph, classes(el), default_align=None)
        add_runs(paragraph, el, fmt)
        tidy(paragraph)

    def paragraph(self, container, el, in_cell: bool) -> None:
        from docx.shared import Pt

        paragraph = container.add_paragraph()
        fmt = self.look(paragraph, classes(el), "center" if in_cell else "justify")
        if in_cell:
            paragraph.paragraph_format.space_after = Pt(0)
        add_runs(paragraph, el, fmt)
        tidy(paragraph)

    def look(self, paragraph, names, default_align: str | None) -> dict:
        """Format a paragraph as its classes' look says; return what its runs take."""
        look = look_of(self.page, names)
        size = points(look.size) if look.size else self.size
        fmt = paragraph.paragraph_format
        align = look.align or default_align
        if align:
            paragraph.alignment = alignment(align)
        if look.indent or align == "justify":
            fmt.first_line_indent = length(look.indent or self.page.indent, em=size)
        if look.space_before:
            fmt.space_before = length(look.space_before, em=size)
        return {
            "bold": look.bold,
            "italic": look.italic,
            "size": points(look.size) if look.size else None,
        }

    def rule(self, container, width: int) -> None:
        """Draw hr.rule: a short centred line, a share of the column, as a paragraph border.

        The decree's lines under the issuing body and under the trích yếu; Word has no <hr>,
        so an empty paragraph, indented to the line's length, carries a bottom border.
        """
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Emu, Pt

        rule = self.typography.rule
        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        side = Emu(int(width * (100 - percent(rule.width)) / 200))
        fmt.left_indent = fmt.right_indent = side
        fmt.first_line_indent = Emu(0)
        fmt.space_before, fmt.space_after = Pt(0), Pt(6)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(3)
        ppr = paragraph._p.get_or_add_pPr()
        bottom = child(child(ppr, "w:pBdr", after=_BEFORE_PBDR), "w:bottom")
        bottom.set(qn("w:val"), "single")
        bottom.set(qn("w:sz"), str(round(points(rule.thickness) * 8)))  # eighths of a point
        bottom.set(qn("w:space"), "1")
        bottom.set(qn("w:color"), "000000")
        mark_size(paragraph, 2)


def _end(document) -> None:
    """End the body with a paragraph too small to start a page of its own.

    Word wants a paragraph after a table that ends the body; at full size it falls onto a new,
    blank, last page whenever the table fills the page.
    """
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    body = document.element.body
    if body[-2].tag != qn("w:tbl"):
        return
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    mark_size(paragraph, 1)


def _appendix_section(document, restart: bool) -> None:
    """Start the Phụ lục on a new page, in a section of its own; with restart, numbered from 1.

    As in the PDF: the official form's Phụ lục (official.css) has its own numbers, its first
    page bears none and the next "2"; the article's continues the body's.
    """
    from docx.enum.section import WD_SECTION_START
    from docx.text.paragraph import Paragraph

    body = document.element.body
    section = document.add_section(WD_SECTION_START.NEW_PAGE)
    # The paragraph that now ends the body's section is empty: keep it from taking a line.
    ends = [e for e in body if e.tag == qn("w:p")][-1]
    mark_size(Paragraph(ends, document._body), 1)
    if restart:
        numbering = child(section._sectPr, "w:pgNumType", after=_BEFORE_PGNUM)
        numbering.set(qn("w:start"), "1")


def _properties(document, title: str, author: str, date: dt.date | None) -> None:
    props = document.core_properties
    stamp = dt.datetime.combine(date or dt.date(2000, 1, 1), dt.time())
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.language = "vi-VN"
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
