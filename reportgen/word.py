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

from reportgen.catalog import Province
from reportgen.load import ReportSettings
from reportgen.write import pin_zip

FONT = "Times New Roman"
# Per style: body size (pt) and page margins (mm: top, right, bottom, left), as in the CSS.
PAGE = {
    "article": (13, (20, 20, 22, 30)),
    "official": (14, (20, 15, 20, 30)),
}
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
    _blocks(document, body, size, in_cell=False)
    if document.element.body[-2].tag == _qn("w:tbl"):
        document.add_paragraph()  # Word wants a paragraph after a table that ends the body
    title = root.findtext(".//title") or ""
    _properties(document, title, settings.author or province.committee, settings.date)
    buffer = io.BytesIO()
    document.save(buffer)
    return pin_zip(buffer.getvalue(), settings.date)


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
        rfonts = st.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(_qn(attr), FONT)
        _set_language(st.element.get_or_add_rPr())
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


def _blocks(container, el, size: float, in_cell: bool) -> None:
    """Add the block children of an element to a document or a table cell."""
    for child in el:
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            continue
        tag = child.tag
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
            _table(container, child, size)
        elif any(_is_block(c) for c in child):
            _blocks(container, child, size, in_cell)
        elif _text(child):
            _paragraph(container, child, size, in_cell)


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


def _table(container, el, size: float) -> None:
    from docx.shared import Pt

    rows = [tr for tr in el.iter("tr")]
    if not rows:
        return
    width = max(sum(int(c.get("colspan", 1)) for c in tr if c.tag in ("td", "th")) for tr in rows)
    table = container.add_table(rows=len(rows), cols=width)
    layout = "by-unit" in _classes(el)
    if layout:
        table.style = "Table Grid"
    shares = [_percent(col.get("style", "")) for col in el.iter("col")]
    if len(shares) == width and all(shares):
        from docx.shared import Emu

        section = container.sections[0] if hasattr(container, "sections") else None
        if section is not None:
            room = section.page_width - section.left_margin - section.right_margin
            table.autofit = False
            for i, share in enumerate(shares):
                table.columns[i].width = Emu(int(room * share / 100))
                for cell in table.columns[i].cells:
                    cell.width = Emu(int(room * share / 100))
    for r, tr in enumerate(rows):
        c = 0
        for cell_el in (x for x in tr if x.tag in ("td", "th")):
            span = int(cell_el.get("colspan", 1))
            cell = table.cell(r, c)
            if span > 1:
                cell = cell.merge(table.cell(r, c + span - 1))
            first = cell.paragraphs[0]
            if any(_is_block(x) for x in cell_el):
                _blocks(cell, cell_el, size, in_cell=True)
                if not first.text and len(cell.paragraphs) > 1:
                    first._p.getparent().remove(first._p)
            else:
                fmt = {"bold": True} if cell_el.tag == "th" else {}
                if layout:
                    fmt["size"] = 9.5
                _inline(first, cell_el, fmt)
                _tidy(first)
                first.paragraph_format.space_after = Pt(0)
                if cell_el.tag == "td" and layout:
                    from docx.enum.text import WD_ALIGN_PARAGRAPH

                    first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            c += span


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
