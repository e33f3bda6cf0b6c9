"""HTML tables as Word tables: the appendix's by-unit tables, and the header and signature blocks.

Column widths: a table whose <col>s give percentages (the header, the signature) keeps them;
an appendix table (table.by-unit) gets a wide label column and number columns sized to their
content, by the column rules of kieu-chu.toml ([table]); any other splits the room evenly.
"""

import re

from reportgen.declared.typography import Table, points
from reportgen.outputs.word_styles import child, length, line_spacing, qn
from reportgen.outputs.word_text import add_runs, classes, is_block, text_of, tidy

# Left and right padding of a cell, together: Word's own 0.19 cm a side (the Table Grid style),
# with room to spare.
CELL_PAD_MM = 4.0


def add_table(container, el, width: int, table: Table, fill) -> None:
    """Add an HTML <table> to a document or a cell, `width` EMU wide.

    A cell holding blocks (paragraphs) is filled by `fill(cell, cell_el, width)`, the caller's
    block walker; a cell of plain text becomes one paragraph here.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Emu, Pt

    rows = list(el.iter("tr"))
    if not rows:
        return
    count = max(sum(int(c.get("colspan", 1)) for c in tr if c.tag in ("td", "th")) for tr in rows)
    grid = container.add_table(rows=len(rows), cols=count)
    by_unit = "by-unit" in classes(el)
    if by_unit:
        grid.style = "Table Grid"
    shares = [_percent(col.get("style", "")) for col in el.iter("col")]
    if len(shares) == count and all(shares):
        widths = [int(width * share / 100) for share in shares]
        _no_cell_margins(grid)  # the header and signature columns hold centred lines only
    elif by_unit:
        widths = content_widths(rows, count, width, table)
    else:
        widths = [width // count] * count
    grid.autofit = False
    child(grid._tbl.tblPr, "w:tblLayout").set(qn("w:type"), "fixed")  # widths as given
    for i, w in enumerate(widths):
        w -= w % 635  # whole twips, as Word stores them: the sum never passes the page
        grid.columns[i].width = Emu(w)
        for cell in grid.columns[i].cells:
            cell.width = Emu(w)
    size = points(table.size)
    for r, tr in enumerate(rows):
        c = 0
        for cell_el in (x for x in tr if x.tag in ("td", "th")):
            span = int(cell_el.get("colspan", 1))
            cell = grid.cell(r, c)
            if span > 1:
                cell = cell.merge(grid.cell(r, c + span - 1))
            first = cell.paragraphs[0]
            if any(is_block(x) for x in cell_el):
                fill(cell, cell_el, sum(widths[c : c + span]))
                if not first.text and len(cell.paragraphs) > 1:
                    first._p.getparent().remove(first._p)
            else:
                fmt = {"bold": True} if cell_el.tag == "th" else {}
                if by_unit:
                    fmt["size"] = size
                    first.paragraph_format.line_spacing = line_spacing(table.line_height)
                add_runs(first, cell_el, fmt)
                tidy(first)
                first.paragraph_format.space_after = Pt(0)
                if by_unit and cell_el.tag == "td":
                    first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif by_unit and "label" in classes(cell_el) and r > 0:
                    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
            c += span
    if by_unit:
        _repeat_header(grid, el)


def content_widths(rows, count: int, room: int, table: Table) -> list[int]:
    """Return column widths (EMU) for an appendix table: numbers as wide as they need, the
    label column the rest.

    A number column is as wide as its longest number or the longest word of its header (a
    header wraps between words, never inside one), at least table.number_min_chars; the label
    column takes what is left, from table.label_min_width to its longest label (at most
    table.label_max_chars). When the numbers alone need more than the page, every column
    shrinks alike.
    """
    from docx.shared import Mm, Pt

    need = [table.number_min_chars] * count
    for tr in rows:
        cells = [x for x in tr if x.tag in ("td", "th")]
        if len(cells) != count:  # a group row spanning the table
            continue
        for i, cell in enumerate(cells):
            text = text_of(cell)
            if i == 0:
                need[0] = max(need[0], min(len(text), table.label_max_chars))
            else:
                longest = max((len(word) for word in text.split()), default=0)
                need[i] = max(need[i], longest)
    char = points(table.char_width)
    pad = int(Mm(CELL_PAD_MM))
    numbers = [int(Pt(n * char)) + pad for n in need[1:]]
    label_min = int(length(table.label_min_width, em=points(table.size))) + pad
    label_max = int(Pt(need[0] * char)) + pad
    left = room - sum(numbers)
    if left >= label_min:
        label = min(max(left, label_min), max(label_max, label_min))
        # What the label does not need is shared among the number columns.
        spare = left - label
        numbers = [n + spare // len(numbers) for n in numbers] if numbers else numbers
        return [label, *numbers]
    scale = room / (label_min + sum(numbers))
    return [int(label_min * scale), *(int(n * scale) for n in numbers)]


def _no_cell_margins(grid) -> None:
    margins = child(grid._tbl.tblPr, "w:tblCellMar")
    for side in ("left", "right"):
        edge = child(margins, f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")


def _repeat_header(grid, el) -> None:
    """Repeat a table's head row on each page it runs onto."""
    head = el.find("thead")
    if head is None:
        return
    for i in range(len(head.findall("tr"))):
        child(grid.rows[i]._tr.get_or_add_trPr(), "w:tblHeader")


def _percent(style: str) -> float:
    """Return the width a <col style="width: 40%"> asks for, in percent (0 when none)."""
    found = re.search(r"width:\s*([\d.]+)%", style)
    return float(found[1]) if found else 0.0
