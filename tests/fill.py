"""Fill a blank submission workbook the way a clerk would (openpyxl), for tests and sample data."""

import io

from openpyxl import load_workbook

from reportgen import workbook_layout as layout


def fill_workbook(
    blank: bytes,
    indicators: dict[str, object],
    rows: dict[str, list[list]] | None = None,
    preparer: str = "",
    prepared_on: str = "",
) -> bytes:
    """Return the blank workbook with values typed in; rows are lists in column order."""
    wb = load_workbook(io.BytesIO(blank))
    info = wb[layout.INFO_SHEET]
    for row in info.iter_rows(min_row=2):
        if row[0].value == "Người lập":
            row[1].value = preparer or None
        elif row[0].value == "Ngày lập":
            row[1].value = prepared_on or None
    sheet = wb[layout.INDICATOR_SHEET]
    for row in sheet.iter_rows(min_row=2):
        code = row[0].value
        if code in indicators:
            row[3].value = indicators[code]
    for sheet_name, table_rows in (rows or {}).items():
        ws = wb[sheet_name]
        # The first empty row under the header, as a clerk would type; not ws.append, which
        # lands below the 500 pre-formatted (unlocked, validated) input rows.
        row = next(r for r in range(2, ws.max_row + 2) if all(c.value is None for c in ws[r]))
        for offset, values in enumerate(table_rows):
            for col, value in enumerate(values, 1):
                ws.cell(row=row + offset, column=col, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
