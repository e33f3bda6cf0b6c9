"""Refuse a workbook that would cost unbounded memory or time, before any reader opens it.

A workbook is a zip of XML parts (.xlsx, .xlsm, .ods). A few hundred bytes of it can ask a
reader for gigabytes: a zip member that inflates without end (a zip bomb), XML entities that
expand into each other (billion laughs), or a single value far from A1, which spreadsheet
readers turn into a dense grid of empty cells (calamine fills every cell from A1 to the last
one). So every member is inflated here as a stream, counting bytes, and every XML part is read
with defusedxml's SAX parser (no DTD, no entities, no external references) counting the cells
each sheet spans — all in constant memory, stopping at the first limit passed.

A legacy .xls (BIFF records in an OLE file) has no compression, but the far-cell trick works
the same (6 kB for a gigabyte in calamine): its cell records are walked for their positions.
"""

import io
import itertools
import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.handler import ContentHandler

import olefile
from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from reportgen import messages as msg
from reportgen.checks import rule_table as pr
from reportgen.checks.rule_table import RuleSpec
from reportgen.vietnamese import number
from reportgen.workbook_layout import cell_ref, column_index

# A district's workbook is about 12 kB and 1,000 cells; these limits leave a wide margin.
MAX_FILE_BYTES = 20 * 1024 * 1024  # the file on disk
MAX_MEMBERS = 2_000  # parts inside the zip
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # all parts once inflated
MAX_CELLS = 200_000  # cells of all sheets, each counted from A1 to its last cell with a value
# Text of the cells that use shared strings (.xlsx), each string counted once per cell using it:
# a string is stored once but a reader makes a copy of it for every cell.
MAX_SHARED_TEXT_BYTES = 64 * 1024 * 1024
# Each workbook is read and checked in a child process with these ceilings (inputs/isolate.py):
# what passes the scan below can still crash a reader, or make it loop.
READ_MEMORY = 512 * 1024 * 1024  # memory it may add to what the process already holds
READ_CPU_SECONDS = 20  # CPU time
READ_WALL_SECONDS = 60  # time on the clock (a reader that waits instead of working)

_CHUNK = 64 * 1024
_ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")
SHARED_STRINGS = "xl/sharedstrings.xml"  # in lower case
_CELL_ADDRESS = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,30})$")
_MB = 1024 * 1024


@dataclass(frozen=True)
class Refusal:
    """Why a workbook is not read: the problem's rule, its message, and where when known."""

    spec: RuleSpec
    message: str
    sheet: str = ""
    cell: str = ""

    @property
    def rule(self) -> str:
        """Return the rule's code, as a problem carries it."""
        return self.spec.code


@dataclass(frozen=True)
class Worksheet:
    """One worksheet part of an .xlsx, inflated."""

    name: str
    xml: bytes
    marked: bool  # may hold a formula, a merged range or an error cell


@dataclass(frozen=True)
class Scanned:
    """A zip workbook as the scan read it: the file's bytes and the parts its cells are in.

    The readers take these rather than the path: each part is inflated once, and what they read
    is exactly what was checked, even if the file changes meanwhile.
    """

    data: bytes
    worksheets: tuple[Worksheet, ...] = ()  # .xlsx, in workbook order
    content: bytes | None = None  # .ods: content.xml, inflated; None when it has none


class _Refused(Exception):
    def __init__(self, refusal: Refusal):
        super().__init__(refusal.message)
        self.refusal = refusal


def reader_failed() -> Refusal:
    """Return the refusal of a workbook whose reader crashed, or passed a READ_* ceiling."""
    message = msg.READER_FAILED.format(
        memory=_megabytes(READ_MEMORY), seconds=number(READ_CPU_SECONDS)
    )
    return Refusal(pr.READER_FAILED, message)


def check_limits(path: Path) -> Refusal | None:
    """Return why a workbook must not be read, or None when it is within every limit."""
    return scan(path)[0]


def too_large(size: int) -> Refusal:
    """Return the refusal of a file of `size` bytes, over MAX_FILE_BYTES."""
    return Refusal(
        pr.FILE_TOO_LARGE,
        msg.FILE_TOO_LARGE.format(size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES)),
    )


