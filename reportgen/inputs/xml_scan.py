"""Count the cells each XML part of a workbook spans, parsed safely, refusing at a ceiling.

Every XML part is read with defusedxml's SAX parser (no DTD, no entities, no external
references) counting the cells each sheet spans from A1 to its farthest value, and the text of
the shared strings those cells copy — in constant memory, stopping at the first ceiling passed.
Plain parts take a faster path first (xml_fast_scan.py); this parser handles anything else and
words the refusal. The .xlsx (<row>/<c>) and .ods (table rows and cells) forms are both followed.
"""

import itertools
import re
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from reportgen import messages as msg
from reportgen.checks import rule_table as pr
from reportgen.inputs.limits import MAX_CELLS, MAX_SHARED_TEXT_BYTES, Refusal, Refused, megabytes
from reportgen.vietnamese import number
from reportgen.workbook_layout import cell_ref, column_index

CHUNK = 64 * 1024  # bytes handed to a parser, or read from a zip member, at a time
_CELL_ADDRESS = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,30})$")


def parse_part(data: bytes, info, cells: "CellCount") -> None:
    """Parse a whole part (a zip member's inflated bytes) with the full parser into `cells`."""
    chunks = (data[start : start + CHUNK] for start in range(0, len(data), CHUNK))
    part = info.filename
    feed(chunks, cells.start_part(part), part, cells.sheet_names.get(part, ""))


def feed(chunks, handler: ContentHandler, part: str, sheet: str = "") -> None:
    """Parse one XML part, given in chunks, into a SAX handler; refuse a DTD or any entity."""
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(handler)
    try:
        for chunk in chunks:
            parser.feed(chunk)
        parser.close()
    except DefusedXmlException as exc:
        refusal = Refusal(pr.XML_ENTITIES, msg.XML_ENTITIES.format(part=part), sheet)
        raise Refused(refusal) from exc


class CellCount:
    """The cells each sheet spans, from A1 to its farthest value, over the whole workbook."""

    def __init__(self, sheet_names: dict[str, str]):
        self.sheet_names = sheet_names
        self.done = 0  # cells of the parts already read
        self.text = 0  # bytes of shared strings used by the cells read so far
        self.strings: list[int] = []  # the length of each shared string, at most

    def add_strings(self, lengths: list[int]) -> None:
        """Take the string lengths of a shared strings part (the longest, if there are two)."""
        pairs = itertools.zip_longest(self.strings, lengths, fillvalue=0)
        self.strings = [max(pair) for pair in pairs]

    def string_length(self, index: bytes | str) -> int:
        """Return the length of the shared string a cell's value names (0 if it names none)."""
        index = index.strip()
        if not index.isdigit() or len(index) > 9 or int(index) >= len(self.strings):
            return 0
        return self.strings[int(index)]

    def add_text(self, amount: int, part: str, sheet: str, row: int, col: int) -> None:
        self.text += amount
        if self.text > MAX_SHARED_TEXT_BYTES:
            limit = megabytes(MAX_SHARED_TEXT_BYTES)
            self._refuse_at(pr.SHARED_TEXT, msg.SHARED_TEXT, limit, part, sheet, row, col)

    def start_part(self, part: str) -> "SheetHandler":
        return SheetHandler(self, part)

    def grow(self, part_cells: int, part: str, sheet: str, row: int, col: int) -> None:
        if self.done + part_cells > MAX_CELLS:
            limit = number(MAX_CELLS)
            self._refuse_at(pr.TOO_MANY_CELLS, msg.TOO_MANY_CELLS, limit, part, sheet, row, col)

    def _refuse_at(self, spec, template: str, limit: str, part, sheet, row: int, col: int):
        """Refuse the workbook at the cell (1-based row, column) where a limit was passed."""
        where = cell_ref(row - 1, col - 1)
        text = template.format(limit=limit, cell=where)
        raise Refused(Refusal(spec, text, sheet or self.sheet_names.get(part, ""), where))


