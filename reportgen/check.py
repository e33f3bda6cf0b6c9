"""Turn raw workbooks into checked submissions, collecting every problem as a record."""

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from reportgen import layout
from reportgen import messages as msg
from reportgen.catalog import Catalog, Column, Commune, Registry, Table, Unit
from reportgen.load import RawWorkbook
from reportgen.names import fold, name_key, name_variants, nfc
from reportgen.problems import ERROR, WARNING, Problem
from reportgen.vietnamese import number as format_number

# Longer text is no count (and Python refuses to convert a string of over 4,300 digits).
_MAX_NUMBER_CHARS = 30
_GROUPED_INT = re.compile(r"^\d{1,3}(?:([. ])\d{3})(?:\1\d{3})*$")


@dataclass(frozen=True)
class Place:
    """A commune or ward named in a row, resolved against the official list when possible."""

    name: str
    kind: str
    unit: Unit

    @property
    def unit_short(self) -> str:
        """Return the unit's short name, as put in brackets after the place."""
        return self.unit.short


@dataclass(frozen=True)
class Row:
    """One checked row of a row sheet, with where it came from."""

    values: dict
    file: str
    sheet: str
    row: int  # 1-based, as Excel shows it


@dataclass
class Submission:
    """One unit's checked workbook for one year."""

    file: str
    unit: Unit
    year: int
    preparer: str
    prepared_on: str
    indicators: dict[str, int] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[Row]] = field(default_factory=dict)


class _Collector:
    """Problems of one workbook, located in it."""

    def __init__(self, file: str):
        self.file = file
        self.unit = ""
        self.problems: list[Problem] = []

    def add(self, severity, sheet, cell, value, rule, message):
        shown = _text(value)
        self.problems.append(
            Problem(severity, self.file, sheet, cell, shown, rule, message, self.unit)
        )


def _is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value) -> str:
    if _is_blank(value):
        return ""
    if isinstance(value, float):
        return format_number(int(value) if value.is_integer() else value)
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))


def parse_count(value) -> tuple[int | None, str | None, str | None]:
    """Read a whole number; return (number, error rule, warning rule)."""
    if isinstance(value, bool):
        return None, "not_a_number", None
    if isinstance(value, int):
        return (value, None, None) if value >= 0 else (None, "negative", None)
    if isinstance(value, float):
        if not value.is_integer():
            return None, "not_whole", None
        return (int(value), None, None) if value >= 0 else (None, "negative", None)
    if isinstance(value, str):
        text = nfc(value).replace("\u00a0", " ")
        if len(text) > _MAX_NUMBER_CHARS:
            return None, "not_a_number", None
        if re.fullmatch(r"\d+", text):
            return int(text), None, "number_as_text"
        if _GROUPED_INT.match(text):
            return int(re.sub(r"[. ]", "", text)), None, "number_as_text"
        if re.fullmatch(r"-\s*\d+(?:[.,]\d+)?", text):
            return None, "negative", None
        if re.fullmatch(r"\d+,\d+", text):
            return None, "not_whole", None
    return None, "not_a_number", None


def _find_sheet(raw: RawWorkbook, title: str) -> tuple[str, pd.DataFrame] | None:
    wanted = fold(title)
    for name, frame in raw.sheets.items():
        if fold(name) == wanted:
            return name, frame
    return None


def _cells(frame: pd.DataFrame) -> list[list]:
    return frame.to_numpy(dtype=object).tolist()


def _find_header(rows: list[list], headers: list[str]) -> tuple[int, dict[str, int]] | None:
    """Return the header row index and {folded header: column} of the best row."""
    wanted = {fold(h) for h in headers}
    best = None
    for r, row in enumerate(rows[: layout.HEADER_SEARCH_ROWS]):
        found = {}
        for c, value in enumerate(row):
            key = fold(_text(value))
            if key in wanted and key not in found:
                found[key] = c
        if found and (best is None or len(found) > len(best[1])):
            best = (r, found)
    return best