def scan(path: Path, data: bytes | None = None) -> tuple[Refusal | None, Scanned | None]:
    """Check a workbook against every limit; return why it is refused, or what was read of it.

    data, when given, is the file's bytes as the caller read them: those are checked, and the
    file is not opened. What was read is None unless the workbook is a zip (.xlsx, .xlsm,
    .ods) within the limits.
    """
    size = path.stat().st_size if data is None else len(data)
    if size > MAX_FILE_BYTES:
        return too_large(size), None
    suffix = path.suffix.lower()
    try:
        if suffix in _ZIP_SUFFIXES:
            data = path.read_bytes() if data is None else data
            if zipfile.is_zipfile(io.BytesIO(data)):
                return None, _check_zip(data, keep_content=suffix == ".ods")
        elif suffix == ".xls" and (
            olefile.isOleFile(str(path)) if data is None else olefile.isOleFile(data=data)
        ):
            _check_xls(str(path) if data is None else data)
    except _Refused as exc:
        return exc.refusal, None
    except Exception:  # a damaged zip or XML part; the reader would fail on it too
        return Refusal(pr.UNREADABLE, msg.UNREADABLE_WORKBOOK), None
    return None, None  # otherwise the reader refuses it, or it is bounded by its size


def _megabytes(size: int) -> str:
    return f"{number(round(size / _MB, 1))} MB"


def _check_zip(data: bytes, keep_content: bool = False) -> Scanned:
    members = _count_members(data)
    if members > MAX_MEMBERS:
        raise _Refused(
            Refusal(pr.TOO_MANY_MEMBERS, msg.TOO_MANY_MEMBERS.format(count=number(members)))
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        sheets = _sheet_parts(archive, infos)
        budget = _Budget()
        cells = _CellCount(sheets)
        inflated, content = {}, None
        # The shared strings first: the cells that use them are counted against their length.
        strings = [info for info in infos if _is_shared_strings(info.filename)]
        for info in strings + [info for info in infos if info not in strings]:
            name = info.filename
            if name.endswith((".xml", ".rels")) or name in sheets:
                part = b"".join(_chunks(archive, info, budget))
                if info in strings:
                    cells.add_strings(_string_lengths(part, name))
                marked = _scan_plain(part, cells)
                if marked is None:
                    _parse(part, info, cells)
                if name in sheets:
                    inflated[name] = Worksheet(sheets[name], part, marked is not False)
                if keep_content and name == "content.xml":
                    content = part  # the last of that name, as zipfile would open it
            else:
                _inflate(archive, info, budget)
    worksheets = tuple(inflated[part] for part in sheets if part in inflated)
    return Scanned(data, worksheets, content)


class _Budget:
    """Inflated bytes so far, across all members."""

    def __init__(self):
        self.used = 0

    def spend(self, amount: int) -> None:
        self.used += amount
        if self.used > MAX_UNPACKED_BYTES:
            raise _Refused(
                Refusal(pr.ZIP_BOMB, msg.ZIP_BOMB.format(limit=_megabytes(MAX_UNPACKED_BYTES)))
            )


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget):
    # The sizes a zip declares may lie, so count what actually comes out: ask for no more
    # than the budget has left (plus one byte, to know it is passed) in the first read.
    with archive.open(info) as stream:
        size = max(_CHUNK, MAX_UNPACKED_BYTES - budget.used + 1)
        while chunk := stream.read(size):
            budget.spend(len(chunk))
            yield chunk
            size = _CHUNK


def _inflate(archive, info, budget) -> None:
    for _ in _chunks(archive, info, budget):
        pass


def _parse(data: bytes, info, cells) -> None:
    chunks = (data[start : start + _CHUNK] for start in range(0, len(data), _CHUNK))
    part = info.filename
    _feed(chunks, cells.start_part(part), part, cells.sheet_names.get(part, ""))


def _feed(chunks, handler: ContentHandler, part: str, sheet: str = "") -> None:
    """Parse one XML part, given in chunks, into a SAX handler; refuse a DTD or any entity."""
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(handler)
    try:
        for chunk in chunks:
            parser.feed(chunk)
        parser.close()
    except DefusedXmlException as exc:
        refusal = Refusal(pr.XML_ENTITIES, msg.XML_ENTITIES.format(part=part), sheet)
        raise _Refused(refusal) from exc


# The fast path, for the plain XML every spreadsheet program writes: UTF-8, no DTD, no
# prefixed cells or rows, each cell's reference first. Anything else, and any part that would
# pass a limit, goes through the full parser above, which also words the refusal.
#
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


