"""One cell's value checked against its column or indicator: a count, a choice, a place, text."""

import datetime as dt
import re

from reportgen import messages as msg
from reportgen import workbook_layout as layout
from reportgen.checks.collector import Collector
from reportgen.checks.records import Place
from reportgen.checks.rule_table import (
    ABOVE_MAX,
    BELOW_MIN,
    BLANK,
    DATE_FORMATTED,
    FORMULA_ERROR,
    FORMULA_NO_VALUE,
    MERGED_NUMBER,
    NEGATIVE,
    NOT_A_NUMBER,
    NOT_WHOLE,
    NUMBER_AS_TEXT,
    UNKNOWN_CHOICE,
    UNKNOWN_COMMUNE,
    RuleSpec,
)
from reportgen.declared.catalog import Column
from reportgen.declared.units import Commune, Unit
from reportgen.inputs.cell_text import cell_text, is_blank, shorten
from reportgen.inputs.sheets import Sheet
from reportgen.names import fold, name_variants, nfc
from reportgen.vietnamese import number as format_number

# Longer text is no count (and Python refuses to convert a string of over 4,300 digits).
_MAX_NUMBER_CHARS = 30
# A count typed as text, tried in order: its form, and the rule that refuses it (None: it is
# read, with a warning). "19 500" and "1.519" group thousands; "-3", "12,5" are refused.
_COUNT_TEXT = (
    (re.compile(r"\d+|\d{1,3}(?:([. ])\d{3})(?:\1\d{3})*"), None),
    (re.compile(r"-\s*\d+(?:[.,]\d+)?"), NEGATIVE),
    (re.compile(r"\d+,\d+"), NOT_WHOLE),
)

_EXCEL_DAY_ZERO = dt.date(1899, 12, 30)  # serial 0 of Excel's 1900 date system
_EXCEL_LEAP_BUG = dt.date(1900, 3, 1)  # before it Excel counts a 29/02/1900 that never was
# A number up to this shows as a date in 1900-1909: no one reports such a date, so it is a
# count in a cell formatted as a date. A later date may be a date typed in; say both.
_SMALL_SERIAL = 3652


def parse_count(value) -> tuple[int | None, RuleSpec | None, RuleSpec | None]:
    """Read a whole number; return (number, the rule refusing it, the rule warning of it)."""
    if isinstance(value, bool):
        return None, NOT_A_NUMBER, None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return (value, None, None) if value >= 0 else (None, NEGATIVE, None)
    if isinstance(value, float):
        return None, NOT_WHOLE, None
    if isinstance(value, str):
        text = nfc(value).replace("\u00a0", " ")
        for form, refusal in _COUNT_TEXT if len(text) <= _MAX_NUMBER_CHARS else ():
            if form.fullmatch(text):
                if refusal is not None:
                    return None, refusal, None
                return int(re.sub(r"[. ]", "", text)), None, NUMBER_AS_TEXT
    return None, NOT_A_NUMBER, None


def check_count(
    out: Collector, sheet: Sheet, r: int, c: int, required: bool, low, high, column=None
) -> int | None:
    """Read the whole number at (r, c) within [low, high]; column names a row sheet's column."""
    ref = layout.cell_ref(r, c)
    value = sheet.value(r, c)
    if is_blank(value):
        if not hidden_value(out, sheet, r, c) and required:
            out.add(BLANK, sheet.name, ref)
        return None
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        _date_formatted(out, sheet.name, ref, value, low)
        return None
    number, error, warning = parse_count(value)
    low_shown = 0 if low is None else low
    if error:
        out.add(error, sheet.name, ref, value, low=low_shown)
        return None
    if warning:
        out.add(warning, sheet.name, ref, value, number=format_number(number))
    if low is not None and number < low:
        out.add(BELOW_MIN, sheet.name, ref, value, low=low)
        return None
    if high is not None and number > high:
        shown = shorten(cell_text(value))
        if column:
            text = msg.ABOVE_MAX_COLUMN.format(high=format_number(high), value=shown, column=column)
        else:
            text = msg.ABOVE_MAX.format(high=high, value=shown)
        out.add(ABOVE_MAX, sheet.name, ref, value, message=text)
        return None
    return number


def check_value(out: Collector, sheet: Sheet, r, c, value, column: Column, catalog, communes, unit):
    """Return a row sheet's cell as read: a count, a choice, a place or text; None when wrong.

    value is the cell's, or that of the merged range it is in; communes is
    Registry.commune_index of the year, unit the workbook's (None when unclear).
    """
    if column.type == "integer":
        return check_count(out, sheet, r, c, column.required, column.min, column.max, column.header)
    ref = layout.cell_ref(r, c)
    text = cell_text(value)
    if not text:
        if not hidden_value(out, sheet, r, c) and column.required:
            out.add(BLANK, sheet.name, ref, message=msg.BLANK_TEXT)
        return None
    if column.type == "choice":
        choices = catalog.choices(column.choices)
        key = fold(text)
        match = next((c for c in choices if key in (fold(c.label), fold(c.code))), None)
        if match is None:
            allowed = ", ".join(f'"{c.label}"' for c in choices)
            out.add(UNKNOWN_CHOICE, sheet.name, ref, text, allowed=allowed)
        return match
    if column.type == "commune":
        return resolve_place(out, sheet.name, ref, text, communes, unit)
    return text


def resolve_place(out, sheet, ref, text, communes: dict[str, dict[str, Commune]], unit: Unit):
    """Return the place a cell names; communes is Registry.commune_index of the year."""
    if unit is None:
        return None
    own = communes.get(unit.code, {})
    for key in name_variants(text):
        if key in own:
            return Place(own[key].name, own[key].kind, unit)
    if communes:
        out.add(UNKNOWN_COMMUNE, sheet, ref, text, unit=unit.name_in_text)
    return Place(text, "", unit)


def merged_number(out: Collector, sheet: Sheet, r: int, c: int) -> bool:
    """Report a number cell hidden under a merged range; return True when it is one."""
    merge = sheet.merge_of(r, c)
    if merge is None:
        return False
    r0, c0, r1, c1 = merge
    span = f"{layout.cell_ref(r0, c0)}:{layout.cell_ref(r1, c1)}"
    out.add(MERGED_NUMBER, sheet.name, layout.cell_ref(r, c), sheet.value(r0, c0), range=span)
    return True


def hidden_value(out: Collector, sheet: Sheet, r: int, c: int) -> bool:
    """Report an empty-looking cell that holds a formula with no result or an error value."""
    ref = layout.cell_ref(r, c)
    if (r, c) in sheet.errors:
        shown = sheet.errors[(r, c)]
        out.add(FORMULA_ERROR, sheet.name, ref, shown, value=shorten(shown))
        return True
    if (r, c) in sheet.uncalculated:
        out.add(FORMULA_NO_VALUE, sheet.name, ref)
        return True
    return False


def _date_formatted(out: Collector, sheet: str, ref: str, value, low) -> None:
    """Report a date or time where a count belongs, and how to make the cell a number again.

    calamine returns a date for a number in a date-formatted cell (28 shows as 28/01/1900);
    the message names the number the cell most likely holds.
    """
    shown = shorten(cell_text(value) if isinstance(value, dt.date) else str(value))
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
    out.add(DATE_FORMATTED, sheet, ref, shown, message=text)