def _check_info(raw, out: _Collector, registry: Registry, year: int):
    found = _find_sheet(raw, layout.INFO_SHEET)
    if found is None:
        out.add(ERROR, layout.INFO_SHEET, "", "", "missing_sheet", msg.MISSING_SHEET)
        return None
    sheet, frame = found
    labels = {fold(label): key for key, label in layout.INFO_FIELDS}
    info = {}
    for r, row in enumerate(_cells(frame)):
        if not row:
            continue
        key = labels.get(fold(_text(row[0])))
        if key and key not in info:
            info[key] = (row[1] if len(row) > 1 else None, layout.cell_ref(r, 1))
    for key, label in layout.INFO_FIELDS:
        if key not in info and key in ("unit_name", "year"):
            out.add(ERROR, sheet, "", "", "missing_field", msg.MISSING_INFO.format(label=label))
    return sheet, info


def _identify_unit(sheet, info, out: _Collector, registry: Registry, year: int) -> Unit | None:
    units = registry.units_for(year)
    code_value, code_cell = info.get("unit_code", (None, ""))
    name_value, name_cell = info.get("unit_name", (None, ""))
    by_code = None
    if not _is_blank(code_value):
        code = _text(code_value)
        by_code = next((u for u in units if u.code == code), None)
    by_name = None
    if not _is_blank(name_value):
        for key in name_variants(_text(name_value)):
            by_name = by_name or next((u for u in units if key in u.keys()), None)
    if by_code and not _is_blank(name_value) and by_name != by_code:
        # A known code with a name of another unit, or of none: a reused or mistyped
        # workbook; crediting the figures to either unit silently would be wrong.
        out.add(
            ERROR,
            sheet,
            name_cell,
            name_value,
            "unit_mismatch",
            msg.UNIT_MISMATCH.format(code=by_code.code, unit=by_code.official_name),
        )
        return None
    unit = by_name or by_code
    if unit is not None:
        return unit
    if _is_blank(name_value) and _is_blank(code_value):
        out.add(ERROR, sheet, name_cell, "", "unit_blank", msg.UNIT_BLANK)
        return None
    typed = _text(name_value) if not _is_blank(name_value) else _text(code_value)
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
    out.add(
        ERROR,
        sheet,
        name_cell if not _is_blank(name_value) else code_cell,
        typed,
        "unit_unknown",
        msg.UNIT_UNKNOWN.format(year=year, value=typed) + hint,
    )
    return None


def _check_indicators(raw, out: _Collector, catalog: Catalog, year: int) -> tuple[dict, dict]:
    values: dict[str, int] = {}
    cells: dict[str, str] = {}
    found = _find_sheet(raw, layout.INDICATOR_SHEET)
    if found is None:
        out.add(ERROR, layout.INDICATOR_SHEET, "", "", "missing_sheet", msg.MISSING_SHEET)
        return values, cells
    sheet, frame = found
    rows = _cells(frame)
    code_h, _label_h, _measure_h, value_h = layout.INDICATOR_HEADERS
    header = _find_header(rows, [code_h, value_h])
    absent = [h for h in (code_h, value_h) if header is None or fold(h) not in header[1]]
    if absent:
        columns = ", ".join(f'"{h}"' for h in absent)
        out.add(ERROR, sheet, "", "", "missing_column", msg.MISSING_COLUMNS.format(columns=columns))
        return values, cells
    head_row, cols = header
    code_col, value_col = cols[fold(code_h)], cols[fold(value_h)]
    wanted = {ind.code: ind for ind in catalog.indicators_for(year)}
    seen: dict[str, str] = {}
    for r in range(head_row + 1, len(rows)):
        row = rows[r]
        code = _text(row[code_col]) if code_col < len(row) else ""
        if not code:
            continue
        raw_value = row[value_col] if value_col < len(row) else None
        ref = layout.cell_ref(r, value_col)
        ind = wanted.get(code) or wanted.get(code.lower())
        if ind is None:
            code_ref = layout.cell_ref(r, code_col)
            out.add(
                WARNING, sheet, code_ref, code, "unknown_code", msg.UNKNOWN_CODE.format(value=code)
            )
            continue
        if ind.code in seen:
            out.add(
                ERROR,
                sheet,
                ref,
                raw_value,
                "duplicate_code",
                msg.DUPLICATE_CODE.format(code=ind.code, cell=seen[ind.code]),
            )
            continue
        seen[ind.code] = ref
        number = _check_count(out, sheet, ref, raw_value, True, ind.min, ind.max)
        if number is not None:
            values[ind.code] = number
            cells[ind.code] = f"{sheet}!{ref}"
    for ind in catalog.indicators_for(year):
        if ind.code not in seen:
            out.add(
                ERROR,
                sheet,
                "",
                "",
                "missing_indicator",
                msg.MISSING_INDICATOR.format(code=ind.code, label=ind.label),
            )
    return values, cells


