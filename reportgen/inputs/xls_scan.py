"""Count the cells of a legacy .xls workbook (BIFF records in an OLE file) against the ceilings.

An .xls has no compression, but the far-cell trick works the same (6 kB for a gigabyte in
calamine): its cell records are walked for their positions, and its declared sizes checked.
"""

import struct

import olefile

from reportgen.inputs.xml_scan import CellCount, SheetHandler, check_declared

# BIFF5/BIFF8 records that hold one cell (row and column first), and the two that hold a run
# of cells in one row (row, first column, ..., last column).
_BIFF_CELLS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}
_BIFF_RUNS = {0x00BD, 0x00BE}
_BIFF_BOF, _BIFF_SHEET, _BIFF_DIMENSIONS, _BIFF_SST = 0x0809, 0x0085, 0x0200, 0x00FC


def check_xls(source: str | bytes) -> None:
    """Walk the records of an .xls (a path, or the file's bytes); raise Refused at a ceiling."""
    with olefile.OleFileIO(source) as ole:  # a path, or the file's bytes
        stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
        if stream is None:
            return  # no workbook inside: the reader refuses the file
        data = ole.openstream(stream).read()  # no larger than the file
    names: dict[int, str] = {}  # offset of a sheet's first record -> sheet name
    count = CellCount({})
    sheet = SheetHandler(count, "")
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
            check_declared(struct.unpack_from("<i", body, 4)[0], f"{stream} (SST)")
        elif kind in _BIFF_CELLS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            sheet.extend(row + 1, col + 1)
        elif kind in _BIFF_RUNS and len(body) >= 6:
            row = struct.unpack_from("<H", body)[0]
            sheet.extend(row + 1, struct.unpack_from("<H", body, len(body) - 2)[0] + 1)
        pos += 4 + length


def _check_dimensions(sheet: "SheetHandler", body: bytes) -> None:
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
