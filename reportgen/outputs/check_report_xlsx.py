"""The check report's workbooks: kiem-tra-<year>.xlsx and each unit's feedback workbook.

They take the rows as plain cells (check_report.py builds them) and return bytes; the same
rows give the same bytes, whatever the clock says.
"""

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reportgen import messages as msg
from reportgen.blank_workbook import header_row, xlsx_bytes
from reportgen.problems import ERROR

_ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


def check_workbook_bytes(problems: list[list], status: list[list], day: dt.date | None) -> bytes:
    """Return kiem-tra-<year>.xlsx: the problems, then the completeness table.

    day: the report's date (the settings'), stamped as the workbook's time; None: 2000-01-01.
    """
    wb = Workbook()
    sheet = wb.active
    sheet.title = msg.SHEET_PROBLEMS
    widths = (10, 24, 28, 14, 7, 22, 26, 80, 18)
    _sheet(sheet, msg.PROBLEM_HEADERS, problems, widths, error_column=0)
    sheet = wb.create_sheet(msg.SHEET_COMPLETENESS)
    _sheet(sheet, msg.COMPLETENESS_HEADERS, status, (7, 24, 20, 30, 20, 12, 7, 9, 60))
    return _pinned_bytes(wb, day)


def feedback_workbook_bytes(title: str, intro: str, rows: list[list], day: dt.date | None) -> bytes:
    """Return one unit's feedback workbook: a title, what to do, one row per problem."""
    wb = Workbook()
    ws = wb.active
    ws.title = msg.FEEDBACK_SHEET
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([intro])
    ws.append([])
    ws.append(list(msg.FEEDBACK_HEADERS))
    for column, width in enumerate((10, 28, 14, 7, 22, 80, 26, 18), 1):
        cell = ws.cell(row=4, column=column)
        cell.font, cell.fill, cell.alignment = Font(bold=True), _HEAD_FILL, _WRAP
        ws.column_dimensions[get_column_letter(column)].width = width
    _append_rows(ws, rows, 5, error_column=0)
    ws.freeze_panes = "A5"
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return _pinned_bytes(wb, day)


def _sheet(ws, headers, rows, widths, error_column=None):
    header_row(ws, headers, widths)
    _append_rows(ws, rows, 2, error_column)
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"


def _append_rows(ws, rows: list[list], first: int, error_column: int | None) -> None:
    """Append the rows wrapped, an error's severity cell shaded; `first` is the first's row."""
    # Rows are counted here: openpyxl's ws.max_row and ws[row] walk every cell (quadratic).
    for row, values in enumerate(rows, first):
        ws.append(values)
        for column in range(1, len(values) + 1):
            ws.cell(row=row, column=column).alignment = _WRAP
        if error_column is not None and values[error_column] == ERROR:
            ws.cell(row=row, column=error_column + 1).fill = _ERROR_FILL


def _pinned_bytes(wb, day: dt.date | None) -> bytes:
    # Same inputs, same bytes: pin what openpyxl would take from the clock.
    day = day or dt.date(2000, 1, 1)
    wb.properties.created = wb.properties.modified = dt.datetime.combine(day, dt.time())
    return xlsx_bytes(wb, day)  # text from the inputs stays text, never a live formula
