"""Vietnamese number, date and list formatting for templates (Babel's CLDR data underneath).

Each function is registered as a Jinja filter under the name in FILTERS.
"""

import datetime as dt
from collections.abc import Iterable

from babel.numbers import format_decimal, format_percent

LOCALE = "vi"


def number(value) -> str:
    """Format a number the Vietnamese way: 1519 -> "1.519", 12.5 -> "12,5"."""
    if isinstance(value, int) and not isinstance(value, bool):
        # Exact at any size: Babel's decimal context fails from 10^25 (a mistyped count).
        return f"{value:,}".replace(",", ".")
    return format_decimal(value, locale=LOCALE)


def padded(value: int, width: int = 2) -> str:
    """Zero-pad a small count as these reports do: 3 -> "03"; 12 -> "12"; 1519 -> "1.519"."""
    if 0 <= value < 10 ** (width - 1):
        return str(value).zfill(width)
    return number(value)


def percent(value: float, decimals: int = 0) -> str:
    """Format a ratio as a percentage: 0.25 -> "25%"; 0.125 with decimals=1 -> "12,5%"."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(value, format=pattern, locale=LOCALE)


def short_date(value: dt.date) -> str:
    """Format a date as "02/12/2018"."""
    return value.strftime("%d/%m/%Y")


def long_date(value: dt.date) -> str:
    """Format a date as Nghị định 30/2020 writes it: "ngày 02 tháng 12 năm 2018".

    The day is padded below 10; the month is padded only for 1 and 2.
    """
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def join_vi(items: Iterable, sep: str = ", ", last: str = " và ") -> str:
    """Join a list the Vietnamese way: ["A", "B", "C"] -> "A, B và C"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return sep.join(items[:-1]) + last + items[-1]


_PLACE_KINDS = ("xã", "phường", "thị trấn")


def place_kind(places) -> str:
    """Name the kind shared by several places: "xã"; "xã, phường" when they are mixed."""
    kinds = set()
    for place in places:
        kinds |= {place.kind} if place.kind in _PLACE_KINDS else {"xã", "phường"}
    return ", ".join(k for k in _PLACE_KINDS if k in kinds)


FILTERS = {
    "number": number,
    "padded": padded,
    "percent": percent,
    "short_date": short_date,
    "long_date": long_date,
    "join_vi": join_vi,
    "place_kind": place_kind,
}
