"""Turn raw workbooks into checked submissions, collecting every problem as a record."""

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass, field, replace

from reportgen import messages as msg
from reportgen import workbook_layout as layout
from reportgen.checks import rule_table as pr
from reportgen.checks.cross_field import evaluate
from reportgen.checks.rule_table import RULES, RuleSpec, problem, spec_of
from reportgen.declared.catalog import Catalog, Column, Commune, Registry, Table, Unit
from reportgen.declared.periods import ANNUAL, Period
from reportgen.fact_table import Fact, indicator_facts, row_facts
from reportgen.inputs.legacy_encoding import TCVN3, detect
from reportgen.inputs.load import RawWorkbook
from reportgen.names import fold, mentions, name_key, name_variants, names_a_district, nfc
from reportgen.problems import WARNING, Problem
from reportgen.vietnamese import number as format_number
from reportgen.visible import strip_controls, visible

MAX_CELL_CHARS = 32_767  # Excel's own limit of a cell's text; longer text is an error
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

    @property
    def is_unit(self) -> bool:
        """Return True when the place is the reporting unit itself (a commune-level unit)."""
        return self.unit.is_commune

    @property
    def name_in_text(self) -> str:
        """Return the place as written inside a sentence: "xã Vũ Quý", or the bare name."""
        return f"{self.kind} {self.name}" if self.kind else self.name


def unit_place(unit: Unit) -> Place:
    """Return a commune-level unit as the place of everything it reports: it has no communes
    below it, so its rows happened in it."""
    return Place(unit.name, unit.kind, unit)


@dataclass(frozen=True)
class Row:
    """One checked row of a row sheet, with where it came from."""

    values: dict
    file: str
    sheet: str
    row: int  # 1-based, as Excel shows it
    cells: dict = field(default_factory=dict)  # column key -> A1 reference


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
    # every number above as a record with its cell (reportgen/fact_table.py): what the report sums
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class WorkbookCheck:
    """Everything checking one workbook found, for the report and the completeness table."""

    file: str
    unit: Unit | None
    submission: Submission | None
    problems: list[Problem]
    preparer: str = ""
    prepared_on: str = ""
    # A blank workbook left unfilled (the template as written): not a submission, never a
    # duplicate; its unit is still to send its file.
    blank: bool = False
    # The indicator figures that could be read from a workbook with errors: compared with the
    # year before in the same run, so that a unit hears of a jump together with its errors.
    read_facts: tuple[Fact, ...] = ()

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Return the figures read, one record each; none when the workbook has errors."""
        return self.submission.facts if self.submission else ()


@dataclass
class _Sheet:
    """The cells of one sheet as the checker reads them, with what the values do not show."""

    name: str
    rows: list[list]
    merged: tuple = ()
    uncalculated: frozenset = frozenset()
    errors: dict = field(default_factory=dict)
    formulas: dict = field(default_factory=dict)  # (r, c) -> formula text, .xlsx only

    def value(self, r: int, c: int):
        """Return the value at a 0-based position, None outside the sheet's data."""
        row = self.rows[r] if r < len(self.rows) else []
        return row[c] if c < len(row) else None

    def merge_of(self, r: int, c: int) -> tuple[int, int, int, int] | None:
        """Return the merged range that covers a cell other than its first, if any."""
        for r0, c0, r1, c1 in self.merged:
            if r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0):
                return r0, c0, r1, c1
        return None

    def has_hidden_value(self, r: int, c: int) -> bool:
        """Return True when an empty-looking cell holds a formula or an error value."""
        return (r, c) in self.uncalculated or (r, c) in self.errors


class _Collector:
    """Problems of one workbook, located in it."""

    def __init__(self, file: str):
        self.file = file
        self.unit = ""
        self.problems: list[Problem] = []

    def add(self, spec: RuleSpec, sheet: str, cell: str = "", value="", /, message=None, **fill):
        """Add a problem of `spec` at a cell; `fill` fills its message, unless one is given."""
        shown = _short(_text(value), _VALUE_CHARS)
        self.problems.append(
            problem(spec, file=self.file, sheet=sheet, cell=cell, value=shown, unit=self.unit,
                    message=message, fill=fill)
        )  # fmt: skip


