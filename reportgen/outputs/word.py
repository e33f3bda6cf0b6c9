"""The report as a Word file (.docx) that a clerk can keep editing.

The .docx is made from the rendered HTML, so it has the same paragraphs: headings stay
headings, tables stay tables, bold and italic stay. Word has Times New Roman, which the
decree asks for; the bundled Liberation Serif has the same metrics. The chart is left out
(the table beside it holds the same numbers).
"""

import datetime as dt
import io
import re

import lxml.html

from reportgen.declared.settings import ReportSettings
from reportgen.declared.units import Province
from reportgen.outputs.write import pin_zip

FONT = "Times New Roman"
# The form's values, declared once for the Word file; official.css and style.css state the
# same ones for the PDF (tests/test_docx_form.py compares them). Per style: body size (pt),
# page margins (mm: top, right, bottom, left).
PAGE = {
    "article": (13, (20, 20, 22, 30)),
    "official": (14, (20, 15, 20, 30)),
}
TABLE_SIZE = 9.5  # pt, the appendix tables (appendix.css: table.by-unit font-size)
RULE_SHARE = 32  # %, a rule's length in its column (official.css: hr.rule width)
RULE_PT = 0.75  # the rule's thickness (official.css: hr.rule border-top)
# Appendix tables: a column's room in characters of TABLE_SIZE text, and how wide one is.
LABEL_CHARS = (14, 44)  # the label column: at least, at most (longer labels wrap)
NUMBER_CHARS = 4  # a number column: at least (its header wraps at words)
CHAR_MM = 2.0  # width of a character at TABLE_SIZE, bold, with room to spare
CELL_PAD_MM = 4.0  # left and right padding of a table cell, together (0.19 cm each)
# What a class on a paragraph means in Word; anything else is a plain body paragraph.
CLASS_FORMATS = {
    "date": {"align": "center", "italic": True},
    "caption": {"align": "center", "italic": True, "size": 11.5},
    "byline": {"align": "right", "bold": True},
    "note": {"italic": True},
    "doc-type": {"align": "center", "bold": True, "space_before": 18},
    "doc-subject": {"align": "center", "bold": True},
    "place-date": {"italic": True},
    "signer-name": {"space_before": 60},
    "recipients-title": {"align": "left", "size": 12},
    "recipient": {"align": "left", "size": 11},
    "issuer-line": {"size": 13},
    "nation-name": {"size": 13},
    "number": {"size": 13},
    "appendix-subtitle": {"align": "center", "bold": True},
    "appendix-ref": {"align": "center", "italic": True},
    "appendix-note": {"align": "center", "italic": True},
    "appendix-group": {"bold": True},
}
_OWN_NUMBERS = "own-numbers"  # the class of a Phụ lục numbered on its own (the official form)
_SKIP = {"head", "style", "script", "svg", "hr", "figure", "title", "meta"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "table", "ul", "ol", "div", "section", "article"}
_SPACE = re.compile(r"\s+")


def render_docx(html: str, style: str, settings: ReportSettings, province: Province) -> bytes:
    """Return the .docx bytes of a rendered report; the same input gives the same bytes."""
    import docx  # python-docx: imported only when a .docx is wanted

    size, margins = PAGE.get(style, PAGE["article"])
    document = docx.Document()
    _setup(document, size, margins, style)
    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    section = document.sections[0]
    room = section.page_width - section.left_margin - section.right_margin
    _blocks(document, body, size, in_cell=False, width=room)
    _end(document)
    title = root.findtext(".//title") or ""
    _properties(document, title, settings.author or province.committee, settings.date)
    buffer = io.BytesIO()
    document.save(buffer)
    return pin_zip(buffer.getvalue(), settings.date)


def _end(document) -> None:
    """End the body with a paragraph too small to start a page of its own.

    Word wants a paragraph after a table that ends the body; at full size it falls onto a new,
    blank, last page whenever the table fills the page.
    """
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    body = document.element.body
    if body[-2].tag != _qn("w:tbl"):
        return
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    _mark_size(paragraph, 1)


