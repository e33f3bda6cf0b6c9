"""The row sheets ("Hoạt động", "Ấn phẩm", "Vụ việc"): one row per activity, title or case.

Below the header row, each typed row is checked cell by cell against its catalog column, then
by the table's [[rules]]. The blank's example row and a clerk's total row are no data.
"""

import re

from reportgen import messages as msg
from reportgen import workbook_layout as layout
from reportgen.checks.cells import check_value, merged_number
from reportgen.checks.collector import Collector
from reportgen.checks.records import Row, unit_place
from reportgen.checks.rule_table import EXAMPLE_EDITED, MISSING_COLUMN, TOTAL_FORMULA, TOTAL_ROW
from reportgen.declared.catalog import Catalog, Table
from reportgen.declared.units import Unit
from reportgen.inputs.cell_text import cell_text, is_blank, shorten
from reportgen.inputs.read import RawWorkbook
from reportgen.inputs.sheets import Sheet, find_header, find_sheet
from reportgen.names import fold

# What a clerk writes in a total row, folded ("Tổng cộng:", "TỔNG SỐ", "T.C").
_TOTAL_WORDS = frozenset({"tong", "tong cong", "tong so", "cong", "tc", "t.c", "t.c."})
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


def check_table(
    raw: RawWorkbook, out: Collector, table: Table, catalog: Catalog, communes, unit: Unit | None
) -> list[Row]:
    """Return the rows of one row sheet that are data, each checked; [] when it cannot be read.

    communes is Registry.commune_index of the year; unit the workbook's, when known.
    """
    sheet = find_sheet(raw, table.sheet, out, catalog)
    if sheet is None:
        return []
    header = find_header(sheet, [c.header for c in table.columns], out)
    cols = header[1] if header else {}
    missing = [c for c in table.columns if fold(c.header) not in cols]
    if header is None or any(c.required for c in missing):
        # The columns it must have: an optional one (a commune-level unit has no commune column)
        # named here would send the clerk to add it.
        needed = [c for c in missing if c.required] or missing
        out.add(MISSING_COLUMN, sheet.name, columns=", ".join(f'"{c.header}"' for c in needed))
        return []
    head_row = header[0]
    present = [c for c in table.columns if c not in missing]
    rules = [rule for rule in catalog.rules if rule.table == table.key]
    where = {c.key: cols[fold(c.header)] for c in present}  # column of each key
    first = min(where.values())
    result = []
    for r in range(head_row + 1, len(sheet.rows)):
        # A row is empty when nothing is typed in it: merged ranges reaching into it and
        # hidden formulas are not "typed"; an empty row is skipped.
        if all(_is_empty(sheet, r, c) for c in where.values()):
            continue
        example = _example_row(sheet, r, where, present, r == head_row + 1)
        if example is not None:
            if not example:
                ref = layout.cell_ref(r, first)
                out.add(EXAMPLE_EDITED, sheet.name, ref, sheet.value(r, first), row=r + 1, cell=ref)
            continue
        total = _total_cell(sheet, r, where, present)
        if total is not None:
            c, spec, shown = total
            out.add(spec, sheet.name, layout.cell_ref(r, c), shown, row=r + 1, value=shorten(shown))
            continue
        values, blank, refs = {}, set(), {}
        for column in present:
            c = where[column.key]
            refs[column.key] = layout.cell_ref(r, c)
            value = sheet.value(r, c)
            merge = sheet.merge_of(r, c)
            if merge is not None and merge[0] > head_row:  # not a header spanning two rows
                if column.type == "integer":
                    merged_number(out, sheet, r, c)
                    values[column.key] = None
                    continue
                value = sheet.value(merge[0], merge[1])  # text spans the merged rows
            values[column.key] = check_value(
                out, sheet, r, c, value, column, catalog, communes, unit
            )
            if is_blank(value) and not sheet.has_hidden_value(r, c):
                blank.add(column.key)
        for column in missing:
            values[column.key] = None
        if unit is not None and unit.is_commune:
            values.update({c.key: unit_place(unit) for c in table.columns if c.type == "commune"})
        numbers = {k: v for k, v in values.items() if isinstance(v, int)}
        out.compare(rules, sheet.name, numbers, blank, refs)
        result.append(Row(values, out.file, sheet.name, r + 1, refs))
    return result


def _is_empty(sheet: Sheet, r: int, c: int) -> bool:
    return is_blank(sheet.value(r, c)) and not sheet.has_hidden_value(r, c)


def _total_cell(sheet: Sheet, r: int, where: dict[str, int], present) -> tuple | None:
    """Return (column, rule, text shown) of what makes row r a total row,
    None when it is not one.

    A total row is a cell reading only "Tổng"/"Cộng"/"TC"…, or a number cell whose formula
    adds up other rows of its own column (=SUM(C2:C9), =C2+C3): summed again, it counts twice.
    One reference (=C2, the figure of the row above repeated) is no total.
    """
    for column in present:
        c = where[column.key]
        value = sheet.value(r, c)
        if column.type != "integer" and isinstance(value, str) and fold(value) in _TOTAL_WORDS:
            return c, TOTAL_ROW, cell_text(value)
    for column in present:
        c = where[column.key]
        formula = sheet.formulas.get((r, c))
        if column.type == "integer" and formula:
            letter = layout.column_letter(c)
            refs = _REF.findall(formula.upper())
            if sum(col == letter and int(row) != r + 1 for col, row in refs) >= 2:
                return c, TOTAL_FORMULA, "=" + formula
    return None


def _example_row(
    sheet: Sheet, r: int, where: dict[str, int], present, below_header: bool
) -> bool | None:
    """Return None when row r is no example row; True when it is the blank's untouched
    example row (skipped); False when it starts with "Ví dụ:" but was edited (an error: a
    clerk who typed real figures over it must not have them silently dropped).

    The row just below the header is still the example when the optional column carrying its
    "Ví dụ:" was deleted: every cell left holds the example's own value (two or more declared).
    Elsewhere a row needs the mark: a real case may read like the example."""
    first = min(where.values())
    mark, colon, _ = cell_text(sheet.value(r, first)).partition(":")
    marked = bool(colon) and fold(mark) == fold(msg.EXAMPLE_PREFIX)  # "Ví dụ:", "VI DU :"
    untouched = all(_example_cell(sheet, r, where[column.key], column) for column in present)
    if marked:
        return untouched
    declared = sum(1 for column in present if column.example not in (None, ""))
    return True if below_header and untouched and declared >= 2 else None


def _example_cell(sheet: Sheet, r: int, c: int, column) -> bool:
    """Whether a cell holds what the blank wrote: the column's example, or "Ví dụ: " and it."""
    example = "" if column.example is None else str(column.example)
    shown = fold(cell_text(sheet.value(r, c)))
    typed = shown in (fold(example), fold(msg.EXAMPLE_PREFIX + example))
    return typed and not sheet.has_hidden_value(r, c)
