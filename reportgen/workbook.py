"""Write the blank submission workbook of one unit for one year, from the catalog."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from reportgen import layout
from reportgen.catalog import Catalog, Commune, Unit

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")

INSTRUCTIONS = (
    "Mẫu báo cáo số liệu phòng, chống mua bán người — {unit}, năm {year}.",
    "",
    '1. Trang "Thông tin": kiểm tra tên đơn vị và năm; ghi người lập và ngày lập.',
    '2. Trang "Chỉ tiêu": nhập số nguyên (≥ 0) vào cột "Giá trị" (ô màu vàng). '
    'Không có thì nhập 0. Không sửa cột "Mã".',
    '3. Trang "Hoạt động": mỗi dòng là một lớp, buổi tuyên truyền; chọn loại hoạt động '
    "trong danh sách, ghi nội dung, đối tượng, số lớp/buổi, số người và xã/phường tổ chức.",
    '4. Trang "Ấn phẩm": mỗi dòng là một ấn phẩm đã phát hành (tên, đơn vị tính, số lượng).',
    '5. Trang "Vụ án": mỗi dòng là một vụ án, vụ việc mua bán người. Không có thì để trống.',
    "",
    "Không đổi tên các trang và các cột. Gửi lại tệp .xlsx cho Ban chỉ đạo 138 tỉnh.",
)


def _commune_range(communes: list[Commune]) -> str:
    """Return the range of the hidden sheet that lists the unit's communes."""
    return f"'{layout.LISTS_SHEET}'!$A$1:$A${len(communes)}"


def _header(ws, headers, widths):
    ws.append(list(headers))
    for i, width in enumerate(widths, 1):
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEAD_FILL, _WRAP
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def blank_workbook(unit: Unit, year: int, catalog: Catalog, communes: tuple[Commune, ...]) -> bytes:
    """Return the bytes of a blank .xlsx for one unit and year."""
    wb = Workbook()
    guide = wb.active
    guide.title = layout.INSTRUCTIONS_SHEET
    guide.column_dimensions["A"].width = 110
    for line in INSTRUCTIONS:
        guide.append([line.format(unit=unit.official_name, year=year)])
        guide.cell(row=guide.max_row, column=1).alignment = _WRAP
    guide["A1"].font = _BOLD

    info = wb.create_sheet(layout.INFO_SHEET)
    _header(info, layout.INFO_HEADERS, (22, 40))
    values = {"unit_name": unit.official_name, "unit_code": unit.code, "year": year}
    for key, label in layout.INFO_FIELDS:
        info.append([label, values.get(key)])
        if key not in values:
            info.cell(row=info.max_row, column=2).fill = _INPUT_FILL

    ind = wb.create_sheet(layout.INDICATOR_SHEET)
    _header(ind, layout.INDICATOR_HEADERS, (30, 80, 14, 14))
    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error="Hãy nhập số nguyên ≥ 0.",
        errorTitle="Số không hợp lệ",
    )
    ind.add_data_validation(whole)
    group = None
    for indicator in catalog.indicators_for(year):
        if indicator.group != group:
            group = indicator.group
            ind.append([None, group])
            ind.cell(row=ind.max_row, column=2).font = _BOLD
        ind.append([indicator.code, indicator.label, indicator.measure, None])
        row = ind.max_row
        ind.cell(row=row, column=2).alignment = _WRAP
        ind.cell(row=row, column=4).fill = _INPUT_FILL
        whole.add(f"D{row}")

    own = [c for c in communes if c.unit_code == unit.code]
    for table in catalog.tables:
        ws = wb.create_sheet(table.sheet)
        _header(
            ws,
            [c.header for c in table.columns],
            [max(14, len(c.header) + 4) if c.type != "text" else 40 for c in table.columns],
        )
        for i, column in enumerate(table.columns, 1):
            letter = get_column_letter(i)
            target = f"{letter}2:{letter}500"
            if column.type == "integer":
                dv = DataValidation(
                    type="whole",
                    operator="greaterThanOrEqual",
                    formula1=str(column.min or 0),
                    allow_blank=True,
                )
            elif column.type == "choice":
                labels = ",".join(c.label for c in catalog.choices(column.choices))
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

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
