"""The "Chỉ tiêu" sheet: one line per indicator code, its count in the value column."""

from dataclasses import dataclass, field

from reportgen import workbook_layout as layout
from reportgen.checks.cells import check_count, merged_number
from reportgen.checks.collector import Collector
from reportgen.checks.rule_table import (
    DUPLICATE_CODE,
    MISSING_COLUMN,
    MISSING_INDICATOR,
    UNKNOWN_CODE,
    VALUE_WITHOUT_CODE,
)
from reportgen.declared.catalog import Catalog
from reportgen.declared.periods import ANNUAL
from reportgen.inputs.cell_text import cell_text, is_blank
from reportgen.inputs.read import RawWorkbook
from reportgen.inputs.sheets import find_header, find_sheet
from reportgen.names import fold


@dataclass
class Indicators:
    """What the indicator sheet holds, by indicator code."""

    sheet: str  # its name in the workbook (its own case, legacy encoding), when found
    values: dict[str, int] = field(default_factory=dict)  # the counts read
    cells: dict[str, str] = field(default_factory=dict)  # "sheet!A1" of each count read
    blank: set[str] = field(default_factory=set)  # the codes whose value was left empty
    refs: dict[str, str] = field(default_factory=dict)  # A1 of each code's value, read or not


def check_indicators(
    raw: RawWorkbook, out: Collector, catalog: Catalog, year: int, period: str = ANNUAL
) -> Indicators:
    """Read the indicator sheet: every indicator of the year and period once, each a count."""
    sheet = find_sheet(raw, layout.INDICATOR_SHEET, out, catalog)
    if sheet is None:
        return Indicators(layout.INDICATOR_SHEET)
    found = Indicators(sheet.name)
    code_h, _label_h, _measure_h, value_h = layout.INDICATOR_HEADERS
    header = find_header(sheet, [code_h, value_h], out)
    absent = [h for h in (code_h, value_h) if header is None or fold(h) not in header[1]]
    if absent:
        out.add(MISSING_COLUMN, sheet.name, columns=", ".join(f'"{h}"' for h in absent))
        return found
    head_row, cols = header
    code_col, value_col = cols[fold(code_h)], cols[fold(value_h)]
    wanted = {ind.code: ind for ind in catalog.indicators_for(year, period)}
    for r in range(head_row + 1, len(sheet.rows)):
        code = cell_text(sheet.value(r, code_col))
        value = sheet.value(r, value_col)
        ref = layout.cell_ref(r, value_col)
        if not code:
            # A row inserted with a figure and no code: the figure belongs to no indicator.
            if not is_blank(value) or sheet.has_hidden_value(r, value_col):
                out.add(VALUE_WITHOUT_CODE, sheet.name, ref, value, row=r + 1)
            continue
        ind = wanted.get(code) or wanted.get(code.lower())
        if ind is None:
            out.add(UNKNOWN_CODE, sheet.name, layout.cell_ref(r, code_col), code)
            continue
        if ind.code in found.refs:
            first = found.refs[ind.code]
            out.add(DUPLICATE_CODE, sheet.name, ref, value, code=ind.code, cell=first)
            continue
        found.refs[ind.code] = ref
        if merged_number(out, sheet, r, value_col):
            continue
        number = check_count(out, sheet, r, value_col, True, ind.min, ind.max)
        if number is not None:
            found.values[ind.code] = number
            found.cells[ind.code] = f"{sheet.name}!{ref}"
        elif is_blank(value) and not sheet.has_hidden_value(r, value_col):
            found.blank.add(ind.code)
    for ind in catalog.indicators_for(year, period):
        if ind.code not in found.refs:
            out.add(MISSING_INDICATOR, sheet.name, code=ind.code, label=ind.label)
    return found