# A cell's text is quoted whole up to these lengths, in a message and in the "value" column.
_QUOTE_CHARS = 60
_VALUE_CHARS = 300


def _short(text: str, limit: int = _QUOTE_CHARS) -> str:
    """Return text cut to at most `limit` characters, with "…" where it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value) -> str:
    if _is_blank(value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows it
    if isinstance(value, float):  # as a cell in General format shows it: 2000000, 2,5
        return str(int(value)) if value.is_integer() else format_number(value)
    if isinstance(value, dt.date):  # datetime too: a date typed with a time
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


def _known_sheets(catalog: Catalog) -> set[str]:
    """Return the folded names of every sheet a blank workbook has."""
    names = (layout.INSTRUCTIONS_SHEET, layout.INFO_SHEET, layout.INDICATOR_SHEET)
    return {fold(n) for n in (*names, layout.LISTS_SHEET, *(t.sheet for t in catalog.tables))}


def _missing_sheet(raw: RawWorkbook, title: str, out: "_Collector", catalog: Catalog) -> None:
    """Report a sheet not found; name the sheet it was most likely renamed to, if any.

    A clerk cannot run the tool: the message says to rename the sheet back, or to ask the
    province for a new blank. Only a sheet that is none of the blank's own is a candidate.
    """
    wanted = fold(title)
    known = _known_sheets(catalog)
    best, score = None, 0.0
    for name in raw.sheets:
        key = fold(_unlegacy(name))
        if key in known:
            continue
        if key.replace(" ", "") == wanted.replace(" ", "") or key.startswith(wanted + " "):
            ratio = 1.0  # "ChiTieu", "Ấn phẩm 2026"
        else:
            ratio = difflib.SequenceMatcher(None, key, wanted).ratio()
        if ratio > score:
            best, score = name, ratio
    if best is not None and score >= _NEAR_SHEET_RATIO:
        text = msg.NEAR_SHEET.format(name=_short(visible(best)), title=title)
        out.add(pr.NEAR_SHEET, title, "", visible(best), message=text)
    else:
        out.add(pr.MISSING_SHEET, title)


_NEAR_SHEET_RATIO = 0.75  # "Hoat dong" ~ "Hoạt đông" (0.89); "Hoạt động" ~ "Hướng dẫn" (0.44)


def _open_sheet(raw: RawWorkbook, title: str, out: "_Collector") -> _Sheet | None:
    """Find a sheet by its folded name and read its cells, converting legacy-encoded text."""
    wanted = fold(title)
    names = [name for name in raw.sheets if wanted in (fold(name), fold(_unlegacy(name)))]
    if not names:
        return None
    if len(names) > 1:
        second = visible(names[1])
        out.add(pr.DUPLICATE_SHEET, second, first=visible(names[0]), second=second)
    name = names[0]
    info = raw.cell_info
    sheet = _Sheet(
        visible(name),  # a sheet name is typed too: shown escaped, never acted on
        [list(row) for row in raw.sheets[name]],
        info.merged.get(name, ()),
        info.uncalculated.get(name, frozenset()),
        info.errors.get(name, {}),
        info.formulas.get(name, {}),
    )
    # Rows of formulas with no saved value may be missing from the values: make room for them.
    hidden = set(sheet.uncalculated) | set(sheet.errors)
    if hidden:
        height = max(r for r, _ in hidden) + 1
        sheet.rows += [[] for _ in range(height - len(sheet.rows))]
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                value = row[c] = _clean_cell(value, sheet.name, r, c, out)
            if isinstance(value, str) and (found := detect(value)):
                encoding, text = found
                spec = pr.LEGACY_TCVN3 if encoding == TCVN3 else pr.LEGACY_VNI
                out.add(spec, name, layout.cell_ref(r, c), value, text=_short(text))
                row[c] = text
    return sheet


def _clean_cell(value: str, sheet: str, r: int, c: int, out: "_Collector") -> str:
    """Return a cell's text within Excel's length and without control characters.

    Longer text is an error (Excel itself cannot hold it; its end is dropped), controls a
    warning: they draw nothing, yet move a terminal's cursor, reorder a line or break XML.
    """
    if len(value) > MAX_CELL_CHARS:
        out.add(
            pr.TEXT_TOO_LONG,
            sheet,
            layout.cell_ref(r, c),
            value[:_VALUE_CHARS],
            length=format_number(len(value)),
            limit=format_number(MAX_CELL_CHARS),
        )
        value = value[:MAX_CELL_CHARS]
    clean, removed = strip_controls(value)
    if removed:
        out.add(
            pr.CONTROL_CHARS,
            sheet,
            layout.cell_ref(r, c),
            clean,
            count=removed,
            text=_short(_text(clean)),
        )
    return clean


def _unlegacy(text: str) -> str:
    """Return text in Unicode when it was typed in TCVN3 or VNI (a sheet name, say)."""
    found = detect(text)
    return found[1] if found else text


def _find_header(
    sheet: _Sheet, headers: list[str], out: "_Collector"
) -> tuple[int, dict[str, int]] | None:
    """Return the header row index and {folded header: column} of the best row.

    A header found twice in that row is an error: which column holds the values is unclear.
    """
    wanted = {fold(h): h for h in headers}
    best = None
    for r, row in enumerate(sheet.rows[: layout.HEADER_SEARCH_ROWS]):
        found, twice = {}, []
        for c, value in enumerate(row):
            key = fold(_text(value))
            if key in wanted:
                if key in found:
                    twice.append((key, c))
                else:
                    found[key] = c
        if found and (best is None or len(found) > len(best[1])):
            best = (r, found, twice)
    if best is None:
        return None
    r, found, twice = best
    for key, c in twice:
        out.add(
            pr.DUPLICATE_COLUMN,
            sheet.name,
            layout.cell_ref(r, c),
            sheet.value(r, c),
            header=wanted[key],
            first=layout.cell_ref(r, found[key]),
        )
    return r, found


def _check_info(raw, out: _Collector, catalog: Catalog):
    sheet = _open_sheet(raw, layout.INFO_SHEET, out)
    if sheet is None:
        _missing_sheet(raw, layout.INFO_SHEET, out, catalog)
        return None
    labels = {fold(label): key for key, label in (*layout.INFO_FIELDS, layout.PERIOD_FIELD)}
    info = {}
    for r, row in enumerate(sheet.rows):
        if not row:
            continue
        key = labels.get(fold(_text(row[0])))
        if key and key not in info:
            info[key] = (sheet.value(r, 1), layout.cell_ref(r, 1))
    for key, label in layout.INFO_FIELDS:
        if key not in info and key in ("unit_name", "year"):
            out.add(pr.MISSING_FIELD, sheet.name, label=label)
    return sheet.name, info


def _identify_unit(sheet, info, out: _Collector, registry: Registry, year: int) -> Unit | None:
    units = registry.units_for(year)
    units_by_code, units_by_key = registry.unit_index(year)
    code_value, code_cell = info.get("unit_code", (None, ""))
    name_value, name_cell = info.get("unit_name", (None, ""))
    by_code = None
    if not _is_blank(code_value):
        by_code = units_by_code.get(_text(code_value))
    by_name = None
    if not _is_blank(name_value):
        for key in name_variants(_text(name_value)):
            by_name = by_name or units_by_key.get(key)
        if by_name and by_name.is_commune and names_a_district(_text(name_value)):
            by_name = None  # an old district's workbook is not the new commune of that name
    if by_code and by_name is None and not _is_blank(name_value):
        # "BCĐ 138 huyện Vũ Thư", "Phòng Tư pháp Vũ Thư" with Vũ Thư's code: the committee or
        # office of that unit writing its own name (data-format.md §3.3), not another unit.
        if mentions(_text(name_value), by_code.kind, by_code.name) is not None:
            by_name = by_code
    if by_code and not _is_blank(name_value) and by_name != by_code:
        # A known code with a name of another unit, or of none: a reused or mistyped
        # workbook; crediting the figures to either unit silently would be wrong.
        out.add(
            pr.UNIT_MISMATCH,
            sheet,
            name_cell,
            name_value,
            code=by_code.code,
            unit=by_code.name_in_text,
        )
        return None
    unit = by_name or by_code
    if unit is not None:
        return unit
    if _is_blank(name_value) and _is_blank(code_value):
        out.add(pr.UNIT_BLANK, sheet, name_cell)
        return None
    typed = _text(name_value) if not _is_blank(name_value) else _text(code_value)
    if not _is_blank(name_value):
        said = {u.code: mentions(typed, u.kind, u.name) for u in units}
        with_kind = [u for u in units if said[u.code] == "kind"]
        if len(with_kind) == 1:  # "BCĐ 138 huyện Vũ Thư": the unit, named with its kind
            return with_kind[0]
        bare = [u for u in units if said[u.code] == "bare"]
        if len(bare) == 1:  # "BCĐ 138 Vũ Thư": most likely that unit, but ask
            unit = bare[0]
            out.add(
                pr.UNIT_UNKNOWN,
                sheet,
                name_cell,
                typed,
                message=msg.UNIT_UNKNOWN.format(year=year, value=_short(typed))
                + msg.DID_YOU_MEAN.format(name=unit.official_name),
            )
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
    out.add(
        pr.UNIT_UNKNOWN,
        sheet,
        name_cell if not _is_blank(name_value) else code_cell,
        typed,
        message=msg.UNIT_UNKNOWN.format(year=year, value=_short(typed)) + hint,
    )
    return None


def _check_indicators(raw, out: _Collector, catalog: Catalog, year: int, period: str = ANNUAL):
    """Return (sheet name, {code: number}, {code: "sheet!A1"}, codes left blank, {code: A1}).

    The sheet name is the one in the workbook (its own case, legacy encoding), when found.
    """
    values: dict[str, int] = {}
    cells: dict[str, str] = {}
    refs: dict[str, str] = {}
    blank: set[str] = set()
    sheet = _open_sheet(raw, layout.INDICATOR_SHEET, out)
    if sheet is None:
        _missing_sheet(raw, layout.INDICATOR_SHEET, out, catalog)
        return layout.INDICATOR_SHEET, values, cells, blank, refs
    code_h, _label_h, _measure_h, value_h = layout.INDICATOR_HEADERS
    header = _find_header(sheet, [code_h, value_h], out)
    absent = [h for h in (code_h, value_h) if header is None or fold(h) not in header[1]]
    if absent:
        columns = ", ".join(f'"{h}"' for h in absent)
        out.add(pr.MISSING_COLUMN, sheet.name, columns=columns)
        return sheet.name, values, cells, blank, refs
    head_row, cols = header
    code_col, value_col = cols[fold(code_h)], cols[fold(value_h)]
    wanted = {ind.code: ind for ind in catalog.indicators_for(year, period)}
    seen: dict[str, str] = {}
    for r in range(head_row + 1, len(sheet.rows)):
        code = _text(sheet.value(r, code_col))
        raw_value = sheet.value(r, value_col)
        if not code:
            # A row inserted with a figure and no code: the figure belongs to no indicator.
            if not _is_blank(raw_value) or sheet.has_hidden_value(r, value_col):
                out.add(
                    pr.VALUE_WITHOUT_CODE,
                    sheet.name,
                    layout.cell_ref(r, value_col),
                    raw_value,
                    row=r + 1,
                    value=_short(_text(raw_value)),
                )
            continue
        ref = layout.cell_ref(r, value_col)
        ind = wanted.get(code) or wanted.get(code.lower())
        if ind is None:
            code_ref = layout.cell_ref(r, code_col)
            out.add(pr.UNKNOWN_CODE, sheet.name, code_ref, code, value=_short(code))
            continue
        if ind.code in seen:
            out.add(
                pr.DUPLICATE_CODE, sheet.name, ref, raw_value, code=ind.code, cell=seen[ind.code]
            )
            continue
        seen[ind.code] = ref
        refs[ind.code] = ref
        if _merged_number(out, sheet, r, value_col):
            continue
        number = _check_count(out, sheet, r, value_col, raw_value, True, ind.min, ind.max)
        if number is not None:
            values[ind.code] = number
            cells[ind.code] = f"{sheet.name}!{ref}"
        elif _is_blank(raw_value) and not sheet.has_hidden_value(r, value_col):
            blank.add(ind.code)
    for ind in catalog.indicators_for(year, period):
        if ind.code not in seen:
            out.add(pr.MISSING_INDICATOR, sheet.name, code=ind.code, label=ind.label)
    return sheet.name, values, cells, blank, refs


def _merged_number(out, sheet: _Sheet, r: int, c: int) -> bool:
    """Report a number cell hidden under a merged range; return True when it is one."""
    merge = sheet.merge_of(r, c)
    if merge is None:
        return False
    r0, c0, r1, c1 = merge
    span = f"{layout.cell_ref(r0, c0)}:{layout.cell_ref(r1, c1)}"
    out.add(pr.MERGED_NUMBER, sheet.name, layout.cell_ref(r, c), sheet.value(r0, c0), range=span)
    return True


def _hidden_value(out, sheet: _Sheet, r: int, c: int) -> bool:
    """Report an empty-looking cell that holds a formula with no result or an error value."""
    ref = layout.cell_ref(r, c)
    if (r, c) in sheet.errors:
        shown = sheet.errors[(r, c)]
        out.add(pr.FORMULA_ERROR, sheet.name, ref, shown, value=_short(shown))
        return True
    if (r, c) in sheet.uncalculated:
        out.add(pr.FORMULA_NO_VALUE, sheet.name, ref)
        return True
    return False


def _check_count(out, sheet: _Sheet, r, c, value, required, low, high, column=None) -> int | None:
    """Read a whole number within [low, high]; column, when given, is the row sheet's column."""
    ref = layout.cell_ref(r, c)
    if _is_blank(value):
        if _hidden_value(out, sheet, r, c):
            return None
        if required:
            out.add(pr.BLANK, sheet.name, ref)
        return None
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        _date_formatted(out, sheet.name, ref, value, low)
        return None
    number, error, warning = parse_count(value)
    if error:
        shown = _text(value)
        low = 0 if low is None else low
        out.add(RULES[error], sheet.name, ref, value, low=low, value=_short(shown))
        return None
    if warning:
        out.add(
            RULES[warning],
            sheet.name,
            ref,
            value,
            number=format_number(number),
            value=_short(_text(value)),
        )
    if low is not None and number < low:
        out.add(pr.BELOW_MIN, sheet.name, ref, value, low=low, value=_short(_text(value)))
        return None
    if high is not None and number > high:
        shown = _short(_text(value))
        out.add(
            pr.ABOVE_MAX,
            sheet.name,
            ref,
            value,
            message=msg.ABOVE_MAX_COLUMN.format(
                high=format_number(high), value=shown, column=column
            )
            if column
            else msg.ABOVE_MAX.format(high=high, value=shown),
        )
        return None
    return number


