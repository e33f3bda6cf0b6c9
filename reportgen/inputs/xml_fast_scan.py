"""Check a plain XML part against the ceilings by pattern, without parsing it.

The fast path, for the plain XML every spreadsheet program writes: UTF-8, no DTD, no prefixed
cells or rows, each cell's reference first. Anything else, and any part that would pass a
limit, goes through the full parser (xml_scan.py), which also words the refusal.
"""

import re

from reportgen.inputs.limits import MAX_CELLS, MAX_SHARED_TEXT_BYTES
from reportgen.inputs.xml_scan import CellCount

# Few cells hold values, while a blank workbook styles thousands of empty ones: so one quick
# pattern skips the tags no check needs (cells with their reference first, rows, closing tags),
# the few left are told apart by _TAG, and only value and formula tags are followed back to
# their cell.
_OTHER_TAG = re.compile(rb"<(?!c r=|/|row )")
_TAG = re.compile(
    rb"<(?:"
    rb"(v[\s>/]|is[\s>/]|f[\s>/])"  # 1: a value or formula, inside a cell
    rb"|(mergeCell[\s>/])"  # 2: a merged range
    # 3: what the fast path does not follow: a cell without attributes or whose reference is
    # not first, and a prefixed element the full parser would count as a cell, row or table.
    rb"|(c[>/]|c\s(?!r=\")"
    rb"|[A-Za-z_][\w.-]*:(?:c|row|v|f|is|p|table|table-row|table-cell|covered-table-cell)[\s>/])"
    rb")"
)
_CELL_START = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')
_ERROR_TYPE = (b't="e"', b"t='e'")
_SHARED_TYPE = (b't="s"', b"t='s'")
_ROW_NUMBER = re.compile(rb'\sr="(\d{1,7})"')
_DECLARED = re.compile(rb'ount="([^"]*)"')


def scan_plain(data: bytes, cells: CellCount) -> bool | None:
    """Check a plain part by pattern instead of parsing it; None when it must be parsed.

    Otherwise return whether it holds a formula, a merged range or an error cell: the cell
    details (cellinfo) are looked for only there.
    """
    if not data.startswith(b"<") or b"\0" in data[:256] or b"!" in data and b"<!" in data:
        return None
    for found in _DECLARED.finditer(data):
        value = found[1].decode("ascii", "replace")
        if not (value.isdigit() and len(value) <= 12 and int(value) <= MAX_CELLS):
            return None
    max_row = max_col = 0
    marked = False
    seen = -1  # the last cell followed
    row_at, row = -1, 0  # the <row> of the last cell followed, and its number
    shared = False  # whether the last cell followed uses a shared string
    text = 0  # bytes of the shared strings the cells use
    for other in _OTHER_TAG.finditer(data):
        tag = _TAG.match(data, other.start())
        if tag is None:
            continue
        if tag.lastindex == 3:
            return None
        marked = marked or tag.lastindex == 2 or tag[1][:1] == b"f"
        if tag.lastindex == 2:
            continue
        start = data.rfind(b"<c ", 0, tag.start())
        if start != seen:
            found = _CELL_START.match(data, start) if start >= 0 else None
            if not found:
                return None
            seen = start
            head = data[start : data.find(b">", start)]
            marked = marked or any(error in head for error in _ERROR_TYPE)
            shared = any(kind in head for kind in _SHARED_TYPE)
            # A reader places a cell by its own reference, the scan by its <row>: they must agree.
            at = data.rfind(b"<row ", 0, start)
            if at != row_at:
                number = _ROW_NUMBER.search(data, at, data.find(b">", at)) if at >= 0 else None
                if number is None:
                    return None
                row_at, row = at, int(number[1])
            if int(found[2]) != row:
                return None
            col = 0
            for letter in found[1]:
                col = col * 26 + letter - 64
            max_row, max_col = max(max_row, row), max(max_col, col)
        if shared and tag[1][:1] == b"v":
            value_start = data.find(b">", tag.start()) + 1
            text += cells.string_length(data[value_start : data.find(b"<", value_start)])
    if cells.done + max_row * max_col > MAX_CELLS or cells.text + text > MAX_SHARED_TEXT_BYTES:
        return None
    cells.done += max_row * max_col
    cells.text += text
    return marked
