"""Write the blank submission workbook of one unit for one year, from the catalog."""

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from reportgen import layout
from reportgen.catalog import Catalog, Commune, Unit
from reportgen.periods import ANNUAL, Period
from reportgen.write import pin_zip

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)
TABLE_ROWS = 500  # rows of a row sheet open for input, with their dropdowns

INSTRUCTIONS = (
    "Mẫu báo cáo số liệu phòng, chống mua bán người — {unit}, {period}.",
    "",
    '1. Trang "Thông tin": kiểm tra tên đơn vị và năm; ghi người lập và ngày lập.',
    '2. Trang "Chỉ tiêu": nhập số nguyên (≥ 0) vào cột "Giá trị" (ô màu vàng). '
    'Không có thì nhập 0. Không sửa cột "Mã".',
    '3. Trang "Hoạt động": mỗi dòng là một lớp, buổi tuyên truyền; chọn loại hoạt động '
    "trong danh sách, ghi nội dung, đối tượng, số lớp/buổi, số người{where}.",
    '4. Trang "Ấn phẩm": mỗi dòng là một ấn phẩm đã phát hành (tên, đơn vị tính, số lượng).',
    '5. Trang "Vụ án": mỗi dòng là một vụ án, vụ việc mua bán người. Không có thì để trống.',
    "",
    "Chỉ nhập vào các ô màu vàng và các dòng của trang Hoạt động, Ấn phẩm, Vụ án; "
    "các ô khác được khóa để không bị sửa nhầm.",
    "Gõ chữ có dấu bằng bảng mã Unicode (Unikey: bảng mã Unicode), không dùng phông "
    ".VnTime hay VNI-Times.",
    "Không đổi tên các trang và các cột. Gửi lại tệp .xlsx cho Ban chỉ đạo 138 tỉnh.",
)


def _commune_range(communes: list[Commune]) -> str:
    """Return the range of the hidden sheet that lists the unit's communes."""
    return f"'{layout.LISTS_SHEET}'!$A$1:$A${len(communes)}"


def _fit(texts, low: int = 10, high: int = 80) -> int:
    """Return a column width that shows the longest text, within bounds (long ones wrap)."""
    longest = max((len(str(t)) for t in texts if t is not None), default=0)
    return max(low, min(high, longest + 2))


def header_row(ws, headers, widths) -> None:
    """Write a bold, shaded, wrapped first row with column widths, and freeze it."""
    ws.append(list(headers))
    for i, width in enumerate(widths, 1):
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEAD_FILL, _WRAP
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


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
    guide.column_dimensions["A"].width = 110
    # A commune-level unit is itself the place of its rows: no commune column to fill.
    where = "" if unit.is_commune else " và xã/phường tổ chức"
    for line in INSTRUCTIONS:
        guide.append([line.format(unit=unit.official_name, period=period_name, where=where)])
        guide.cell(row=guide.max_row, column=1).alignment = _WRAP
    guide["A1"].font = _BOLD

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
        whole = DataValidation(
            type="whole",
            operator="between",
            formula1=str(indicator.min),
            formula2=str(indicator.max),
            allow_blank=True,
            showErrorMessage=True,
            error=f"Hãy nhập số nguyên từ {indicator.min} đến {indicator.max}.",
            errorTitle="Số không hợp lệ",
        )
        ind.add_data_validation(whole)
        whole.add(f"D{row}")
    _protect(ind)

    own = [c for c in communes if c.unit_code == unit.code]
    for table in catalog.tables:
        ws = wb.create_sheet(table.sheet)
        columns = [c for c in table.columns if not (unit.is_commune and c.type == "commune")]
        header_row(
            ws,
            [c.header for c in columns],
            [_fit([c.header], 14 if c.type != "text" else 40) for c in columns],
        )
        for row in ws.iter_rows(min_row=2, max_row=TABLE_ROWS, max_col=len(columns)):
            for cell in row:
                cell.protection = _UNLOCKED
        _protect(ws)
        for i, column in enumerate(columns, 1):
            letter = get_column_letter(i)
            target = f"{letter}2:{letter}{TABLE_ROWS}"
            if column.type == "integer":
                dv = DataValidation(
                    type="whole",
                    operator="between",
                    formula1=str(column.min or 0),
                    formula2=str(column.max),
                    allow_blank=True,
                )
            elif column.type == "choice":
                # A quote would end the list literal and make the rest a formula; the check
                # matches a choice ignoring punctuation, so the label without it still counts.
                labels = ",".join(c.label.replace('"', "") for c in catalog.choices(column.choices))
                dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
            elif column.type == "commune" and own:
                dv = DataValidation(
                    type="list",
                    formula1=_commune_range(own),
                    allow_blank=True,
                    showErrorMessage=False,
                )
            else:
                continue
            ws.add_data_validation(dv)
            dv.add(target)

    if own:  # last, hidden: the source of the commune dropdowns
        lists = wb.create_sheet(layout.LISTS_SHEET)
        lists.sheet_state = "hidden"
        for commune in own:
            lists.append([commune.name])
        _protect(lists)

    day = dt.date(year, 1, 1)  # not the clock: the same catalog gives the same blank bytes
    wb.properties.created = dt.datetime.combine(day, dt.time())
    return xlsx_bytes(wb, day)