_EXCEL_DAY_ZERO = dt.date(1899, 12, 30)  # serial 0 of Excel's 1900 date system
_EXCEL_LEAP_BUG = dt.date(1900, 3, 1)  # before it Excel counts a 29/02/1900 that never was
# A number up to this shows as a date in 1900-1909: no one reports such a date, so it is a
# count in a cell formatted as a date. A later date may be a date typed in; say both.
_SMALL_SERIAL = 3652


def _date_formatted(out, sheet: str, ref: str, value, low) -> None:
    """Report a date or time where a count belongs, and how to make the cell a number again.

    calamine returns a date for a number in a date-formatted cell (28 shows as 28/01/1900);
    the message names the number the cell most likely holds.
    """
    shown = _short(_text(value) if isinstance(value, dt.date) else str(value))
    if isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        serial = (day - _EXCEL_DAY_ZERO).days - (day < _EXCEL_LEAP_BUG)
        whole = not isinstance(value, dt.datetime) or value.time() == dt.time()
        if whole and 0 <= serial <= _SMALL_SERIAL:
            text = msg.DATE_FORMATTED_NUMBER.format(value=shown, number=format_number(serial))
        else:
            text = msg.DATE_NOT_NUMBER.format(value=shown, low=0 if low is None else low)
    else:
        text = msg.TIME_FORMATTED_NUMBER.format(value=shown)
    out.add(pr.DATE_FORMATTED, sheet, ref, shown, message=text)


