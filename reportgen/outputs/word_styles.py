"""The Word file's page and styles, taken from the declared typography (templates/kieu-chu.toml).

The stylesheets print the same values (declared/typography.py), so the .docx and the PDF share
the font, the sizes, the margins, the line spacing and the look of each kind of paragraph.
Word counts some of them differently from CSS; the conversions are here.
"""

from reportgen import messages as msg
from reportgen.declared.typography import (
    TYPOGRAPHY_FILE,
    Look,
    Page,
    Typography,
    points,
    read_typography,
)
from reportgen.errors import TemplateProblem

# Word's "single" line of Times New Roman is 1.15 times the font size (LibreOffice prints
# 15.0 pt lines at 13 pt, as Word does); CSS counts line-height in font sizes, so a declared
# line height becomes a multiple of that single line.
SINGLE_LINE = 1.15
HEADINGS = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
_ALIGNS = ("left", "right", "center", "justify")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def typography_for(dirs) -> Typography:
    """Read kieu-chu.toml from the template search path, as the HTML render read it.

    Through the templates' own loader: bounded, no link out of the folder, no FIFO.
    """
    import jinja2

    from reportgen.report.render import make_environment

    try:
        return read_typography(make_environment(dirs))
    except jinja2.TemplateNotFound:
        shown = ", ".join(str(d) for d in dirs)
        text = msg.TEMPLATE_NOT_FOUND.format(name=TYPOGRAPHY_FILE, dirs=shown)
        raise TemplateProblem(text) from None
    except jinja2.TemplateError as exc:  # too big, not a file, not UTF-8: said in Vietnamese
        raise TemplateProblem(str(exc)) from exc


def page_of(typography: Typography, style: str) -> Page:
    return typography.official if style == "official" else typography.article


def set_up(document, typography: Typography, style: str) -> None:
    """Give the document the style's page, fonts, body text, headings and page numbers."""
    from docx.shared import Mm, Pt, RGBColor

    page = page_of(typography, style)
    size = points(page.size)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = (length(side) for side in page.margins)
    section.top_margin, section.right_margin = top, right
    section.bottom_margin, section.left_margin = bottom, left
    for name in ("Normal", "Title", *HEADINGS):
        st = document.styles[name]
        st.font.name = typography.font_word
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.size = Pt(size)
        set_language(st.element.get_or_add_rPr())
    no_theme_fonts(document, typography.font_word)
    for level, name in enumerate(HEADINGS, 1):
        _heading_style(document.styles[name], page.looks[f"h{level}"], size)
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = length(page.space_after, em=size)
    normal.line_spacing = line_spacing(page.line_height)
    # Page numbers: the decree puts them centred at the top from page 2; the article at the
    # bottom of every page.
    number_size = points(page.page_number_size)
    if style == "official":
        section.different_first_page_header_footer = True
        page_number(section.header.paragraphs[0], number_size)
    else:
        page_number(section.footer.paragraphs[0], number_size)


def length(declared: str, em: float = 0.0):
    """Return a declared length ("20mm", "1.2em" of `em` points) as python-docx's Length."""
    from docx.shared import Emu

    return Emu(round(points(declared, em) * 12700))  # 12,700 EMU a point


def line_spacing(line_height: float) -> float:
    """Return Word's line spacing (a multiple of its single line) for a CSS line-height."""
    return round(line_height / SINGLE_LINE, 3)


def _heading_style(st, look: Look, body_size: float) -> None:
    """Set a Heading style from its kind (h1, h2…): bold unless declared otherwise."""
    from docx.shared import Pt

    size = points(look.size) if look.size else body_size
    st.font.size = Pt(size)
    st.font.bold = True if look.bold is None else look.bold
    st.font.italic = bool(look.italic)
    fmt = st.paragraph_format
    fmt.keep_with_next = True
    if look.align:
        fmt.alignment = alignment(look.align)
    if look.indent:
        fmt.first_line_indent = length(
            look.indent, em=points(look.size) if look.size else body_size
        )


def alignment(align: str):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]


def look_of(page: Page, classes) -> Look:
    """Return the look of a paragraph with these classes; a later class (sorted) wins."""
    merged: dict = {}
    for cls in sorted(classes):
        look = page.looks[cls]
        merged.update({k: v for k, v in vars(look).items() if v not in (None, "") and k != "css"})
    return Look(**merged)


def no_theme_fonts(document, font: str) -> None:
    """Name the font in every style and the defaults, with no theme font beside it.

    python-docx's template gives styles theme fonts (w:asciiTheme="majorHAnsi"…); Word and
    LibreOffice let a theme attribute win over w:ascii, so headings came out in Calibri or
    DejaVu Sans. Every rFonts of styles.xml loses its theme attributes and names the font.
    """
    styles = document.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None:
        child(defaults, "w:rFonts", after=())
    # A style with no rFonts of its own takes the defaults' (named above).
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(qn(attr), None)
        for attr in _FONT_ATTRS:
            rfonts.set(qn(attr), font)


def set_language(rpr) -> None:
    child(rpr, "w:lang").set(qn("w:val"), "vi-VN")


def page_number(paragraph, size: float) -> None:
    """Put a centred PAGE field of `size` points into a header or footer paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    child(child(run, "w:rPr"), "w:sz").set(qn("w:val"), str(round(size * 2)))
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def mark_size(paragraph, size: float) -> None:
    """Give a paragraph's mark (the pilcrow, which sets an empty line's height) a size."""
    rpr = child(paragraph._p.get_or_add_pPr(), "w:rPr", before=("w:sectPr", "w:pPrChange"))
    child(rpr, "w:sz").set(qn("w:val"), str(round(size * 2)))


def child(parent, tag: str, after: tuple[str, ...] | None = None, before: tuple[str, ...] = ()):
    """Return parent's `tag` element, added when missing where the OOXML schema orders it:
    after the children named in `after` (w:pgNumType in a sectPr, w:pBdr in a pPr), or before
    the first of those named in `before` (w:rPr before a pPr's w:sectPr); else last.
    """
    from docx.oxml import OxmlElement

    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if after is not None:
            preceding = {qn(t) for t in after}
            at = sum(1 for c in parent if c.tag in preceding)
        else:
            following = {qn(t) for t in before}
            at = next((i for i, c in enumerate(parent) if c.tag in following), len(parent))
        parent.insert(at, found)
    return found


def qn(name: str) -> str:
    from docx.oxml.ns import qn as qualified

    return qualified(name)