def _scan_plain(data: bytes, cells: "_CellCount") -> bool | None:
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


class _CellCount:
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
            limit = _megabytes(MAX_SHARED_TEXT_BYTES)
            self._refuse_at(pr.SHARED_TEXT, msg.SHARED_TEXT, limit, part, sheet, row, col)

    def start_part(self, part: str) -> "_SheetHandler":
        return _SheetHandler(self, part)

    def grow(self, part_cells: int, part: str, sheet: str, row: int, col: int) -> None:
        if self.done + part_cells > MAX_CELLS:
            limit = number(MAX_CELLS)
            self._refuse_at(pr.TOO_MANY_CELLS, msg.TOO_MANY_CELLS, limit, part, sheet, row, col)

    def _refuse_at(self, spec, template: str, limit: str, part, sheet, row: int, col: int):
        """Refuse the workbook at the cell (1-based row, column) where a limit was passed."""
        where = cell_ref(row - 1, col - 1)
        text = template.format(limit=limit, cell=where)
        raise _Refused(Refusal(spec, text, sheet or self.sheet_names.get(part, ""), where))


class _SheetHandler(ContentHandler):
    """Follow the cells of one XML part: <row>/<c> of .xlsx, table rows and cells of .ods."""

    def __init__(self, count: _CellCount, part: str):
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
            _check_declared(attrs.get(key), self.part)
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
        raise _Refused(
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


def _check_declared(value: str | int | None, part: str) -> None:
    """Refuse a count of items a part declares (strings, styles…) beyond any real workbook."""
    if isinstance(value, str):
        value = int(value) if value.isdigit() and len(value) <= 12 else None
    if value is not None and not 0 <= value <= MAX_CELLS:
        refusal = Refusal(
            pr.DECLARED_COUNT,
            msg.DECLARED_COUNT.format(part=part, count=number(value), limit=number(MAX_CELLS)),
        )
        raise _Refused(refusal)


def _row_number(ref: str | None, default: int) -> int:
    return int(ref) if ref and ref.isdigit() and len(ref) <= 7 else default


def _column_number(ref: str | None, default: int) -> int:
    found = _CELL_ADDRESS.match(ref or "")
    if not found:
        return default
    return column_index(found[1].upper()) + 1


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) <= 9 else 1


def _sheet_parts(archive: zipfile.ZipFile, infos) -> dict[str, str]:
    """Return {part: sheet name} of an .xlsx, from its workbook part and relationships."""
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    budget = _Budget()  # these two small parts are read again, and counted, with the rest
    rels = _Collect(("Relationship",), ("Id", "Target"))
    ids = _Collect(("sheet",), ("r:id", "name"))
    for part, handler in (("xl/_rels/workbook.xml.rels", rels), ("xl/workbook.xml", ids)):
        _feed(_chunks(archive, archive.getinfo(part), budget), handler, part)
    targets = dict(rels.found)
    parts = {}
    for rel_id, sheet in ids.found:
        target = targets.get(rel_id)
        if target:
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            part = posixpath.normpath(path)
            if part in parts:  # a reader would read the part again for each name
                raise _Refused(_sheet_part_twice(parts[part], sheet, part))
            parts[part] = sheet
    return parts


def _sheet_part_twice(first: str, second: str, part: str) -> Refusal:
    message = msg.SHEET_PART_TWICE.format(first=first[:40], second=second[:40], part=part[:80])
    return Refusal(pr.SHEET_PART_TWICE, message, second)


def _is_shared_strings(name: str) -> bool:
    """Return True for the shared strings part, named as calamine finds it (in any case)."""
    return name.replace("\\", "/").lstrip("/").lower() == SHARED_STRINGS


# Plain XML: every <si> is a tag, so the bytes from one to the next bound its text (entities
# and character references are never longer once decoded). Elsewhere it is parsed.
_STRING_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


def _string_lengths(data: bytes, part: str) -> list[int]:
    """Return an upper bound of the UTF-8 length of each string of a shared strings part."""
    if b"<!" not in data and data.count(b"<?") <= 1:
        starts = [found.start() for found in _STRING_ITEM.finditer(data)]
        return [end - start for start, end in zip(starts, [*starts[1:], len(data)], strict=True)]
    handler = _StringLengths()
    _feed((data[start : start + _CHUNK] for start in range(0, len(data), _CHUNK)), handler, part)
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


