"""The "Thông tin" sheet: which unit sent the workbook, for which year and period, and who."""

import difflib
from dataclasses import replace

from reportgen import messages as msg
from reportgen import workbook_layout as layout
from reportgen.checks.cells import parse_count
from reportgen.checks.collector import Collector
from reportgen.checks.rule_table import (
    BLANK,
    MISSING_FIELD,
    PERIOD_MISMATCH,
    UNIT_BLANK,
    UNIT_MISMATCH,
    UNIT_UNKNOWN,
    YEAR_MISMATCH,
)
from reportgen.declared.catalog import Catalog
from reportgen.declared.periods import ANNUAL, Period
from reportgen.declared.units import Registry, Unit
from reportgen.inputs.cell_text import cell_text, is_blank, shorten
from reportgen.inputs.read import RawWorkbook
from reportgen.inputs.sheets import find_sheet
from reportgen.names import fold, mentions, name_key, name_variants, names_a_district

_REQUIRED = ("unit_name", "year")  # the rows of layout.INFO_FIELDS a workbook cannot lack


def check_info(
    raw: RawWorkbook,
    out: Collector,
    catalog: Catalog,
    registry: Registry,
    year: int,
    period: Period | None,
) -> tuple[Unit | None, str, str]:
    """Return the workbook's unit (None when unclear), preparer and date prepared.

    Once the unit is known, the problems found so far and after are that unit's.
    """
    sheet = find_sheet(raw, layout.INFO_SHEET, out, catalog)
    if sheet is None:
        return None, "", ""
    labels = {fold(label): key for key, label in (*layout.INFO_FIELDS, layout.PERIOD_FIELD)}
    info = {}
    for r, row in enumerate(sheet.rows):
        key = labels.get(fold(cell_text(row[0]))) if row else None
        if key and key not in info:
            info[key] = (sheet.value(r, 1), layout.cell_ref(r, 1))
    for key, label in layout.INFO_FIELDS:
        if key not in info and key in _REQUIRED:
            out.add(MISSING_FIELD, sheet.name, label=label)
    unit = _identify_unit(sheet.name, info, out, registry, year)
    if unit is not None:
        out.unit = unit.code
        out.problems = [replace(p, unit=unit.code) for p in out.problems]
    if "year" in info:
        _check_year(sheet.name, *info["year"], out, year)
    _check_period(sheet.name, info, out, period)
    preparer = cell_text(info.get("preparer", (None, ""))[0])
    return unit, preparer, cell_text(info.get("prepared_on", (None, ""))[0])


def _check_year(sheet: str, value, cell: str, out: Collector, year: int) -> None:
    """Report a report year left blank or other than the folder's."""
    typed, error, _ = parse_count(value)
    if is_blank(value):
        out.add(BLANK, sheet, cell, message=msg.YEAR_BLANK.format(year=year))
    elif error or typed != year:
        out.add(YEAR_MISMATCH, sheet, cell, value, year=year)


def _identify_unit(sheet, info, out: Collector, registry: Registry, year: int) -> Unit | None:
    """Return the unit the sheet names by its code and name; None, reported, when unclear."""
    units = registry.units_for(year)
    units_by_code, units_by_key = registry.unit_index(year)
    code_value, code_cell = info.get("unit_code", (None, ""))
    name_value, name_cell = info.get("unit_name", (None, ""))
    by_code = None
    if not is_blank(code_value):
        by_code = units_by_code.get(cell_text(code_value))
    by_name = None
    if not is_blank(name_value):
        for key in name_variants(cell_text(name_value)):
            by_name = by_name or units_by_key.get(key)
        if by_name and by_name.is_commune and names_a_district(cell_text(name_value)):
            by_name = None  # an old district's workbook is not the new commune of that name
    if by_code and by_name is None and not is_blank(name_value):
        # "BCĐ 138 huyện Vũ Thư", "Phòng Tư pháp Vũ Thư" with Vũ Thư's code: the committee or
        # office of that unit writing its own name (data-format.md §3.3), not another unit.
        if mentions(cell_text(name_value), by_code.kind, by_code.name) is not None:
            by_name = by_code
    if by_code and not is_blank(name_value) and by_name != by_code:
        # A known code with a name of another unit, or of none: a reused or mistyped
        # workbook; crediting the figures to either unit silently would be wrong.
        unit = by_code.name_in_text
        out.add(UNIT_MISMATCH, sheet, name_cell, name_value, code=by_code.code, unit=unit)
        return None
    unit = by_name or by_code
    if unit is not None:
        return unit
    if is_blank(name_value) and is_blank(code_value):
        out.add(UNIT_BLANK, sheet, name_cell)
        return None
    typed = cell_text(name_value) if not is_blank(name_value) else cell_text(code_value)
    unknown = msg.UNIT_UNKNOWN.format(year=year, value=shorten(typed))
    if not is_blank(name_value):
        said = {u.code: mentions(typed, u.kind, u.name) for u in units}
        with_kind = [u for u in units if said[u.code] == "kind"]
        if len(with_kind) == 1:  # "BCĐ 138 huyện Vũ Thư": the unit, named with its kind
            return with_kind[0]
        bare = [u for u in units if said[u.code] == "bare"]
        if len(bare) == 1:  # "BCĐ 138 Vũ Thư": most likely that unit, but ask
            hint = msg.DID_YOU_MEAN.format(name=bare[0].official_name)
            out.add(UNIT_UNKNOWN, sheet, name_cell, typed, message=unknown + hint)
            return None
    names = {u.official_name: u for u in units}
    close = difflib.get_close_matches(
        name_key(typed), [name_key(n) for n in names], n=1, cutoff=0.6
    )
    hint = ""
    if close:
        match = next(n for n in names if name_key(n) == close[0])
        unit = names[match]
        # As the article writes it ("Tiền Hải"), unless that form is not a name ("Thành phố").
        hint = msg.DID_YOU_MEAN.format(
            name=unit.name if unit.short == unit.name else unit.official_name
        )
    cell = name_cell if not is_blank(name_value) else code_cell
    out.add(UNIT_UNKNOWN, sheet, cell, typed, message=unknown + hint)
    return None


def _check_period(sheet: str, info: dict, out: Collector, period: Period | None) -> None:
    """Say when a workbook is of another period than its folder's.

    A period's blank workbook says its period ("Kỳ báo cáo"); a year's says none, so that the
    workbooks of years before periods existed still check clean. The name or the code counts.
    """
    annual = period is None or period.annual
    if "period" not in info:
        if not annual:
            text = msg.PERIOD_ROW_MISSING.format(
                period=period.name, label=layout.PERIOD_FIELD[1], code=period.code
            )
            out.add(PERIOD_MISMATCH, sheet, "", "", message=text)
        return
    value, cell = info["period"]
    typed = fold(cell_text(value))
    if annual:
        accepted = {ANNUAL, "ca nam", "nam"}
        wanted = msg.PERIOD_ANNUAL_NAME
    else:
        bare = period.name.replace(str(period.year), "")
        accepted = {fold(period.name), fold(period.code), fold(bare)}
        wanted = period.name
    if typed not in accepted:
        out.add(PERIOD_MISMATCH, sheet, cell, value, period=wanted)