# What a clerk writes in a total row, folded ("Tổng cộng:", "TỔNG SỐ", "T.C").
_TOTAL_WORDS = frozenset({"tong", "tong cong", "tong so", "cong", "tc", "t.c", "t.c."})
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


def _total_cell(sheet: _Sheet, r: int, where: dict[str, int], present) -> tuple | None:
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
            return c, pr.TOTAL_ROW, _text(value)
    for column in present:
        c = where[column.key]
        formula = sheet.formulas.get((r, c))
        if column.type == "integer" and formula:
            letter = layout.column_letter(c)
            refs = _REF.findall(formula.upper())
            if sum(col == letter and int(row) != r + 1 for col, row in refs) >= 2:
                return c, pr.TOTAL_FORMULA, "=" + formula
    return None


def _example_row(sheet: _Sheet, r: int, where: dict[str, int], present) -> bool | None:
    """Return None when row r is no example row; True when it is the blank's untouched
    example row (skipped); False when it starts with "Ví dụ:" but was edited (an error: a
    clerk who typed real figures over it must not have them silently dropped)."""
    first = min(where.values())
    text = _text(sheet.value(r, first))
    mark, colon, _ = text.partition(":")
    if not colon or fold(mark) != fold(msg.EXAMPLE_PREFIX):  # "Ví dụ:", "VI DU :", "ví  dụ:"
        return None
    for column in present:
        c = where[column.key]
        example = "" if column.example is None else str(column.example)
        if c == first:
            example = msg.EXAMPLE_PREFIX + example
        if fold(_text(sheet.value(r, c))) != fold(example) or sheet.has_hidden_value(r, c):
            return False
    return True