class _Collect(ContentHandler):
    """Collect two attributes of every element with one of the given names."""

    def __init__(self, elements: tuple[str, ...], keys: tuple[str, str]):
        super().__init__()
        self.elements, self.keys = elements, keys
        self.found: list[tuple[str, str]] = []

    def startElement(self, name, attrs):
        if name.rpartition(":")[2] in self.elements:
            self.found.append((attrs.get(self.keys[0], ""), attrs.get(self.keys[1], "")))


def _count_members(data: bytes) -> int:
    """Return how many members the zip's end record declares, without reading the directory.

    zipfile builds an object per member up front; a small file can declare hundreds of
    thousands of them.
    """
    tail = data[-65_557:]
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        return 0  # no end record: zipfile refuses the file itself
    count = struct.unpack("<H", tail[end + 10 : end + 12])[0]
    if count != 0xFFFF or end < 20 or tail[end - 20 : end - 16] != b"PK\x06\x07":
        return count
    # Zip64: the locator before the end record points at the record with the real count.
    offset = struct.unpack("<Q", tail[end - 12 : end - 4])[0]
    record = data[offset : offset + 56]
    if len(record) < 56 or record[:4] != b"PK\x06\x06":
        return count
    return struct.unpack("<Q", record[32:40])[0]


# BIFF5/BIFF8 records that hold one cell (row and column first), and the two that hold a run
# of cells in one row (row, first column, ..., last column).
_BIFF_CELLS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}
_BIFF_RUNS = {0x00BD, 0x00BE}
_BIFF_BOF, _BIFF_SHEET, _BIFF_DIMENSIONS, _BIFF_SST = 0x0809, 0x0085, 0x0200, 0x00FC


def _check_xls(source: str | bytes) -> None:
    with olefile.OleFileIO(source) as ole:  # a path, or the file's bytes
        stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
        if stream is None:
            return  # no workbook inside: the reader refuses the file
        data = ole.openstream(stream).read()  # no larger than the file
    names: dict[int, str] = {}  # offset of a sheet's first record -> sheet name
    count = _CellCount({})
    sheet = _SheetHandler(count, "")
    pos = 0
    while pos + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, pos)
        body = data[pos + 4 : pos + 4 + length]
        if kind == _BIFF_BOF:
            sheet.finish_sheet()
            sheet.sheet = names.get(pos, "")
        elif kind == _BIFF_SHEET and len(body) >= 8:
            names[struct.unpack_from("<I", body)[0]] = _biff_sheet_name(body[6:])
        elif kind == _BIFF_DIMENSIONS and len(body) in (10, 14):
            _check_dimensions(sheet, body)
        elif kind == _BIFF_SST and len(body) >= 8:
            _check_declared(struct.unpack_from("<i", body, 4)[0], f"{stream} (SST)")
        elif kind in _BIFF_CELLS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            sheet.extend(row + 1, col + 1)
        elif kind in _BIFF_RUNS and len(body) >= 6:
            row = struct.unpack_from("<H", body)[0]
            sheet.extend(row + 1, struct.unpack_from("<H", body, len(body) - 2)[0] + 1)
        pos += 4 + length


def _check_dimensions(sheet: "_SheetHandler", body: bytes) -> None:
    """Treat the range a sheet declares like cells: calamine reserves room for all of it."""
    if len(body) == 14:
        first_row, end_row, first_col, end_col = struct.unpack_from("<IIHH", body)
    else:
        first_row, end_row, first_col, end_col = struct.unpack_from("<HHHH", body)
    if end_row < 1 or end_col < 1:
        return  # calamine reads this as an empty range
    if end_row <= first_row or end_col <= first_col:  # a range that ends before it starts
        end_row, end_col = 0x1_0000_0000, 0x1_0000  # what calamine would reserve for it
    sheet.extend(end_row - first_row, end_col - first_col)


def _biff_sheet_name(raw: bytes) -> str:
    """Decode a BOUNDSHEET name: a length, then (BIFF8) a flag byte for 8- or 16-bit chars."""
    if not raw:
        return ""
    size, rest = raw[0], raw[1:]
    if rest[:1] == b"\x01":
        return rest[1 : 1 + 2 * size].decode("utf-16-le", "replace")
    if rest[:1] == b"\x00":
        rest = rest[1:]
    return rest[:size].decode("cp1258", "replace")
