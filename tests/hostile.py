"""Build hostile workbooks from a real one: zip bombs, billion laughs, far cells, huge files."""

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

SHEET = "xl/worksheets/sheet3.xml"  # the "Chỉ tiêu" sheet of a sample workbook
SHARED_STRINGS = "xl/sharedStrings.xml"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def members(src: Path) -> dict[str, bytes]:
    """Return a workbook's zip members in order."""
    with zipfile.ZipFile(src) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(target: Path, parts: dict[str, bytes]) -> Path:
    """Write parts as a deflated zip."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def with_parts(src: Path, target: Path, **changes: bytes) -> Path:
    """Copy a workbook, replacing or adding parts (keyword names use __ for / and _DOT_)."""
    parts = members(src)
    for key, data in changes.items():
        parts[key.replace("__", "/").replace("_DOT_", ".")] = data
    return write_zip(target, parts)


def sheet_xml(rows: str, prolog: str = "") -> bytes:
    """Return a worksheet part holding the given <row> elements."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{_MAIN}">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def billion_laughs(src: Path, target: Path) -> Path:
    """A workbook whose indicator sheet defines ten levels of entities: 10^9 "lol"s."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return with_parts(
        src, target, xl__worksheets__sheet3_DOT_xml=sheet_xml(rows, f"<!DOCTYPE w [{entities}]>")
    )


def far_cell(src: Path, target: Path, ref: str = "XFD1048576") -> Path:
    """A workbook with one value in a far corner: readers fill every cell up to it."""
    row = "".join(c for c in ref if c.isdigit())
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
    text = members(src)[SHEET].decode().replace("</sheetData>", cell + "</sheetData>")
    return with_parts(src, target, xl__worksheets__sheet3_DOT_xml=text.encode())


def dense_cells(src: Path, target: Path, rows: int, cols: int) -> Path:
    """A workbook whose indicator sheet is a dense block of numbers (no cell references)."""
    row = "<row>" + "<c><v>1</v></c>" * cols + "</row>"
    return with_parts(src, target, xl__worksheets__sheet3_DOT_xml=sheet_xml(row * rows))


def many_members(src: Path, target: Path, count: int) -> Path:
    """A workbook padded with thousands of empty zip members."""
    parts = members(src)
    parts.update({f"xl/pad/{i}.bin": b"" for i in range(count)})
    return write_zip(target, parts)


def oversized(src: Path, target: Path, size: int) -> Path:
    """A workbook carrying an incompressible picture that makes the file `size` bytes."""
    parts = members(src)
    parts["xl/media/image1.png"] = os.urandom(size)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            kind = zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
    return target


def zip_bomb(src: Path, target: Path, mebibytes: int = 1024, declared: int | None = None) -> Path:
    """A 1 MB workbook whose shared strings inflate to `mebibytes` MiB, with a correct CRC.

    `declared` makes the zip directory lie about the inflated size.

    Deflating a gibibyte takes seconds, so one block of "A"s is deflated once, ended with a
    full flush (which resets the compressor), and repeated: each copy inflates the same.
    """
    head = (f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>').encode()
    tail = b"</t></si></sst>"
    block = b"A" * (1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
    middle = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.compress(tail) + deflate.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(mebibytes):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(block) * mebibytes + len(tail)
    bomb = (SHARED_STRINGS, start + middle * mebibytes + end, crc, declared or size)
    parts = [
        (name, zlib.compress(data, 9, wbits=-15), zlib.crc32(data), len(data))
        for name, data in members(src).items()
    ]
    target.write_bytes(_raw_zip([*parts, bomb]))
    return target


def _raw_zip(parts: list[tuple[str, bytes, int, int]]) -> bytes:
    """Write deflated members (name, raw deflate data, crc, inflated size) as a zip."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, data, crc, size in parts:
        encoded = name.encode()
        offset = out.tell()
        fields = (20, 0, 8, 0, 0, crc, len(data), size, len(encoded))
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + encoded + data)
        directory.write(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset) + encoded
        )
    start, listing = out.tell(), directory.getvalue()
    out.write(listing)
    count = len(parts)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(listing), start, 0))
    return out.getvalue()


def ods(target: Path, tables: str) -> Path:
    """Write a minimal OpenDocument spreadsheet with the given <table:table> elements."""
    ns = "urn:oasis:names:tc:opendocument:xmlns"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        f'xmlns:office="{ns}:office:1.0" xmlns:table="{ns}:table:1.0" '
        f'xmlns:text="{ns}:text:1.0" office:version="1.2"><office:body><office:spreadsheet>'
        f"{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        f'xmlns:manifest="{ns}:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return target


