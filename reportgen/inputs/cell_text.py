"""A cell's value as a clerk sees it typed: blank or not, its text, and its text quoted short."""

import datetime as dt
import math

from reportgen.names import nfc
from reportgen.vietnamese import number as format_number

# A cell's text is quoted whole up to these lengths, in a message and in the "value" column.
QUOTE_CHARS = 60
VALUE_CHARS = 300


def is_blank(value) -> bool:
    """Return True for a cell with nothing typed in it: None, NaN or white space only."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def cell_text(value) -> str:
    """Return a cell's value as Excel shows it: "" when blank, NFC text otherwise."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows it
    if isinstance(value, float):  # as a cell in General format shows it: 2000000, 2,5
        return str(int(value)) if value.is_integer() else format_number(value)
    if isinstance(value, dt.date):  # datetime too: a date typed with a time
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """Return text cut to at most `limit` characters, with "…" where it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
