"""Inflate every part of a zip workbook (.xlsx, .xlsm, .ods) within the ceilings.

Every member is inflated as a stream, counting bytes (the sizes a zip declares may lie), and
every XML part's cells are counted (xml_fast_scan.py, else xml_scan.py). What was inflated is
kept for the readers: they read exactly what was checked.
"""

import io
import posixpath
import struct
import zipfile
from dataclasses import dataclass
from xml.sax.handler import ContentHandler

from reportgen import messages as msg
from reportgen.checks import rule_table as pr
from reportgen.inputs.limits import (
    MAX_MEMBERS,
    MAX_UNPACKED_BYTES,
    Refusal,
    Refused,
    megabytes,
)
from reportgen.inputs.xml_fast_scan import scan_plain
from reportgen.inputs.xml_scan import CHUNK, CellCount, feed, parse_part, string_lengths
from reportgen.vietnamese import number

SHARED_STRINGS = "xl/sharedstrings.xml"  # in lower case


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


def check_zip(data: bytes, keep_content: bool = False) -> Scanned:
    """Inflate and count every part of a zip workbook; raise Refused at the first ceiling.

    Return what was read: the worksheets, and (keep_content, for .ods) content.xml.
    """
    members = _count_members(data)
    if members > MAX_MEMBERS:
        raise Refused(
            Refusal(pr.TOO_MANY_MEMBERS, msg.TOO_MANY_MEMBERS.format(count=number(members)))
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        sheets = _sheet_parts(archive, infos)
        budget = _Budget()
        cells = CellCount(sheets)
        inflated, content = {}, None
        # The shared strings first: the cells that use them are counted against their length.
        strings = [info for info in infos if _is_shared_strings(info.filename)]
        for info in strings + [info for info in infos if info not in strings]:
            name = info.filename
            if name.endswith((".xml", ".rels")) or name in sheets:
                part = b"".join(_chunks(archive, info, budget))
                if info in strings:
                    cells.add_strings(string_lengths(part, name))
                marked = scan_plain(part, cells)
                if marked is None:
                    parse_part(part, info, cells)
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
            raise Refused(
                Refusal(pr.ZIP_BOMB, msg.ZIP_BOMB.format(limit=megabytes(MAX_UNPACKED_BYTES)))
            )


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget):
    # The sizes a zip declares may lie, so count what actually comes out: ask for no more
    # than the budget has left (plus one byte, to know it is passed) in the first read.
    with archive.open(info) as stream:
        size = max(CHUNK, MAX_UNPACKED_BYTES - budget.used + 1)
        while chunk := stream.read(size):
            budget.spend(len(chunk))
            yield chunk
            size = CHUNK


def _inflate(archive, info, budget) -> None:
    for _ in _chunks(archive, info, budget):
        pass


def _sheet_parts(archive: zipfile.ZipFile, infos) -> dict[str, str]:
    """Return {part: sheet name} of an .xlsx, from its workbook part and relationships."""
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    budget = _Budget()  # these two small parts are read again, and counted, with the rest
    rels = _Collect(("Relationship",), ("Id", "Target"))
    ids = _Collect(("sheet",), ("r:id", "name"))
    for part, handler in (("xl/_rels/workbook.xml.rels", rels), ("xl/workbook.xml", ids)):
        feed(_chunks(archive, archive.getinfo(part), budget), handler, part)
    targets = dict(rels.found)
    parts = {}
    for rel_id, sheet in ids.found:
        target = targets.get(rel_id)
        if target:
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            part = posixpath.normpath(path)
            if part in parts:  # a reader would read the part again for each name
                raise Refused(_sheet_part_twice(parts[part], sheet, part))
            parts[part] = sheet
    return parts


def _sheet_part_twice(first: str, second: str, part: str) -> Refusal:
    message = msg.SHEET_PART_TWICE.format(first=first[:40], second=second[:40], part=part[:80])
    return Refusal(pr.SHEET_PART_TWICE, message, second)


def _is_shared_strings(name: str) -> bool:
    """Return True for the shared strings part, named as calamine finds it (in any case)."""
    return name.replace("\\", "/").lstrip("/").lower() == SHARED_STRINGS


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
