"""A workbook's sheets as the checks read them: found by name, their text cleaned and converted.

A clerk may rename a sheet, type in a legacy encoding (TCVN3, VNI), paste control characters or
more text than Excel holds: each is reported here, where the cells are first read, so that the
checks after it see clean Unicode text.
"""

import difflib
from dataclasses import dataclass, field

from reportgen import messages as msg
from reportgen import workbook_layout as layout
from reportgen.checks.collector import Collector
from reportgen.checks.rule_table import (
    CONTROL_CHARS,
    DUPLICATE_COLUMN,
    DUPLICATE_SHEET,
    LEGACY_TCVN3,
    LEGACY_VNI,
    MISSING_SHEET,
    NEAR_SHEET,
    TEXT_TOO_LONG,
)
from reportgen.declared.catalog import Catalog
from reportgen.inputs.cell_text import VALUE_CHARS, cell_text, shorten
from reportgen.inputs.legacy_encoding import TCVN3, VNI, detect
from reportgen.inputs.read import RawWorkbook
from reportgen.names import fold
from reportgen.vietnamese import number as format_number
from reportgen.visible import strip_controls, visible

MAX_CELL_CHARS = 32_767  # Excel's own limit of a cell's text; longer text is an error
_LEGACY = {TCVN3: LEGACY_TCVN3, VNI: LEGACY_VNI}  # the rule of each legacy encoding
_NEAR_SHEET_RATIO = 0.75  # "Hoat dong" ~ "Hoạt đông" (0.89); "Hoạt động" ~ "Hướng dẫn" (0.44)


@dataclass
class Sheet:
    """The cells of one sheet as the checker reads them, with what the values do not show."""

    name: str
    rows: list[list]
    merged: tuple = ()
    uncalculated: frozenset = frozenset()
    errors: dict = field(default_factory=dict)
    formulas: dict = field(default_factory=dict)  # (r, c) -> formula text, .xlsx only

    def value(self, r: int, c: int):
        """Return the value at a 0-based position, None outside the sheet's data."""
        row = self.rows[r] if r < len(self.rows) else []
        return row[c] if c < len(row) else None

    def merge_of(self, r: int, c: int) -> tuple[int, int, int, int] | None:
        """Return the merged range that covers a cell other than its first, if any."""
        for r0, c0, r1, c1 in self.merged:
            if r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0):
                return r0, c0, r1, c1
        return None

    def has_hidden_value(self, r: int, c: int) -> bool:
        """Return True when an empty-looking cell holds a formula or an error value."""
        return (r, c) in self.uncalculated or (r, c) in self.errors


def find_sheet(raw: RawWorkbook, title: str, out: Collector, catalog: Catalog) -> Sheet | None:
    """Return the sheet of a blank's title, read and cleaned; report it when it is not there."""
    sheet = _open_sheet(raw, title, out)
    if sheet is None:
        _missing_sheet(raw, title, out, catalog)
    return sheet


def find_header(
    sheet: Sheet, headers: list[str], out: Collector
) -> tuple[int, dict[str, int]] | None:
    """Return the header row index and {folded header: column} of the best row.

    A header found twice in that row is an error: which column holds the values is unclear.
    """
    wanted = {fold(h): h for h in headers}
    best = None
    for r, row in enumerate(sheet.rows[: layout.HEADER_SEARCH_ROWS]):
        found, twice = {}, []
        for c, value in enumerate(row):
            key = fold(cell_text(value))
            if key in wanted:
                if key in found:
                    twice.append((key, c))
                else:
                    found[key] = c
        if found and (best is None or len(found) > len(best[1])):
            best = (r, found, twice)
    if best is None:
        return None
    r, found, twice = best
    for key, c in twice:
        first = layout.cell_ref(r, found[key])
        ref = layout.cell_ref(r, c)
        out.add(
            DUPLICATE_COLUMN, sheet.name, ref, sheet.value(r, c), header=wanted[key], first=first
        )
    return r, found


