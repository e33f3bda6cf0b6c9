"""Write the blank submission workbook of one unit for one year, from the catalog."""

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from reportgen import messages as msg
from reportgen import workbook_layout as layout
from reportgen.blank_guide import write_guide, write_sheet_top
from reportgen.declared.catalog import Catalog, Column
from reportgen.declared.periods import ANNUAL, Period
from reportgen.declared.units import Commune, Unit
from reportgen.outputs.write import pin_zip
from reportgen.vietnamese import number as format_number

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)
_EXAMPLE_FILL = PatternFill("solid", fgColor="D9D9D9")
_EXAMPLE_FONT = Font(italic=True, color="595959")
TABLE_ROWS = 500  # rows of a row sheet open for input (the example row among them)
# Excel refuses a validation whose title is over 32 characters or whose text is over 255.
_DV_TITLE_CHARS, _DV_TEXT_CHARS = 32, 255
# A custom document property naming the year and unit a blank was written for ("2026/11953"):
# tells any tool that the file came from `reportgen template`. Whether it is still blank is
# decided from its content (checks/one_workbook.py), since the mark stays when it is filled.
BLANK_MARK = "reportgen-mau-trong"


def _commune_range(communes: list[Commune]) -> str:
    """Return the range of the hidden sheet that lists the unit's communes."""
    return f"'{layout.LISTS_SHEET}'!$A$1:$A${len(communes)}"


def _fit(texts, low: int = 10, high: int = 80) -> int:
    """Return a column width that shows the longest text, within bounds (long ones wrap)."""
    longest = max((len(str(t)) for t in texts if t is not None), default=0)
    return max(low, min(high, longest + 2))


def header_row(ws, headers, widths) -> None:
    """Write a bold, shaded, wrapped header row (the next row) with column widths; freeze it."""
    ws.append(list(headers))
    row = ws.max_row
    for i, width in enumerate(widths, 1):
        cell = ws.cell(row=row, column=i)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEAD_FILL, _WRAP
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{row + 1}"


def _print_layout(ws, unit: Unit, period: str, title_rows: int, landscape: bool = False) -> None:
    """Make a sheet print on A4, as wide as one page, its titles on every page.

    The page header names the unit and period ("năm 2026", "6 tháng đầu năm 2026"): a
    printed, signed page stays tied to its workbook. "&" starts a code in Excel's header
    text, so a name's own "&" is doubled.
    """
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"1:{title_rows}"
    header = msg.PRINT_HEADER.format(unit=unit.official_name.replace("&", "&&"), period=period)
    ws.oddHeader.center.text = header
    ws.oddFooter.center.text = msg.PRINT_FOOTER


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _validation(kind: str, error: str, prompt: str, **kw) -> DataValidation:
    """Return a validation that stops a wrong entry with a Vietnamese message and prompts.

    Without showErrorMessage Excel and LibreOffice accept anything; without an error text
    Excel shows its own message, in the language of its menus.
    """
    title = {"whole": msg.DV_WHOLE_TITLE, "list": msg.DV_LIST_TITLE}[kind]
    prompt_title = {"whole": msg.DV_WHOLE_PROMPT_TITLE, "list": msg.DV_LIST_PROMPT_TITLE}[kind]
    return DataValidation(
        type=kind,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=_short(title, _DV_TITLE_CHARS),
        error=_short(error, _DV_TEXT_CHARS),
        showInputMessage=True,
        promptTitle=_short(prompt_title, _DV_TITLE_CHARS),
        prompt=_short(prompt, _DV_TEXT_CHARS),
        **kw,
    )


def _whole(what: str, low: int, high: int, error: str, prompt: str) -> DataValidation:
    bounds = {"low": format_number(low), "high": format_number(high)}  # "1.000.000"
    return _validation(
        "whole",
        error.format(**bounds),
        prompt.format(what=what, **bounds),
        operator="between",
        formula1=str(low),
        formula2=str(high),
    )


