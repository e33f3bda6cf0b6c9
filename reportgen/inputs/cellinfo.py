"""What the cell values alone do not tell: merged ranges, formulas with no saved result, errors.

pandas and calamine return a formula cell whose result was never saved (files written by tools
that do not calculate, such as openpyxl) and an error cell ("#DIV/0!") both as empty. The
checker must tell those apart from a cell the clerk left blank, so .xlsx sheets are scanned
here for them. Merged ranges come from the same scan (.xlsx, .ods) or from calamine (.xls).
"""

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import iterparse

from reportgen.workbook_layout import column_index

log = logging.getLogger(__name__)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"

_FORMULA_CHARS = 200  # enough to see what a formula adds up; a longer one is kept cut

# A merged range: first row, first column, last row, last column (0-based, inclusive).
Range = tuple[int, int, int, int]


@dataclass(frozen=True)
class CellInfo:
    """Per sheet name: merged ranges, formula cells with no saved result, error cells."""

    merged: dict[str, tuple[Range, ...]] = field(default_factory=dict)
    uncalculated: dict[str, frozenset[tuple[int, int]]] = field(default_factory=dict)
    errors: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    # formula text (no "="), cut to _FORMULA_CHARS: a SUM over its own column is a total row
    formulas: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)


def parse_ref(ref: str) -> tuple[int, int]:
    """Return the 0-based (row, column) of an A1 reference."""
    letters = ref.rstrip("0123456789").upper()
    return int(ref[len(letters) :]) - 1, column_index(letters)


def read_cell_info(path: Path, scanned=None, book=None) -> CellInfo:
    """Return what a workbook's values do not show; empty when the format has none of it.

    A zip workbook is looked at in what the input-limits scan read of it (zip_scan.Scanned): an
    .xlsx in the worksheets it inflated, and only in those it marked as holding a formula, a
    merged range or an error cell; an .ods in the content.xml it inflated. An .xls is looked at in
    the calamine workbook (book) its values were read from.
    """
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm") and scanned is not None:
            return _xlsx_info(scanned.worksheets)
        if suffix == ".xls" and book is not None:
            return _calamine_merges(book)
        if suffix == ".ods" and scanned is not None:
            return _ods_info(scanned.content)
    except Exception as exc:  # the values were readable; this extra look is best effort
        log.debug("no cell details for %s: %r", path, exc)
    return CellInfo()


def _calamine_merges(book) -> CellInfo:
    merged = {}
    for name in book.sheet_names:
        ranges = book.get_sheet_by_name(name).merged_cell_ranges or []
        merged[name] = tuple((r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges)
    return CellInfo(merged=merged)


def _xlsx_info(worksheets: tuple) -> CellInfo:
    merged, uncalculated, errors, formulas = {}, {}, {}, {}
    for sheet in worksheets:
        ranges, empty, failed, written = [], set(), {}, {}
        if sheet.marked:
            _scan_sheet(sheet.xml, ranges, empty, failed, written)
        merged[sheet.name] = tuple(ranges)
        uncalculated[sheet.name] = frozenset(empty)
        errors[sheet.name] = failed
        formulas[sheet.name] = written
    return CellInfo(merged, uncalculated, errors, formulas)


def _scan_sheet(data: bytes, ranges: list, empty: set, failed: dict, written: dict) -> None:
    for _, el in iterparse(io.BytesIO(data)):
        if el.tag == f"{_MAIN}c":
            _look_at_cell(el, empty, failed, written)
            el.clear()
        elif el.tag == f"{_MAIN}mergeCell":
            first, _, last = el.get("ref", "").partition(":")
            if first and last:
                ranges.append((*parse_ref(first), *parse_ref(last)))
        elif el.tag == f"{_MAIN}row":
            el.clear()


def _look_at_cell(el, empty: set, failed: dict, written: dict) -> None:
    ref = el.get("r")
    formula = el.find(f"{_MAIN}f")
    if ref is None:
        return
    if formula is not None and formula.text:
        written[parse_ref(ref)] = formula.text[:_FORMULA_CHARS]
    value = el.find(f"{_MAIN}v")
    text = value.text if value is not None else None
    if el.get("t") == "e" and text:
        failed[parse_ref(ref)] = text
    elif formula is not None and not text and el.get("t") != "str":
        empty.add(parse_ref(ref))  # t="str" with no text is a formula giving "", saved


def _ods_info(content: bytes | None) -> CellInfo:
    """Scan an .ods content.xml for spanned cells and error results (LibreOffice writes both)."""
    if content is None:
        return CellInfo()
    merged, errors = {}, {}
    name, r, c = "", 0, 0
    for event, el in iterparse(io.BytesIO(content), events=("start", "end")):
        tag = el.tag
        if tag == f"{_TABLE}table" and event == "start":
            name, r = el.get(f"{_TABLE}name", ""), 0
            merged[name], errors[name] = [], {}
        elif tag == f"{_TABLE}table-row":
            if event == "start":
                c = 0
            else:
                r += int(el.get(f"{_TABLE}number-rows-repeated", "1"))
                el.clear()
        elif tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell") and event == "end":
            rows = int(el.get(f"{_TABLE}number-rows-spanned", "1"))
            cols = int(el.get(f"{_TABLE}number-columns-spanned", "1"))
            if rows > 1 or cols > 1:
                merged[name].append((r, c, r + rows - 1, c + cols - 1))
            if el.get(f"{_CALCEXT}value-type") == "error":
                errors[name][(r, c)] = "".join(el.itertext()).strip()
            c += int(el.get(f"{_TABLE}number-columns-repeated", "1"))
    return CellInfo(
        merged={k: tuple(v) for k, v in merged.items()},
        errors={k: v for k, v in errors.items() if v},
    )