def _missing_sheet(raw: RawWorkbook, title: str, out: Collector, catalog: Catalog) -> None:
    """Report a sheet not found; name the sheet it was most likely renamed to, if any.

    A clerk cannot run the tool: the message says to rename the sheet back, or to ask the
    province for a new blank. Only a sheet that is none of the blank's own is a candidate.
    """
    wanted = fold(title)
    names = (layout.INSTRUCTIONS_SHEET, layout.INFO_SHEET, layout.INDICATOR_SHEET)
    known = {fold(n) for n in (*names, layout.LISTS_SHEET, *(t.sheet for t in catalog.tables))}
    best, score = None, 0.0
    for name in raw.sheets:
        key = fold(_unlegacy(name))
        if key in known:
            continue
        if key.replace(" ", "") == wanted.replace(" ", "") or key.startswith(wanted + " "):
            ratio = 1.0  # "ChiTieu", "Ấn phẩm 2026"
        else:
            ratio = difflib.SequenceMatcher(None, key, wanted).ratio()
        if ratio > score:
            best, score = name, ratio
    if best is not None and score >= _NEAR_SHEET_RATIO:
        text = msg.NEAR_SHEET.format(name=shorten(visible(best)), title=title)
        out.add(NEAR_SHEET, title, "", visible(best), message=text)
    else:
        out.add(MISSING_SHEET, title)


def _open_sheet(raw: RawWorkbook, title: str, out: Collector) -> Sheet | None:
    """Find a sheet by its folded name and read its cells, converting legacy-encoded text."""
    wanted = fold(title)
    names = [name for name in raw.sheets if wanted in (fold(name), fold(_unlegacy(name)))]
    if not names:
        return None
    if len(names) > 1:
        second = visible(names[1])
        out.add(DUPLICATE_SHEET, second, first=visible(names[0]), second=second)
    name = names[0]
    info = raw.cell_info
    sheet = Sheet(
        visible(name),  # a sheet name is typed too: shown escaped, never acted on
        [list(row) for row in raw.sheets[name]],
        info.merged.get(name, ()),
        info.uncalculated.get(name, frozenset()),
        info.errors.get(name, {}),
        info.formulas.get(name, {}),
    )
    # Rows of formulas with no saved value may be missing from the values: make room for them.
    hidden = set(sheet.uncalculated) | set(sheet.errors)
    if hidden:
        height = max(r for r, _ in hidden) + 1
        sheet.rows += [[] for _ in range(height - len(sheet.rows))]
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                value = row[c] = _clean_cell(value, sheet.name, r, c, out)
            if isinstance(value, str) and (found := detect(value)):
                encoding, text = found
                out.add(_LEGACY[encoding], name, layout.cell_ref(r, c), value, text=shorten(text))
                row[c] = text
    return sheet


def _clean_cell(value: str, sheet: str, r: int, c: int, out: Collector) -> str:
    """Return a cell's text within Excel's length and without control characters.

    Longer text is an error (Excel itself cannot hold it; its end is dropped), controls a
    warning: they draw nothing, yet move a terminal's cursor, reorder a line or break XML.
    """
    ref = layout.cell_ref(r, c)
    if len(value) > MAX_CELL_CHARS:
        length, limit = format_number(len(value)), format_number(MAX_CELL_CHARS)
        out.add(TEXT_TOO_LONG, sheet, ref, value[:VALUE_CHARS], length=length, limit=limit)
        value = value[:MAX_CELL_CHARS]
    clean, removed = strip_controls(value)
    if removed:
        out.add(CONTROL_CHARS, sheet, ref, clean, count=removed, text=shorten(cell_text(clean)))
    return clean


def _unlegacy(text: str) -> str:
    """Return text in Unicode when it was typed in TCVN3 or VNI (a sheet name, say)."""
    found = detect(text)
    return found[1] if found else text