def _mark_size(paragraph, points: float) -> None:
    """Give a paragraph's mark (the pilcrow, which sets an empty line's height) a size."""
    from docx.oxml import OxmlElement

    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(_qn("w:val"), str(int(points * 2)))
    rpr.append(sz)
    ppr.append(rpr)


def _setup(document, size: float, margins, style: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = margins
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        st = document.styles[name]
        st.font.name = FONT
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.size = Pt(size)
        _set_language(st.element.get_or_add_rPr())
    _no_theme_fonts(document)
    document.styles["Heading 1"].font.size = Pt(size + 3)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        st = document.styles[name]
        st.font.bold = True
        st.font.italic = False
        st.paragraph_format.keep_with_next = True
    document.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = Pt(6)
    normal.line_spacing = 1.15
    # Page numbers: the decree puts them centred at the top from page 2; the article at the
    # bottom of every page.
    if style == "official":
        section.different_first_page_header_footer = True
        _page_number(section.header.paragraphs[0])
    else:
        _page_number(section.footer.paragraphs[0])


_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def _no_theme_fonts(document) -> None:
    """Name Times New Roman in every style and the defaults, with no theme font beside it.

    python-docx's template gives styles theme fonts (w:asciiTheme="majorHAnsi"…); Word and
    LibreOffice let a theme attribute win over w:ascii, so headings came out in Calibri or
    DejaVu Sans. Every rFonts of styles.xml loses its theme attributes and names the font.
    """
    from docx.oxml import OxmlElement

    styles = document.styles.element
    defaults = styles.find(_qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{_qn('w:rPrDefault')}/{_qn('w:rPr')}")
        if rpr is not None and rpr.find(_qn("w:rFonts")) is None:
            rpr.insert(0, OxmlElement("w:rFonts"))
    # A style with no rFonts of its own takes the defaults' (named above).
    for rfonts in styles.iter(_qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(_qn(attr), None)
        for attr in _FONT_ATTRS:
            rfonts.set(_qn(attr), FONT)


def _qn(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(name)


def _set_language(rpr) -> None:
    from docx.oxml import OxmlElement

    lang = rpr.find(_qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(_qn("w:val"), "vi-VN")


def _page_number(paragraph) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(_qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _is_block(el) -> bool:
    return isinstance(el.tag, str) and el.tag in _BLOCKS


def _blocks(container, el, size: float, in_cell: bool, width: int) -> None:
    """Add the block children of an element to a document or a table cell (width in EMU)."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag
        if tag == "hr" and "rule" in _classes(child):
            _rule(container, width)
        if tag in _SKIP:
            continue
        if tag in ("h1", "h2", "h3", "h4"):
            level = int(tag[1])
            paragraph = container.add_heading("", level=level)
            _inline(paragraph, child, {})
            _tidy(paragraph)
        elif tag == "p":
            _paragraph(container, child, size, in_cell)
        elif tag in ("ul", "ol"):
            for item in child.iter("li"):
                paragraph = container.add_paragraph(style="List Bullet")
                _inline(paragraph, item, {})
                _tidy(paragraph)
        elif tag == "table":
            _table(container, child, size, width)
        elif "appendix" in _classes(child) and hasattr(container, "add_section"):
            _appendix_section(container, restart=_OWN_NUMBERS in _classes(child))
            _blocks(container, child, size, in_cell, width)
        elif any(_is_block(c) for c in child):
            _blocks(container, child, size, in_cell, width)
        elif _text(child):
            _paragraph(container, child, size, in_cell)


def _appendix_section(document, restart: bool) -> None:
    """Start the Phụ lục on a new page, in a section of its own; with restart, numbered from 1.

    As in the PDF: the official form's Phụ lục (official.css) has its own numbers, its first
    page bears none and the next "2"; the article's continues the body's.
    """
    from docx.enum.section import WD_SECTION_START
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph

    body = document.element.body
    section = document.add_section(WD_SECTION_START.NEW_PAGE)
    # The paragraph that now ends the body's section is empty: keep it from taking a line.
    ends = [e for e in body if e.tag == _qn("w:p")][-1]
    _mark_size(Paragraph(ends, document._body), 1)
    if not restart:
        return
    sectpr = section._sectPr
    numbering = sectpr.find(_qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        sectpr.insert(_position_after(sectpr, _BEFORE_PGNUM), numbering)
    numbering.set(_qn("w:start"), "1")


_BEFORE_PGNUM = (
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
)


def _position_after(parent, tags: tuple[str, ...]) -> int:
    """Return where an element goes among parent's children: after those of `tags`, which the
    OOXML schema orders before it (w:pgNumType in a sectPr, w:pBdr in a pPr)."""
    before = {_qn(t) for t in tags}
    return sum(1 for child in parent if child.tag in before)


def _rule(container, width: int) -> None:
    """Draw hr.rule: a short centred line, RULE_SHARE of the column, as a paragraph border.

    The decree's lines under the issuing body and under the trích yếu; Word has no <hr>, so
    an empty paragraph, indented to the line's length, carries a bottom border.
    """
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.shared import Emu, Pt

    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    side = Emu(int(width * (100 - RULE_SHARE) / 200))
    fmt.left_indent = fmt.right_indent = side
    fmt.first_line_indent = Emu(0)
    fmt.space_before, fmt.space_after = Pt(0), Pt(6)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(3)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(_qn("w:val"), "single")
    bottom.set(_qn("w:sz"), str(int(RULE_PT * 8)))  # eighths of a point
    bottom.set(_qn("w:space"), "1")
    bottom.set(_qn("w:color"), "000000")
    borders.append(bottom)
    # pBdr comes before spacing and indentation in a pPr (the schema's order).
    ppr.insert(_position_after(ppr, _BEFORE_PBDR), borders)
    _mark_size(paragraph, 2)


_BEFORE_PBDR = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
)


def _paragraph(container, el, size: float, in_cell: bool):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    fmt: dict = {}
    for cls in sorted(_classes(el)):
        fmt.update(CLASS_FORMATS.get(cls, {}))
    paragraph = container.add_paragraph()
    align = fmt.get("align", "center" if in_cell else "justify")
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    if align == "justify":
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if in_cell:
        paragraph.paragraph_format.space_after = Pt(0)
    if "space_before" in fmt:
        paragraph.paragraph_format.space_before = Pt(fmt["space_before"])
    _inline(paragraph, el, {k: fmt[k] for k in ("bold", "italic", "size") if k in fmt})
    _tidy(paragraph)
    return paragraph


def _inline(paragraph, el, fmt: dict) -> None:
    """Add the text of an element as runs, keeping bold, italic and underline."""
    tag = el.tag if isinstance(el.tag, str) else ""
    fmt = dict(fmt)
    if tag in ("strong", "b", "th"):
        fmt["bold"] = True
    if tag in ("em", "i"):
        fmt["italic"] = True
    if tag == "u":
        fmt["underline"] = True
    if el.text:
        _run(paragraph, el.text, fmt)
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _SKIP:
            if child.tag == "br":
                paragraph.add_run().add_break()
            else:
                _inline(paragraph, child, fmt)
        if child.tail:
            _run(paragraph, child.tail, fmt)


def _run(paragraph, text: str, fmt: dict) -> None:
    from docx.shared import Pt

    text = _SPACE.sub(" ", text)
    if not text:
        return
    run = paragraph.add_run(text)
    run.bold = fmt.get("bold")
    run.italic = fmt.get("italic")
    run.underline = fmt.get("underline")
    if "size" in fmt:
        run.font.size = Pt(fmt["size"])


def _tidy(paragraph) -> None:
    """Strip the spaces HTML ignores at the start and end of a block."""
    runs = [r for r in paragraph.runs if r.text]
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()


def _text(el) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


def _table(container, el, size: float, width: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Emu, Pt

    rows = [tr for tr in el.iter("tr")]
    if not rows:
        return
    count = max(sum(int(c.get("colspan", 1)) for c in tr if c.tag in ("td", "th")) for tr in rows)
    table = container.add_table(rows=len(rows), cols=count)
    layout = "by-unit" in _classes(el)
    if layout:
        table.style = "Table Grid"
    shares = [_percent(col.get("style", "")) for col in el.iter("col")]
    if len(shares) == count and all(shares):
        widths = [int(width * share / 100) for share in shares]
        _no_cell_margins(table)  # the header and signature columns hold centred lines only
    elif layout:
        widths = _content_widths(rows, count, width)
    else:
        widths = [width // count] * count
    table.autofit = False
    _fixed_layout(table)
    for i, w in enumerate(widths):
        w -= w % 635  # whole twips, as Word stores them: the sum never passes the page
        table.columns[i].width = Emu(w)
        for cell in table.columns[i].cells:
            cell.width = Emu(w)
    for r, tr in enumerate(rows):
        c = 0
        for cell_el in (x for x in tr if x.tag in ("td", "th")):
            span = int(cell_el.get("colspan", 1))
            cell = table.cell(r, c)
            if span > 1:
                cell = cell.merge(table.cell(r, c + span - 1))
            first = cell.paragraphs[0]
            if any(_is_block(x) for x in cell_el):
                _blocks(cell, cell_el, size, True, sum(widths[c : c + span]))
                if not first.text and len(cell.paragraphs) > 1:
                    first._p.getparent().remove(first._p)
            else:
                fmt = {"bold": True} if cell_el.tag == "th" else {}
                if layout:
                    fmt["size"] = TABLE_SIZE
                _inline(first, cell_el, fmt)
                _tidy(first)
                first.paragraph_format.space_after = Pt(0)
                if layout and cell_el.tag == "td":
                    first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif layout and "label" in _classes(cell_el) and r > 0:
                    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
            c += span
    if layout:
        _repeat_header(table, el)


def _content_widths(rows, count: int, room: int) -> list[int]:
    """Return column widths (EMU) for an appendix table: numbers as wide as they need, the
    label column the rest.

    A number column is as wide as its longest number or the longest word of its header (a
    header wraps between words, never inside one); the label column takes what is left, between
    LABEL_CHARS. When the numbers alone need more than the page, every column shrinks alike.
    """
    from docx.shared import Mm

    need = [NUMBER_CHARS] * count
    for tr in rows:
        cells = [x for x in tr if x.tag in ("td", "th")]
        if len(cells) != count:  # a group row spanning the table
            continue
        for i, cell in enumerate(cells):
            text = _text(cell)
            if i == 0:
                need[0] = max(need[0], min(len(text), LABEL_CHARS[1]))
            else:
                longest = max((len(word) for word in text.split()), default=0)
                need[i] = max(need[i], longest)
    numbers = [int(Mm(n * CHAR_MM + CELL_PAD_MM)) for n in need[1:]]
    label_min = int(Mm(LABEL_CHARS[0] * CHAR_MM + CELL_PAD_MM))
    label_max = int(Mm(need[0] * CHAR_MM + CELL_PAD_MM))
    left = room - sum(numbers)
    if left >= label_min:
        label = min(max(left, label_min), max(label_max, label_min))
        # What the label does not need is shared among the number columns.
        spare = left - label
        numbers = [n + spare // len(numbers) for n in numbers] if numbers else numbers
        return [label, *numbers]
    scale = room / (label_min + sum(numbers))
    return [int(label_min * scale), *(int(n * scale) for n in numbers)]


def _fixed_layout(table) -> None:
    """Make Word and LibreOffice keep the widths given instead of fitting them to the text."""
    from docx.oxml import OxmlElement

    tblpr = table._tbl.tblPr
    layout = tblpr.find(_qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tblpr.append(layout)
    layout.set(_qn("w:type"), "fixed")


def _no_cell_margins(table) -> None:
    from docx.oxml import OxmlElement

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(_qn("w:w"), "0")
        edge.set(_qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)


def _repeat_header(table, el) -> None:
    """Repeat a table's head row on each page it runs onto."""
    from docx.oxml import OxmlElement

    head = el.find("thead")
    if head is None:
        return
    for i in range(len(head.findall("tr"))):
        trpr = table.rows[i]._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:tblHeader"))


def _percent(style: str) -> float:
    """Return the width a <col style="width: 40%"> asks for, in percent (0 when none)."""
    found = re.search(r"width:\s*([\d.]+)%", style)
    return float(found[1]) if found else 0.0


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