def _check_table(raw, out: _Collector, table: Table, catalog: Catalog, communes, unit):
    sheet = _open_sheet(raw, table.sheet, out)
    if sheet is None:
        _missing_sheet(raw, table.sheet, out, catalog)
        return []
    header = _find_header(sheet, [c.header for c in table.columns], out)
    cols = header[1] if header else {}
    missing = [c for c in table.columns if fold(c.header) not in cols]
    if header is None or any(c.required for c in missing):
        # The columns it must have: an optional one (a commune-level unit has no commune column)
        # named here would send the clerk to add it.
        names = ", ".join(f'"{c.header}"' for c in [c for c in missing if c.required] or missing)
        out.add(pr.MISSING_COLUMN, sheet.name, columns=names)
        return []
    head_row = header[0]
    present = [c for c in table.columns if c not in missing]
    rules = [rule for rule in catalog.rules if rule.table == table.key]
    where = {c.key: cols[fold(c.header)] for c in present}  # column of each key
    result = []
    for r in range(head_row + 1, len(sheet.rows)):
        # A row is empty when nothing is typed in it: merged ranges reaching into it and
        # hidden formulas are not "typed"; an empty row is skipped.
        if all(
            _is_blank(sheet.value(r, i)) and not sheet.has_hidden_value(r, i)
            for i in where.values()
        ):
            continue
        example = _example_row(sheet, r, where, present)
        if example is not None:
            if not example:
                first = layout.cell_ref(r, min(where.values()))
                value = sheet.value(r, min(where.values()))
                out.add(pr.EXAMPLE_EDITED, sheet.name, first, value, row=r + 1, cell=first)
            continue
        total = _total_cell(sheet, r, where, present)
        if total is not None:
            c, spec, shown = total
            out.add(spec, sheet.name, layout.cell_ref(r, c), shown, row=r + 1, value=_short(shown))
            continue
        values, blank, refs = {}, set(), {}
        for column in present:
            c = where[column.key]
            refs[column.key] = layout.cell_ref(r, c)
            value = sheet.value(r, c)
            merge = sheet.merge_of(r, c)
            if merge is not None and merge[0] > head_row:  # not a header spanning two rows
                if column.type == "integer":
                    _merged_number(out, sheet, r, c)
                    values[column.key] = None
                    continue
                value = sheet.value(merge[0], merge[1])  # text spans the merged rows
            values[column.key] = _check_value(
                out, sheet, r, c, value, column, catalog, communes, unit
            )
            if _is_blank(value) and not sheet.has_hidden_value(r, c):
                blank.add(column.key)
        for column in missing:
            values[column.key] = None
        if unit is not None and unit.is_commune:
            values.update({c.key: unit_place(unit) for c in table.columns if c.type == "commune"})
        numbers = {k: v for k, v in values.items() if isinstance(v, int)}
        for rule in rules:
            problem = evaluate(rule, numbers, blank, refs, (out.file, sheet.name, out.unit))
            if problem is not None:
                out.problems.append(problem)
        result.append(Row(values, out.file, sheet.name, r + 1, refs))
    return result


