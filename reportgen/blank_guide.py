"""Write what guides the clerk in a blank workbook, from the catalog: the "Hướng dẫn" sheet
and, above the header of each row sheet, what one row is and what may stay empty.

A column added to the catalog (a choice list, an optional column) is named here with no code.
"""

import math

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reportgen import messages as msg
from reportgen.declared.catalog import Catalog, Column, Table

# Column A of the "Hướng dẫn" sheet, in characters: an A4 portrait page at 100 %, since
# LibreOffice does not shrink a sheet to the page width asked for.
GUIDE_WIDTH = 80
# The characters of plain text a line of it holds: about 100 in Excel's Calibri and in the
# DejaVu Sans LibreOffice shows instead; counted lower, a long line gets room to spare.
_GUIDE_LINE = 92
_WRAP = Alignment(wrap_text=True, vertical="top")
_TITLE_FONT = Font(bold=True)
# Row 1 of a row sheet: what one row is, the columns that may stay empty, what to do with
# nothing to report (red: the mistake to avoid is a sheet filled with zeros or "không có").
_NOTE_FONT = Font(bold=True, italic=True, color="C00000")
_DOC_RUN = InlineFont(b=True)
_OPTIONAL_RUN = InlineFont(i=True)
_NOTE_RUN = InlineFont(b=True, i=True, color="C00000")


def row_height(text: str, per_line: float) -> float:
    """Return the height in points of a wrapped text, per_line characters to a line.

    Neither LibreOffice (on opening a file) nor Excel (for merged cells) fits a row's height
    to wrapped text: a row left at one line prints its lines over the next rows.
    """
    lines = sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))
    return 15 * lines + 3


def write_guide(ws, unit_name: str, period: str, tables, catalog: Catalog, own) -> None:
    """Write the "Hướng dẫn" sheet: its head, an item per row sheet of the year, its tail.

    tables are (table, the columns its blank has) of the year; own the unit's communes.
    """
    ws.column_dimensions["A"].width = GUIDE_WIDTH
    lines = [line.format(unit=unit_name, period=period) for line in msg.GUIDE_HEAD]
    for number, (table, columns) in enumerate(tables, 3):  # after the head's steps 1 and 2
        lines += _sheet_item(number, table, columns, catalog, own)
    for line in (*lines, *msg.GUIDE_TAIL):
        ws.append([line])
        ws.cell(row=ws.max_row, column=1).alignment = _WRAP
        if len(line) > _GUIDE_LINE:
            ws.row_dimensions[ws.max_row].height = row_height(line, _GUIDE_LINE)
    ws["A1"].font = _TITLE_FONT


def write_sheet_top(ws, table: Table, columns: list[Column], width: int) -> None:
    """Write row 1 of a row sheet, above its header (visible, printed on every page): what one
    row is, the columns that may stay empty, what to do with nothing to report.

    width is the sheet's width in characters; the merged row is made as tall as its lines.
    """
    parts = [(table.doc, _DOC_RUN), (_optional(columns), _OPTIONAL_RUN)]
    parts = [(text, font) for text, font in (*parts, (table.note, _NOTE_RUN)) if text]
    ws.append([None])
    ws.merge_cells(f"A1:{get_column_letter(len(columns))}1")
    ws["A1"].font, ws["A1"].alignment = _NOTE_FONT, Alignment(wrap_text=True, vertical="center")
    if parts:
        blocks = [TextBlock(font, text + "\n") for text, font in parts]  # one part a line
        blocks[-1].text = blocks[-1].text[:-1]
        ws["A1"] = CellRichText(blocks)
        text = "\n".join(text for text, _ in parts)
        ws.row_dimensions[1].height = row_height(text, width * 0.9)  # bold: wider


def _optional(columns: list[Column]) -> str:
    """Return the sentence naming the columns that may be left empty ("" when none)."""
    names = [f'"{c.header}"' for c in columns if not c.required]
    text = msg.OPTIONAL_COLUMN if len(names) == 1 else msg.OPTIONAL_COLUMNS
    return text.format(columns=", ".join(names)) if names else ""


def _sheet_item(number: int, table: Table, columns: list[Column], catalog: Catalog, own):
    """Return the guide's lines about one row sheet: what a row is, the columns chosen from a
    list (with their choices), the other columns that may stay empty, its note."""
    head = msg.GUIDE_SHEET.format(number=number, sheet=table.sheet)
    items, typed = [], []
    for column in columns:
        empty = "" if column.required else msg.GUIDE_MAY_BE_EMPTY
        if column.type == "choice":
            labels = ", ".join(f'"{c.label}"' for c in catalog.choices(column.choices))
            items.append(msg.GUIDE_CHOICE.format(header=column.header, choices=labels, empty=empty))
        elif column.type == "commune" and own:  # no list of its communes: typed, like text
            items.append(msg.GUIDE_COMMUNE.format(header=column.header, empty=empty))
        else:
            typed.append(column)
    items += [_optional(typed), table.note]
    items = [msg.GUIDE_ITEM.format(text=t) for t in items if t]
    return [f"{head} {table.doc}" if table.doc else head, *items]