def _check_count(out, sheet, ref, value, required, low, high) -> int | None:
    if _is_blank(value):
        if required:
            out.add(ERROR, sheet, ref, "", "blank", msg.BLANK_NUMBER)
        return None
    number, error, warning = parse_count(value)
    if error:
        shown = _text(value)
        low = 0 if low is None else low
        out.add(
            ERROR,
            sheet,
            ref,
            value,
            error,
            getattr(msg, error.upper()).format(low=low, value=shown),
        )
        return None
    if warning:
        out.add(
            WARNING,
            sheet,
            ref,
            value,
            warning,
            msg.NUMBER_AS_TEXT.format(number=format_number(number), value=_text(value)),
        )
    if low is not None and number < low:
        out.add(
            ERROR, sheet, ref, value, "below_min", msg.BELOW_MIN.format(low=low, value=_text(value))
        )
        return None
    if high is not None and number > high:
        out.add(
            ERROR,
            sheet,
            ref,
            value,
            "above_max",
            msg.ABOVE_MAX.format(high=high, value=_text(value)),
        )
        return None
    return number


def _check_table(raw, out: _Collector, table: Table, catalog: Catalog, communes, unit):
    found = _find_sheet(raw, table.sheet)
    if found is None:
        out.add(ERROR, table.sheet, "", "", "missing_sheet", msg.MISSING_SHEET)
        return []
    sheet, frame = found
    rows = _cells(frame)
    header = _find_header(rows, [c.header for c in table.columns])
    cols = header[1] if header else {}
    missing = [c for c in table.columns if fold(c.header) not in cols]
    if header is None or any(c.required for c in missing):
        names = ", ".join(f'"{c.header}"' for c in missing)
        out.add(ERROR, sheet, "", "", "missing_column", msg.MISSING_COLUMNS.format(columns=names))
        return []
    head_row = header[0]
    result = []
    for r in range(head_row + 1, len(rows)):
        row = rows[r]
        cells = {
            c.key: (row[cols[fold(c.header)]] if c not in missing else None) for c in table.columns
        }
        if all(_is_blank(v) for v in cells.values()):
            continue
        values = {}
        for column in table.columns:
            ref = layout.cell_ref(r, cols[fold(column.header)]) if column not in missing else ""
            values[column.key] = _check_value(
                out, sheet, ref, cells[column.key], column, catalog, communes, unit
            )
        result.append(Row(values, out.file, sheet, r + 1))
    return result