def ods_block(rows: int, cols: int) -> str:
    """Return an .ods table of one value repeated over rows x cols cells (a few hundred bytes)."""
    return (
        f'<table:table table:name="Chỉ tiêu"><table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell office:value-type="float" office:value="1" '
        f'table:number-columns-repeated="{cols}"><text:p>1</text:p></table:table-cell>'
        "</table:table-row></table:table>"
    )


def to_xls(src: Path, target: Path) -> Path:
    """Write the values of a workbook's sheets into a legacy .xls (BIFF8) with xlwt."""
    import python_calamine
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    source = python_calamine.CalamineWorkbook.from_path(str(src))
    for name in source.sheet_names:
        sheet = book.add_sheet(name)
        for r, row in enumerate(source.get_sheet_by_name(name).to_python(skip_empty_area=False)):
            for c, value in enumerate(row):
                if value != "":
                    sheet.write(r, c, value)
    book.save(str(target))
    return target


def xls_far_cell(target: Path, row: int = 65_535, col: int = 255) -> Path:
    """A 6 kB .xls with a value at A1 and one in its far corner (IV65536)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Chỉ tiêu")
    sheet.write(0, 0, "Mã")
    sheet.write(row, col, 1)
    book.save(str(target))
    return target


def _append_rows(src: Path, rows: str) -> bytes:
    """Return the indicator sheet of src with the given <row> elements added at its end."""
    return members(src)[SHEET].decode().replace("</sheetData>", rows + "</sheetData>").encode()


def cell_off_its_row(src: Path, target: Path, row: int = 3, ref: str = "A99999999999") -> Path:
    """A workbook with a cell whose reference names another row than the <row> it sits in.

    The row number is taken from the reference, so one value asks a reader for a grid down to
    row 99,999,999,999; the cell is added to an existing row (row 3 holds the first indicator).
    """
    text = members(src)[SHEET].decode()
    start = text.index(f'<row r="{row}"')
    end = text.index("</row>", start)
    cell = f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c>'
    text = text[:end] + cell + text[end:]
    return with_parts(src, target, xl__worksheets__sheet3_DOT_xml=text.encode())


def giant_shared_string(src: Path, target: Path, mebibytes: int = 16, cells: int = 1000) -> Path:
    """A workbook with one `mebibytes` MiB shared string, used by `cells` cells of column F.

    It deflates to a few tens of kB: each cell is a few bytes, the string is stored once.
    """
    text = "A" * (mebibytes * 1024 * 1024)
    sst = f'<sst xmlns="{_MAIN}" count="{cells}" uniqueCount="1"><si><t>{text}</t></si></sst>'
    rows = "".join(
        f'<row r="{r}"><c r="F{r}" t="s"><v>0</v></c></row>' for r in range(20, 20 + cells)
    )
    parts = members(src)
    parts[SHEET] = _append_rows(src, rows)
    parts[SHARED_STRINGS] = sst.encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rel = (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml" Id="rIdStrings"/>'
    )
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", rel + "</Relationships>"
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    override = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    return write_zip(target, parts)


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def aliased_sheets(src: Path, target: Path, count: int = 3000, same_rel: bool = True) -> Path:
    """A workbook listing `count` more sheets, all of them the part of its largest sheet.

    With same_rel each new <sheet> names the relationship of that sheet (rId4); otherwise each
    has a relationship of its own, all with the same target.
    """
    parts = members(src)
    sheets, rels = [], []
    for i in range(count):
        rel = "rId4" if same_rel else f"rIdAlias{i}"
        sheets.append(
            f'<sheet xmlns:r="{_REL}" name="Bản sao {i}" sheetId="{100 + i}" r:id="{rel}"/>'
        )
        if not same_rel:
            rels.append(
                f'<Relationship Type="{_REL}/worksheet" Target="/xl/worksheets/sheet4.xml" '
                f'Id="{rel}"/>'
            )
    book = parts["xl/workbook.xml"].decode()
    parts["xl/workbook.xml"] = book.replace("</sheets>", "".join(sheets) + "</sheets>").encode()
    listing = parts["xl/_rels/workbook.xml.rels"].decode()
    listing = listing.replace("</Relationships>", "".join(rels) + "</Relationships>")
    parts["xl/_rels/workbook.xml.rels"] = listing.encode()
    return write_zip(target, parts)