def _column_validation(column: Column, catalog: Catalog, own) -> DataValidation | None:
    """Return the validation of a row sheet's column, None for free text."""
    if column.type == "integer":
        low = column.min or 0
        return _whole(column.header, low, column.max, msg.DV_WHOLE_ERROR, msg.DV_WHOLE_PROMPT)
    if column.type == "choice":
        # A quote would end the list literal and make the rest a formula; the check
        # matches a choice ignoring punctuation, so the label without it still counts.
        labels = [c.label.replace('"', "") for c in catalog.choices(column.choices)]
        error = msg.DV_LIST_ERROR.format(choices=", ".join(labels))
        if len(error) > _DV_TEXT_CHARS:
            error = msg.DV_LIST_ERROR_SHORT
        prompt = msg.DV_LIST_PROMPT.format(what=column.header)
        return _validation("list", error, prompt, formula1=f'"{",".join(labels)}"')
    if column.type == "commune" and own:
        return _validation(
            "list",
            msg.DV_COMMUNE_ERROR,
            msg.DV_COMMUNE_PROMPT.format(what=column.header),
            formula1=_commune_range(own),
        )
    return None


def _example_row(ws, columns: list[Column], row: int) -> None:
    """Write the greyed example row: its first cell starts with "Ví dụ:", the check skips it
    while it reads the catalog's example values (checks/row_sheets.py)."""
    for i, column in enumerate(columns, 1):
        value = column.example
        if i == 1:
            value = msg.EXAMPLE_PREFIX + ("" if value is None else str(value))
        cell = ws.cell(row=row, column=i, value=value)
        cell.fill, cell.font = _EXAMPLE_FILL, _EXAMPLE_FONT


def xlsx_bytes(wb, day: dt.date) -> bytes:
    """Return the workbook's bytes, every text stored as text, the zip's clock pinned to day.

    openpyxl stores any text that starts with "=" as a live formula: a unit's name, a file
    name or a clerk's cell reading =HYPERLINK(…) or =WEBSERVICE(…) would run in Excel on the
    desk of whoever opens the file. Stored as text (t="inlineStr"), it shows as typed; so does
    text starting with + - @, which Excel only reads as a formula when typed in.
    """
    for ws in wb.worksheets:
        # _cells: every cell written, without creating the empty ones iter_rows() would add.
        for cell in ws._cells.values():
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    wb.save(buffer)
    return pin_zip(buffer.getvalue(), day)