def _check_value(out, sheet: _Sheet, r, c, value, column: Column, catalog, communes, unit):
    if column.type == "integer":
        return _check_count(
            out, sheet, r, c, value, column.required, column.min, column.max, column.header
        )
    ref = layout.cell_ref(r, c)
    text = _text(value)
    if not text:
        if _hidden_value(out, sheet, r, c):
            return None
        if column.required:
            out.add(pr.BLANK, sheet.name, ref, message=msg.BLANK_TEXT)
        return None
    if column.type == "choice":
        choices = catalog.choices(column.choices)
        key = fold(text)
        match = next((c for c in choices if key in (fold(c.label), fold(c.code))), None)
        if match is None:
            allowed = ", ".join(f'"{c.label}"' for c in choices)
            out.add(pr.UNKNOWN_CHOICE, sheet.name, ref, text, allowed=allowed, value=_short(text))
        return match
    if column.type == "commune":
        return _resolve_place(out, sheet.name, ref, text, communes, unit)
    return text


def _resolve_place(out, sheet, ref, text, communes: dict[str, dict[str, Commune]], unit):
    """Return the place a cell names; communes is Registry.commune_index of the year."""
    if unit is None:
        return None
    own = communes.get(unit.code, {})
    for key in name_variants(text):
        if key in own:
            return Place(own[key].name, own[key].kind, unit)
    if communes:
        out.add(pr.UNKNOWN_COMMUNE, sheet, ref, text, unit=unit.name_in_text, value=_short(text))
    return Place(text, "", unit)