def _check_value(out, sheet, ref, value, column: Column, catalog, communes, unit):
    if column.type == "integer":
        return _check_count(out, sheet, ref, value, column.required, column.min, None)
    text = _text(value)
    if not text:
        if column.required:
            out.add(ERROR, sheet, ref, "", "blank", msg.BLANK_TEXT)
        return None
    if column.type == "choice":
        choices = catalog.choices(column.choices)
        key = fold(text)
        match = next((c for c in choices if key in (fold(c.label), fold(c.code))), None)
        if match is None:
            allowed = ", ".join(f'"{c.label}"' for c in choices)
            out.add(
                ERROR,
                sheet,
                ref,
                text,
                "unknown_choice",
                msg.UNKNOWN_CHOICE.format(allowed=allowed, value=text),
            )
        return match
    if column.type == "commune":
        return _resolve_place(out, sheet, ref, text, communes, unit)
    return text


def _resolve_place(out, sheet, ref, text, communes: tuple[Commune, ...], unit: Unit | None):
    if unit is None:
        return None
    own = {fold(c.name): c for c in communes if c.unit_code == unit.code}
    for key in name_variants(text):
        if key in own:
            return Place(own[key].name, own[key].kind, unit)
    if communes:
        out.add(
            WARNING,
            sheet,
            ref,
            text,
            "unknown_commune",
            msg.UNKNOWN_COMMUNE.format(unit=unit.name_in_text, value=text),
        )
    return Place(text, "", unit)


def check_workbook(raw: RawWorkbook, catalog: Catalog, registry: Registry, year: int):
    """Check one workbook; return (unit or None, Submission or None, problems)."""
    out = _Collector(raw.file)
    unit = None
    info_found = _check_info(raw, out, registry, year)
    info: dict = {}
    if info_found is not None:
        sheet, info = info_found
        unit = _identify_unit(sheet, info, out, registry, year)
        if unit is not None:
            out.unit = unit.code
            out.problems = [
                Problem(p.severity, p.file, p.sheet, p.cell, p.value, p.rule, p.message, unit.code)
                for p in out.problems
            ]
        year_value, year_cell = info.get("year", (None, ""))
        if "year" in info:
            typed, error, _ = parse_count(year_value)
            if _is_blank(year_value):
                out.add(ERROR, sheet, year_cell, "", "blank", msg.YEAR_BLANK.format(year=year))
            elif error or typed != year:
                out.add(
                    ERROR,
                    sheet,
                    year_cell,
                    year_value,
                    "year_mismatch",
                    msg.YEAR_MISMATCH.format(year=year, value=_text(year_value)),
                )
    indicators, cells = _check_indicators(raw, out, catalog, year)
    communes = registry.communes_for(year)
    rows = {t.key: _check_table(raw, out, t, catalog, communes, unit) for t in catalog.tables}
    if unit is None or any(p.is_error for p in out.problems):
        return unit, None, out.problems
    preparer = _text(info.get("preparer", (None, ""))[0])
    prepared_on = _text(info.get("prepared_on", (None, ""))[0])
    submission = Submission(raw.file, unit, year, preparer, prepared_on, indicators, cells, rows)
    return unit, submission, out.problems


def check_completeness(
    units_by_file: list[tuple[str, Unit]], registry: Registry, year: int, folder: str
) -> list[Problem]:
    """Report duplicate workbooks for one unit and expected units with no workbook."""
    problems = []
    first: dict[str, str] = {}
    for file, unit in units_by_file:
        if unit.code in first:
            problems.append(
                Problem(
                    ERROR,
                    file,
                    layout.INFO_SHEET,
                    "",
                    unit.official_name,
                    "duplicate_unit",
                    msg.DUPLICATE_UNIT.format(unit=unit.official_name, other=first[unit.code]),
                    unit.code,
                )
            )
        else:
            first[unit.code] = file
    for unit in registry.units_for(year):
        if unit.code not in first:
            problems.append(
                Problem(
                    ERROR,
                    "",
                    "",
                    "",
                    "",
                    "missing_unit",
                    msg.MISSING_UNIT.format(unit=unit.official_name, folder=folder),
                    unit.code,
                )
            )
    return problems