def _protect(ws) -> None:
    """Lock every cell but the unlocked inputs; no password, so the province can lift it."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column stays allowed
    ws.protection.formatRows = False


def blank_workbook(
    unit: Unit,
    year: int,
    catalog: Catalog,
    communes: tuple[Commune, ...],
    period: Period | None = None,
) -> bytes:
    """Return the bytes of a blank .xlsx for one unit and year (and period: None, the year)."""
    annual = period is None or period.annual
    period_name = f"năm {year}" if period is None else period.name
    wb = Workbook()
    guide = wb.active
    guide.title = layout.INSTRUCTIONS_SHEET
    own = [c for c in communes if c.unit_code == unit.code]
    # A commune-level unit is itself the place of its rows: no commune column to fill.
    tables = [
        (t, [c for c in t.columns if not (unit.is_commune and c.type == "commune")])
        for t in catalog.tables_for(year)  # a column added later: from its first year
    ]
    write_guide(guide, unit.official_name, period_name, tables, catalog, own)
    _print_layout(guide, unit, period_name, 1)
    _protect(guide)

    info = wb.create_sheet(layout.INFO_SHEET)
    values = {"unit_name": unit.official_name, "unit_code": unit.code, "year": year}
    fields = list(layout.INFO_FIELDS)
    if not annual:  # said after the year; a yearly workbook has no such row
        fields.insert(3, layout.PERIOD_FIELD)
        values["period"] = period.name
    labels = [label for _, label in fields]
    header_row(info, layout.INFO_HEADERS, (_fit(labels), _fit(values.values(), 40)))
    for key, label in fields:
        info.append([label, values.get(key)])
        if key not in values:
            cell = info.cell(row=info.max_row, column=2)
            cell.fill, cell.protection = _INPUT_FILL, _UNLOCKED
    _print_layout(info, unit, period_name, 1)
    info.print_area = f"A1:B{info.max_row}"
    _protect(info)

    ind = wb.create_sheet(layout.INDICATOR_SHEET)
    indicators = catalog.indicators_for(year, ANNUAL if period is None else period.code)
    code_h, label_h, measure_h, value_h = layout.INDICATOR_HEADERS
    widths = (
        _fit([code_h, *(i.code for i in indicators)]),
        _fit([label_h, *(i.label for i in indicators)]),
        _fit([measure_h, *(i.measure for i in indicators)]),
        _fit([value_h], 12),
    )
    header_row(ind, layout.INDICATOR_HEADERS, widths)
    group = None
    for indicator in indicators:
        if indicator.group != group:
            group = indicator.group
            ind.append([None, group])
            ind.cell(row=ind.max_row, column=2).font = _BOLD
        ind.append([indicator.code, indicator.label, indicator.measure, None])
        row = ind.max_row
        ind.cell(row=row, column=2).alignment = _WRAP
        cell = ind.cell(row=row, column=4)
        cell.fill, cell.protection = _INPUT_FILL, _UNLOCKED
        whole = _whole(
            indicator.label,
            indicator.min,
            indicator.max,
            msg.DV_INDICATOR_ERROR,
            msg.DV_INDICATOR_PROMPT,
        )
        ind.add_data_validation(whole)
        whole.add(f"D{row}")
    # The signature block a printed, stamped copy needs; never in column D, where the check
    # reads a value on a row with no code as a misplaced figure.
    ind.append([])
    ind.append([None, msg.SIGNATURE_PREPARER, msg.SIGNATURE_HEAD])
    sign = ind.max_row
    ind.merge_cells(start_row=sign, start_column=3, end_row=sign, end_column=4)
    for col in (2, 3):
        cell = ind.cell(row=sign, column=col)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="top")
    ind.row_dimensions[sign].height = 90  # room to sign and stamp
    _print_layout(ind, unit, period_name, 1)
    ind.print_area = f"A1:D{sign}"
    _protect(ind)

    for table, columns in tables:
        ws = wb.create_sheet(table.sheet)
        widths = [_fit([c.header], 14 if c.type != "text" else 40) for c in columns]
        write_sheet_top(ws, table, columns, sum(widths))
        header_row(ws, [c.header for c in columns], widths)
        first, end = 3, 2 + TABLE_ROWS  # the example row, then the clerk's rows
        _example_row(ws, columns, first)
        for row in ws.iter_rows(min_row=first, max_row=end, max_col=len(columns)):
            for cell in row:
                cell.protection = _UNLOCKED
        _print_layout(ws, unit, period_name, 2, landscape=True)
        _protect(ws)
        for i, column in enumerate(columns, 1):
            dv = _column_validation(column, catalog, own)
            if dv is None:
                continue
            letter = get_column_letter(i)
            ws.add_data_validation(dv)
            dv.add(f"{letter}{first}:{letter}{end}")  # the example row too: typed over, it checks

    if own:  # last, hidden: the source of the commune dropdowns
        lists = wb.create_sheet(layout.LISTS_SHEET)
        lists.sheet_state = "hidden"
        for commune in own:
            lists.append([commune.name])
        _print_layout(lists, unit, period_name, 1)
        _protect(lists)

    wb.custom_doc_props.append(StringProperty(name=BLANK_MARK, value=f"{year}/{unit.code}"))
    day = dt.date(year, 1, 1)  # not the clock: the same catalog gives the same blank bytes
    wb.properties.created = dt.datetime.combine(day, dt.time())
    return xlsx_bytes(wb, day)