def inspect_workbook(
    raw: RawWorkbook, catalog: Catalog, registry: Registry, year: int, period: Period | None = None
) -> WorkbookCheck:
    """Check one workbook; return its unit, submission (None on error), problems and preparer.

    period: the report period of the folder it is in (None: the whole year).
    """
    code = period.code if period is not None else ANNUAL
    out = _Collector(raw.file)
    unit = None
    info_found = _check_info(raw, out, catalog)
    info: dict = {}
    if info_found is not None:
        sheet, info = info_found
        unit = _identify_unit(sheet, info, out, registry, year)
        if unit is not None:
            out.unit = unit.code
            out.problems = [replace(p, unit=unit.code) for p in out.problems]
        year_value, year_cell = info.get("year", (None, ""))
        if "year" in info:
            typed, error, _ = parse_count(year_value)
            if _is_blank(year_value):
                out.add(pr.BLANK, sheet, year_cell, message=msg.YEAR_BLANK.format(year=year))
            elif error or typed != year:
                shown = _short(_text(year_value))
                out.add(pr.YEAR_MISMATCH, sheet, year_cell, year_value, year=year, value=shown)
        _check_period(sheet, info, out, period)
    sheet_name, indicators, cells, blank, refs = _check_indicators(raw, out, catalog, year, code)
    for rule in catalog.rules:
        if not rule.table:
            problem = evaluate(rule, indicators, blank, refs, (out.file, sheet_name, out.unit))
            if problem is not None:
                out.problems.append(problem)
    communes = registry.commune_index(year)
    tables = catalog.tables_for(year)  # a column added later is not asked of older years
    rows = {t.key: _check_table(raw, out, t, catalog, communes, unit) for t in tables}
    preparer = _text(info.get("preparer", (None, ""))[0])
    prepared_on = _text(info.get("prepared_on", (None, ""))[0])
    if unit is not None and _nothing_filled(refs, blank, rows, out.problems):
        note = pr.problem(pr.BLANK_TEMPLATE, file=raw.file, unit=unit.code)
        return WorkbookCheck(raw.file, unit, None, [note], preparer, prepared_on, blank=True)
    if unit is None or any(p.is_error for p in out.problems):
        read = tuple(indicator_facts(year, unit.code, raw.file, indicators, cells)) if unit else ()
        return WorkbookCheck(
            raw.file, unit, None, out.problems, preparer, prepared_on, read_facts=read
        )
    facts = (
        *indicator_facts(year, unit.code, raw.file, indicators, cells, code),
        *row_facts(year, unit.code, catalog.tables, rows, code),
    )
    submission = Submission(
        raw.file, unit, year, preparer, prepared_on, indicators, cells, rows, facts
    )
    return WorkbookCheck(raw.file, unit, submission, out.problems, preparer, prepared_on)