class SheetHandler(ContentHandler):
    """Follow the cells of one XML part: <row>/<c> of .xlsx, table rows and cells of .ods."""

    def __init__(self, count: CellCount, part: str):
        super().__init__()
        self.count, self.part = count, part
        self.sheet = ""  # .ods names its tables inside the part
        self.row = self.col = 0  # last row and column seen (1-based)
        self.rows_repeated = 1
        self.max_row = self.max_col = 0
        self.cell: tuple[int, int] | None = None  # an .xlsx cell awaiting a value
        self.ods_cell: tuple[int, int, int] | None = None  # row, first and last column
        self.row_given = ""  # the r attribute of the current <row>, if it has one
        self.off_row = ""  # the reference of the current cell, when it names another row
        self.shared: tuple[int, int] | None = None  # a cell that uses a shared string
        self.value: list[str] | None = None  # the text of its <v>, while inside it

    def startElement(self, name, attrs):
        for key in ("count", "uniqueCount"):  # calamine reserves memory for that many items
            check_declared(attrs.get(key), self.part)
        local = name.rpartition(":")[2]
        if local == "row":
            self.row_given = attrs.get("r") or ""
            self.row = _row_number(self.row_given, self.row + 1)
            self.col = 0
        elif local == "c":
            self.start_cell(attrs.get("r"))
            self.shared = self.cell if attrs.get("t") == "s" else None
        elif local in ("v", "is", "f") and self.cell is not None:
            if self.off_row:
                self.refuse_off_row()
            self.extend(*self.cell)
            self.cell = None
        if local == "v" and self.shared is not None:
            self.value = []
        elif local == "table":
            self.finish_sheet()
            self.sheet = attrs.get("table:name", "")
            self.row = self.col = 0
        elif local == "table-row":
            self.row += self.rows_repeated  # past the rows the previous element stood for
            self.rows_repeated = _repeat(attrs.get("table:number-rows-repeated"))
            self.col = 0
        elif local in ("table-cell", "covered-table-cell"):
            first = self.col + 1
            self.col += _repeat(attrs.get("table:number-columns-repeated"))
            self.ods_cell = (self.row, first, self.col)
            if "office:value-type" in attrs:
                self.extend_ods()
        elif local == "p" and self.ods_cell is not None:
            self.extend_ods()

    def characters(self, content):
        if self.value is not None and len(self.value) < 32:  # an index: a few characters
            self.value.append(content)

    def endElement(self, name):
        local = name.rpartition(":")[2]
        if local == "c":
            self.cell = self.shared = None
            self.off_row = ""
        elif local == "v" and self.value is not None:
            length = self.count.string_length("".join(self.value)[:20])
            self.count.add_text(length, self.part, self.sheet, *self.shared)
            self.value = None
        elif local in ("table-cell", "covered-table-cell"):
            self.ods_cell = None

    def endDocument(self):
        self.finish_sheet()

    def start_cell(self, ref: str | None) -> None:
        """Place an .xlsx cell where a reader does: by its reference, else after the last one."""
        found = _CELL_ADDRESS.match(ref or "")
        if not found:
            self.col += 1
            self.cell = (self.row, self.col)
            return
        digits = found[2].lstrip("0") or "0"
        row = int(digits) if len(digits) <= 9 else 10**9
        if self.row_given and row != self.row:
            self.off_row = ref  # refused if the cell holds anything a reader keeps
        elif not self.row_given:
            self.row = row  # a <row> without a number: its cells tell it
        self.col = _column_number(ref, self.col + 1)
        self.cell = (row, self.col)

    def refuse_off_row(self) -> None:
        ref, row = self.off_row, self.row_given
        shown_row = row if row.isdigit() and len(row) <= 15 else number(self.row)
        raise Refused(
            Refusal(
                pr.CELL_OFF_ITS_ROW,
                msg.CELL_OFF_ITS_ROW.format(ref=ref, row=shown_row),
                self.sheet or self.count.sheet_names.get(self.part, ""),
                ref if len(ref) <= 16 else "",
            )
        )

    def extend_ods(self) -> None:
        row, _, last = self.ods_cell
        self.extend(row + self.rows_repeated - 1, last)
        self.ods_cell = None

    def extend(self, row: int, col: int) -> None:
        self.max_row, self.max_col = max(self.max_row, row), max(self.max_col, col)
        self.count.grow(self.max_row * self.max_col, self.part, self.sheet, row, col)

    def finish_sheet(self) -> None:
        self.count.done += self.max_row * self.max_col
        self.max_row = self.max_col = 0
        self.rows_repeated = 1


def check_declared(value: str | int | None, part: str) -> None:
    """Refuse a count of items a part declares (strings, styles…) beyond any real workbook."""
    if isinstance(value, str):
        value = int(value) if value.isdigit() and len(value) <= 12 else None
    if value is not None and not 0 <= value <= MAX_CELLS:
        refusal = Refusal(
            pr.DECLARED_COUNT,
            msg.DECLARED_COUNT.format(part=part, count=number(value), limit=number(MAX_CELLS)),
        )
        raise Refused(refusal)


def _row_number(ref: str | None, default: int) -> int:
    return int(ref) if ref and ref.isdigit() and len(ref) <= 7 else default


def _column_number(ref: str | None, default: int) -> int:
    found = _CELL_ADDRESS.match(ref or "")
    if not found:
        return default
    return column_index(found[1].upper()) + 1


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) <= 9 else 1


# Plain XML: every <si> is a tag, so the bytes from one to the next bound its text (entities
# and character references are never longer once decoded). Elsewhere it is parsed.
_STRING_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


def string_lengths(data: bytes, part: str) -> list[int]:
    """Return an upper bound of the UTF-8 length of each string of a shared strings part."""
    if b"<!" not in data and data.count(b"<?") <= 1:
        starts = [found.start() for found in _STRING_ITEM.finditer(data)]
        return [end - start for start, end in zip(starts, [*starts[1:], len(data)], strict=True)]
    handler = _StringLengths()
    feed((data[start : start + CHUNK] for start in range(0, len(data), CHUNK)), handler, part)
    return handler.lengths


class _StringLengths(ContentHandler):
    """Measure the text of each <si> of a shared strings part."""

    def __init__(self):
        super().__init__()
        self.lengths: list[int] = []

    def startElement(self, name, attrs):
        if name.rpartition(":")[2] == "si":
            self.lengths.append(0)

    def characters(self, content):
        if self.lengths:
            self.lengths[-1] += len(content.encode("utf-8", "surrogatepass"))