def _check_period(sheet: str, info: dict, out: _Collector, period: Period | None) -> None:
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
            out.add(pr.PERIOD_MISMATCH, sheet, "", "", message=text)
        return
    value, cell = info["period"]
    typed = fold(_text(value))
    if annual:
        accepted = {ANNUAL, "ca nam", "nam"}
        wanted = msg.PERIOD_ANNUAL_NAME
    else:
        bare = period.name.replace(str(period.year), "")
        accepted = {fold(period.name), fold(period.code), fold(bare)}
        wanted = period.name
    if typed not in accepted:
        out.add(pr.PERIOD_MISMATCH, sheet, cell, value, value=_short(_text(value)), period=wanted)


# What an unfilled blank shows: every indicator value left empty, so "chưa nhập" errors only.
_UNFILLED_RULES = frozenset({pr.BLANK})


def _nothing_filled(refs: dict, blank: set, rows: dict, problems: list[Problem]) -> bool:
    """Return True for a workbook in which nothing was typed: a blank, not a submission.

    Decided from the content, not from the mark the template sets (workbook.BLANK_MARK):
    the mark stays when a clerk fills the file, and blanks of older versions have none.
    Every indicator found is empty, no row sheet has a row, and nothing else is wrong
    (a damaged or reworked file keeps its own problems).
    """
    return (
        bool(refs)
        and blank == set(refs)
        and not any(rows.values())
        and all(spec_of(p) in _UNFILLED_RULES for p in problems)
    )


@dataclass(frozen=True)
class Completeness:
    """Which workbooks each expected unit sent, computed once: for the check and its report."""

    checks: dict[str, tuple[WorkbookCheck, ...]]  # unit code -> its workbooks, in file order
    missing: tuple[Unit, ...]  # expected units with no workbook, in the registry's order
    duplicated: frozenset[str]  # codes of the units with more than one workbook
    problems: tuple[Problem, ...]


def check_completeness(
    checks: list[WorkbookCheck],
    registry: Registry,
    year: int,
    folder: str,
    allow_missing: bool = False,
) -> Completeness:
    """Report duplicate workbooks for one unit and expected units with no workbook.

    With allow_missing, a unit with no workbook is a warning, not an error.
    """
    problems = []
    by_unit: dict[str, list[WorkbookCheck]] = {}
    for check in checks:
        if check.unit is None or check.blank:  # a blank left in the folder is no submission
            continue
        unit = check.unit
        sent = by_unit.setdefault(unit.code, [])
        if sent:
            problems.append(
                problem(
                    pr.DUPLICATE_UNIT,
                    file=check.file,
                    sheet=layout.INFO_SHEET,
                    value=unit.official_name,
                    unit=unit.code,
                    fill={"unit": unit.name_in_text, "other": sent[0].file},
                )
            )
        sent.append(check)
    missing = tuple(u for u in registry.units_for(year) if u.code not in by_unit)
    for unit in missing:
        problems.append(
            problem(
                pr.MISSING_UNIT,
                unit=unit.code,
                severity=WARNING if allow_missing else None,
                fill={"unit": unit.name_in_text, "folder": folder},
            )
        )
    return Completeness(
        {code: tuple(sent) for code, sent in by_unit.items()},
        missing,
        frozenset(code for code, sent in by_unit.items() if len(sent) > 1),
        tuple(problems),
    )
